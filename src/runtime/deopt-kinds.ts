// Facts about deopt events that more than one consumer needs.
import type { DeoptEvent } from './model.js';

/** Not actionable: V8 leaves optimized code on purpose to enter OSR code. */
export function isOsrDeopt(d: DeoptEvent): boolean {
  // "prepare for on stack replacement (OSR)" (Turbofan), "exit from OSR'd inner loop" (Maglev).
  return d.reason.startsWith('prepare for on stack replacement') || d.reason.startsWith("exit from OSR'd");
}
