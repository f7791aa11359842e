// V8's decisions at source positions (`analyze --decisions`): the placed reports of the
// `inlined` and `optimized` rules, and the negative decisions the `inlining-rejected` and
// `deopt` findings already hold, as one list sorted by position.
import type { Finding } from '../model.js';
import type { Decision, DecisionKind } from '../report/model.js';
import type { Hotness } from '../report/rank.js';
import type { RuntimeFinding } from '../rules/runtime/run.js';
import type { ResolvedSite } from '../sites/index.js';

export interface PlacedDecision {
  rf: RuntimeFinding;
  site: ResolvedSite;
}

const TIER_KEY: Record<string, string> = { Turbofan: 'turbofan', Maglev: 'maglev' };

/** The function a position belongs to in the source: '' at top level. */
function functionAt(site: ResolvedSite, v8Name: string): string {
  if (site.expression === 'function') return site.functionName || v8Name || '(anonymous)';
  return site.functionName;
}

export function buildDecisions(placed: readonly PlacedDecision[], findings: readonly Finding[]): Decision[] {
  const out: Decision[] = [];
  const base = (site: ResolvedSite, kind: DecisionKind, message: string) => ({
    kind,
    ruleId: kind,
    file: site.file,
    line: site.line,
    column: site.column,
    at: site.at,
    endLine: site.endLine,
    endColumn: site.endColumn,
    message,
    functionName: site.functionName,
    snippet: site.snippet,
  });
  // Maglev's loop peeling inlines a call a second time and logs that copy at the loop: where the same
  // inlining is also at its call, the copy adds nothing.
  const atCall = new Set<string>();
  for (const { rf, site } of placed) {
    const p = rf.properties;
    if (rf.ruleId === 'inlined' && site.expression === 'call') atCall.add(`${site.file}|${site.functionName}|${String(p['callee'])}|${String(p['tier'])}`);
  }
  for (const { rf, site } of placed) {
    const p = rf.properties;
    const tier = String(p['tier']);
    const count = Number(p['count']);
    if (rf.ruleId === 'inlined') {
      const fn = p['atCallSite'] ? site.functionName : functionAt(site, String(p['caller']));
      if (p['atCallSite'] && site.expression !== 'call' && atCall.has(`${site.file}|${fn}|${String(p['callee'])}|${tier}`)) continue;
      out.push({ ...base(site, 'inlined', rf.message), function: fn, callee: String(p['callee']), tier, count });
    } else if (rf.ruleId === 'optimized') {
      out.push({ ...base(site, 'optimized', rf.message), function: functionAt(site, rf.functionName), tier, osr: p['osr'] === true, count });
    }
  }
  for (const f of findings) {
    if (f.ruleId !== 'inlining-rejected' && f.ruleId !== 'deopt') continue;
    const p = f.properties ?? {};
    const site = { file: f.file, line: f.line, column: f.column, endLine: f.endLine, endColumn: f.endColumn };
    const hotness = (f as { hotness?: Hotness }).hotness;
    // One decision per tier, counted from the evidence (each entry names its tier).
    const perTier = new Map<string, number>();
    for (const e of f.evidence ?? []) {
      const t = (e.tier && TIER_KEY[e.tier]) ?? 'unknown';
      perTier.set(t, (perTier.get(t) ?? 0) + (e.count ?? 1));
    }
    if (!perTier.size) perTier.set('unknown', 1);
    const at = f.evidence?.find((e) => e.line !== undefined);
    const common = {
      ...site,
      // JSON lists V8's position (as the other runtime lists do), the region stays the expression's.
      at: at?.line !== undefined && at.column !== undefined ? { line: at.line, column: at.column } : { line: f.line, column: f.column },
      message: f.message,
      functionName: f.functionName ?? '',
      snippet: f.snippet ?? '',
      ...(hotness ? { hotness } : {}),
    };
    for (const [tier, count] of perTier) {
      if (f.ruleId === 'inlining-rejected') {
        const callers = Array.isArray(p['callers']) ? (p['callers'] as string[]) : [];
        out.push({ ...common, kind: 'inlining-rejected', ruleId: f.ruleId, function: callers.join(', '), callee: String(p['callee'] ?? ''), tier, reason: String(p['reason'] ?? ''), count });
      } else {
        const reasons = Array.isArray(p['reasons']) ? (p['reasons'] as string[]) : [];
        out.push({ ...common, kind: 'deopt', ruleId: f.ruleId, function: f.functionName ?? '', tier, reason: reasons.join('; '), count });
      }
    }
  }
  // Two inputs of one run can place the same decision: keep one, with the larger count.
  const unique = new Map<string, Decision>();
  for (const d of out) {
    const k = `${d.kind}|${d.file}|${d.at.line}:${d.at.column}|${d.function}|${d.callee ?? ''}|${d.tier}|${d.osr ?? ''}|${d.reason ?? ''}`;
    const known = unique.get(k);
    if (!known || d.count > known.count) unique.set(k, d);
  }
  return [...unique.values()].sort(byPosition);
}

const KIND_ORDER: Record<DecisionKind, number> = { optimized: 0, inlined: 1, 'inlining-rejected': 2, deopt: 3 };

function byPosition(a: Decision, b: Decision): number {
  return (
    (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) ||
    a.at.line - b.at.line ||
    a.at.column - b.at.column ||
    KIND_ORDER[a.kind] - KIND_ORDER[b.kind] ||
    (a.callee ?? '').localeCompare(b.callee ?? '') ||
    a.tier.localeCompare(b.tier) ||
    Number(a.osr ?? false) - Number(b.osr ?? false)
  );
}
