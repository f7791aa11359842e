// Streaming parser for V8 trace text on stdout (--trace-opt[-verbose],
// --trace-deopt[-verbose], --trace-turbo-inlining, --trace-maglev-inlining,
// --trace-osr), mixed with the program's own output.
//
// Events are joined by SFI address, never by line adjacency, with two exceptions
// V8 leaves no other way for: the `;;; deoptimize at` line belongs to the open
// bailout (bailouts run on the main thread, one at a time), and a rejected
// inlining names no caller, so it is given the compile job of that tier in flight
// when it is the only one (always so for synchronous and Maglev-traced compiles);
// with several concurrent jobs the caller is left unknown.
import { addGcLine } from './gc.js';
import type { ModelBuilder } from '../builder.js';
import { inlineabilityReason } from '../inlineability.js';
import {
  type DeoptEvent,
  type OptimizingTier,
  type RuntimeFunction,
  normalizeAddress,
  parseDeoptSite,
  tierFromTarget,
} from '../model.js';
import { own } from '../own.js';
import { Skipped } from '../skipped.js';

// <JSFunction NAME (sfi = 0x…)> ; NAME may be empty, and --trace-file-names appends " <file>".
const JSF = String.raw`0x[0-9a-f]+ <JSFunction ?(.*?) \(sfi = (0x[0-9a-f]+)\)>`;
// `0x… {0x… <SharedFunctionInfo NAME>}`: only the braced part is relied on, the
// zone address before it is where other threads' text tends to land.
const SFI = String.raw`\S*\s*\{0x[0-9a-f]+ <SharedFunctionInfo ?([^>]*)>\}`;

