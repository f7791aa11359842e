// `--format json`: the documented JSON contract (README, "JSON output"); tools and tests read it.
import { EMPTY_RUNTIME, summarize, type ReportModel } from './model.js';

export function formatJson(input: ReportModel): string {
  const findings = input.findings.map((f) => ({
    ruleId: f.ruleId,
    level: f.level,
    file: f.file,
    line: f.line,
    column: f.column,
    endLine: f.endLine,
    endColumn: f.endColumn,
    message: f.message,
    confirmed: f.confirmed,
    ...(f.evidence && f.evidence.length ? { evidence: f.evidence } : {}),
    ...(f.hotness ? { hotness: f.hotness } : {}),
    ...(f.allocated ? { allocated: f.allocated } : {}),
  }));
  const notes = [
    ...(input.lostInputs ?? []).map((message) => ({ level: 'error' as const, message })),
    ...input.notifications.map((message) => ({ level: 'note' as const, message })),
  ];
  const doc = {
    tool: { name: 'jitlint', version: input.toolVersion },
    findings,
    runtime: input.runtime ?? EMPTY_RUNTIME,
    summary: summarize(input),
    // Inputs that were lost (errors) and remarks about the others (notes); absent when there are none.
    ...(notes.length ? { notes } : {}),
  };
  return JSON.stringify(doc, null, 2) + '\n';
}
