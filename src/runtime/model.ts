// The runtime domain model: what V8 did to the program's functions, merged from
// any number of trace-text and v8.log files.

export type Tier = 'ignition' | 'sparkplug' | 'maglev' | 'turbofan';
export type OptimizingTier = 'maglev' | 'turbofan';

/** A position as V8 printed it: script name or URL, 1-based line and column. */
export interface SourcePosition {
  script: string;
  line: number;
  column: number;
}

/** Where a deopt happened: the innermost position first, then each caller it was inlined into. */
export interface DeoptSite {
  position: SourcePosition;
  inlinedAt: SourcePosition[];
}

export type DeoptKind = 'deopt-eager' | 'deopt-lazy' | 'deopt-soft' | 'dependency-change' | (string & {});

export interface DeoptEvent {
  /** Key of the deoptimized function in `RuntimeModel.functions`. */
  fn: string;
  kind: DeoptKind;
  reason: string;
  tier?: OptimizingTier;
  /** Absent when V8 printed none (trace text of lazy deopts, `<unknown>` in v8.log). */
  site?: DeoptSite;
  optId?: number;
  bytecodeOffset?: number;
  /** µs since start (v8.log only). */
  time?: number;
  /** Index of the input file in `RuntimeModel.sources`. */
  source: number;
}

export type TimelineEntry =
  | { kind: 'marked'; tier?: OptimizingTier; reason: string; manual: boolean; source: number }
  | { kind: 'compile-start'; tier?: OptimizingTier; osr: boolean; source: number }
  | { kind: 'compile-end'; tier?: OptimizingTier; osr: boolean; timings?: number[]; source: number }
  | { kind: 'optimized'; tier: OptimizingTier; osr: boolean; time?: number; source: number }
  | { kind: 'deoptimized'; deoptKind: DeoptKind; reason: string; tier?: OptimizingTier; source: number }
  | { kind: 'aborted'; tier?: OptimizingTier; reason: string; source: number }
  | { kind: 'disabled'; reason: string; source: number };

export interface RuntimeFunction {
  /** Stable key: "script:line:column" when the position is known, else "sfi:0x…". */
  key: string;
  name: string;
  /** The name V8 printed, when `name` was taken from a source map's `names` (minified code). */
  generatedName?: string;
  /** Where the function starts, as in v8.log `code-creation` rows. */
  position?: SourcePosition;
  /** SharedFunctionInfo addresses seen for it (lowest bit cleared, hex). */
  sfis: Set<string>;
  timeline: TimelineEntry[];
}

export interface InliningDecision {
  /** Function key of the function being compiled; undefined when it could not be told. */
  caller?: string;
  callee: string;
  inlined: boolean;
  /** Words, e.g. "exceeds bytecode limit" (numbers from Node 18-24 are mapped). */
  reason?: string;
  tier: OptimizingTier;
  /** The call site, when known (v8.log inlining tables with the script source). */
  callSite?: SourcePosition;
  /** How many times this decision was printed or logged. */
  count: number;
  source: number;
}

/** IC states as V8 logs them: X 0 . 1 ^ P N D G. */
export type IcState = string;

export type IcKind =
  | 'LoadIC'
  | 'StoreIC'
  | 'KeyedLoadIC'
  | 'KeyedStoreIC'
  | 'LoadGlobalIC'
  | 'StoreGlobalIC'
  | 'StoreInArrayLiteralIC';

/** One IC site, aggregated over all its transitions (rows are not kept one by one). */
export interface IcSite {
  icKind: IcKind;
  position: SourcePosition;
  /** Key of the function whose code holds the IC, when the pc could be joined to it. */
  fn?: string;
  /** The most general state reached (N > P > 1 ...). */
  maxState: IcState;
  transitions: number;
  /** Keys seen at the site (first few), e.g. property names. */
  keys: string[];
  /** Distinct maps seen (bounded). */
  maps: number;
  /** The first transition into the max state. */
  firstMaxTransition: { oldState: IcState; newState: IcState; key: string; map: string };
  source: number;
}

