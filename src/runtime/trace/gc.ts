// --trace-gc lines (Node 18-26), e.g.
//   [4123:0x6b1e000]       52 ms: Scavenge 4.1 (5.2) -> 3.8 (6.2) MB, 0.52 / 0.00 ms  (average mu = ...) allocation failure;
//   [4123:0x6b1e000]      310 ms: Mark-Compact 40.1 (52.0) -> 30.2 (50.9) MB, pooled: 0.0 MB, 8.1 / 0.0 ms  (...) testing; ...
// Node 24+ adds "pooled: N MB," and some kinds carry a parenthesized detail ("Scavenge (interleaved)").
import type { GcIsolate, RuntimeModel } from '../model.js';

const GC_LINE = /^\[(\d+):(0x[0-9a-fA-F]+)\]\s+\d+ ms: ([A-Z][A-Za-z -]*?)(?: \([a-z ]+\))? ([\d.]+) \(([\d.]+)\) -> ([\d.]+) \(([\d.]+)\) MB, (?:pooled: [\d.]+ MB, )?([\d.]+) \/ ([\d.]+) ms/;

/** Full collections: what is left after them is the live heap. */
export function isFullGc(kind: string): boolean {
  return kind === 'Mark-Compact' || kind === 'Mark-sweep';
}

export function isGcLine(line: string): boolean {
  return GC_LINE.test(line);
}

/** Adds a GC line to the model; false when the line is not one. */
export function addGcLine(model: RuntimeModel, line: string): boolean {
  const m = GC_LINE.exec(line);
  if (!m) return false;
  const id = `${m[1]}:${m[2]!.toLowerCase()}`;
  let iso = model.gc.get(id);
  if (!iso) model.gc.set(id, (iso = { id, pid: Number(m[1]), kinds: new Map(), fullHeapAfterMB: [] } satisfies GcIsolate));
  const kind = m[3]!.trim();
  const k = iso.kinds.get(kind) ?? { count: 0, pauseMs: 0 };
  k.count++;
  k.pauseMs += Number(m[8]);
  iso.kinds.set(kind, k);
  if (isFullGc(kind)) iso.fullHeapAfterMB.push(Number(m[6]));
  return true;
}
