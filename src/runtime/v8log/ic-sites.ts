// Aggregates the IC rows of a v8.log (most of its bytes) per site. Rows are read
// from the file's bytes and never kept; sites live in columns (one array per
// field, no object per site), and only the sites that went polymorphic or beyond,
// all that is reported, become IcSites at the end (views of their slot). A large log has hundreds
// of thousands of sites, nearly all monomorphic: as objects they were most of the
// parser's heap and its garbage collection time.
//
// A row names a pc, not a function. Its site is first an "entry" told apart by
// kind, pc, line and column; entries are joined to the code object that holds
// their pc before any code object moves or dies (and at the end), and merged per
// script, kind, line and column. An entry that starts a site keeps its slot, the
// others are folded into that site and their slots reused.
import { type IcKind, type IcSite, type SourcePosition, icStateRank } from '../model.js';
import { canonicalHex, decimal, mapId, text } from './bytes.js';
import { unescapeField } from './escape.js';
import { NumberIndex } from './number-index.js';

type Transition = IcSite['firstMaxTransition'];

export const IC_KINDS: readonly IcKind[] = ['LoadIC', 'StoreIC', 'KeyedLoadIC', 'KeyedStoreIC', 'LoadGlobalIC', 'StoreGlobalIC', 'StoreInArrayLiteralIC'];

/** What the join needs of the code object holding a pc. */
export interface CodeAtPc {
  scriptName?: string;
  fn?: { key: string };
}

/** Sites below this rank (monomorphic or less) are counted, not kept: nothing reports them. */
const KEPT_RANK = icStateRank('P');
const MAX_KEYS_PER_IC = 8;
const MAX_MAPS_PER_IC = 64;
/** Maps an entry keeps inline (more go to a list): a site goes megamorphic at its fifth. */
const MAPS_INLINE = 5;
/** Distinct map addresses numbered before the numbering starts over (at a join). */
const MAX_MAP_NUMBERS = 1 << 14;
/** Bound on the tables that share key, map and transition values between sites. */
const MAX_INTERNED = 1 << 16;

const NO_KEYS = Object.freeze([] as string[]) as string[];
const NO_TRANSITION: Transition = Object.freeze({ oldState: '', newState: '', key: '', map: '' });
/** Rank of a one-character state by its byte (-1: unknown). */
const RANK = Int8Array.from({ length: 128 }, (_, i) => icStateRank(String.fromCharCode(i)));

function rankOf(state: string): number {
  if (state.length === 1) {
    const c = state.charCodeAt(0);
    return c < 128 ? RANK[c]! : -1;
  }
  return icStateRank(state);
}

/** Whether bytes [start, end) begin `0x`: a map address (or a pc), never an IC state. */
function isAddress(buf: Buffer, start: number, end: number): boolean {
  return end - start > 2 && buf[start] === 48 /* 0 */ && buf[start + 1] === 120 /* x */;
}

/** Flag in the kind column: the slot's line and column are in oddPositions. */
const ODD_POSITION = 0x80;

/** Kind, line and column as one number when they fit in 53 bits, else -1. */
function packSite(kind: number, line: number, column: number): number {
  if (Number.isInteger(line) && Number.isInteger(column) && line >= 0 && column >= 0 && line < 2 ** 26 && column < 2 ** 24) {
    return (line * 2 ** 24 + column) * 8 + kind;
  }
  return -1;
}

/** Whether the bytes spell `k` (ASCII without escapes only). */
function sameKey(k: string, buf: Buffer, start: number, end: number): boolean {
  const n = end - start;
  if (k.length !== n) return false;
  for (let i = 0; i < n; i++) {
    const c = buf[start + i]!;
    if (c >= 128 || c === 92 /* \ */ || k.charCodeAt(i) !== c) return false;
  }
  return true;
}

/** A key already at the site whose text equals these bytes. */
function knownKey(keys: string | string[], buf: Buffer, start: number, end: number): string | undefined {
  if (typeof keys === 'string') return sameKey(keys, buf, start, end) ? keys : undefined;
  for (const k of keys) if (sameKey(k, buf, start, end)) return k;
  return undefined;
}

