// The runtime model, placed at project positions: the `runtime` section of the report (README, "JSON output").
import { TIMELINE_LIMIT, type RuntimeSection, type TimelineStep } from '../report/model.js';
import { isOsrDeopt } from '../runtime/deopt-kinds.js';
import { type RuntimeModel, type SourcePosition, type TimelineEntry, positionKey } from '../runtime/model.js';

/** A V8 position placed in a project file: the file and the position mapped to it (through a source map, say). */
export type PositionMapper = (p: SourcePosition) => { file: string; line: number; column: number } | undefined;

/**
 * `mapScript` names the project file of a script (positions are kept as V8 printed them);
 * `mapPosition`, when given, places each position instead (file, line and column mapped).
 */
export function runtimeSection(model: RuntimeModel, mapScript: (script: string) => string | undefined, mapPosition?: PositionMapper): RuntimeSection {
  let unmapped = 0;
  const cache = new Map<string, { file: string; line: number; column: number } | undefined>();
  const place = (p: SourcePosition | undefined): { file: string; line: number; column: number } | undefined => {
    if (!p) return undefined;
    const k = positionKey(p);
    if (!cache.has(k)) {
      if (mapPosition) cache.set(k, mapPosition(p));
      else {
        const file = mapScript(p.script);
        cache.set(k, file ? { file, line: p.line, column: p.column } : undefined);
      }
    }
    return cache.get(k);
  };
  const name = (key: string | undefined) => (key ? model.functions.get(key)?.name ?? '' : undefined);

  const functions: RuntimeSection['functions'] = [];
  const deoptCount = new Map<string, number>();
  for (const d of model.deopts) deoptCount.set(d.fn, (deoptCount.get(d.fn) ?? 0) + 1);
  for (const fn of model.functions.values()) {
    const at = place(fn.position);
    if (!at) continue;
    const optimizations = fn.timeline.filter((t) => t.kind === 'optimized').length;
    const deopts = deoptCount.get(fn.key) ?? 0;
    if (!optimizations && !deopts) continue;
    functions.push({ name: fn.name, file: at.file, line: at.line, column: at.column, optimizations, deopts, ...timelineOf(fn.timeline) });
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
    const at = place(d.site!.position);
    if (!at) {
      unmapped++;
      continue;
    }
    deopts.push({
      function: name(d.fn) ?? '',
      file: at.file,
      line: at.line,
      column: at.column,
      kind: d.kind,
      reason: d.reason,
      tier: d.tier,
      count: Math.max(...per.values()),
      actionable: !isOsrDeopt(d),
      inlinedAt: d.site!.inlinedAt.map((p) => {
        const q = place(p);
        return q ? { file: q.file, script: p.script, line: q.line, column: q.column } : { script: p.script, line: p.line, column: p.column };
      }),
    });
  }

  const inlining: RuntimeSection['inlining'] = [];
  const seenInlining = new Set<string>();
  for (const d of model.inlining) {
    const callee = model.functions.get(d.callee);
    const where = d.callSite ?? callee?.position;
    const at = place(where);
    if (where && !at) {
      unmapped++;
      continue;
    }
    const entry = { caller: name(d.caller), callee: callee?.name ?? '', inlined: d.inlined, reason: d.reason, tier: d.tier, file: at?.file, line: at?.line, column: at?.column };
    const k = JSON.stringify(entry);
    if (seenInlining.has(k)) continue;
    seenInlining.add(k);
    inlining.push(entry);
  }

  const ics: RuntimeSection['ics'] = [];
  for (const ic of model.ics) {
    if (ic.maxState !== 'N' && ic.maxState !== 'P') continue;
    const at = place(ic.position);
    if (!at) {
      unmapped++;
      continue;
    }
    ics.push({ file: at.file, line: at.line, column: at.column, state: ic.maxState, key: ic.firstMaxTransition.key, kind: ic.icKind, function: name(ic.fn) });
  }
  const byPos = (a: { file: string; line: number; column: number }, b: { file: string; line: number; column: number }) =>
    a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column;
  functions.sort(byPos);
  deopts.sort(byPos);
  ics.sort(byPos);
  return { ...(model.nodeVersion ? { node: model.nodeVersion } : {}), ...(model.v8Version ? { v8: model.v8Version } : {}), functions, deopts, inlining, ics, unmapped };
}

/**
 * The tier history of one input: trace text and v8.log of one run tell the same story, so
 * steps are taken from the input that tells most of it, never added up.
 */
function timelineOf(entries: readonly TimelineEntry[]): { timeline?: TimelineStep[]; timelineOmitted?: number } {
  const bySource = new Map<number, number>();
  for (const t of entries) if (t.kind !== 'compile-start' && t.kind !== 'compile-end') bySource.set(t.source, (bySource.get(t.source) ?? 0) + 1);
  let source: number | undefined;
  for (const [s, n] of bySource) if (source === undefined || n > bySource.get(source)!) source = s;
  if (source === undefined) return {};
  const steps: TimelineStep[] = [];
  let omitted = 0;
  for (const t of entries) {
    if (t.source !== source || t.kind === 'compile-start' || t.kind === 'compile-end') continue;
    if (steps.length >= TIMELINE_LIMIT) {
      omitted++;
      continue;
    }
    const step: TimelineStep = { kind: t.kind };
    if ('tier' in t && t.tier) step.tier = t.tier;
    if ('osr' in t && t.osr) step.osr = true;
    if ('reason' in t && t.reason) step.reason = t.reason;
    if (t.kind === 'deoptimized') step.deoptKind = t.deoptKind;
    steps.push(step);
  }
  return { timeline: steps, ...(omitted ? { timelineOmitted: omitted } : {}) };
}
