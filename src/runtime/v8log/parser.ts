// Streaming parser for v8.log (--logfile … --log-code --log-deopt --log-ic …).
// Rows are dispatched on their first field. IC rows (most of a log) are read
// straight from the file's bytes and aggregated per site, never stored one by
// one; function and tick rows are skipped undecoded; the rest are decoded and split.
import type { ModelBuilder } from '../builder.js';
import {
  type IcKind,
  type IcSite,
  type OptimizingTier,
  type RuntimeFunction,
  type SourcePosition,
  icStateRank,
  normalizeAddress,
  parseDeoptSite,
  parsePosition,
} from '../model.js';
import { isInternalScript } from '../scripts.js';
import { unescapeField } from './escape.js';
import { NumberIndex } from './number-index.js';

interface CodeEntry {
  start: number;
  size: number;
  fn?: RuntimeFunction;
  tier?: OptimizingTier;
  scriptName?: string;
}

type Transition = IcSite['firstMaxTransition'];

/**
 * Per-IC-site aggregate while its pc is not yet joined to a code object; the
 * IcSite is made from it then (so it is made once, with its function and script).
 */
interface PendingIc {
  pc: number;
  /** Another pending site at the same pc (other kind or position). */
  next: PendingIc | undefined;
  icKind: IcKind;
  line: number;
  column: number;
  maxState: string;
  transitions: number;
  keys: string[];
  /** Distinct maps (see mapId), at most MAX_MAPS_PER_IC. */
  maps: Array<number | string>;
  first: Transition;
}

const NO_TRANSITION: Transition = Object.freeze({ oldState: '', newState: '', key: '', map: '' });

const IC_KINDS = new Set<string>(['LoadIC', 'StoreIC', 'KeyedLoadIC', 'KeyedStoreIC', 'LoadGlobalIC', 'StoreGlobalIC', 'StoreInArrayLiteralIC']);

/** Rows understood but not needed for the model. */
const IGNORED = new Set<string>([
  'function', 'new', 'delete', 'heap-capacity', 'heap-available', 'v8-platform', 'compilation-cache', 'shared-library',
  'shared-library-end', 'tick', 'current-time', 'profiler', 'code-moving-gc', 'snapshot-code-name', 'timer-event',
  'timer-event-start', 'timer-event-end', 'map', 'map-create', 'map-details', 'suspend-context', 'heap-sample-begin',
  'heap-sample-end', 'heap-sample-item', 'tick-interval', 'active-runtime-timer', 'debug-event', 'feedback-vector',
  'bytecode-flush', 'sfi-flush', 'log-file-end', 'script-details-end', 'cpp',
]);

const MAX_KEYS_PER_IC = 8;
const MAX_MAPS_PER_IC = 64;
/** Bound on the table that shares key and map strings between IC sites. */
const MAX_INTERNED = 1 << 16;

const latin1 = (s: string): Buffer => Buffer.from(s, 'latin1');
/** Row prefixes matched on the bytes: IC rows are parsed from them, the skipped rows never decoded. */
const IC_TAGS = [...IC_KINDS].map((kind) => ({ kind: kind as IcKind, tag: latin1(kind + ',') }));
const SKIPPED_TAGS = ['function,', 'tick,'].map(latin1);
/** One-character strings by byte, so single-character states cost no allocation. */
const CHARS = Array.from({ length: 128 }, (_, i) => String.fromCharCode(i));

function hasPrefix(buf: Buffer, start: number, end: number, prefix: Buffer): boolean {
  if (end - start < prefix.length) return false;
  for (let i = 0; i < prefix.length; i++) if (buf[start + i] !== prefix[i]) return false;
  return true;
}

function text(buf: Buffer, start: number, end: number): string {
  if (end - start === 1 && buf[start]! < 128) return CHARS[buf[start]!]!;
  return buf.toString('utf8', start, end);
}

/** Value of a hex digit byte, lowercase only (V8 prints addresses in lowercase); -1 otherwise. */
function hexDigit(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 97 && c <= 102) return c - 87;
  return -1;
}

