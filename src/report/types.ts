import type { Finding, RuleMeta } from '../model.js';

/** The `runtime` part of the JSON contract (DESIGN.md §4). */
export interface RuntimeReport {
  node?: string;
  v8?: string;
  functions: unknown[];
  deopts: unknown[];
  inlining: unknown[];
  ics: unknown[];
  unmapped: number;
}

export interface ReportInput {
  toolVersion: string;
  /** Sorted findings, paths relative to the report base. */
  findings: Finding[];
  /** Rules that ran, in catalogue order (SARIF lists their metadata). */
  rules: RuleMeta[];
  filesAnalyzed: number;
  runtime?: RuntimeReport;
  /** One-line remarks (unmapped runtime events, skipped log rows, files outside the repository). */
  notifications: string[];
  /** Reads a reported file's text (relative path), for fingerprints; undefined when unreadable. */
  readSource(file: string): string | undefined;
  /** SARIF `automationDetails.id` category. */
  category: string;
}

export interface Summary {
  errors: number;
  warnings: number;
  notes: number;
  files: number;
}

export function summarize(input: ReportInput): Summary {
  const s: Summary = { errors: 0, warnings: 0, notes: 0, files: input.filesAnalyzed };
  for (const f of input.findings) {
    if (f.level === 'error') s.errors++;
    else if (f.level === 'warning') s.warnings++;
    else s.notes++;
  }
  return s;
}

export const EMPTY_RUNTIME: RuntimeReport = { functions: [], deopts: [], inlining: [], ics: [], unmapped: 0 };
