// The hottest project functions with V8's view of each (for `jitlint top`): shares and bytes
// from the profiles, the tiers it went through, its deopts and what was inlined into it, from
// the same run's trace text and v8.log. A profile function is joined to V8's function by its
// start position, else (trace text knows functions by name only) by a name no other has.
import type { RuntimeModel, RuntimeFunction } from '../runtime/model.js';
import { isUnmapped, type SiteResolver } from '../sites/index.js';
import { percentOf, type ProfileIndex } from './profiles.js';

export interface HotFunction {
  name: string;
  file: string;
  line: number;
  column: number;
  selfPercent: number;
  totalPercent: number;
  bytes: number;
  allocatedPercent: number;
  /** e.g. ["interpreted", "Turbofan (OSR)", "deopt", "Turbofan"]; empty when V8 logged nothing of it. */
  tiers: string[];
  deopts: Array<{ reason: string; kind: string; count: number; line?: number }>;
  /** Functions V8 inlined into it (any tier), by name. */
  inlined: string[];
}

const TIER: Record<string, string> = { turbofan: 'Turbofan', maglev: 'Maglev' };

function history(fn: RuntimeFunction): string[] {
  const out = ['interpreted'];
  for (const t of fn.timeline) {
    if (t.kind === 'optimized') out.push(`${TIER[t.tier] ?? t.tier}${t.osr ? ' (OSR)' : ''}`);
    else if (t.kind === 'deoptimized') out.push('deopt');
  }
  // Repeats in a row (a trace and a log of the same run both say it) are one step.
  return out.filter((s, i) => s !== out[i - 1]);
}

export function hotFunctions(model: RuntimeModel, index: ProfileIndex, resolver: SiteResolver): HotFunction[] {
  // V8's functions by the project function they are (file:start), and by name.
  const byKey = new Map<string, RuntimeFunction>();
  const byName = new Map<string, RuntimeFunction[]>();
  for (const fn of model.functions.values()) {
    if (fn.position) {
      const r = resolver.functionAt(fn.position.script, fn.position.line, fn.position.column);
      if (!isUnmapped(r)) byKey.set(`${r.file}:${r.start}`, fn);
    }
    if (fn.name) byName.set(fn.name, [...(byName.get(fn.name) ?? []), fn]);
  }
  const out: HotFunction[] = [];
  for (const [key, h] of index.functions) {
    if (!h.total && !h.bytes) continue;
    const named = byName.get(h.name);
    const fn = byKey.get(key) ?? (named?.length === 1 ? named[0] : undefined);
    const deopts = new Map<string, HotFunction['deopts'][number]>();
    const inlined = new Set<string>();
    if (fn) {
      for (const d of model.deopts) {
        if (d.fn !== fn.key) continue;
        const r = d.site ? resolver.resolve(d.site.position.script, d.site.position.line, d.site.position.column) : undefined;
        const line = r && !isUnmapped(r) ? r.at.line : undefined;
        const k = `${d.kind}|${d.reason}|${line ?? ''}`;
        const e = deopts.get(k) ?? { reason: d.reason, kind: d.kind, count: 0, ...(line !== undefined ? { line } : {}) };
        e.count++;
        deopts.set(k, e);
      }
      for (const d of model.inlining) if (d.inlined && d.caller === fn.key) inlined.add(model.functions.get(d.callee)?.name || '(anonymous)');
    }
    out.push({
      name: h.name,
      file: h.file,
      line: h.line,
      column: h.column,
      selfPercent: percentOf(h.self, index.samples),
      totalPercent: percentOf(h.total, index.samples),
      bytes: h.bytes,
      allocatedPercent: percentOf(h.bytes, index.bytes),
      tiers: fn ? history(fn) : [],
      deopts: [...deopts.values()].sort((a, b) => b.count - a.count),
      inlined: [...inlined].sort(),
    });
  }
  // Like pprof's top: by self share; without a CPU profile, by bytes.
  return out.sort((a, b) => b.selfPercent - a.selfPercent || b.totalPercent - a.totalPercent || b.bytes - a.bytes || a.file.localeCompare(b.file) || a.line - b.line);
}
