// The `runtime` object of the JSON report (DESIGN.md §4).
import { isOsrDeopt } from './findings.js';
import { type RuntimeModel, type SourcePosition, positionKey } from './model.js';

export interface RuntimeSection {
  node?: string;
  v8?: string;
  functions: Array<{ name: string; file: string; line: number; column: number; optimizations: number; deopts: number }>;
  deopts: Array<{
    function: string;
    file: string;
    line: number;
    column: number;
    kind: string;
    reason: string;
    tier?: string;
    count: number;
    actionable: boolean;
    inlinedAt: Array<{ file?: string; script: string; line: number; column: number }>;
  }>;
  inlining: Array<{ caller?: string; callee: string; inlined: boolean; reason?: string; tier: string; file?: string; line?: number; column?: number }>;
  ics: Array<{ file: string; line: number; column: number; state: string; key: string; kind: string; function?: string }>;
  /** Events whose script maps to no project file. */
  unmapped: number;
}

export function runtimeJson(model: RuntimeModel, mapScript: (script: string) => string | undefined): RuntimeSection {
  let unmapped = 0;
  const cache = new Map<string, string | undefined>();
  const map = (p: SourcePosition | undefined): string | undefined => {
    if (!p) return undefined;
    if (!cache.has(p.script)) cache.set(p.script, mapScript(p.script));
    return cache.get(p.script);
  };
  const name = (key: string | undefined) => (key ? model.functions.get(key)?.name ?? '' : undefined);

  const functions: RuntimeSection['functions'] = [];
  const deoptCount = new Map<string, number>();
  for (const d of model.deopts) deoptCount.set(d.fn, (deoptCount.get(d.fn) ?? 0) + 1);
  for (const fn of model.functions.values()) {
    const file = map(fn.position);
    if (!file || !fn.position) continue;
    const optimizations = fn.timeline.filter((t) => t.kind === 'optimized').length;
    const deopts = deoptCount.get(fn.key) ?? 0;
    if (!optimizations && !deopts) continue;
    functions.push({ name: fn.name, file, line: fn.position.line, column: fn.position.column, optimizations, deopts });
  }

  // One entry per (function, site, kind, reason), counted like findings: the largest per-input count.
  const groups = new Map<string, { d: (typeof model.deopts)[number]; per: Map<number, number> }>();
  for (const d of model.deopts) {
    if (!d.site) continue;
    const k = `${d.fn}|${positionKey(d.site.position)}|${d.site.inlinedAt.map(positionKey).join('<')}|${d.kind}|${d.reason}`;
    const g = groups.get(k) ?? { d, per: new Map() };
    g.per.set(d.source, (g.per.get(d.source) ?? 0) + 1);
    groups.set(k, g);
  }
  const deopts: RuntimeSection['deopts'] = [];
  for (const { d, per } of groups.values()) {
    const file = map(d.site!.position);
    if (!file) {
      unmapped++;
      continue;
    }
    deopts.push({
      function: name(d.fn) ?? '',
      file,
      line: d.site!.position.line,
      column: d.site!.position.column,
      kind: d.kind,
      reason: d.reason,
      tier: d.tier,
      count: Math.max(...per.values()),
      actionable: !isOsrDeopt(d),
      inlinedAt: d.site!.inlinedAt.map((p) => ({ file: map(p), script: p.script, line: p.line, column: p.column })),
    });
  }

  const inlining: RuntimeSection['inlining'] = [];
  const seenInlining = new Set<string>();
  for (const d of model.inlining) {
    const callee = model.functions.get(d.callee);
    const where = d.callSite ?? callee?.position;
    const file = map(where);
    if (where && !file) {
      unmapped++;
      continue;
    }
    const entry = { caller: name(d.caller), callee: callee?.name ?? '', inlined: d.inlined, reason: d.reason, tier: d.tier, file, line: where?.line, column: where?.column };
    const k = JSON.stringify(entry);
    if (seenInlining.has(k)) continue;
    seenInlining.add(k);
    inlining.push(entry);
  }

  const ics: RuntimeSection['ics'] = [];
  for (const ic of model.ics) {
    if (ic.maxState !== 'N' && ic.maxState !== 'P') continue;
    const file = map(ic.position);
    if (!file) {
      unmapped++;
      continue;
    }
    ics.push({ file, line: ic.position.line, column: ic.position.column, state: ic.maxState, key: ic.firstMaxTransition.key, kind: ic.icKind, function: name(ic.fn) });
  }
  const byPos = (a: { file: string; line: number; column: number }, b: { file: string; line: number; column: number }) =>
    a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column;
  functions.sort(byPos);
  deopts.sort(byPos);
  ics.sort(byPos);
  return { ...(model.nodeVersion ? { node: model.nodeVersion } : {}), ...(model.v8Version ? { v8: model.v8Version } : {}), functions, deopts, inlining, ics, unmapped };
}
