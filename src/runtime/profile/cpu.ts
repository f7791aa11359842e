// `.cpuprofile` → per-function sample counts. Read from the bytes (JsonBytes): a long
// profile is mostly its samples and timeDeltas arrays, kept as Int32Arrays here, never as
// a string of the file or an array of boxed numbers.
import { JsonBytes } from './json-bytes.js';
import type { CpuFunction, CpuProfile } from '../model.js';

/** V8's pseudo-functions: where a sample was not in a script's code. */
const GC = '(garbage collector)';
const IDLE = '(idle)';
const PROGRAM = '(program)';
const ROOT = '(root)';

interface ProfileNode {
  /** Index into the function table (-1: V8's pseudo-functions and the root). */
  fn: number;
  children: number[];
  positionTicks?: Array<{ line: number; ticks: number }>;
  hitCount: number;
  pseudo?: string;
}

export class ProfileFormatError extends Error {
  override name = 'ProfileFormatError';
}

function isObject(v: unknown): v is Record<string, unknown> {
  return !!v && typeof v === 'object' && !Array.isArray(v);
}

export function parseCpuProfile(buf: Uint8Array, file: string): CpuProfile {
  const r = new JsonBytes(buf);
  const nodes = new Map<number, ProfileNode>();
  const fnIndex = new Map<string, number>();
  const functions: CpuFunction[] = [];
  // Samples per node id, counted as they are read (the sample stream itself is not kept).
  let counts = new Int32Array(1 << 16);
  const farIds = new Map<number, number>();
  let sampleCount = 0;
  const countSample = (id: number) => {
    sampleCount++;
    if (id >= 0 && id < 1 << 26) {
      if (id >= counts.length) {
        const next = new Int32Array(Math.max(id + 1, counts.length * 2));
        next.set(counts);
        counts = next;
      }
      counts[id]!++;
    } else farIds.set(id, (farIds.get(id) ?? 0) + 1);
  };
  let startTime: number | undefined;
  let endTime: number | undefined;
  let sawNodes = false;
  let root: number | undefined;

  const fnOf = (frame: Record<string, unknown>): { fn: number; pseudo?: string } => {
    const name = typeof frame['functionName'] === 'string' ? frame['functionName'] : '';
    const url = typeof frame['url'] === 'string' ? frame['url'] : '';
    if (!url && (name === GC || name === IDLE || name === PROGRAM || name === ROOT)) return { fn: -1, pseudo: name };
    const line = Number(frame['lineNumber'] ?? -1) + 1;
    const column = Number(frame['columnNumber'] ?? -1) + 1;
    // Scripts without a URL are told apart by id (eval code).
    const script = url || (frame['scriptId'] !== undefined && frame['scriptId'] !== '0' ? `<script ${String(frame['scriptId'])}>` : '');
    const key = `${script}\u0000${name}\u0000${line}\u0000${column}`;
    let i = fnIndex.get(key);
    if (i === undefined) {
      i = functions.length;
      fnIndex.set(key, i);
      functions.push({ name, script, line, column, self: 0, total: 0 });
    }
    return { fn: i };
  };

  r.object((key) => {
    if (key === 'nodes') {
      sawNodes = true;
      r.array(() => {
        const n = r.value();
        if (!isObject(n) || typeof n['id'] !== 'number' || !isObject(n['callFrame'])) throw new ProfileFormatError('a node without id or callFrame');
        const { fn, pseudo } = fnOf(n['callFrame']);
        const node: ProfileNode = {
          fn,
          children: Array.isArray(n['children']) ? (n['children'] as unknown[]).filter((c): c is number => typeof c === 'number') : [],
          hitCount: typeof n['hitCount'] === 'number' ? n['hitCount'] : 0,
          ...(pseudo ? { pseudo } : {}),
        };
        if (Array.isArray(n['positionTicks'])) {
          node.positionTicks = (n['positionTicks'] as unknown[]).filter(
            (t): t is { line: number; ticks: number } => isObject(t) && typeof t['line'] === 'number' && typeof t['ticks'] === 'number',
          );
        }
        if (root === undefined) root = n['id'];
        nodes.set(n['id'], node);
      });
    } else if (key === 'samples') r.ints(countSample); else if (key === 'startTime') startTime = r.number();
    else if (key === 'endTime') endTime = r.number();
    else if (key === 'timeDeltas') {
      // Not needed: shares are of samples. Read past without keeping them.
      r.ints(() => {});
    } else r.value();
  });
  r.end();
  if (!sawNodes || root === undefined) throw new ProfileFormatError('no nodes (not a CPU profile)');

  // Samples per node: from `samples` (the sampled stacks), else each node's hitCount.
  const hits = new Map<number, number>();
  let total = 0;
  if (sampleCount) {
    for (const id of nodes.keys()) {
      const n = id >= 0 && id < counts.length ? counts[id]! : farIds.get(id) ?? 0;
      if (n) hits.set(id, n);
    }
    total = sampleCount;
  } else {
    for (const [id, n] of nodes) if (n.hitCount) hits.set(id, n.hitCount), (total += n.hitCount);
  }

  let gcSamples = 0;
  let idleSamples = 0;
  let programSamples = 0;
  // Depth-first from the root, without recursion (stacks can be thousands deep): a node's
  // samples count toward its function's total once, however often it recurs above.
  const active = new Int32Array(functions.length);
  const subtree = new Map<number, number>();
  type Frame = { id: number; child: number; sum: number };
  const stack: Frame[] = [{ id: root, child: 0, sum: hits.get(root) ?? 0 }];
  const seen = new Set<number>([root]);
  const enter = (id: number) => {
    const n = nodes.get(id)!;
    if (n.fn >= 0) active[n.fn]!++;
  };
  enter(root);
  while (stack.length) {
    const top = stack[stack.length - 1]!;
    const node = nodes.get(top.id)!;
    if (top.child < node.children.length) {
      const c = node.children[top.child++]!;
      if (!nodes.has(c) || seen.has(c)) continue;
      seen.add(c);
      enter(c);
      stack.push({ id: c, child: 0, sum: hits.get(c) ?? 0 });
      continue;
    }
    stack.pop();
    const self = hits.get(top.id) ?? 0;
    subtree.set(top.id, top.sum);
    if (stack.length) stack[stack.length - 1]!.sum += top.sum;
    if (node.fn >= 0) {
      const f = functions[node.fn]!;
      f.self += self;
      if (--active[node.fn]! === 0) f.total += top.sum;
      if (node.positionTicks?.length) {
        const lines = (f.lines ??= new Map());
        for (const t of node.positionTicks) lines.set(t.line, (lines.get(t.line) ?? 0) + t.ticks);
      }
    } else if (node.pseudo === GC) gcSamples += self;
    else if (node.pseudo === IDLE) idleSamples += self;
    else if (node.pseudo === PROGRAM) programSamples += self;
  }

  const durationMs = startTime !== undefined && endTime !== undefined && endTime >= startTime ? (endTime - startTime) / 1000 : 0;
  return { file, samples: total, durationMs, functions: functions.filter((f) => f.total > 0), gcSamples, idleSamples, programSamples };
}
