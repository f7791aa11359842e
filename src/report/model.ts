// The report model: what every reporter (stylish, json, sarif, github) renders. Declared once.
import type { Finding, Region, RuleMeta } from '../model.js';
import type { Hotness } from './rank.js';

export type DecisionKind = 'inlined' | 'optimized' | 'inlining-rejected' | 'deopt';

/**
 * One of V8's decisions at a source position (`analyze --decisions`, Go's `-gcflags=-m`):
 * positive ones from the `inlined` and `optimized` rules, negative ones from the
 * `inlining-rejected` and `deopt` findings. JSON lists them as `runtime.decisions`.
 */
export interface Decision extends Region {
  kind: DecisionKind;
  /** The rule that made it (SARIF `ruleId`): the kind. */
  ruleId: string;
  /** Relative to the report base, "/" separators. */
  file: string;
  /** The position V8 printed, mapped to `file` (JSON and stylish list it); the region is the expression's. */
  at: { line: number; column: number };
  /** The function the decision is about: the caller for inlining, the optimized or deoptimized function. */
  function: string;
  callee?: string;
  /** `turbofan`, `maglev`, or `unknown` when V8 printed none. */
  tier: string;
  reason?: string;
  osr?: boolean;
  /** How many times V8 made it (the largest count of one input). */
  count: number;
  /** The rule's message (SARIF). */
  message: string;
  /** Enclosing function and text at the position (the jitlint/v1 fingerprint). */
  functionName: string;
  snippet: string;
  hotness?: Hotness;
}

/** The `runtime` part of the JSON report (README, "JSON output"): what V8 did, at project positions. */
export interface RuntimeSection {
  node?: string;
  v8?: string;
  functions: Array<{
    name: string;
    file: string;
    line: number;
    column: number;
    optimizations: number;
    deopts: number;
    /** Tier history in order (marked, optimized, deoptimized, aborted, disabled), from one input of the run; the first TIMELINE_LIMIT steps. */
    timeline?: TimelineStep[];
    /** Steps left out of `timeline` past the limit. */
    timelineOmitted?: number;
  }>;
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
  /** V8's decisions, when `--decisions` asked for them (sorted by position). */
  decisions?: Decision[];
  /** Metadata of the decision rules that ran (`inlined`, `optimized`): the SARIF decisions run lists them. */
  decisionRules?: RuleMeta[];
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

/**
 * What the notes left out are, in words: static candidates without runtime evidence, and
 * runtime events V8 logged that need no action alone (a dependency deopt, one deopt for new feedback).
 */
export function hiddenNotesWhat(input: ReportModel, shown: readonly Finding[]): string {
  const runtime = new Set(input.rules.filter((r) => r.kind === 'runtime').map((r) => r.id));
  const kept = new Set(shown);
  let fromRun = 0;
  for (const f of input.findings) if (!kept.has(f) && runtime.has(f.ruleId)) fromRun++;
  const hidden = input.findings.length - shown.length;
  if (fromRun === 0) return 'candidates without runtime evidence';
  if (fromRun === hidden) return `minor runtime event${hidden === 1 ? '' : 's'}`;
  return `${hidden - fromRun} candidate${hidden - fromRun === 1 ? '' : 's'} without runtime evidence, ${fromRun} minor runtime event${fromRun === 1 ? '' : 's'}`;
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

/** One step of a function's tier history, as the JSON and HTML reports carry it. */
export interface TimelineStep {
  kind: 'marked' | 'optimized' | 'deoptimized' | 'aborted' | 'disabled';
  tier?: 'maglev' | 'turbofan';
  osr?: boolean;
  reason?: string;
  deoptKind?: string;
}

/** A deopt loop can have 200,000 steps; the report keeps the start of the story. */
export const TIMELINE_LIMIT = 100;
