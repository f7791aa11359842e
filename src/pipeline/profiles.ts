// CPU and allocation profiles, placed at project functions: the runtime.profile,
// runtime.allocations and runtime.gc sections, and the hotness of each finding (its
// function's share of the samples, of its line, and the bytes it allocated). Attached here,
// by the pipeline, never by rules.
import type { Finding } from '../model.js';
import type { AllocationsSection, Decision, GcSection, ProfileSection } from '../report/model.js';
import type { ProfiledFunctionId, RuntimeModel } from '../runtime/model.js';
import { isUnmapped, type SiteResolver } from '../sites/index.js';

/** A project function and what the profiles saw of it. */
export interface FunctionHeat {
  name: string;
  file: string;
  line: number;
  column: number;
  self: number;
  total: number;
  bytes: number;
  /** Self samples by report line. */
  lines: Map<number, number>;
}

export interface ProfileIndex {
  /** Samples of all CPU profiles (0: none given). */
  samples: number;
  /** Bytes of all allocation profiles (0: none given). */
  bytes: number;
  gcSamples: number;
  /** By "file:start" of the function (start -1: the file's top-level code). */
  functions: Map<string, FunctionHeat>;
  /** Profile functions that map to no project file (node internals, node_modules, ...). */
  unmapped: number;
}

const round2 = (n: number) => Math.round(n * 100) / 100;
export const percentOf = (part: number, whole: number) => (whole > 0 ? round2((part * 100) / whole) : 0);

export function profileIndex(model: RuntimeModel, resolver: SiteResolver): ProfileIndex {
  const index: ProfileIndex = { samples: 0, bytes: 0, gcSamples: 0, functions: new Map(), unmapped: 0 };
  const placed = new Map<string, FunctionHeat | null>();
  const heat = (f: ProfiledFunctionId): FunctionHeat | undefined => {
    const k = `${f.script}\u0000${f.line}\u0000${f.column}\u0000${f.name}`;
    if (!placed.has(k)) {
      let h: FunctionHeat | null = null;
      if (f.script && f.line >= 1 && f.column >= 1) {
        const r = resolver.functionAt(f.script, f.line, f.column);
        if (!isUnmapped(r)) {
          const key = `${r.file}:${r.start}`;
          h = index.functions.get(key) ?? null;
          if (!h) {
            h = { name: r.start < 0 ? '(top level)' : r.name || f.name || '(anonymous)', file: r.file, line: r.at.line, column: r.at.column, self: 0, total: 0, bytes: 0, lines: new Map() };
            index.functions.set(key, h);
          }
        }
      }
      placed.set(k, h);
    }
    return placed.get(k) ?? undefined;
  };

  for (const p of model.cpuProfiles) {
    index.samples += p.samples;
    index.gcSamples += p.gcSamples;
    for (const f of p.functions) {
      const h = heat(f);
      if (!h) {
        index.unmapped++;
        continue;
      }
      h.self += f.self;
      // Two V8 functions can map to one source function (two builds, two processes): their
      // totals add up; within one profile they are distinct functions.
      h.total += f.total;
      if (f.lines) {
        for (const [line, ticks] of f.lines) {
          const r = resolver.resolve(f.script, line, 1);
          const at = isUnmapped(r) ? line : r.at.line;
          h.lines.set(at, (h.lines.get(at) ?? 0) + ticks);
        }
      }
    }
  }
  for (const p of model.allocationProfiles) {
    index.bytes += p.bytes;
    for (const f of p.functions) {
      const h = heat(f);
      if (h) h.bytes += f.bytes;
      else index.unmapped++;
    }
  }
  return index;
}

const byPos = (a: FunctionHeat, b: FunctionHeat) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column;

export function profileSection(model: RuntimeModel, index: ProfileIndex): ProfileSection | undefined {
  if (!model.cpuProfiles.length) return undefined;
  const fns = [...index.functions.values()].filter((h) => h.total > 0);
  fns.sort((a, b) => b.self - a.self || b.total - a.total || byPos(a, b));
  return {
    samples: index.samples,
    durationMs: round2(model.cpuProfiles.reduce((s, p) => s + p.durationMs, 0)),
    functions: fns.map((h) => ({ name: h.name, file: h.file, line: h.line, column: h.column, selfPercent: percentOf(h.self, index.samples), totalPercent: percentOf(h.total, index.samples) })),
    gcPercent: percentOf(index.gcSamples, index.samples),
  };
}