/**
 * `0x…` as V8 prints a pc (lowercase, no leading zero, at most 13 digits so the
 * value is exact): its value, else -1 (such rows take the string-keyed path).
 */
function canonicalHex(buf: Buffer, start: number, end: number): number {
  const digits = end - start - 2;
  if (digits < 1 || digits > 13 || buf[start] !== 48 || buf[start + 1] !== 120) return -1;
  if (digits > 1 && buf[start + 2] === 48) return -1;
  let v = 0;
  for (let i = start + 2; i < end; i++) {
    const d = hexDigit(buf[i]!);
    if (d < 0) return -1;
    v = v * 16 + d;
  }
  return v;
}

/** Plain decimal digits (at most 15, so exact): their value; anything else is read as Number() reads it. */
function decimal(buf: Buffer, start: number, end: number): number {
  const n = end - start;
  if (n >= 1 && n <= 15) {
    let v = 0;
    let i = start;
    for (; i < end; i++) {
      const c = buf[i]!;
      if (c < 48 || c > 57) break;
      v = v * 10 + (c - 48);
    }
    if (i === end) return v;
  }
  return Number(buf.toString('utf8', start, end));
}

/**
 * A map address as a number that is equal exactly when the texts are: value plus
 * digit count (leading zeros included) times 2^48. Other texts stay strings.
 */
function mapId(buf: Buffer, start: number, end: number): number | string {
  const digits = end - start - 2;
  if (digits >= 1 && digits <= 12 && buf[start] === 48 && buf[start + 1] === 120) {
    let v = 0;
    let i = start + 2;
    for (; i < end; i++) {
      const d = hexDigit(buf[i]!);
      if (d < 0) break;
      v = v * 16 + d;
    }
    if (i === end) return v + digits * 2 ** 48;
  }
  return buf.toString('utf8', start, end);
}

const KIND_INDEX = new Map([...IC_KINDS].map((k, i) => [k, i]));

/** Kind, line and column as one number when they fit in 53 bits, else as text. */
function siteKey(p: PendingIc): number | string {
  const { line, column } = p;
  if (Number.isInteger(line) && Number.isInteger(column) && line >= 0 && column >= 0 && line < 2 ** 26 && column < 2 ** 24) {
    return (line * 2 ** 24 + column) * 8 + KIND_INDEX.get(p.icKind)!;
  }
  return `${p.icKind},${line},${column}`;
}

/** A key already at the site whose text equals these bytes (ASCII without escapes only). */
function knownKey(keys: string[], buf: Buffer, start: number, end: number): string | undefined {
  const n = end - start;
  for (const k of keys) {
    if (k.length !== n) continue;
    let i = 0;
    for (; i < n; i++) {
      const c = buf[start + i]!;
      if (c >= 128 || c === 92 /* \ */ || k.charCodeAt(i) !== c) break;
    }
    if (i === n) return k;
  }
  return undefined;
}

function tierOfMarker(marker: string): OptimizingTier | undefined {
  if (marker.includes('*')) return 'turbofan';
  if (marker.includes('+')) return 'maglev';
  return undefined;
}

/** `name FILE:LINE:COL` → name and position (the name may be empty or contain spaces). */
function splitCodeName(field: string): { name: string; position?: SourcePosition } {
  const text = unescapeField(field);
  const sp = text.lastIndexOf(' ');
  const loc = sp >= 0 ? text.slice(sp + 1) : text;
  const position = parsePosition(loc);
  if (!position) return { name: text };
  return { name: sp >= 0 ? text.slice(0, sp) : '', position };
}