const keyCount = (keys: string | string[] | undefined): number => (keys === undefined ? 0 : typeof keys === 'string' ? 1 : keys.length);
const hasKey = (keys: string | string[] | undefined, k: string): boolean => (typeof keys === 'string' ? keys === k : !!keys?.includes(k));
/** Adds a key; arrays are copied to their exact size (most sites keep one key, as a string). */
const withKey = (keys: string | string[] | undefined, k: string): string | string[] =>
  keys === undefined ? k : typeof keys === 'string' ? [keys, k] : keys.concat(k);

const INITIAL_ENTRIES = 1024;

/** A copy of a typed column at a larger length (the rest zero). */
function grown<T extends Uint8Array | Int32Array | Uint32Array | Float64Array>(a: T, length: number): T {
  const b = new (a.constructor as new (n: number) => T)(length);
  b.set(a);
  return b;
}

/**
 * A kept site: a view of its slot in the columns, not a copy (hundreds of
 * thousands are kept from a large log; a small object each costs the collector
 * far less than a full one).
 */
class LoggedIcSite implements IcSite {
  constructor(
    private readonly sites: IcSites,
    private readonly slot: number,
  ) {}

  get icKind(): IcKind {
    return this.sites.kindAt(this.slot);
  }

  get position(): SourcePosition {
    return this.sites.positionAt(this.slot);
  }

  get fn(): string | undefined {
    return this.sites.fnAt(this.slot);
  }

  /** Rewritten when functions are merged (ModelBuilder.finish). */
  set fn(key: string | undefined) {
    this.sites.setFnAt(this.slot, key);
  }

  /** The state the first transition into the most general state went to. */
  get maxState(): string {
    return this.sites.firstAt(this.slot).newState;
  }

  get transitions(): number {
    return this.sites.transitionsAt(this.slot);
  }

  get keys(): string[] {
    return this.sites.keysAt(this.slot);
  }

  get maps(): number {
    return this.sites.mapsAt(this.slot);
  }

  get firstMaxTransition(): Transition {
    return this.sites.firstAt(this.slot);
  }

  get source(): number {
    return this.sites.source;
  }
}

/**
 * The entries of the current window, an entry being its index here: its slot, its
 * pc and the distinct maps it saw (at most MAX_MAPS_PER_IC; map addresses are
 * only comparable between joins). Emptied at each join.
 */
class Window {
  size = 0;
  private slots = new Int32Array(INITIAL_ENTRIES);
  private pcs = new Float64Array(INITIAL_ENTRIES);
  private counts = new Uint8Array(INITIAL_ENTRIES);
  /** The first MAPS_INLINE maps of each entry (stride MAPS_INLINE). */
  private inline = new Int32Array(INITIAL_ENTRIES * MAPS_INLINE);
  /** Maps past the inline ones, and maps logged as odd text (rare). */
  private readonly more = new Map<number, Array<number | string>>();

  /** A new entry for slot `s` at `pc`. */
  add(s: number, pc: number): number {
    const e = this.size++;
    if (e === this.slots.length) this.grow();
    this.slots[e] = s;
    this.pcs[e] = pc;
    this.counts[e] = 0;
    return e;
  }

  slot(e: number): number {
    return this.slots[e]!;
  }

  pc(e: number): number {
    return this.pcs[e]!;
  }

  maps(e: number): number {
    return this.counts[e]!;
  }

  /** Counts `map` at entry `e` unless seen there before. */
  addMap(e: number, map: number | string): void {
    const n = this.counts[e]!;
    const more = n > 0 ? this.more.get(e) : undefined;
    const inline = n - (more?.length ?? 0);
    const base = e * MAPS_INLINE;
    for (let i = 0; i < inline; i++) if (this.inline[base + i] === map) return;
    if (n >= MAX_MAPS_PER_IC || more?.includes(map)) return;
    if (typeof map === 'number' && n < MAPS_INLINE && more === undefined) this.inline[base + n] = map;
    else if (more === undefined) this.more.set(e, [map]);
    else more.push(map);
    this.counts[e] = n + 1;
  }

