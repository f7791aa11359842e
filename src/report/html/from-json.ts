// A ReportModel from a saved `--format json` report (DESIGN.md §4), so that a report already
// written can be turned into HTML (the demo script, tests and benchmarks do). JSON findings carry
// no related locations or fingerprint data; the HTML report does not need them.
import type { Finding, RuleMeta } from '../../model.js';
import type { ReportModel, RuntimeSection } from '../model.js';

export interface JsonReport {
  tool: { name: string; version: string };
  findings: Finding[];
  runtime?: RuntimeSection;
  summary: { files: number };
}

export function reportInputFromJson(doc: JsonReport, catalogue: readonly RuleMeta[], readSource: (file: string) => string | undefined): ReportModel {
  const used = new Set(doc.findings.map((f) => f.ruleId));
  // A JSON report without runtime events came from a static run: its runtime section is empty.
  const rt = doc.runtime;
  const hasRuntime = !!rt && (rt.node !== undefined || rt.functions.length + rt.deopts.length + rt.inlining.length + rt.ics.length > 0 || rt.unmapped > 0);
  return {
    toolVersion: doc.tool.version,
    findings: doc.findings,
    rules: catalogue.filter((r) => r.kind !== 'internal' || used.has(r.id)),
    filesAnalyzed: doc.summary.files,
    ...(hasRuntime ? { runtime: rt } : {}),
    notifications: [],
    readSource,
    category: 'analyze',
  };
}
