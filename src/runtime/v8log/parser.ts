// Streaming parser for v8.log (--logfile … --log-code --log-deopt --log-ic …).
// Rows are dispatched on their first field. IC rows (most of a log) are read
// straight from the file's bytes and aggregated per site (ic-sites.ts); function
// rows are skipped undecoded, tick rows (--prof) are read from the bytes and
// counted per function (ticks.ts); the rest are decoded and split.
import type { ModelBuilder } from '../builder.js';
import {
  type DeoptSite,
  type OptimizingTier,
  type RuntimeFunction,
  type SourcePosition,
  parseAddress,
  parseDeoptSite,
  parsePosition,
} from '../model.js';
import { own } from '../own.js';
import { EVAL_SCRIPT, isInternalScript } from '../scripts.js';
import { Skipped } from '../skipped.js';
import { canonicalHex, decimal, numberField, text } from './bytes.js';
import { type CodeInfo, CodeTable } from './code-table.js';
import { unescapeField } from './escape.js';
import { IC_KINDS, IcSites } from './ic-sites.js';
import { SfiOwners } from './sfi-owners.js';
import { TickProfile } from './ticks.js';

/** Rows understood but not needed for the model. */
const IGNORED = new Set<string>([
  'function', 'heap-capacity', 'heap-available', 'v8-platform', 'compilation-cache', 'shared-library',
  'shared-library-end', 'current-time', 'profiler', 'code-moving-gc', 'snapshot-code-name', 'timer-event',
  'timer-event-start', 'timer-event-end', 'map', 'map-create', 'map-details', 'suspend-context', 'heap-sample-begin',
  'heap-sample-end', 'heap-sample-item', 'tick-interval', 'active-runtime-timer', 'debug-event', 'feedback-vector',
  'bytecode-flush', 'sfi-flush', 'log-file-end', 'script-details-end', 'cpp',
]);

const latin1 = (s: string): Buffer => Buffer.from(s, 'latin1');
/** Row prefixes matched on the bytes: IC rows are parsed from them, the skipped rows never decoded. */
const IC_TAGS = IC_KINDS.map((kind, index) => ({ index, tag: latin1(kind + ',') }));
const IC_INDEX = new Map(IC_KINDS.map((kind, index) => [kind as string, index]));
const FUNCTION_TAG = latin1('function,');
const TICK_TAG = latin1('tick,');
const SOURCE_INFO_TAG = latin1('code-source-info,');
const CODE_CREATION_TAG = latin1('code-creation,');
// A long run's log has millions of these (every GC moves code and SFIs): read from the bytes.
const CODE_MOVE_TAG = latin1('code-move,');
const SFI_MOVE_TAG = latin1('sfi-move,');
// Heap pages made and released (each GC), and rows only counted: no string for them.
const NEW_CHUNK_TAG = latin1('new,MemoryChunk,');
const DELETE_CHUNK_TAG = latin1('delete,MemoryChunk,');
const SCRIPT_TAG = latin1('script,');
const COMPILATION_CACHE_TAG = latin1('compilation-cache,');