  /** Forgets every entry, giving back the memory of a large window. */
  clear(): void {
    if (this.slots.length > INITIAL_ENTRIES) {
      this.slots = new Int32Array(INITIAL_ENTRIES);
      this.pcs = new Float64Array(INITIAL_ENTRIES);
      this.counts = new Uint8Array(INITIAL_ENTRIES);
      this.inline = new Int32Array(INITIAL_ENTRIES * MAPS_INLINE);
    }
    this.more.clear();
    this.size = 0;
  }

  private grow(): void {
    const capacity = this.slots.length * 2;
    this.slots = grown(this.slots, capacity);
    this.pcs = grown(this.pcs, capacity);
    this.counts = grown(this.counts, capacity);
    this.inline = grown(this.inline, capacity * MAPS_INLINE);
  }
}

/** Why an IC row was skipped: the field and its text. */
export interface BadIcRow {
  what: string;
  value: string;
}

export class IcSites {
  /** IC rows aggregated: each is one transition. */
  transitions = 0;
  /**
   * Rows without the time column (V8 before 9: Node 12 and 14). Set from the
   * v8-version row; left undefined without one, and each row is then told by
   * its shape (the field after the states is a map address there).
   */
  legacy: boolean | undefined;
  /** Index of the input in RuntimeModel.sources (set when the sites are kept). */
  source = -1;
  /** Comma positions of the row being read. */
  private readonly commas = new Int32Array(9);

  // Per slot, one column per field. A slot is an entry of the current window
  // (script < 0) or a joined site. Numbers in typed arrays; all grown by doubling.
  private capacity = 0;
  // Whole numbers as 32-bit integers: read back, they are small integers, which a
  // kept site stores in place (a double would be a separate heap number each).
  private kind = new Uint8Array(0);
  private line = new Int32Array(0);
  private column = new Int32Array(0);
  private script = new Int32Array(0);
  private count = new Uint32Array(0);
  /** Joined sites: the most distinct maps an entry saw (addresses are only stable between joins). */
  private mapsMax = new Uint8Array(0);
  private fn: Array<string | undefined> = [];
  /** The first transition into the most general state reached; its newState is that state. */
  private first: Transition[] = [];
  private keys: Array<string | string[] | undefined> = [];
  private slots = 0;
  private readonly free: number[] = [];
  /** Positions that are not 32-bit integers (odd rows), by slot; their `kind` has ODD_POSITION set. */
  private readonly oddPositions = new Map<number, { line: number; column: number }>();

  /** Entries of the current window, in first-seen order. */
  private readonly window = new Window();
  private readonly entryByPc = new NumberIndex();
  private readonly entryByText = new Map<string, number>();

  /** Joined sites in the order they were joined. */
  private readonly joined: number[] = [];
  private readonly joinedIndex = new NumberIndex();
  private readonly joinedByText = new Map<string, number>();
  private readonly scriptIndex = new Map<string, number>();
  private readonly scriptNames: string[] = [];
  private lastScript: string | undefined;
  private lastScriptIndex = -1;

  /** Key and map strings shared by all sites (few distinct, repeated per site). */
  private readonly interned = new Map<string, string>();
  /** Shared firstMaxTransition objects by map, then key (a few per combination of states). */
  private readonly transitionCache = new Map<string, Map<string, Transition[]>>();
  private transitionCacheSize = 0;
  private readonly keyLists = new Map<string, string[]>();
  /** Map addresses by number (see mapId), each given a small one in first-seen order, and its text once decoded (both emptied at a join when large). */
  private readonly mapNumbers = new NumberIndex();
  private readonly mapTexts: Array<string | undefined> = [];

  /** Sites seen (joined so far). */
  get sites(): number {
    return this.joined.length;
  }