const RE = {
  marking: new RegExp(String.raw`\[(manually )?marking ${JSF} for optimization to (\w+)(?:, ConcurrencyMode::\w+)?(?:, reason: ([^\]]*))?\]`),
  compiling: new RegExp(String.raw`\[compiling method ${JSF} \(target (\w+)\)( using \w+)?( OSR)?`),
  optimizing18: new RegExp(String.raw`\[optimizing ${JSF} \(target (\w+)\)( OSR)? - took ([\d.]+), ([\d.]+), ([\d.]+) ms\]`),
  completedCompiling: new RegExp(String.raw`\[completed compiling ${JSF} \(target (\w+)\)( OSR)? - took ([\d.]+), ([\d.]+), ([\d.]+) ms\]`),
  completedOptimizing: new RegExp(String.raw`\[completed optimizing ${JSF} \(target (\w+)\)( OSR)?\]`),
  aborted: new RegExp(String.raw`\[aborted (?:optimizing|compiling) ${JSF} \(target (\w+)\)( OSR)? because: ([^\]]*)\]`),
  bailout: new RegExp(String.raw`\[bailout \(kind: ([\w-]+), reason: (.*?)\): begin\. deoptimizing ${JSF}, (?:0x[0-9a-f]+ <Code (\w+)>, )?opt id (\d+), bytecode offset (-?\d+)`),
  dependent: new RegExp(String.raw`\[marking dependent code 0x[0-9a-f]+ (?:<Code (\w+)> )?\((0x[0-9a-f]+) <SharedFunctionInfo ?([^>]*)>\) \(opt id (\d+)\) for deoptimization, reason: ([^\]]*)\]`),
  disabled: /\[disabled optimization for (0x[0-9a-f]+) <SharedFunctionInfo ?([^>]*)>, reason: ([^\]]*)\]/,
  inlining: new RegExp(String.raw`^Inlining ${SFI} into ${SFI}`),
  cannotConsider: new RegExp(String.raw`^(?:Cannot|Not) consider(?:ing)? ${SFI} for inlining \(([^)]*)\)`),
  maglevInline: new RegExp(String.raw`^\s+(greedy inlining|cannot inline) ${SFI}: (.*)$`),
};
const SFI_ADDR = /\{(0x[0-9a-f]+) <SharedFunctionInfo/g;

/** Prefixes of lines that are V8's but carry nothing for the model. */
const KNOWN_NOISE = [
  ';;; deoptimize at', // handled separately
  '[bailout end',
  '[deoptimize marked code',
  '[OSR - ',
  '[not marking',
  '[not yet optimizing',
  '[delaying optimization',
  '[evicting',
  '[found optimized code',
  '[optimizing ', // Node 18 synchronous start forms not matched above
  'Considering ',
  'Inlining small function(s)',
  '== Inlining',
  'Concurrent maglev has been disabled',
  '[deoptimizing (DEOPT',
  '[Deoptimizing',
];
const FRAME_DUMP = /^\s+(?:reading input frame|translating |0x[0-9a-f]+: |\d+: |-{5,}|\(optimized out\))|^\s*\d+ candidate\(s\) for inlining|^\s*- (?:candidate|target):|^Budget used: /;

const EMBEDDED = ['Cannot consider ', 'Inlining 0x', '['];

interface Job {
  fn: RuntimeFunction;
  tier: OptimizingTier | undefined;
  /** Synchronous jobs install their code at once: no "completed optimizing" follows. */
  sync: boolean;
}

export class TraceParser {
  unknown = 0;
  recognized = 0;
  /** Lines of a known shape with a field that does not parse (`unknown` counts the rest). */
  readonly skipped = new Skipped();
  /** `;;; deoptimize at` lines: none means the trace was taken without --trace-deopt-verbose. */
  positionLines = 0;
  /** Lines that look like a V8 line broken by another thread's output. */
  garbled = 0;
  private openBailout: DeoptEvent | undefined;
  private readonly jobs: Job[] = [];
  /**
   * Functions whose latest marking was synchronous (Node 18 compile lines do not
   * repeat the mode). Most traces have none, so marking lines cost no lookup.
   */
  private readonly syncMarked = new Set<RuntimeFunction>();
  /**
   * The SFI last looked up, as printed, and its function: a function's lines
   * tend to follow each other. Safe as the builder re-keys SFIs only while it
   * reads a v8.log, never while this file is read.
   */
  private lastSfi = '';
  private lastFn: RuntimeFunction | undefined;
  /** Reasons, shared: the few distinct ones would otherwise each keep their line alive. */
  private readonly reasons = new Map<string, string>();

  constructor(
    private readonly b: ModelBuilder,
    private readonly source: number,
    private readonly v8Major?: () => number | undefined,
  ) {}

  private fn(name: string, sfi: string): RuntimeFunction {
    const clean = cleanName(name);
    let fn = this.lastFn;
    if (sfi !== this.lastSfi || !fn) fn = this.b.fnBySfi(normalizeAddress(own(sfi)), own(clean));
    else if (!fn.name && clean) fn.name = own(clean); // as fnBySfi does for a known SFI
    this.lastSfi = sfi;
    this.lastFn = fn;
    return fn;
  }

  private reason(text: string): string {
    let shared = this.reasons.get(text);
    if (shared === undefined) this.reasons.set((shared = own(text)), shared);
    return shared;
  }

  /**
   * One line as bytes [start, end) of buf (what loadRuntime feeds). Deopt frame
   * dumps, over half the lines of a --trace-deopt-verbose trace, are recognized
   * on their bytes without being decoded.
   */
  lineBytes(buf: Buffer, start: number, end: number): void {
    this.skipped.line++;
    if (buf[start] === 32 /* space */ && isFrameDumpLine(buf, start, end)) return void this.recognized++;
    this.line(buf.toString('utf8', start, end));
  }

  line(line: string): void {
    if (line.length === 0) return;
    const c = line.charCodeAt(0);
    // Fast path: V8 lines start with '[', a letter of a few known words, or spaces.
    if (c === 91 /* [ */ && this.bracketed(line)) return void this.recognized++;
    // --trace-gc: `[pid:0xisolate]  N ms: Scavenge ...` (a digit after the bracket).
    if (c === 91 && line.charCodeAt(1) >= 48 && line.charCodeAt(1) <= 57 && addGcLine(this.b.model, line)) return void this.recognized++;
    if (c === 32 /* space */) {
      const t = line.trimStart();
      if (t.startsWith(';;; deoptimize at')) return void this.deoptAt(t);
      if (FRAME_DUMP.test(line)) return void this.recognized++;
      if (this.maglev(line)) return void this.recognized++;
    }
    if (c === 73 /* I */ || c === 67 /* C */ || c === 78 /* N */) {
      if (this.turboInlining(line)) return void this.recognized++;
    }
    if (KNOWN_NOISE.some((p) => line.startsWith(p)) || FRAME_DUMP.test(line)) return void this.recognized++;
    // Another thread's line inserted mid-line: parse any event that starts inside.
    for (const marker of EMBEDDED) {
      const at = line.indexOf(marker, 1);
      if (at < 0) continue;
      const rest = line.slice(at);
      if (marker === '[' ? this.bracketed(rest) : this.turboInlining(rest)) {
        this.recognized++;
        this.garbled++;
        return;
      }
    }
    if (line.includes('<SharedFunctionInfo') || line.includes('<JSFunction')) this.garbled++;
    this.unknown++;
  }

  private bracketed(line: string): boolean {
    let m: RegExpExecArray | null;
    if (line.startsWith('[bailout (kind') && (m = RE.bailout.exec(line))) {
      const fn = this.fn(m[3]!, m[4]!);
      // Node 18 names no code kind: take the tier the function was last optimized to.
      const tier = m[5] ? tierFromTarget(m[5]) : lastOptimizedTier(fn);
      const ev: DeoptEvent = {
        fn: fn.key,
        kind: m[1]!,
        reason: this.reason(m[2]!),
        tier,
        optId: Number(m[6]),
        bytecodeOffset: Number(m[7]),
        source: this.source,
      };
      this.b.model.deopts.push(ev);
      fn.timeline.push({ kind: 'deoptimized', deoptKind: ev.kind, reason: ev.reason, tier, source: this.source });
      this.openBailout = ev;
      return true;
    }
    if (line.startsWith('[bailout end')) {
      this.openBailout = undefined;
      return true;
    }
    if ((line.startsWith('[marking ') || line.startsWith('[manually marking ')) && !line.startsWith('[marking dependent')) {
      if (!(m = RE.marking.exec(line))) return false;
      const fn = this.fn(m[2]!, m[3]!);
      fn.timeline.push({ kind: 'marked', tier: tierFromTarget(m[4]!), reason: m[5] === undefined ? 'manual' : this.reason(m[5]), manual: !!m[1], source: this.source });
      if (line.includes('kSynchronous')) this.syncMarked.add(fn);
      else if (this.syncMarked.size) this.syncMarked.delete(fn);
      return true;
    }
    if (line.startsWith('[compiling method ')) {
      if (!(m = RE.compiling.exec(line))) return false;
      const fn = this.fn(m[1]!, m[2]!);
      const tier = tierFromTarget(m[3]!);
      const osr = !!m[5] || line.includes(') OSR');
      fn.timeline.push({ kind: 'compile-start', tier, osr, source: this.source });
      const sync = line.includes(', mode: ') ? line.includes('kSynchronous') : osr || this.syncMarked.has(fn);
      this.jobs.push({ fn, tier, sync });
      if (this.jobs.length > 64) this.jobs.shift();
      return true;
    }
    if (line.startsWith('[completed compiling ') || line.startsWith('[optimizing ')) {
      if (!(m = (line.startsWith('[optimizing ') ? RE.optimizing18 : RE.completedCompiling).exec(line))) return false;
      const timings = [Number(m[5]), Number(m[6]), Number(m[7])];
      const bad = timings.findIndex((t) => !Number.isFinite(t));
      if (bad >= 0) return this.malformed(line.startsWith('[optimizing ') ? 'optimizing' : 'completed compiling', 'bad timing', m[5 + bad]!);
      const fn = this.fn(m[1]!, m[2]!);
      const tier = tierFromTarget(m[3]!);
      fn.timeline.push({ kind: 'compile-end', tier, osr: !!m[4], timings, source: this.source });
      // Inlining is decided by now. Maglev and synchronous jobs print no
      // "completed optimizing": their code is in place now.
      const job = this.dropJob(fn, tier);
      if (tier && (tier === 'maglev' || job?.sync)) fn.timeline.push({ kind: 'optimized', tier, osr: !!m[4], source: this.source });
      return true;
    }
    if (line.startsWith('[completed optimizing ')) {
      if (!(m = RE.completedOptimizing.exec(line))) return false;
      const fn = this.fn(m[1]!, m[2]!);
      const tier = tierFromTarget(m[3]!);
      if (tier) fn.timeline.push({ kind: 'optimized', tier, osr: !!m[4], source: this.source });
      this.dropJob(fn, tier);
      return true;
    }
    if (line.startsWith('[aborted ')) {
      if (!(m = RE.aborted.exec(line))) return false;
      const fn = this.fn(m[1]!, m[2]!);
      const tier = tierFromTarget(m[3]!);
      fn.timeline.push({ kind: 'aborted', tier, reason: m[5]!.trim(), source: this.source });
      this.dropJob(fn, tier);
      return true;
    }
    if (line.startsWith('[marking dependent code')) {
      if (!(m = RE.dependent.exec(line))) return false;
      const fn = this.b.fnBySfi(normalizeAddress(m[2]!), cleanName(m[3]!));
      const tier = m[1] ? tierFromTarget(m[1]) : undefined;
      const ev: DeoptEvent = { fn: fn.key, kind: 'dependency-change', reason: m[5]!, tier, optId: Number(m[4]), source: this.source };
      this.b.model.deopts.push(ev);
      fn.timeline.push({ kind: 'deoptimized', deoptKind: ev.kind, reason: ev.reason, tier, source: this.source });
      return true;
    }
    if (line.startsWith('[disabled optimization')) {
      if (!(m = RE.disabled.exec(line))) return false;
      const fn = this.b.fnBySfi(normalizeAddress(m[1]!), cleanName(m[2]!));
      fn.timeline.push({ kind: 'disabled', reason: m[3]!, source: this.source });
      return true;
    }
    return KNOWN_NOISE.some((p) => line.startsWith(p));
  }

  /** A V8 line with a field that does not parse: skipped, and counted as malformed (the caller counts it as V8's). */
  private malformed(kind: string, what: string, value: string): true {
    this.skipped.bad(kind, what, value);
    return true;
  }

  private dropJob(fn: RuntimeFunction, tier: OptimizingTier | undefined): Job | undefined {
    for (let i = this.jobs.length - 1; i >= 0; i--) {
      const j = this.jobs[i]!;
      if (j.fn === fn && j.tier === tier) return this.jobs.splice(i, 1)[0];
    }
    return undefined;
  }

  /** The caller of a rejected inlining: the only job of that tier in flight, else unknown. */
  private currentJob(tier: OptimizingTier): { job?: Job } {
    const of = this.jobs.filter((j) => j.tier === tier);
    return { job: of.length === 1 ? of[0] : undefined };
  }

  private deoptAt(text: string): void {
    this.recognized++;
    this.positionLines++;
    const ev = this.openBailout;
    if (!ev || ev.site) return;
    ev.site = parseDeoptSite(text.slice(';;; deoptimize at'.length));
  }

  private turboInlining(line: string): boolean {
    let m: RegExpExecArray | null;
    if ((m = RE.inlining.exec(line))) {
      const addrs = [...line.matchAll(SFI_ADDR)].map((x) => x[1]!);
      const callee = this.b.fnBySfi(normalizeAddress(addrs[0]!), cleanName(m[1]!));
      const caller = this.b.fnBySfi(normalizeAddress(addrs[1]!), cleanName(m[2]!));
      this.b.addInlining({ caller: caller.key, callee: callee.key, inlined: true, tier: 'turbofan', source: this.source });
      return true;
    }
    if ((m = RE.cannotConsider.exec(line))) {
      const addr = [...line.matchAll(SFI_ADDR)][0]![1]!;
      const callee = this.b.fnBySfi(normalizeAddress(addr), cleanName(m[1]!));
      const printed = m[2]!.replace(/^reason: /, '');
      const reason = inlineabilityReason(printed, this.v8Major?.());
      const { job } = this.currentJob('turbofan');
      this.b.addInlining({ caller: job?.fn.key, callee: callee.key, inlined: false, reason, tier: 'turbofan', source: this.source });
      return true;
    }
    return false;
  }

  private maglev(line: string): boolean {
    const m = RE.maglevInline.exec(line);
    if (!m) return false;
    const addr = [...line.matchAll(SFI_ADDR)][0]![1]!;
    const callee = this.b.fnBySfi(normalizeAddress(addr), cleanName(m[2]!));
    const { job } = this.currentJob('maglev');
    const inlined = m[1] === 'greedy inlining';
    const reason = inlined ? undefined : inlineabilityReason(m[3]!, this.v8Major?.());
    this.b.addInlining({ caller: job?.fn.key, callee: callee.key, inlined, reason, tier: 'maglev', source: this.source });
    return true;
  }

  finish(): void {
    this.openBailout = undefined;
  }
}

/**
 * Whether the bytes of a line starting with a space match FRAME_DUMP's first
 * branch: ASCII whitespace, then `reading input frame`, `translating `,
 * `0x…: `, `N: `, five dashes or `(optimized out)`. False when unsure (other
 * whitespace, odd bytes): the decoded line is then parsed as usual.
 */
function isFrameDumpLine(buf: Buffer, start: number, end: number): boolean {
  let i = start + 1;
  while (i < end && (buf[i] === 32 || (buf[i]! >= 9 && buf[i]! <= 13))) i++;
  if (i === end) return false;
  const c = buf[i]!;
  if (c >= 48 && c <= 57) {
    if (c === 48 && buf[i + 1] === 120 /* x */) {
      let j = i + 2;
      while (j < end && isHexDigit(buf[j]!)) j++;
      if (j > i + 2 && j + 1 < end && buf[j] === 58 /* : */ && buf[j + 1] === 32) return true;
    }
    let j = i + 1;
    while (j < end && buf[j]! >= 48 && buf[j]! <= 57) j++;
    return j + 1 < end && buf[j] === 58 && buf[j + 1] === 32;
  }
  if (c === 45 /* - */) return end - i >= 5 && buf[i + 1] === 45 && buf[i + 2] === 45 && buf[i + 3] === 45 && buf[i + 4] === 45;
  if (c === 114 /* r */) return hasBytes(buf, i, end, 'reading input frame');
  if (c === 116 /* t */) return hasBytes(buf, i, end, 'translating ');
  if (c === 40 /* ( */) return hasBytes(buf, i, end, '(optimized out)');
  return false;
}

/** Lowercase hex digit (as [0-9a-f]). */
function isHexDigit(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 97 && c <= 102);
}

/** Whether the ASCII text occurs at byte i (before end). */
function hasBytes(buf: Buffer, i: number, end: number, text: string): boolean {
  if (end - i < text.length) return false;
  for (let k = 0; k < text.length; k++) if (buf[i + k] !== text.charCodeAt(k)) return false;
  return true;
}

function lastOptimizedTier(fn: RuntimeFunction): OptimizingTier | undefined {
  for (let i = fn.timeline.length - 1; i >= 0; i--) {
    const t = fn.timeline[i]!;
    if ((t.kind === 'optimized' || t.kind === 'compile-end') && t.tier) return t.tier;
  }
  return undefined;
}

/** Drops the " <file>" that --trace-file-names appends to a name. */
function cleanName(name: string): string {
  const i = name.indexOf(' <');
  return i >= 0 ? name.slice(0, i) : name;
}
