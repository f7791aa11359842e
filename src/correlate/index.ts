// Joins what the code says with what V8 did: a static finding whose scope holds runtime
// evidence (a deopt, a polymorphic or megamorphic inline cache, a deopt loop of its
// function) is confirmed and raised one level; a runtime finding inside the scope of a
// static finding names the pattern that likely caused it.
import type { Evidence, Finding, RelatedLocation } from '../model.js';
import { stepLevel } from '../analyze/message.js';

/** One thing V8 did at an original source position. */
export interface EvidencePoint extends Evidence {
  file: string;
  line: number;
  column: number;
  /** Function-level events (deopt loops) match static findings of the same function. */
  functionLevel?: boolean;
  functionName?: string;
}

export interface RuntimeFacts {
  deopts: Array<{ function: string; file: string; line: number; column: number; kind: string; reason: string; tier?: string; count: number; actionable?: boolean }>;
  ics: Array<{ file: string; line: number; column: number; state: string; key: string; kind: string; function?: string }>;
}

const TIER: Record<string, string> = { turbofan: 'Turbofan', maglev: 'Maglev' };
const STATE: Record<string, string> = { P: 'polymorphic', N: 'megamorphic' };

/** What each static pattern is called when a runtime finding points back at it. */
const PATTERN_NAME: Record<string, string> = {
  'closure-in-loop': 'the closure created per iteration',
  'string-concat-in-loop': 'the string built and read in the loop',
  'any-boxing': 'the `any`-typed access',
  'megamorphic-call-site': 'the receiver with many shapes',
  'accumulating-spread': 'the accumulating spread',
  'delete-property': 'the `delete`',
  'arguments-leak': 'the copy of `arguments`',
};

export function evidencePoints(facts: RuntimeFacts, runtimeFindings: readonly Finding[]): EvidencePoint[] {
  const points: EvidencePoint[] = [];
  for (const d of facts.deopts) {
    if (d.actionable === false || d.kind === 'dependency-change') continue;
    const tier = d.tier ? ` in ${TIER[d.tier] ?? d.tier}` : '';
    points.push({
      kind: 'deopt',
      file: d.file,
      line: d.line,
      column: d.column,
      count: d.count,
      reason: d.reason,
      ...(d.tier ? { tier: d.tier } : {}),
      functionName: d.function,
      message: `${d.function || '(anonymous)'} was deoptimized ${d.count === 1 ? 'once' : `${d.count} times`} at line ${d.line} (${d.kind}: ${d.reason})${tier}`,
    });
  }
  for (const ic of facts.ics) {
    if (ic.state !== 'P' && ic.state !== 'N') continue;
    points.push({
      kind: 'ic',
      file: ic.file,
      line: ic.line,
      column: ic.column,
      state: ic.state,
      ...(ic.function ? { functionName: ic.function } : {}),
      message: `the ${ic.kind} for '${ic.key}' at line ${ic.line} went ${STATE[ic.state]}`,
    });
  }
  for (const f of runtimeFindings) {
    if (f.ruleId !== 'deopt-loop') continue;
    points.push({ kind: 'optimization', file: f.file, line: f.line, column: f.column, functionLevel: true, ...(f.functionName ? { functionName: f.functionName } : {}), message: f.message.split('. ')[0]! });
  }
  return points;
}

function contains(scope: { line: number; column: number; endLine: number; endColumn: number }, line: number, column: number): boolean {
  if (line < scope.line || line > scope.endLine) return false;
  if (line === scope.line && column < scope.column) return false;
  if (line === scope.endLine && column >= scope.endColumn) return false;
  return true;
}

function matches(f: Finding, p: EvidencePoint): boolean {
  if (p.file !== f.file) return false;
  if (p.functionLevel) return !!f.functionName && f.functionName === p.functionName;
  return contains(f.scope ?? f, p.line, p.column);
}

function evidenceSummary(points: readonly EvidencePoint[]): string {
  const shown = points.slice(0, 3).map((p) => p.message);
  const more = points.length > 3 ? ` and ${points.length - 3} more` : '';
  return `${shown.join('; ')}${more}`;
}

export function correlate(staticFindings: readonly Finding[], runtimeFindings: readonly Finding[], points: readonly EvidencePoint[]): Finding[] {
  const out: Finding[] = [];
  for (const f of staticFindings) {
    const hits = points.filter((p) => matches(f, p));
    if (hits.length === 0) {
      out.push(f);
      continue;
    }
    const evidence: Evidence[] = hits.map(({ file, line, column, kind, message, count, reason, tier, state }) => ({
      kind,
      message,
      file,
      line,
      column,
      ...(count !== undefined ? { count } : {}),
      ...(reason !== undefined ? { reason } : {}),
      ...(tier !== undefined ? { tier } : {}),
      ...(state !== undefined ? { state } : {}),
    }));
    const related: RelatedLocation[] = hits.slice(0, 10).map((p) => ({ file: p.file, line: p.line, column: p.column, endLine: p.line, endColumn: p.column + 1, message: p.message }));
    out.push({
      ...f,
      level: stepLevel(f.level, 1),
      confirmed: true,
      message: `${f.message} Confirmed by V8 in a recorded run: ${evidenceSummary(hits)}.`,
      evidence,
      related: [...(f.related ?? []), ...related],
    });
  }
  for (const r of runtimeFindings) {
    const causes = staticFindings.filter((s) => s.file === r.file && contains(s.scope ?? s, r.line, r.column));
    if (causes.length === 0) {
      out.push(r);
      continue;
    }
    const named = causes.slice(0, 2).map((s) => `${PATTERN_NAME[s.ruleId] ?? s.ruleId} at line ${s.line} (${s.ruleId})`);
    out.push({ ...r, message: `${r.message} Likely caused by ${named.join(' and ')}.`, properties: { ...(r.properties ?? {}), causes: causes.map((s) => ({ ruleId: s.ruleId, line: s.line, column: s.column })) } });
  }
  return out;
}