  /**
   * One IC row from its bytes; `tagEnd` is the comma after the tag. Undefined when
   * read, else why it was skipped (too few fields, a field that does not parse).
   * <IC>,<pc>,<µs>,<line>,<column>,<old>,<new>,<map>,<key>,<modifier>,<slow reason>
   * V8 < 9: <IC>,<pc>,<line>,<column>,<old>,<new>,<map>,<key>,<modifier>,<slow reason>
   * Only the fields needed are decoded, and the key and map only when the site keeps them.
   */
  row(kind: number, buf: Buffer, tagEnd: number, end: number): BadIcRow | undefined {
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
    if (this.legacy ?? (n >= 7 && isAddress(buf, cm[5]! + 1, cm[6]!))) {
      // No time column: shift the commas so the fields line up (the time field reads empty, and is not read).
      for (let i = 8; i >= 2; i--) cm[i] = cm[i - 1]!;
      n++;
    }
    if (n < 8) return { what: 'too few fields in', value: buf.toString('utf8', tagEnd + 1, end) }; // fewer than 9 fields
    const line = decimal(buf, cm[2]! + 1, cm[3]!);
    if (!(line >= 0)) return { what: 'bad line', value: buf.toString('utf8', cm[2]! + 1, cm[3]!) };
    const column = decimal(buf, cm[3]! + 1, cm[4]!);
    if (!(column >= 0)) return { what: 'bad column', value: buf.toString('utf8', cm[3]! + 1, cm[4]!) };
    if (canonicalHex(buf, cm[0]! + 1, cm[1]!) < 0 && !(Number(buf.toString('utf8', cm[0]! + 1, cm[1]!)) >= 0)) {
      return { what: 'bad pc', value: buf.toString('utf8', cm[0]! + 1, cm[1]!) };
    }
    this.transitions++;
    const e = this.entry(kind, buf, line, column);
    const s = this.window.slot(e);
    const count = this.count[s]! + 1;
    this.count[s] = count;
    const map = this.mapNumber(buf, cm[6]! + 1, cm[7]!);
    this.window.addMap(e, map);
    // A key with an unescaped comma spans fields: it runs to the modifier and slow-reason fields.
    const keyStart = cm[7]! + 1;
    const keyEnd = n >= 11 ? beforeLast : n > 8 ? cm[8]! : end;
    const present = keyEnd > keyStart;
    let key: string | undefined;
    const keys = this.keys[s];
    if (present && keyCount(keys) < MAX_KEYS_PER_IC) {
      key = (keys === undefined ? undefined : knownKey(keys, buf, keyStart, keyEnd)) ?? this.decodeKey(buf, keyStart, keyEnd);
      if (!hasKey(keys, key)) this.keys[s] = withKey(keys, key);
    }
    const newStart = cm[5]! + 1;
    const newEnd = cm[6]!;
    const newRank = newEnd - newStart === 1 && buf[newStart]! < 128 ? RANK[buf[newStart]!]! : rankOf(text(buf, newStart, newEnd));
    if (newRank > rankOf(this.first[s]!.newState) || count === 1) {
      const newState = text(buf, newStart, newEnd);
      key = present ? (key ?? this.decodeKey(buf, keyStart, keyEnd)) : '';
      const oldState = text(buf, cm[4]! + 1, cm[5]!);
      this.first[s] = this.transition(oldState, newState, key, this.mapText(map, buf, cm[6]! + 1, cm[7]!));
    }
    return undefined;
  }

  /**
   * Joins the window's entries to the code objects holding their pcs (`codeAt`,
   * as the code is now) and merges them into sites. Call before code moves or dies.
   */
  join(codeAt: (pc: number) => CodeAtPc | undefined): void {
    const window = this.window;
    if (window.size === 0) return;
    this.entryByPc.clear();
    this.entryByText.clear();
    this.joinedIndex.reserve(window.size);
    for (let e = 0; e < window.size; e++) {
      const s = window.slot(e);
      const code = codeAt(window.pc(e));
      const script = this.scriptOf(code?.scriptName ?? '');
      const fn = code?.fn?.key;
      const kind = this.kind[s]! & ~ODD_POSITION;
      const line = this.lineOf(s);
      const column = this.columnOf(s);
      const packed = packSite(kind, line, column);
      const textKey = packed < 0 ? `${script},${IC_KINDS[kind]},${line},${column}` : '';
      const at = packed < 0 ? (this.joinedByText.get(textKey) ?? -1) : this.joinedIndex.get(script, packed);
      const maps = window.maps(e);
      if (at >= 0) {
        this.merge(at, s, fn, maps);
        continue;
      }
      this.script[s] = script;
      this.fn[s] = fn;
      this.mapsMax[s] = maps;
      if (packed < 0) this.joinedByText.set(textKey, s);
      else this.joinedIndex.set(script, packed, s);
      this.joined.push(s);
    }
    window.clear();
    // Map numbers are compared within a window only: a long run makes maps without end, so the table starts over.
    if (this.mapNumbers.size > MAX_MAP_NUMBERS) {
      this.mapNumbers.clear();
      this.mapTexts.length = 0;
    }
  }

