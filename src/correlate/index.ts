// Joins what the code says with what V8 did, site-exact: a static finding is confirmed (and
// raised one level) only by evidence of a kind its rule names, inside the regions its rule
// names (the reported expression, a parameter's uses in the callee, reads of the object after a
// delete, the allocating site). Evidence elsewhere in the same loop or function confirms
// nothing. A runtime finding names a static pattern as its likely cause by the same test, read
// in reverse.
import type { Evidence, EvidenceKind, Finding, RelatedLocation } from '../model.js';
import { stepLevel } from '../analyze/message.js';
import type { RuntimeEvidence } from './evidence.js';

export type { RuntimeEvidence } from './evidence.js';

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

function contains(scope: { line: number; column: number; endLine: number; endColumn: number }, line: number, column: number): boolean {
  if (line < scope.line || line > scope.endLine) return false;
  if (line === scope.line && column < scope.column) return false;
  if (line === scope.endLine && column >= scope.endColumn) return false;
  return true;
}

/** Does evidence of `kind` at (file, line, column) confirm `f`? */
function confirms(f: Finding, kind: EvidenceKind, file: string, line: number, column: number): boolean {
  const c = f.confirm;
  if (!c || !c.by.includes(kind)) return false;
  return c.at.some((r) => r.file === file && contains(r, line, column));
}

function matches(f: Finding, p: RuntimeEvidence): boolean {
  return (p.kind === 'deopt' || p.kind === 'ic') && confirms(f, p.kind, p.file, p.line, p.column);
}

/** The kind of evidence a runtime finding is (deopt-loop and inlining findings explain nothing static). */
const RUNTIME_KIND: Record<string, EvidenceKind | undefined> = { deopt: 'deopt', 'megamorphic-ic': 'ic' };

function evidenceSummary(points: readonly RuntimeEvidence[]): string {
  const shown = points.slice(0, 3).map((p) => p.message);
  const more = points.length > 3 ? ` and ${points.length - 3} more` : '';
  return `${shown.join('; ')}${more}`;
}

export function correlate(staticFindings: readonly Finding[], runtimeFindings: readonly Finding[], points: readonly RuntimeEvidence[]): Finding[] {
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
    const kind = RUNTIME_KIND[r.ruleId];
    const causes = kind ? staticFindings.filter((s) => confirms(s, kind, r.file, r.line, r.column)) : [];
    if (causes.length === 0) {
      out.push(r);
      continue;
    }
    const named = causes.slice(0, 2).map((s) => `${PATTERN_NAME[s.ruleId] ?? s.ruleId} at line ${s.line} (${s.ruleId})`);
    out.push({ ...r, message: `${r.message} Likely caused by ${named.join(' and ')}.`, properties: { ...(r.properties ?? {}), causes: causes.map((s) => ({ ruleId: s.ruleId, line: s.line, column: s.column })) } });
  }
  return out;
}