/** 1-based line of `offset`: the number of line starts at or before it. */
function upperBoundInt(a: Int32Array, x: number): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (a[mid]! <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Fields in bytes [start, end), counted up to `max`. */
function fieldCount(buf: Buffer, start: number, end: number, max: number): number {
  let n = 1;
  for (let i = buf.indexOf(44, start); i >= 0 && i < end && n < max; i = buf.indexOf(44, i + 1)) n++;
  return n;
}

function hasPrefix(buf: Buffer, start: number, end: number, prefix: Buffer): boolean {
  if (end - start < prefix.length) return false;
  for (let i = 0; i < prefix.length; i++) if (buf[start + i] !== prefix[i]) return false;
  return true;
}

function tierOfMarker(marker: string): OptimizingTier | undefined {
  if (marker.includes('*')) return 'turbofan';
  if (marker.includes('+')) return 'maglev';
  return undefined;
}

/** `name FILE:LINE:COL` → name and position (the name may be empty or contain spaces; FILE is empty for eval'd code). */
function splitCodeName(field: string): { name: string; position?: SourcePosition } {
  const text = unescapeField(field);
  const sp = text.lastIndexOf(' ');
  const loc = sp >= 0 ? text.slice(sp + 1) : text;
  const position = parsePosition(loc.startsWith(':') ? EVAL_SCRIPT + loc : loc);
  if (!position) return { name: text };
  return { name: sp >= 0 ? own(text.slice(0, sp)) : '', position };
}

/** A whole number as text, as the numeric fields of rows are (decimal or 0x…). */
const NUMBER = /^(?:\d+|0x[0-9a-fA-F]+|-\d+)$/;
/** Field of `code-source-info` with the inlined calls: F<fn index>O<script offset>[I<parent inlining id>]... */
const INLINING = /^(?:F-?\d+O-?\d+(?:I-?\d+)?)*$/;

export class V8LogParser {
  recognized = 0;
  readonly skipped = new Skipped();
  /** code-deopt rows of code objects the log never described (or described with no function): counted, not attributed. */
  unattributedDeopts = 0;
  /** Code objects alive at the current row (bounded by what lives, not by what the log ever made). */
  readonly codes = new CodeTable();
  /**
   * The function each live SFI address of this log belongs to now. It keeps each
   * function's `sfis` to its current addresses: a moved SFI leaves its old
   * address, an address reused for another function leaves the old one, and an
   * SFI left on a released page is gone.
   */
  readonly sfiOwners = new SfiOwners<RuntimeFunction>();
  /** Pages released (start, end, ...) whose SFIs are not dropped yet (see heapChunk). */
  private released: number[] = [];
  /** Functions whose SFI addresses moved, died or were taken by another function: their `sfis` are set again at the end. */
  private readonly movedFns = new Set<RuntimeFunction>();
  /** Deopt kinds and reasons, shared (a few distinct ones, repeated by thousands of rows). */
  private readonly words = new Map<string, string>();
  /** Deopt positions by their text: thousands of deopts share a few sites. */
  private readonly sites = new Map<string, DeoptSite | undefined>();
  private readonly ics = new IcSites();
  /** --prof samples, joined to the code table as IC entries are. */
  readonly ticks = new TickProfile((address) => this.codes.at(address));
  /** First comma positions of the code-creation row being read. */
  private readonly codeCommas = new Int32Array(6);
  private readonly scriptNameStrings = new Map<string, string>();
  /** Line starts of the scripts whose code got line tables (logs with ticks only). */
  private readonly lineStarts = new Map<string, Int32Array | undefined>();
  private readonly recentByName = new Map<string, RuntimeFunction>();

  constructor(
    private readonly b: ModelBuilder,
    private readonly source: number,
    /** The log's name, for the CPU profile its ticks make. */
    private readonly file = '',
  ) {}

  /** Rows of kinds not read (the malformed ones are counted in `skipped`). */
  get unknown(): number {
    return this.skipped.unknown;
  }

  /** One line as bytes [start, end) of buf (what loadRuntime feeds): IC rows are read from the bytes, ticks and function events skipped. */
  lineBytes(buf: Buffer, start: number, end: number): void {
    this.skipped.line++;
    if (start === end) return;
    const c = buf[start];
    if (c === 76 /* L */ || c === 83 /* S */ || c === 75 /* K */) {
      for (const { index, tag } of IC_TAGS) if (hasPrefix(buf, start, end, tag)) return this.ic(index, buf, start + tag.length - 1, end);
    } else if (c === 116 /* t */) {
      if (hasPrefix(buf, start, end, TICK_TAG)) return this.tick(buf, start + TICK_TAG.length, end);
    } else if (c === 102 /* f */) {
      if (hasPrefix(buf, start, end, FUNCTION_TAG)) return void this.recognized++;
    } else if (c === 115 /* s */) {
      if (hasPrefix(buf, start, end, SFI_MOVE_TAG) && this.moveBytes(false, buf, start + SFI_MOVE_TAG.length, end)) return;
      if (hasPrefix(buf, start, end, SCRIPT_TAG)) return void this.recognized++;
    } else if (c === 110 /* n */ || c === 100 /* d */) {
      const tag = c === 110 ? NEW_CHUNK_TAG : DELETE_CHUNK_TAG;
      if (hasPrefix(buf, start, end, tag) && this.chunkBytes(c === 110, buf, start + tag.length, end)) return;
    } else if (c === 99 /* c */) {
      if (hasPrefix(buf, start, end, CODE_CREATION_TAG)) return this.codeCreation(buf, start, end);
      if (hasPrefix(buf, start, end, CODE_MOVE_TAG) && this.moveBytes(true, buf, start + CODE_MOVE_TAG.length, end)) return;
      if (hasPrefix(buf, start, end, COMPILATION_CACHE_TAG)) return void this.recognized++;
      // A source-position table without inlined functions: nothing for the model (see codeSourceInfo).
      // With ticks in the log, the table gives the ticks' lines: read (see codeSourceInfo).
      if (buf[end - 1] === 44 /* , */ && this.ticks.samples === 0 && hasPrefix(buf, start, end, SOURCE_INFO_TAG) && fieldCount(buf, start, end, 9) === 8) return void this.recognized++;
    }
    this.line(buf.toString('utf8', start, end));
  }

  line(line: string): void {
    if (line.length === 0) return;
    const comma = line.indexOf(',');
    const tag = comma < 0 ? line : line.slice(0, comma);
    switch (tag) {
      case 'code-creation': {
        const bytes = Buffer.from(line, 'utf8');
        return this.codeCreation(bytes, 0, bytes.length);
      }
      case 'LoadIC':
      case 'StoreIC':
      case 'KeyedLoadIC':
      case 'KeyedStoreIC':
      case 'LoadGlobalIC':
      case 'StoreGlobalIC':
      case 'StoreInArrayLiteralIC': {
        const bytes = Buffer.from(line, 'utf8');
        return this.ic(IC_INDEX.get(tag)!, bytes, comma, bytes.length);
      }
      case 'tick': {
        const bytes = Buffer.from(line, 'utf8');
        return this.tick(bytes, comma + 1, bytes.length);
      }
      case 'code-deopt':
        return this.codeDeopt(line.split(','));
      case 'code-source-info':
        return this.codeSourceInfo(line.split(','));
      case 'code-move':
        return this.codeMove(line.split(','));
      case 'code-delete':
        return this.codeDelete(line.split(','));
      case 'sfi-move':
        return this.sfiMove(line.split(','));
      case 'code-disable-optimization':
        return this.disableOptimization(line.split(','));
      case 'script-details':
      case 'script-source':
        return this.scriptRow(tag, line);
      case 'script':
        this.recognized++;
        return;
      case 'v8-version':
        return this.version(line.split(','));
      case 'new':
      case 'delete':
        return this.heapChunk(tag, line.split(','));
      default:
        if (IGNORED.has(tag)) this.recognized++;
        else this.skipped.unknownRow(tag);
    }
  }

  /** A row of a known kind with fewer fields than V8 writes: skipped. */
  private short(tag: string, row: string): void {
    this.skipped.bad(tag, 'too few fields in', row);
  }

  private version(f: string[]): void {
    if (f.length < 5) return this.short('v8-version', f.join(','));
    const [, a, b2, c, d, cand] = f;
    for (const n of [a, b2, c, d]) if (!/^\d+$/.test(n!)) return this.skipped.bad('v8-version', 'bad version number', n!);
    this.recognized++;
    this.b.model.v8Version ??= `${a}.${b2}.${c}.${d}${cand && cand !== '0' ? cand : ''}`;
    // IC rows have a time column from V8 9 on (Node 16); older ones (Node 12/14) do not.
    this.ics.legacy = Number(a) < 9;
  }

  /**
   * code-creation,<tag>,<kind>,<µs>,<start>,<size>,<name>[,<sfi>,<marker>], from its
   * bytes, decoding only the name and SFI fields: the row itself is never decoded,
   * so nothing kept (a name, a script) is a view of it.
   */
  private codeCreation(buf: Buffer, from: number, end: number): void {
    const cm = this.codeCommas;
    let n = 0;
    let last = -1;
    let beforeLast = -1;
    for (let i = buf.indexOf(44, from); i >= 0 && i < end; i = buf.indexOf(44, i + 1)) {
      if (n < 6) cm[n] = i;
      n++;
      beforeLast = last;
      last = i;
    }
    if (n < 6) return this.short('code-creation', buf.toString('utf8', from, end)); // fewer than 7 fields
    // Every field read is checked before anything is kept: a bad one skips the row.
    const start = numberField(buf, cm[3]! + 1, cm[4]!);
    if (!(start >= 0)) return this.skipped.bad('code-creation', 'bad code start', buf.toString('utf8', cm[3]! + 1, cm[4]!));
    const size = numberField(buf, cm[4]! + 1, cm[5]!);
    if (!(size >= 0)) return this.skipped.bad('code-creation', 'bad code size', buf.toString('utf8', cm[4]! + 1, cm[5]!));
    if (n < 8) {
      // No SFI and marker: not a JS function.
      this.recognized++;
      return this.codes.add({ start, size });
    }
    // A name with an unescaped comma adds fields: it runs to the SFI field.
    const sfiText = buf.toString('utf8', beforeLast + 1, last);
    // Non-JS code whose name holds commas has no SFI there: only an 0x… field is one.
    const sfi = sfiText.startsWith('0x') ? parseAddress(sfiText) : undefined;
    if (sfiText.startsWith('0x') && sfi === undefined) return this.skipped.bad('code-creation', 'bad SFI address', sfiText);
    const marker = text(buf, last + 1, end);
    const tier = tierOfMarker(marker);
    const time = tier ? numberField(buf, cm[2]! + 1, cm[3]!) : 0;
    if (!(time >= 0)) return this.skipped.bad('code-creation', 'bad time', buf.toString('utf8', cm[2]! + 1, cm[3]!));
    this.recognized++;
    const { name, position } = splitCodeName(buf.toString('utf8', cm[5]! + 1, beforeLast));
    const entry: CodeInfo = { start, size, tier };
    if (position && sfi !== undefined) {
      position.script = this.scriptName(position.script);
      // The builder learns a function's first SFI now, later ones (recompiles, moves) once at the end:
      // a long run compiles the same function again and again, and old addresses would pile up.
      let fn = this.b.fnByPosition(position, name);
      if (fn.sfis.size === 0) fn = this.b.fnByPosition(position, name, own(sfi));
      else if (!fn.sfis.has(sfi)) this.movedFns.add(fn);
      this.ownSfi(sfi, fn);
      entry.fn = fn;
      entry.scriptName = position.script;
      if (name) this.recentByName.set(name, fn);
      if (tier) fn.timeline.push({ kind: 'optimized', tier, osr: marker.startsWith('o'), time, source: this.source });
    }
    this.codes.add(entry);
  }

  /** Records that `sfi` (normalized) is `fn`'s now. */
  private ownSfi(sfi: string, fn: RuntimeFunction): void {
    if (this.released.length) this.dropReleasedSfis();
    const before = this.sfiOwners.set(Number(sfi), fn);
    if (before && before !== fn) this.movedFns.add(before);
  }

  /** The function of an SFI address at the current row: this log's owner table first, then the builder's. */
  private fnOfSfi(sfi: string): RuntimeFunction {
    const fn = this.sfiOwners.get(Number(sfi));
    if (fn) return fn;
    const made = this.b.fnBySfi(sfi, '');
    this.ownSfi(sfi, made);
    return made;
  }

  /**
   * `code-move,<from>,<to>` / `sfi-move,<from>,<to>` from the bytes [start, end)
   * after the tag, when both are plain addresses; false leaves the row to `line`.
   * Most moved SFIs belong to no function of the model: they cost no string.
   */
  private moveBytes(code: boolean, buf: Buffer, start: number, end: number): boolean {
    // One comma, found by a loop: the rows are short, and Buffer#indexOf is a native call that
    // searches past the row's end (the rest of the block) when there is no second comma.
    let comma = -1;
    for (let i = start; i < end; i++) {
      if (buf[i] !== 44 /* , */) continue;
      if (comma >= 0) return false;
      comma = i;
    }
    if (comma < 0) return false;
    const from = canonicalHex(buf, start, comma);
    const to = canonicalHex(buf, comma + 1, end);
    if (from < 0 || to < 0) return false;
    this.recognized++;
    if (code) {
      this.flushIcs();
      this.codes.move(from, to);
    } else this.moveSfi(from - (from % 2), to - (to % 2));
    return true;
  }

  /**
   * An SFI moved (addresses as numbers, low bit cleared). Millions of moves in a
   * long run: only the numeric owner table follows them; the functions' `sfis`
   * and the builder learn the final addresses once, in finish().
   */
  private moveSfi(from: number, to: number): void {
    if (this.released.length) this.dropReleasedSfis();
    const fn = this.sfiOwners.delete(from);
    if (!fn) return;
    const before = this.sfiOwners.set(to, fn);
    if (before && before !== fn) this.movedFns.add(before);
    this.movedFns.add(fn);
  }

  /** `new,MemoryChunk,<address>,<size>` / `delete,MemoryChunk,<address>`: heap pages; code on a released page is dead. */
  private heapChunk(tag: string, f: string[]): void {
    if (f[1] !== 'MemoryChunk') return void this.recognized++; // CodeRange and others
    if (f.length < (tag === 'new' ? 4 : 3)) return this.short(tag, f.join(','));
    if (!NUMBER.test(f[2]!)) return this.skipped.bad(tag, 'bad address', f[2]!);
    if (tag === 'new' && !NUMBER.test(f[3]!)) return this.skipped.bad(tag, 'bad size', f[3]!);
    this.chunk(tag === 'new', Number(f[2]), Number(f[3]));
  }

  /**
   * `new,MemoryChunk,<address>,<size>` / `delete,MemoryChunk,<address>` from the bytes
   * [start, end) after the tag's comma, when the fields are plain; false leaves the row to `line`.
   */
  private chunkBytes(created: boolean, buf: Buffer, start: number, end: number): boolean {
    let comma = -1;
    for (let i = start; i < end; i++) {
      if (buf[i] !== 44 /* , */) continue;
      if (comma >= 0 || !created) return false;
      comma = i;
    }
    if (created && (comma < 0 || comma + 1 >= end)) return false;
    const address = canonicalHex(buf, start, created ? comma : end);
    const size = created ? decimal(buf, comma + 1, end) : 0;
    if (address < 0 || !(size >= 0)) return false;
    this.chunk(created, address, size);
    return true;
  }

  /** A heap page made or released (a row read and checked). */
  private chunk(created: boolean, address: number, size: number): void {
    this.recognized++;
    if (created) {
      // The page may be one released before, now reused: what was on it before is gone.
      if (this.released.length) this.dropReleasedSfis();
      return this.codes.chunkCreated(address, size);
    }
    // IC rows logged so far may name code on this page: join them while it is known.
    this.flushIcs();
    const released = this.codes.chunkDeleted(address);
    // The GC moves every live object off a page before releasing it: SFIs still there are dead. Applied
    // when the log goes on: a log ends with the release of every page (the heap torn down at exit), and
    // the SFIs alive then keep their addresses (trace text of the same run is joined by them).
    if (released !== undefined) this.released.push(address, address + released);
  }

  /** Drops the SFIs left on the pages released since the last call: the log went on, so they died. */
  private dropReleasedSfis(): void {
    const r = this.released;
    this.released = [];
    for (let i = 0; i < r.length; i += 2) this.sfiOwners.release(r[i]!, r[i + 1]!, (fn) => this.movedFns.add(fn));
  }

  /** One string per script name (code rows repeat it, each a view of its row). */
  private scriptName(name: string): string {
    let known = this.scriptNameStrings.get(name);
    // Keyed by the copy: the text given may be a view of its whole row (a script-source row holds the source).
    if (known === undefined) this.scriptNameStrings.set((known = own(name)), known);
    return known;
  }

  private codeDeopt(f: string[]): void {
    // code-deopt,<µs>,<size>,<code start>,<inlining id>,<script offset>,<kind>,<position>,<reason>
    if (f.length < 9) return this.short('code-deopt', f.join(','));
    if (!NUMBER.test(f[3]!)) return this.skipped.bad('code-deopt', 'bad code start', f[3]!);
    if (!NUMBER.test(f[1]!)) return this.skipped.bad('code-deopt', 'bad time', f[1]!);
    this.recognized++;
    const code = this.codes.get(Number(f[3]));
    const kind = this.word(f[6]!);
    const positionText = unescapeField(f.slice(7, f.length - 1).join(','));
    const reason = this.word(unescapeField(f[f.length - 1]!));
    const fn = code?.fn;
    if (!fn) return void this.unattributedDeopts++;
    const site = this.site(positionText, code.scriptName === EVAL_SCRIPT);
    const tier = code.tier;
    this.b.model.deopts.push({ fn: fn.key, kind, reason, tier, site, time: Number(f[1]), source: this.source });
    fn.timeline.push({ kind: 'deoptimized', deoptKind: kind, reason, tier, source: this.source });
  }

  private word(text: string): string {
    let w = this.words.get(text);
    if (w === undefined) {
      w = own(text);
      if (this.words.size < 1 << 12) this.words.set(w, w);
    }
    return w;
  }

  /**
   * The parsed position of a deopt, shared by the deopts printed with the same text.
   * In eval'd code (`inEval`), V8 prints the positions of the script without a name
   * as `unknown`: they are named as the code's position is.
   */
  private site(positionText: string, inEval: boolean): DeoptSite | undefined {
    const cacheKey = inEval ? EVAL_SCRIPT + positionText : positionText;
    if (this.sites.has(cacheKey)) return this.sites.get(cacheKey);
    let site = parseDeoptSite(positionText);
    if (site && inEval) {
      const named = (p: SourcePosition): SourcePosition => (p.script === 'unknown' ? { ...p, script: EVAL_SCRIPT } : p);
      site = { position: named(site.position), inlinedAt: site.inlinedAt.map(named) };
    }
    if (this.sites.size < 1 << 16) this.sites.set(own(cacheKey), site);
    return site;
  }

  private codeSourceInfo(f: string[]): void {
    // code-source-info,<code start>,<script id>,<start>,<end>,<positions>,<inlining>,<inlined SFIs>
    if (f.length < 8) return this.short('code-source-info', f.join(','));
    if (!NUMBER.test(f[1]!)) return this.skipped.bad('code-source-info', 'bad code start', f[1]!);
    if (!NUMBER.test(f[2]!)) return this.skipped.bad('code-source-info', 'bad script id', f[2]!);
    const inlining = f[6]!;
    const sfiList = f[7]!;
    if (!INLINING.test(inlining)) return this.skipped.bad('code-source-info', 'bad inlining table', inlining);
    const sfis: string[] = [];
    for (const text of sfiList.split('S')) {
      if (!text) continue;
      const sfi = parseAddress(text);
      if (sfi === undefined) return this.skipped.bad('code-source-info', 'bad SFI address', text);
      sfis.push(sfi);
    }
    this.recognized++;
    if (this.ticks.samples > 0) this.keepLines(Number(f[1]), Number(f[2]), f[5]!);
    if (!inlining || !sfis.length) return;
    const code = this.codes.get(Number(f[1]));
    if (!code?.fn || !code.tier) return;
    // F<fn index>O<script offset>[I<parent inlining id>] per inlined call.
    const re = /F(-?\d+)O(-?\d+)(?:I(-?\d+))?/g;
    const parents: Array<string | undefined> = [];
    let m: RegExpExecArray | null;
    while ((m = re.exec(inlining))) {
      const sfi = sfis[Number(m[1])];
      const callee = sfi ? this.fnOfSfi(sfi) : undefined;
      parents.push(callee?.key);
      if (!callee) continue;
      const parentIndex = m[3] === undefined ? -1 : Number(m[3]);
      const caller = parentIndex >= 0 ? parents[parentIndex] : code.fn.key;
      const callSite = this.offsetToPosition(Number(f[2]), Number(m[2]));
      this.b.addInlining({ caller, callee: callee.key, inlined: true, tier: code.tier, callSite, source: this.source });
    }
  }

  /**
   * The lines of a code object's source positions (`C<code offset>O<script offset>...`), kept on
   * its entry for the ticks that land in it. Only for functions of scripts whose source the log has.
   */
  private keepLines(start: number, scriptId: number, positions: string): void {
    const code = this.codes.get(start);
    if (!code?.fn || !positions) return;
    const starts = this.lineStartsOf(scriptId);
    if (!starts) return;
    const out: number[] = [];
    const re = /C(\d+)O(\d+)/g;
    let m: RegExpExecArray | null;
    while ((m = re.exec(positions))) {
      const line = upperBoundInt(starts, Number(m[2]));
      // Entries of one line in a row are one.
      if (out.length && out[out.length - 1] === line) continue;
      out.push(Number(m[1]), line);
    }
    if (out.length) code.lines = Int32Array.from(out);
  }

  /** Offsets where each line of a script starts (index: line - 1), from its source. */
  private lineStartsOf(scriptId: number): Int32Array | undefined {
    const key = `${this.source}:${scriptId}`;
    const known = this.lineStarts.get(key);
    if (known !== undefined || this.lineStarts.has(key)) return known;
    const text = this.b.model.scripts.get(key)?.sourceText;
    let starts: Int32Array | undefined;
    if (text !== undefined) {
      const list = [0];
      for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) list.push(i + 1);
      starts = Int32Array.from(list);
    }
    this.lineStarts.set(key, starts);
    return starts;
  }

  private offsetToPosition(scriptId: number, offset: number): SourcePosition | undefined {
    const script = this.b.model.scripts.get(`${this.source}:${scriptId}`);
    const text = script?.sourceText;
    if (text === undefined || offset < 0 || offset > text.length) return undefined;
    let line = 1;
    let lineStart = 0;
    for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) {
      line++;
      lineStart = i + 1;
    }
    return { script: script!.name, line, column: offset - lineStart + 1 };
  }

  private ic(kind: number, buf: Buffer, tagEnd: number, end: number): void {
    const bad = this.ics.row(kind, buf, tagEnd, end);
    if (bad === undefined) this.recognized++;
    else this.skipped.bad(IC_KINDS[kind]!, bad.what, bad.value);
  }

  private tick(buf: Buffer, start: number, end: number): void {
    const bad = this.ticks.row(buf, start, end);
    if (bad === undefined) this.recognized++;
    else this.skipped.bad('tick', bad.what, bad.value);
  }

  /** Joins pending IC entries and ticks to the code objects that hold their pc, as the code is now. */
  private flushIcs(): void {
    this.ics.join((pc) => this.codes.at(pc));
    this.ticks.join();
  }

  private codeMove(f: string[]): void {
    if (f.length < 3) return this.short('code-move', f.join(','));
    for (const a of [f[1]!, f[2]!]) if (!NUMBER.test(a)) return this.skipped.bad('code-move', 'bad address', a);
    this.recognized++;
    this.flushIcs();
    this.codes.move(Number(f[1]), Number(f[2]));
  }

  private codeDelete(f: string[]): void {
    if (f.length < 2) return this.short('code-delete', f.join(','));
    if (!NUMBER.test(f[1]!)) return this.skipped.bad('code-delete', 'bad address', f[1]!);
    this.recognized++;
    this.flushIcs();
    this.codes.delete(Number(f[1]));
  }

  private sfiMove(f: string[]): void {
    if (f.length < 3) return this.short('sfi-move', f.join(','));
    const from = parseAddress(f[1]!);
    if (from === undefined) return this.skipped.bad('sfi-move', 'bad address', f[1]!);
    const to = parseAddress(f[2]!);
    if (to === undefined) return this.skipped.bad('sfi-move', 'bad address', f[2]!);
    this.recognized++;
    this.moveSfi(Number(from), Number(to));
  }

  private disableOptimization(f: string[]): void {
    // code-disable-optimization,<name>,<reason>: only the name; take the latest function of that name.
    if (f.length < 3) return this.short('code-disable-optimization', f.join(','));
    this.recognized++;
    const fn = this.recentByName.get(unescapeField(f[1]!));
    if (fn) fn.timeline.push({ kind: 'disabled', reason: unescapeField(f.slice(2).join(',')), source: this.source });
  }

  private scriptRow(tag: string, line: string): void {
    // script-details,<id>,<name>,<line offset>,<column offset>,<source map url>
    // script-source,<id>,<name>,<source>
    const c1 = line.indexOf(',');
    const c2 = line.indexOf(',', c1 + 1);
    const c3 = c2 < 0 ? -1 : line.indexOf(',', c2 + 1);
    if (c2 < 0 || c3 < 0) return this.short(tag, line);
    const idText = line.slice(c1 + 1, c2);
    if (!/^\d+$/.test(idText)) return this.skipped.bad(tag, 'bad script id', idText);
    this.recognized++;
    const id = Number(idText);
    // One string per name, not a view of the row (a script-source row holds the whole source).
    const name = this.scriptName(unescapeField(line.slice(c2 + 1, c3)));
    const key = `${this.source}:${id}`;
    const scripts = this.b.model.scripts;
    let info = scripts.get(key);
    if (!info) {
      info = { id, name, source: this.source };
      scripts.set(key, info);
    } else if (name && name !== '<unknown>') info.name = name;
    // own(): the unescaped text is a rope of views of the row; a flat copy is a third of its memory.
    if (tag === 'script-source' && name && !isInternalScript(name)) info.sourceText = own(unescapeField(line.slice(c3 + 1)));
  }

  /** IC sites and transitions seen, kept or not. */
  get icCounts(): { sites: number; transitions: number } {
    return { sites: this.ics.sites, transitions: this.ics.transitions };
  }

  finish(): void {
    this.flushIcs();
    // Each function keeps the SFI addresses it has at the end of the log (moved and reused ones dropped);
    // the builder learns them, for trace text of the same run read after.
    const moved = this.movedFns;
    if (moved.size) {
      for (const fn of moved) if (fn.position) fn.sfis.clear();
      for (const [address, fn] of this.sfiOwners.entries()) {
        if (fn.position && moved.has(fn)) this.b.fnByPosition(fn.position, fn.name, '0x' + address.toString(16));
      }
    }
    for (const site of this.ics.kept(this.source)) this.b.model.ics.push(site);
    const profile = this.ticks.profile(this.file);
    if (profile) this.b.model.cpuProfiles.push(profile);
  }
}
