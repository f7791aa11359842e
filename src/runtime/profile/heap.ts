// `.heapprofile` (V8's sampling heap profiler, as `jitlint record` or DevTools writes it) →
// bytes allocated per function. The tree is walked without recursion: it is as deep as the
// deepest allocating stack.
import { JsonBytes } from './json-bytes.js';
import type { AllocatingFunction, AllocationProfile } from '../model.js';
import { ProfileFormatError } from './cpu.js';

const PSEUDO = new Set(['(root)', '(V8 API)', '(BYTECODE_COMPILER)', '(GC)', '(IDLE)', '(PARSER)', '(COMPILER)', '(EXTERNAL)', '(program)']);

function isObject(v: unknown): v is Record<string, unknown> {
  return !!v && typeof v === 'object' && !Array.isArray(v);
}

export function parseHeapProfile(buf: Uint8Array, file: string): AllocationProfile {
  const r = new JsonBytes(buf);
  let head: unknown;
  r.object((key) => {
    if (key === 'head') head = r.value();
    // samples (one per sampled object) are not needed: each node carries its selfSize.
    else if (key === 'samples') r.array(() => void r.value());
    else r.value();
  });
  r.end();
  if (!isObject(head) || !isObject(head['callFrame'])) throw new ProfileFormatError('no head node (not a heap profile)');

  const index = new Map<string, number>();
  const functions: AllocatingFunction[] = [];
  let bytes = 0;
  const stack: unknown[] = [head];
  while (stack.length) {
    const n = stack.pop();
    if (!isObject(n)) continue;
    const frame = isObject(n['callFrame']) ? n['callFrame'] : {};
    const size = typeof n['selfSize'] === 'number' && n['selfSize'] > 0 ? n['selfSize'] : 0;
    if (Array.isArray(n['children'])) for (const c of n['children'] as unknown[]) stack.push(c);
    if (!size) continue;
    bytes += size;
    const name = typeof frame['functionName'] === 'string' ? frame['functionName'] : '';
    const script = typeof frame['url'] === 'string' ? frame['url'] : '';
    if (!script && PSEUDO.has(name)) continue;
    const line = Number(frame['lineNumber'] ?? -1) + 1;
    const column = Number(frame['columnNumber'] ?? -1) + 1;
    const key = `${script}\u0000${name}\u0000${line}\u0000${column}`;
    let i = index.get(key);
    if (i === undefined) {
      index.set(key, (i = functions.length));
      functions.push({ name, script, line, column, bytes: 0 });
    }
    functions[i]!.bytes += size;
  }
  return { file, bytes, functions };
}