export class V8LogParser {
  unknown = 0;
  recognized = 0;
  private readonly codes = new Map<number, CodeEntry>();
  private sortedStarts: number[] | undefined;
  /** Pending IC sites in first-seen order, found by pc (or, for odd rows, by their text). */
  private pendingIcs: PendingIc[] = [];
  /** pc → index in pendingIcs of the latest pending site at that pc. */
  private readonly pendingByPc = new NumberIndex();
  private readonly pendingByText = new Map<string, PendingIc>();
  /** Key and map strings shared by all sites (few distinct, repeated per site). */
  private readonly interned = new Map<string, string>();
  /** Comma positions of the IC row being read. */
  private readonly commas = new Int32Array(9);
  /** Joined IC sites, found by (script index, siteKey) or, for odd positions, by text. */
  private readonly joined: IcSite[] = [];
  private readonly joinedIndex = new NumberIndex();
  private readonly joinedByText = new Map<string, IcSite>();
  private readonly scriptIndex = new Map<string, number>();
  /** Shared firstMaxTransition objects by map, then key (a few per combination of states). */
  private readonly transitions = new Map<string, Map<string, Transition[]>>();
  private transitionCount = 0;
  private readonly scriptNames = new Map<number, string>();
  private readonly recentByName = new Map<string, RuntimeFunction>();

  constructor(
    private readonly b: ModelBuilder,
    private readonly source: number,
  ) {}

  /** One line as bytes [start, end) of buf (what loadRuntime feeds): IC rows are read from the bytes, ticks and function events skipped. */
  lineBytes(buf: Buffer, start: number, end: number): void {
    if (start === end) return;
    const c = buf[start];
    if (c === 76 /* L */ || c === 83 /* S */ || c === 75 /* K */) {
      for (const { kind, tag } of IC_TAGS) if (hasPrefix(buf, start, end, tag)) return this.ic(kind, buf, start + tag.length - 1, end);
    } else if (c === 102 /* f */ || c === 116 /* t */) {
      for (const tag of SKIPPED_TAGS) if (hasPrefix(buf, start, end, tag)) return void this.recognized++;
    }
    this.line(buf.toString('utf8', start, end));
  }