  /** The sites that went polymorphic or beyond, in the order they were joined. Call once, after the last join. */
  kept(source: number): IcSite[] {
    this.source = source;
    // Only the columns are needed from now on: let the indexes go before the views are made.
    this.joinedIndex.clear();
    this.joinedByText.clear();
    const out: IcSite[] = [];
    for (const s of this.joined) if (rankOf(this.first[s]!.newState) >= KEPT_RANK) out.push(new LoggedIcSite(this, s));
    return out;
  }

  // Reads of a kept site's fields (LoggedIcSite).
  kindAt(s: number): IcKind {
    return IC_KINDS[this.kind[s]! & ~ODD_POSITION]!;
  }

  positionAt(s: number): SourcePosition {
    return { script: this.scriptNames[this.script[s]!]!, line: this.lineOf(s), column: this.columnOf(s) };
  }

  fnAt(s: number): string | undefined {
    return this.fn[s];
  }

  setFnAt(s: number, key: string | undefined): void {
    this.fn[s] = key;
  }

  firstAt(s: number): Transition {
    return this.first[s]!;
  }

  transitionsAt(s: number): number {
    return this.count[s]!;
  }

  keysAt(s: number): string[] {
    const k = this.keys[s];
    return k === undefined ? NO_KEYS : typeof k === 'string' ? this.oneKey(k) : k;
  }

  mapsAt(s: number): number {
    return this.mapsMax[s]!;
  }

  /** The same frozen one-key list for every site with that key: most sites have one, shared by many. */
  private oneKey(k: string): string[] {
    let list = this.keyLists.get(k);
    if (!list) this.keyLists.set(k, (list = Object.freeze([k]) as string[]));
    return list;
  }

  /** The entry (window index) of this row, made on first sight. */
  private entry(kind: number, buf: Buffer, line: number, column: number): number {
    const cm = this.commas;
    const pc = canonicalHex(buf, cm[0]! + 1, cm[1]!);
    const packed = pc < 0 ? -1 : packSite(kind, line, column);
    if (packed >= 0) {
      const at = this.entryByPc.get(pc, packed);
      if (at >= 0) return at;
      const e = this.window.add(this.newSlot(kind, line, column), pc);
      this.entryByPc.set(pc, packed, e);
      return e;
    }
    // Odd pcs or positions: keyed by their text (NaN never equals itself).
    const pcText = buf.toString('utf8', cm[0]! + 1, cm[1]!);
    const textKey = `${kind},${pcText},${line},${column}`;
    const at = this.entryByText.get(textKey);
    if (at !== undefined) return at;
    const e = this.window.add(this.newSlot(kind, line, column), Number(pcText));
    this.entryByText.set(textKey, e);
    return e;
  }

  private newSlot(kind: number, line: number, column: number): number {
    let s = this.free.pop();
    if (s === undefined) {
      s = this.slots++;
      if (s === this.capacity) this.grow();
    }
    if ((line | 0) === line && (column | 0) === column) {
      this.kind[s] = kind;
      this.line[s] = line;
      this.column[s] = column;
    } else {
      this.kind[s] = kind | ODD_POSITION;
      this.oddPositions.set(s, { line, column });
    }
    this.script[s] = -1;
    this.count[s] = 0;
    this.mapsMax[s] = 0;
    this.fn[s] = undefined;
    this.first[s] = NO_TRANSITION;
    this.keys[s] = undefined;
    return s;
  }

  // Line and column of slot `s` (no object per call: the join and the end read every slot).
  private lineOf(s: number): number {
    return this.kind[s]! & ODD_POSITION ? this.oddPositions.get(s)!.line : this.line[s]!;
  }