export function allocationsSection(model: RuntimeModel, index: ProfileIndex): AllocationsSection | undefined {
  if (!model.allocationProfiles.length) return undefined;
  const fns = [...index.functions.values()].filter((h) => h.bytes > 0);
  fns.sort((a, b) => b.bytes - a.bytes || byPos(a, b));
  return {
    bytes: index.bytes,
    functions: fns.map((h) => ({ name: h.name, file: h.file, line: h.line, column: h.column, bytes: h.bytes, percent: percentOf(h.bytes, index.bytes) })),
  };
}

/** The leak sign: at least four full collections, each leaving more heap than the one before, 20% more in all. */
export function heapKeepsGrowing(after: readonly number[]): boolean {
  if (after.length < 4) return false;
  for (let i = 1; i < after.length; i++) if (after[i]! <= after[i - 1]!) return false;
  return after[after.length - 1]! >= after[0]! * 1.2;
}

export function gcSection(model: RuntimeModel, index: ProfileIndex): GcSection | undefined {
  if (!model.gc.size) return undefined;
  const kinds = new Map<string, { count: number; pauseMs: number }>();
  let growing: GcSection['growing'];
  for (const iso of model.gc.values()) {
    for (const [kind, k] of iso.kinds) {
      const t = kinds.get(kind) ?? { count: 0, pauseMs: 0 };
      t.count += k.count;
      t.pauseMs += k.pauseMs;
      kinds.set(kind, t);
    }
    if (!growing && heapKeepsGrowing(iso.fullHeapAfterMB)) growing = { isolate: iso.id, fullHeapAfterMB: iso.fullHeapAfterMB };
  }
  const list = [...kinds].map(([kind, k]) => ({ kind, count: k.count, pauseMs: round2(k.pauseMs) })).sort((a, b) => b.count - a.count || a.kind.localeCompare(b.kind));
  return {
    kinds: list,
    collections: list.reduce((s, k) => s + k.count, 0),
    pauseMs: round2(list.reduce((s, k) => s + k.pauseMs, 0)),
    ...(index.samples ? { gcPercent: percentOf(index.gcSamples, index.samples) } : {}),
    ...(growing ? { growing } : {}),
  };
}

/** The profiled function that runs a finding's code, if the profiles saw it. */
export function heatOf(f: Pick<Finding, 'file' | 'line' | 'column'>, index: ProfileIndex, resolver: SiteResolver): FunctionHeat | undefined {
  const fn = resolver.functionOf(f.file, f.line, f.column);
  return fn ? index.functions.get(`${f.file}:${fn.start}`) : undefined;
}

/**
 * Findings with `hotness` and `allocated` from their function. `allAllocations` false: the
 * allocation profile kept only live objects, so its bytes are shown but confirm nothing.
 */
export function attachHotness(findings: readonly Finding[], index: ProfileIndex, resolver: SiteResolver, allAllocations = true): Finding[] {
  if (!index.samples && !index.bytes) return [...findings];
  return findings.map((f) => {
    const h = heatOf(f, index, resolver);
    if (!h) return f;
    const out: Finding = { ...f };
    if (index.samples && h.total > 0) {
      const line = h.lines.get(f.line);
      out.hotness = {
        function: h.name,
        selfPercent: percentOf(h.self, index.samples),
        totalPercent: percentOf(h.total, index.samples),
        ...(line ? { linePercent: percentOf(line, index.samples) } : {}),
      };
    }
    if (index.bytes && h.bytes > 0) out.allocated = { bytes: h.bytes, percent: percentOf(h.bytes, index.bytes), ...(allAllocations ? {} : { liveOnly: true }) };
    return out;
  });
}

/** Decisions with the CPU share of the function they were made in (the SARIF decisions run keeps the hottest). */
export function decisionsWithHotness(decisions: readonly Decision[], index: ProfileIndex, resolver: SiteResolver): Decision[] {
  if (!index.samples) return [...decisions];
  return decisions.map((d) => {
    if (d.hotness) return d;
    const h = heatOf(d, index, resolver);
    if (!h || h.total <= 0) return d;
    return { ...d, hotness: { function: h.name, selfPercent: percentOf(h.self, index.samples), totalPercent: percentOf(h.total, index.samples) } };
  });
}