  line(line: string): void {
    if (line.length === 0) return;
    const comma = line.indexOf(',');
    const tag = comma < 0 ? line : line.slice(0, comma);
    switch (tag) {
      case 'code-creation':
        return this.codeCreation(line.split(','));
      case 'LoadIC':
      case 'StoreIC':
      case 'KeyedLoadIC':
      case 'KeyedStoreIC':
      case 'LoadGlobalIC':
      case 'StoreGlobalIC':
      case 'StoreInArrayLiteralIC': {
        const bytes = Buffer.from(line, 'utf8');
        return this.ic(tag, bytes, comma, bytes.length);
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
      default:
        if (IGNORED.has(tag) || IC_KINDS.has(tag)) this.recognized++;
        else this.unknown++;
    }
  }

  private version(f: string[]): void {
    if (f.length < 5) return void this.unknown++;
    this.recognized++;
    const [, a, b2, c, d, cand] = f;
    this.b.model.v8Version ??= `${a}.${b2}.${c}.${d}${cand && cand !== '0' ? cand : ''}`;
  }

  private codeCreation(f: string[]): void {
    // code-creation,<tag>,<kind>,<µs>,<start>,<size>,<name>[,<sfi>,<marker>]
    if (f.length < 7) return void this.unknown++;
    this.recognized++;
    const start = Number(f[4]);
    const size = Number(f[5]);
    if (!Number.isFinite(start)) return;
    if (f.length < 9) {
      this.codes.set(start, { start, size });
      this.sortedStarts = undefined;
      return;
    }
    const marker = f[f.length - 1]!;
    const sfi = f[f.length - 2]!;
    // A name with an unescaped comma would add fields: rejoin the middle.
    const nameField = f.length === 9 ? f[6]! : f.slice(6, f.length - 2).join(',');
    const { name, position } = splitCodeName(nameField);
    const tier = tierOfMarker(marker);
    const entry: CodeEntry = { start, size, tier };
    if (position && sfi.startsWith('0x')) {
      const fn = this.b.fnByPosition(position, name, normalizeAddress(sfi));
      entry.fn = fn;
      entry.scriptName = position.script;
      if (name) this.recentByName.set(name, fn);
      if (tier) fn.timeline.push({ kind: 'optimized', tier, osr: marker.startsWith('o'), time: Number(f[3]), source: this.source });
    }
    this.codes.set(start, entry);
    this.sortedStarts = undefined;
  }

  private codeDeopt(f: string[]): void {
    // code-deopt,<µs>,<size>,<code start>,<inlining id>,<script offset>,<kind>,<position>,<reason>
    if (f.length < 9) return void this.unknown++;
    this.recognized++;
    const code = this.codes.get(Number(f[3]));
    const kind = f[6]!;
    const positionText = unescapeField(f.slice(7, f.length - 1).join(','));
    const reason = unescapeField(f[f.length - 1]!);
    const fn = code?.fn;
    if (!fn) return;
    const site = parseDeoptSite(positionText);
    const tier = code.tier;
    this.b.model.deopts.push({ fn: fn.key, kind, reason, tier, site, time: Number(f[1]), source: this.source });
    fn.timeline.push({ kind: 'deoptimized', deoptKind: kind, reason, tier, source: this.source });
  }

  private codeSourceInfo(f: string[]): void {
    // code-source-info,<code start>,<script id>,<start>,<end>,<positions>,<inlining>,<inlined SFIs>
    if (f.length < 8) return void this.unknown++;
    this.recognized++;
    const inlining = f[6]!;
    const sfiList = f[7]!;
    if (!inlining || !sfiList) return;
    const code = this.codes.get(Number(f[1]));
    if (!code?.fn || !code.tier) return;
    const sfis = sfiList.split('S').filter(Boolean).map(normalizeAddress);
    // F<fn index>O<script offset>[I<parent inlining id>] per inlined call.
    const re = /F(-?\d+)O(-?\d+)(?:I(-?\d+))?/g;
    const parents: Array<string | undefined> = [];
    let m: RegExpExecArray | null;
    while ((m = re.exec(inlining))) {
      const sfi = sfis[Number(m[1])];
      const callee = sfi ? this.b.fnBySfi(sfi, '') : undefined;
      parents.push(callee?.key);
      if (!callee) continue;
      const parentIndex = m[3] === undefined ? -1 : Number(m[3]);
      const caller = parentIndex >= 0 ? parents[parentIndex] : code.fn.key;
      const callSite = this.offsetToPosition(Number(f[2]), Number(m[2]));
      this.b.addInlining({ caller, callee: callee.key, inlined: true, tier: code.tier, callSite, source: this.source });
    }
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

  /**
   * An IC row from its bytes; `tagEnd` is the comma after the tag.
   * <IC>,<pc>,<µs>,<line>,<column>,<old>,<new>,<map>,<key>,<modifier>,<slow reason>
   * Only the fields needed are decoded, and the key and map only when the site keeps them.
   */
  private ic(kind: IcKind, buf: Buffer, tagEnd: number, end: number): void {
    const cm = this.commas;
    let n = 0;
    let last = -1;
    let beforeLast = -1;
    for (let i = tagEnd; i < end; i++) {
      if (buf[i] !== 44 /* , */) continue;
      if (n < 9) cm[n] = i;
      n++;
      beforeLast = last;
      last = i;
    }
    if (n < 8) return void this.unknown++; // fewer than 9 fields
    this.recognized++;
    const line = decimal(buf, cm[2]! + 1, cm[3]!);
    const column = decimal(buf, cm[3]! + 1, cm[4]!);
    const oldState = text(buf, cm[4]! + 1, cm[5]!);
    const newState = text(buf, cm[5]! + 1, cm[6]!);
    const p = this.pendingIc(kind, buf, line, column);
    p.transitions++;
    const map = mapId(buf, cm[6]! + 1, cm[7]!);
    if (p.maps.length < MAX_MAPS_PER_IC && !p.maps.includes(map)) p.maps = p.maps.length === 0 ? [map] : p.maps.concat(map);
    // A key with an unescaped comma spans fields: it runs to the modifier and slow-reason fields.
    const keyStart = cm[7]! + 1;
    const keyEnd = n >= 11 ? beforeLast : n > 8 ? cm[8]! : end;
    const hasKey = keyEnd > keyStart;
    let key: string | undefined;
    if (p.keys.length < MAX_KEYS_PER_IC && hasKey) {
      key = knownKey(p.keys, buf, keyStart, keyEnd) ?? this.decodeKey(buf, keyStart, keyEnd);
      // Copied to its exact size: most sites keep one key, and an array pushed to (or spread) reserves 17 slots.
      if (!p.keys.includes(key)) p.keys = p.keys.length === 0 ? [key] : p.keys.concat(key);
    }
    if (icStateRank(newState) > icStateRank(p.maxState) || p.transitions === 1) {
      p.maxState = newState;
      key = hasKey ? (key ?? this.decodeKey(buf, keyStart, keyEnd)) : '';
      p.first = this.transition(oldState, newState, key, this.intern(buf.toString('utf8', cm[6]! + 1, cm[7]!)));
    }
  }

  /** The pending site of this row, made on first sight. Sites are told apart by kind, pc, line and column. */
  private pendingIc(kind: IcKind, buf: Buffer, line: number, column: number): PendingIc {
    const cm = this.commas;
    const pc = canonicalHex(buf, cm[0]! + 1, cm[1]!);
    // NaN never equals itself: such rows, and odd pcs, are keyed by their text instead.
    const byText = pc < 0 || Number.isNaN(line) || Number.isNaN(column);
    const pcText = byText ? buf.toString('utf8', cm[0]! + 1, cm[1]!) : '';
    const textKey = byText ? `${kind},${pcText},${line},${column}` : '';
    const at = byText ? -1 : this.pendingByPc.get(pc, 0);
    let p = byText ? this.pendingByText.get(textKey) : at < 0 ? undefined : this.pendingIcs[at];
    const head = p;
    while (p && !(p.icKind === kind && p.line === line && p.column === column)) p = p.next;
    if (p) return p;
    p = {
      pc: byText ? Number(pcText) : pc,
      next: byText ? undefined : head,
      icKind: kind,
      line,
      column,
      maxState: '',
      transitions: 0,
      keys: [],
      maps: [],
      first: NO_TRANSITION,
    };
    if (byText) this.pendingByText.set(textKey, p);
    else this.pendingByPc.set(pc, 0, this.pendingIcs.length);
    this.pendingIcs.push(p);
    return p;
  }

  /**
   * A firstMaxTransition object, shared by the sites whose transitions read the
   * same (key and map strings are interned, so they key the cache). Never mutated.
   */
  private transition(oldState: string, newState: string, key: string, map: string): Transition {
    let byKey = this.transitions.get(map);
    if (!byKey) this.transitions.set(map, (byKey = new Map()));
    let list = byKey.get(key);
    if (!list) byKey.set(key, (list = []));
    for (const t of list) if (t.oldState === oldState && t.newState === newState) return t;
    const t = { oldState, newState, key, map };
    if (this.transitionCount++ < MAX_INTERNED) list.push(t);
    return t;
  }

  private decodeKey(buf: Buffer, start: number, end: number): string {
    return this.intern(unescapeField(buf.toString('utf8', start, end)));
  }

  /** The same string for the same text: sites share their keys and maps instead of holding copies. */
  private intern(s: string): string {
    const known = this.interned.get(s);
    if (known !== undefined) return known;
    if (this.interned.size < MAX_INTERNED) this.interned.set(s, s);
    return s;
  }

  /** Joins pending IC sites to the code objects that hold their pc. */
  private flushIcs(): void {
    if (this.pendingIcs.length === 0) return;
    const starts = this.sortedStarts ?? (this.sortedStarts = [...this.codes.keys()].sort((a, b) => a - b));
    const pending = this.pendingIcs;
    this.pendingIcs = [];
    this.pendingByPc.clear();
    this.pendingByText.clear();
    for (let i = 0; i < pending.length; i++) {
      const p = pending[i]!;
      pending[i] = undefined!; // let the collector take it while the rest are joined
      const code = this.codeAt(starts, p.pc);
      const fn = code?.fn?.key;
      const script = code?.scriptName ?? '';
      const site = this.siteOf(p, script, fn);
      if (site.transitions === 0) {
        site.transitions = p.transitions;
        this.b.model.ics.push(site);
        continue;
      }
      const known = site;
      known.transitions += p.transitions;
      known.maps = Math.max(known.maps, p.maps.length);
      for (const k of p.keys) if (known.keys.length < MAX_KEYS_PER_IC && !known.keys.includes(k)) known.keys.push(k);
      if (icStateRank(p.maxState) > icStateRank(known.maxState)) {
        known.maxState = p.maxState;
        known.firstMaxTransition = p.first;
      }
      known.fn ??= fn;
    }
  }

  /**
   * The joined site of this kind and position in `script`: the known one, or a new
   * one made from `p` with no transitions counted yet.
   */
  private siteOf(p: PendingIc, script: string, fn: string | undefined): IcSite {
    const key = siteKey(p);
    let scriptIndex = this.scriptIndex.get(script);
    if (scriptIndex === undefined) this.scriptIndex.set(script, (scriptIndex = this.scriptIndex.size));
    const at = typeof key === 'number' ? this.joinedIndex.get(scriptIndex, key) : -1;
    const known = typeof key === 'number' ? (at < 0 ? undefined : this.joined[at]) : this.joinedByText.get(`${scriptIndex},${key}`);
    if (known) return known;
    const position = { script, line: p.line, column: p.column };
    const { icKind, maxState, keys, first: firstMaxTransition } = p;
    const source = this.source;
    const maps = p.maps.length;
    // `fn` last and only when known, as the model has always had it; in the literal, so it is stored in-object.
    const site: IcSite =
      fn === undefined
        ? { icKind, position, maxState, transitions: 0, keys, maps, firstMaxTransition, source }
        : { icKind, position, maxState, transitions: 0, keys, maps, firstMaxTransition, source, fn };
    if (typeof key === 'number') {
      this.joinedIndex.set(scriptIndex, key, this.joined.length);
      this.joined.push(site);
    } else this.joinedByText.set(`${scriptIndex},${key}`, site);
    return site;
  }

  private codeAt(starts: number[], pc: number): CodeEntry | undefined {
    let lo = 0;
    let hi = starts.length - 1;
    let best = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (starts[mid]! <= pc) {
        best = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    if (best < 0) return undefined;
    const code = this.codes.get(starts[best]!);
    return code && pc < code.start + Math.max(code.size, 1) ? code : undefined;
  }

  private codeMove(f: string[]): void {
    if (f.length < 3) return void this.unknown++;
    this.recognized++;
    this.flushIcs();
    const from = Number(f[1]);
    const code = this.codes.get(from);
    if (!code) return;
    this.codes.delete(from);
    code.start = Number(f[2]);
    this.codes.set(code.start, code);
    this.sortedStarts = undefined;
  }

  private codeDelete(f: string[]): void {
    if (f.length < 2) return void this.unknown++;
    this.recognized++;
    this.flushIcs();
    if (this.codes.delete(Number(f[1]))) this.sortedStarts = undefined;
  }

  private sfiMove(f: string[]): void {
    if (f.length < 3) return void this.unknown++;
    this.recognized++;
    this.b.moveSfi(normalizeAddress(f[1]!), normalizeAddress(f[2]!));
  }

  private disableOptimization(f: string[]): void {
    // code-disable-optimization,<name>,<reason>: only the name; take the latest function of that name.
    if (f.length < 3) return void this.unknown++;
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
    if (c2 < 0 || c3 < 0) return void this.unknown++;
    this.recognized++;
    const id = Number(line.slice(c1 + 1, c2));
    const name = unescapeField(line.slice(c2 + 1, c3));
    const key = `${this.source}:${id}`;
    const scripts = this.b.model.scripts;
    let info = scripts.get(key);
    if (!info) {
      info = { id, name, source: this.source };
      scripts.set(key, info);
    } else if (name && name !== '<unknown>') info.name = name;
    this.scriptNames.set(id, info.name);
    if (tag === 'script-source' && name && !isInternalScript(name)) info.sourceText = unescapeField(line.slice(c3 + 1));
  }

  finish(): void {
    this.flushIcs();
  }
}