  private columnOf(s: number): number {
    return this.kind[s]! & ODD_POSITION ? this.oddPositions.get(s)!.column : this.column[s]!;
  }

  private grow(): void {
    const capacity = Math.max(1024, this.capacity * 2);
    this.kind = grown(this.kind, capacity);
    this.line = grown(this.line, capacity);
    this.column = grown(this.column, capacity);
    this.script = grown(this.script, capacity);
    this.count = grown(this.count, capacity);
    this.mapsMax = grown(this.mapsMax, capacity);
    // The object columns too, at full size at once: appending to a large array one
    // element at a time costs twice as much as storing into one made to size.
    const refs = <T>(a: T[]): T[] => {
      const b = new Array<T>(capacity);
      for (let i = 0; i < this.capacity; i++) b[i] = a[i]!;
      return b;
    };
    this.fn = refs(this.fn);
    this.first = refs(this.first);
    this.keys = refs(this.keys);
    this.capacity = capacity;
  }

  /** Folds entry `s` into joined site `to`, and frees `s`. */
  private merge(to: number, s: number, fn: string | undefined, maps: number): void {
    this.count[to] = this.count[to]! + this.count[s]!;
    if (maps > this.mapsMax[to]!) this.mapsMax[to] = maps;
    const add = this.keys[s];
    if (add !== undefined) {
      let keys = this.keys[to];
      for (const k of typeof add === 'string' ? [add] : add) if (keyCount(keys) < MAX_KEYS_PER_IC && !hasKey(keys, k)) keys = withKey(keys, k);
      this.keys[to] = keys;
    }
    if (rankOf(this.first[s]!.newState) > rankOf(this.first[to]!.newState)) {
      this.first[to] = this.first[s]!;
    }
    this.fn[to] ??= fn;
    if (this.kind[s]! & ODD_POSITION) this.oddPositions.delete(s);
    this.keys[s] = undefined;
    this.first[s] = NO_TRANSITION;
    this.free.push(s);
  }

  private scriptOf(name: string): number {
    // Entries come in first-seen order: neighbours mostly share a script.
    if (name === this.lastScript) return this.lastScriptIndex;
    let i = this.scriptIndex.get(name);
    if (i === undefined) {
      this.scriptIndex.set(name, (i = this.scriptNames.length));
      this.scriptNames.push(name);
    }
    this.lastScript = name;
    this.lastScriptIndex = i;
    return i;
  }

  /**
   * A firstMaxTransition object, shared by the sites whose transitions read the
   * same (key and map strings are interned, so they key the cache). Never mutated.
   */
  private transition(oldState: string, newState: string, key: string, map: string): Transition {
    let byKey = this.transitionCache.get(map);
    // Full: new maps (a long run makes them without end) get objects of their own, not cache entries.
    if (!byKey && this.transitionCacheSize >= MAX_INTERNED) return { oldState, newState, key, map };
    if (!byKey) this.transitionCache.set(map, (byKey = new Map()));
    let list = byKey.get(key);
    if (!list) byKey.set(key, (list = []));
    for (const t of list) if (t.oldState === oldState && t.newState === newState) return t;
    const t = { oldState, newState, key, map };
    if (this.transitionCacheSize++ < MAX_INTERNED) list.push(t);
    return t;
  }

  /** A small integer per distinct map address (few distinct, so the table stays in cache); odd texts stay strings. */
  private mapNumber(buf: Buffer, start: number, end: number): number | string {
    const id = mapId(buf, start, end);
    if (typeof id === 'string') return id;
    const known = this.mapNumbers.get(id, 0);
    if (known >= 0) return known;
    const n = this.mapNumbers.size;
    this.mapNumbers.set(id, 0, n);
    this.mapTexts.push(undefined);
    return n;
  }

  /** The text of a map field, decoded once per map. */
  private mapText(map: number | string, buf: Buffer, start: number, end: number): string {
    if (typeof map === 'string') return this.intern(map);
    return (this.mapTexts[map] ??= this.intern(buf.toString('utf8', start, end)));
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
}
