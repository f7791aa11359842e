// Domain types shared by every stage: input → findings → correlation → report.

export type Level = 'error' | 'warning' | 'note';
export type Precision = 'very-high' | 'high' | 'medium' | 'low';

/** A source range: 1-based lines and columns, end exclusive, columns in UTF-16 code units. */
export interface Region {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

export interface RelatedLocation extends Region {
  /** Path relative to the project root, "/" separators. */
  file: string;
  message: string;
}

/** Runtime evidence attached to a finding (what V8 did at the site). */
export interface Evidence {
  kind: 'deopt' | 'ic' | 'inlining' | 'optimization' | 'allocation';
  /** One sentence, e.g. "deopt-eager (wrong map) ×3 in Turbofan". */
  message: string;
  file?: string;
  line?: number;
  column?: number;
  count?: number;
  reason?: string;
  tier?: string;
  state?: string;
  /** Bytes allocated (allocation evidence). */
  bytes?: number;
}

/** The CPU profile's view of the function a finding is in (percent of all samples of the run). */
export interface Hotness {
  function: string;
  selfPercent: number;
  totalPercent: number;
  /** The finding's own line, from the profile's per-line ticks, when it has them. */
  linePercent?: number;
}

/** Bytes the allocation profile saw the finding's function allocate (its own code). */
export interface Allocated {
  bytes: number;
  /** Percent of all the bytes sampled in the run. */
  percent: number;
  /** The profile kept only objects alive when it was taken (Node 18): no confirmation from it. */
  liveOnly?: boolean;
}

/**
 * What V8 (or a profile) can show about a site: a deopt there, a polymorphic or megamorphic
 * inline cache there, the object there in dictionary mode, bytes allocated or CPU time spent there.
 */
export type EvidenceKind = 'deopt' | 'ic' | 'dictionary' | 'allocation' | 'cpu';

/** Evidence of one of `by` inside one of `at` confirms a finding; nothing else does. */
export interface Confirmation {
  by: EvidenceKind[];
  /** Regions with their file (a parameter's uses can lie in the callee's file). */
  at: Array<Region & { file: string }>;
}

export interface Finding extends Region {
  ruleId: string;
  /** The rule's message id (tests assert it; not part of any report). */
  messageId?: string;
  level: Level;
  /** Path relative to the project root, "/" separators. */
  file: string;
  message: string;
  confirmed: boolean;
  evidence?: Evidence[];
  /** Name of the enclosing function ("" at top level); part of the jitlint/v1 fingerprint. */
  functionName?: string;
  /** Source text of the flagged construct; part of the jitlint/v1 fingerprint. */
  snippet?: string;
  related?: RelatedLocation[];
  /** Extra machine-readable facts (SARIF result properties). */
  properties?: Record<string, unknown>;
  /** Attached by the pipeline when a CPU profile saw the finding's function. */
  hotness?: Hotness;
  /** Attached by the pipeline when an allocation profile saw the finding's function allocate. */
  allocated?: Allocated;
  /** Which runtime evidence confirms this finding, and where: site-exact. Not part of any report. */
  confirm?: Confirmation;
}

export interface RuleMeta {
  id: string;
  /** PascalCase, for SARIF `rule.name`. */
  name: string;
  shortDescription: string;
  fullDescription: string;
  defaultLevel: Level;
  tags: string[];
  precision: Precision;
  /** Markdown shown by GitHub code scanning; the long form lives in docs/rules/<id>.md. */
  helpMarkdown: string;
  kind: 'static' | 'runtime' | 'internal';
  /** Message templates by id; `{{name}}` placeholders are filled from report data. */
  messages: Record<string, string>;
  /** The rule's options (`["warning", {…}]` in configuration), for `jitlint rules`. */
  options: Array<{ name: string; type: 'boolean' | 'integer'; default: boolean | number; description: string }>;
}
