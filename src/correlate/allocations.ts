// Allocation rules (closure-in-loop, accumulating-spread, string-concat-in-loop, ...) confirmed
// by the allocation profile: the finding's function allocated heavily in the recorded run.
// "Heavily": at least HEAVY_PERCENT of all the bytes the sampling heap profiler saw, and at
// least HEAVY_BYTES (a sampled function under that is a few samples of 32 KB and proves little).
import type { Finding } from '../model.js';
import { stepLevel } from '../analyze/message.js';

export const HEAVY_PERCENT = 10;
export const HEAVY_BYTES = 1024 * 1024;

export function formatBytes(n: number): string {
  if (n >= 1024 * 1024 * 1024) return `${(n / 1024 / 1024 / 1024).toFixed(1)} GB`;
  if (n >= 1024 * 1024) return `${(n / 1024 / 1024).toFixed(1)} MB`;
  if (n >= 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${n} B`;
}

/** Raises and marks confirmed the allocation findings whose function allocated heavily. */
export function confirmByAllocations(findings: readonly Finding[]): Finding[] {
  return findings.map((f) => {
    const a = f.allocated;
    if (f.confirmed || !a || a.liveOnly || !f.confirm?.by.includes('allocation')) return f;
    if (a.percent < HEAVY_PERCENT || a.bytes < HEAVY_BYTES) return f;
    const who = f.hotness?.function ?? (f.functionName || 'its function');
    const message = `${who} allocated ${formatBytes(a.bytes)} (${a.percent}% of the bytes sampled in the run)`;
    return {
      ...f,
      level: stepLevel(f.level, 1),
      confirmed: true,
      message: `${f.message} Confirmed by the allocation profile of a recorded run: ${message}.`,
      evidence: [...(f.evidence ?? []), { kind: 'allocation' as const, message, bytes: a.bytes }],
    };
  });
}