export interface ScriptInfo {
  id: number;
  /** Path, file:// URL, node:… name, or "" for evals. */
  name: string;
  /** Kept for non-internal scripts only. */
  sourceText?: string;
  source: number;
}

export interface InputSource {
  file: string;
  format: 'trace' | 'v8log' | 'cpuprofile' | 'heapprofile';
  /** Lines that matched no known shape (counted, never fatal). */
  unknownLines: number;
  /** Lines of a known kind with a field that does not parse: skipped, counted, never fatal. */
  malformedLines?: number;
  lines: number;
  /** IC sites and IC transitions (rows) in the file, including the sites not kept in `RuntimeModel.ics`. */
  icSites: number;
  icTransitions: number;
}

export interface RuntimeModel {
  nodeVersion?: string;
  v8Version?: string;
  sources: InputSource[];
  functions: Map<string, RuntimeFunction>;
  deopts: DeoptEvent[];
  inlining: InliningDecision[];
  /**
   * IC sites that went polymorphic or beyond (P, N, D, G): the ones anything
   * reports. Monomorphic sites are only counted, in `sources`.
   */
  ics: IcSite[];
  /** Keyed by `${source}:${scriptId}` (ids are per run). */
  scripts: Map<string, ScriptInfo>;
  /** `.cpuprofile` inputs, one per file. */
  cpuProfiles: CpuProfile[];
  /** `.heapprofile` inputs, one per file. */
  allocationProfiles: AllocationProfile[];
  /** --trace-gc collections, per isolate (in the order first seen). */
  gc: Map<string, GcIsolate>;
}

export function emptyModel(): RuntimeModel {
  return { sources: [], functions: new Map(), deopts: [], inlining: [], ics: [], scripts: new Map(), cpuProfiles: [], allocationProfiles: [], gc: new Map() };
}

export function positionKey(p: SourcePosition): string {
  return `${p.script}:${p.line}:${p.column}`;
}

/**
 * Parses V8's `<FILE:LINE:COL>` body (without the brackets). The script part may
 * itself contain colons (file:// URLs, node:fs), so split from the right.
 */
export function parsePosition(text: string): SourcePosition | undefined {
  const c2 = text.lastIndexOf(':');
  if (c2 <= 0) return undefined;
  const c1 = text.lastIndexOf(':', c2 - 1);
  if (c1 <= 0) return undefined;
  const line = Number(text.slice(c1 + 1, c2));
  const column = Number(text.slice(c2 + 1));
  if (!Number.isInteger(line) || !Number.isInteger(column)) return undefined;
  return { script: text.slice(0, c1), line, column };
}

/** `<a:1:2> inlined at <b:3:4> inlined at <…>`: innermost first. */
export function parseDeoptSite(text: string): DeoptSite | undefined {
  const parts: SourcePosition[] = [];
  let i = 0;
  while (i < text.length) {
    const open = text.indexOf('<', i);
    if (open < 0) break;
    const close = text.indexOf('>', open + 1);
    if (close < 0) break;
    const p = parsePosition(text.slice(open + 1, close));
    if (p) parts.push(p);
    i = close + 1;
  }
  const [position, ...inlinedAt] = parts;
  return position ? { position, inlinedAt } : undefined;
}

