// `--format json`: the documented JSON contract (README, "JSON output"); tools and tests read it.
import { EMPTY_RUNTIME, summarize, type Decision, type ReportModel } from './model.js';

/** `runtime.decisions[]`: the contract's fields (README, "JSON output"). */
function decisionJson(d: Decision) {
  return {
    kind: d.kind,
    file: d.file,
    line: d.at.line,
    column: d.at.column,
    function: d.function,
    ...(d.callee !== undefined ? { callee: d.callee } : {}),
    tier: d.tier,
    ...(d.reason !== undefined ? { reason: d.reason } : {}),
    ...(d.osr !== undefined ? { osr: d.osr } : {}),
    count: d.count,
    ...(d.hotness ? { hotness: d.hotness } : {}),
  };
}

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
    runtime: input.decisions ? { ...(input.runtime ?? EMPTY_RUNTIME), decisions: input.decisions.map(decisionJson) } : input.runtime ?? EMPTY_RUNTIME,
    summary: summarize(input),
    // Inputs that were lost (errors) and remarks about the others (notes); absent when there are none.
    ...(notes.length ? { notes } : {}),
  };
  return JSON.stringify(doc, null, 2) + '\n';
}
