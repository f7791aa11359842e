// The report model: what every reporter (stylish, json, sarif, github) renders. Declared once.
import type { Finding, RuleMeta } from '../model.js';

/** The `runtime` part of the JSON report (README, "JSON output"): what V8 did, at project positions. */
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
  /** CPU profiles: functions of project files sorted by self share (percent of all samples). */
  profile?: ProfileSection;
  /** Allocation profiles: bytes per function of project files, most first. */
  allocations?: AllocationsSection;
  gc?: GcSection;
}

export interface ProfileSection {
  samples: number;
  durationMs: number;
  functions: Array<{ name: string; file: string; line: number; column: number; selfPercent: number; totalPercent: number }>;
  /** Share of the samples V8 spent in the garbage collector. */
  gcPercent: number;
}

export interface AllocationsSection {
  bytes: number;
  functions: Array<{ name: string; file: string; line: number; column: number; bytes: number; percent: number }>;
  /** False when the profile kept only objects still alive (Node 18, or Node's --heap-prof). */
  includesCollected?: boolean;
}

export interface GcSection {
  /** Collections of all recorded isolates by kind (Scavenge, Mark-Compact, ...). */
  kinds: Array<{ kind: string; count: number; pauseMs: number }>;
  collections: number;
  pauseMs: number;
  /** Share of CPU samples in the garbage collector, when a CPU profile was given. */
  gcPercent?: number;
  /** The isolate whose heap after full collections kept growing (the leak sign), if any. */
  growing?: { isolate: string; fullHeapAfterMB: number[] };
}

export interface ReportModel {
  toolVersion: string;
  /** Sorted findings, paths relative to the report base. */
  findings: Finding[];
  /** Rules that ran, in catalogue order (SARIF lists their metadata). */
  rules: RuleMeta[];
  filesAnalyzed: number;
  runtime?: RuntimeSection;
  /** One-line remarks (unmapped runtime events, skipped log rows, files that could not be analyzed). */
  notifications: string[];
  /** One line per input that was given but could not be used: the run did not see everything. */
  lostInputs?: string[];
  /** Reads a reported file's text (relative path), for fingerprints; undefined when unreadable. */
  readSource(file: string): string | undefined;
  /** SARIF `automationDetails.id` category. */
  category: string;
  /** Show notes in stylish, github and SARIF output (`--show-notes`); JSON and HTML always carry them. */
  showNotes?: boolean;
}

/** Notes about the run itself (a syntax error, a file that could not be analyzed) are always shown. */
const ALWAYS_SHOWN: ReadonlySet<string> = new Set(['parse-error', 'internal-error']);

/**
 * What stylish, github and SARIF show: without runtime evidence a note is a candidate, not
 * something to act on, so notes are left out unless asked for; the summary still counts them.
 */
export function shownFindings(input: ReportModel): Finding[] {
  if (input.showNotes) return input.findings;
  return input.findings.filter((f) => f.level !== 'note' || ALWAYS_SHOWN.has(f.ruleId));
}

export interface Summary {
  errors: number;
  warnings: number;
  notes: number;
  files: number;
}

export function summarize(input: ReportModel): Summary {
  const s: Summary = { errors: 0, warnings: 0, notes: 0, files: input.filesAnalyzed };
  for (const f of input.findings) {
    if (f.level === 'error') s.errors++;
    else if (f.level === 'warning') s.warnings++;
    else s.notes++;
  }
  return s;
}

export const EMPTY_RUNTIME: RuntimeSection = { functions: [], deopts: [], inlining: [], ics: [], unmapped: 0 };