/** SFI addresses: trace text prints tagged pointers (low bit set), v8.log untagged ones. */
export function normalizeAddress(hex: string): string {
  // Hot in trace text (every line names an SFI): work on the digits instead of
  // going through BigInt. The result is what `BigInt(hex) & ~1n` prints: lowercase,
  // no leading zeros, last digit made even.
  if (hex.length < 3 || hex.charCodeAt(0) !== 48 /* 0 */ || (hex.charCodeAt(1) | 32) !== 120 /* x */) return normalizeOther(hex);
  let first = 2;
  while (first < hex.length - 1 && hex.charCodeAt(first) === 48) first++;
  let plain = first === 2 && hex.charCodeAt(1) === 120; // already "0x" + lowercase digits?
  for (let i = first; i < hex.length; i++) {
    const c = hex.charCodeAt(i);
    if ((c >= 48 && c <= 57) || (c >= 97 && c <= 102)) continue;
    if (c >= 65 && c <= 70) plain = false;
    else return normalizeOther(hex);
  }
  const digits = plain ? hex : '0x' + hex.slice(first).toLowerCase();
  const last = digits.charCodeAt(digits.length - 1);
  const odd = last >= 97 ? (last - 87) & 1 : (last - 48) & 1;
  return odd ? digits.slice(0, -1) + String.fromCharCode(last - 1) : digits;
}

/** `normalizeAddress` of an address field, or undefined when the text is not one (a malformed field). */
export function parseAddress(text: string): string | undefined {
  return /^(?:0[xX][0-9a-fA-F]+|\d+)$/.test(text) ? normalizeAddress(text) : undefined;
}

/** Decimal, empty or malformed text: BigInt's reading (and its SyntaxError) as before. */
function normalizeOther(text: string): string {
  const n = BigInt(text) & ~1n;
  return '0x' + n.toString(16);
}

/** Tier from a V8 target/code-kind name: TURBOFAN, TURBOFAN_JS, MAGLEV. */
export function tierFromTarget(target: string): OptimizingTier | undefined {
  if (target.startsWith('TURBOFAN')) return 'turbofan';
  if (target.startsWith('MAGLEV')) return 'maglev';
  return undefined;
}

const STATE_RANK: Record<string, number> = { X: 0, '0': 1, '.': 2, '^': 3, '1': 4, P: 5, N: 6, D: 6, G: 7 };

/** Orders IC states by generality; unknown states rank lowest. */
export function icStateRank(state: IcState): number {
  return STATE_RANK[state] ?? -1;
}

// ---- profiles and GC ---------------------------------------------------------------------

/** A function as a profile names it: script URL or path, 1-based start position (V8's function position). */
export interface ProfiledFunctionId {
  name: string;
  script: string;
  line: number;
  column: number;
}

/** One function's share of a CPU profile, in samples (all call paths to it merged). */
export interface CpuFunction extends ProfiledFunctionId {
  /** Samples with this function on top of the stack. */
  self: number;
  /** Samples with this function anywhere on the stack (counted once per sample). */
  total: number;
  /** Self samples by 1-based script line (`positionTicks`), when the profile has them. */
  lines?: Map<number, number>;
}

/** A `.cpuprofile` (Node's --cpu-prof, DevTools), reduced to per-function sample counts. */
export interface CpuProfile {
  file: string;
  samples: number;
  durationMs: number;
  /** Functions of scripts (V8's own "(garbage collector)", "(idle)", "(program)" are counted apart). */
  functions: CpuFunction[];
  gcSamples: number;
  idleSamples: number;
  programSamples: number;
}

export interface AllocatingFunction extends ProfiledFunctionId {
  /** Bytes allocated by the function's own code (the sampling profiler's estimate). */
  bytes: number;
}

/**
 * A `.heapprofile` of V8's sampling heap profiler. With collected objects included (what
 * `jitlint record` asks for) it counts everything allocated (Go's alloc_space); without, only
 * what was still alive when the profile was taken (Node's --heap-prof, inuse_space).
 */
export interface AllocationProfile {
  file: string;
  bytes: number;
  functions: AllocatingFunction[];
}

/** GC collections of one isolate, from --trace-gc lines. */
export interface GcIsolate {
  /** "pid:0xisolate" as V8 prints it. */
  id: string;
  pid: number;
  /** Per kind ("Scavenge", "Mark-Compact", "Minor Mark-Sweep", ...): collections and pause time. */
  kinds: Map<string, { count: number; pauseMs: number }>;
  /** Heap size left after each full collection (Mark-Compact / Mark-sweep), in MB, in order. */
  fullHeapAfterMB: number[];
}
