// Aggregates the IC rows of a v8.log (most of its bytes) per site. Rows are read
// from the file's bytes and never kept; sites live in columns (one array per
// field, no object per site), and only the sites that went polymorphic or beyond,
// all that is reported, become IcSite objects at the end. A large log has hundreds
// of thousands of sites, nearly all monomorphic: as objects they were most of the
// parser's heap and its garbage collection time.
//
// A row names a pc, not a function. Its site is first an "entry" told apart by
// kind, pc, line and column; entries are joined to the code object that holds
// their pc before any code object moves or dies (and at the end), and merged per
// script, kind, line and column. An entry that starts a site keeps its slot, the
// others are folded into that site and their slots reused.
import { type IcKind, type IcSite, icStateRank } from '../model.js';
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
/** Maps kept in the slot's columns: a site goes megamorphic at its fifth. */
const MAPS_INLINE = 5;
/** Bound on the tables that share key, map and transition values between sites. */
const MAX_INTERNED = 1 << 16;

const NO_KEYS = Object.freeze([] as string[]) as string[];
const NO_TRANSITION: Transition = Object.freeze({ oldState: '', newState: '', key: '', map: '' });
/** One-character strings by byte, so single-character states cost no allocation. */
const CHARS = Array.from({ length: 128 }, (_, i) => String.fromCharCode(i));
/** Rank of a one-character state by its byte (-1: unknown). */
const RANK = Int8Array.from({ length: 128 }, (_, i) => icStateRank(String.fromCharCode(i)));

function rankOf(state: string): number {
  if (state.length === 1) {
    const c = state.charCodeAt(0);
    return c < 128 ? RANK[c]! : -1;
  }
  return icStateRank(state);
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

export class IcSites {
  /** IC rows aggregated: each is one transition. */
  transitions = 0;
  /** Comma positions of the row being read. */
  private readonly commas = new Int32Array(9);

  // Per slot, one column per field. A slot is an entry of the current window
  // (script < 0) or a joined site. Numbers in typed arrays, grown by doubling.
  private capacity = 0;
  private kind = new Uint8Array(0);
  private line = new Float64Array(0);
  private column = new Float64Array(0);
  private script = new Int32Array(0);
  private count = new Float64Array(0);
  /** Entries: distinct maps seen, the first MAPS_INLINE of them in `maps` (stride MAPS_INLINE), the rest in `mapsMore`. */
  private mapCount = new Uint8Array(0);
  private maps = new Float64Array(0);
  /** Joined sites: the most distinct maps an entry saw (addresses are only stable between joins). */
  private mapsMax = new Uint8Array(0);
  private readonly fn: Array<string | undefined> = [];
  private readonly state: string[] = [];
  private readonly first: Transition[] = [];
  private readonly keys: Array<string | string[] | undefined> = [];
  /** Entries with more maps than fit inline, or a map logged as odd text (rare). */
  private readonly mapsMore = new Map<number, Array<number | string>>();
  private slots = 0;
  private readonly free: number[] = [];

  /** Entries of the current window in first-seen order, with their pcs. */
  private windowSlots: number[] = [];
  private windowPcs: number[] = [];
  private readonly entryByPc = new NumberIndex();
  private readonly entryByText = new Map<string, number>();

  /** Joined sites in the order they were joined. */
  private readonly joined: number[] = [];
  private readonly joinedIndex = new NumberIndex();
  private readonly joinedByText = new Map<string, number>();
  private readonly scriptIndex = new Map<string, number>();
  private readonly scriptNames: string[] = [];

  /** Key and map strings shared by all sites (few distinct, repeated per site). */
  private readonly interned = new Map<string, string>();
  /** Shared firstMaxTransition objects by map, then key (a few per combination of states). */
  private readonly transitionCache = new Map<string, Map<string, Transition[]>>();
  private transitionCacheSize = 0;
  private readonly keyLists = new Map<string, string[]>();

  /** Sites seen (joined so far). */
  get sites(): number {
    return this.joined.length;
  }

  /**
   * One IC row from its bytes; `tagEnd` is the comma after the tag. False when it has too few fields.
   * <IC>,<pc>,<µs>,<line>,<column>,<old>,<new>,<map>,<key>,<modifier>,<slow reason>
   * Only the fields needed are decoded, and the key and map only when the site keeps them.
   */
  row(kind: number, buf: Buffer, tagEnd: number, end: number): boolean {
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
    if (n < 8) return false; // fewer than 9 fields
    this.transitions++;
    const line = decimal(buf, cm[2]! + 1, cm[3]!);
    const column = decimal(buf, cm[3]! + 1, cm[4]!);
    const s = this.entry(kind, buf, line, column);
    const count = this.count[s]! + 1;
    this.count[s] = count;
    this.addMap(s, mapId(buf, cm[6]! + 1, cm[7]!));
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
    if (newRank > rankOf(this.state[s]!) || count === 1) {
      this.state[s] = text(buf, newStart, newEnd);
      key = present ? (key ?? this.decodeKey(buf, keyStart, keyEnd)) : '';
      const oldState = text(buf, cm[4]! + 1, cm[5]!);
      this.first[s] = this.transition(oldState, this.state[s]!, key, this.intern(buf.toString('utf8', cm[6]! + 1, cm[7]!)));
    }
    return true;
  }

  /**
   * Joins the window's entries to the code objects holding their pcs (`codeAt`,
   * as the code is now) and merges them into sites. Call before code moves or dies.
   */
  join(codeAt: (pc: number) => CodeAtPc | undefined): void {
    const slots = this.windowSlots;
    if (slots.length === 0) return;
    const pcs = this.windowPcs;
    this.windowSlots = [];
    this.windowPcs = [];
    this.entryByPc.clear();
    this.entryByText.clear();
    this.joinedIndex.reserve(slots.length);
    for (let i = 0; i < slots.length; i++) {
      const s = slots[i]!;
      const code = codeAt(pcs[i]!);
      const script = this.scriptOf(code?.scriptName ?? '');
      const fn = code?.fn?.key;
      const packed = packSite(this.kind[s]!, this.line[s]!, this.column[s]!);
      const textKey = packed < 0 ? `${script},${IC_KINDS[this.kind[s]!]},${this.line[s]},${this.column[s]}` : '';
      const at = packed < 0 ? (this.joinedByText.get(textKey) ?? -1) : this.joinedIndex.get(script, packed);
      const maps = this.mapCount[s]!;
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
    this.mapsMore.clear();
  }

  /** The sites that went polymorphic or beyond, in the order they were joined. */
  kept(source: number): IcSite[] {
    const out: IcSite[] = [];
    for (const s of this.joined) {
      const maxState = this.state[s]!;
      if (rankOf(maxState) < KEPT_RANK) continue;
      const icKind = IC_KINDS[this.kind[s]!]!;
      const position = { script: this.scriptNames[this.script[s]!]!, line: this.line[s]!, column: this.column[s]! };
      const k = this.keys[s];
      const keys = k === undefined ? NO_KEYS : typeof k === 'string' ? this.oneKey(k) : k;
      const fn = this.fn[s];
      const transitions = this.count[s]!;
      const maps = this.mapsMax[s]!;
      const firstMaxTransition = this.first[s]!;
      // `fn` last and only when known, as the model has always had it.
      out.push(
        fn === undefined
          ? { icKind, position, maxState, transitions, keys, maps, firstMaxTransition, source }
          : { icKind, position, maxState, transitions, keys, maps, firstMaxTransition, source, fn },
      );
    }
    return out;
  }

  /** The same frozen one-key list for every site with that key: most sites have one, shared by many. */
  private oneKey(k: string): string[] {
    let list = this.keyLists.get(k);
    if (!list) this.keyLists.set(k, (list = Object.freeze([k]) as string[]));
    return list;
  }

  /** The entry of this row in the current window, made on first sight. */
  private entry(kind: number, buf: Buffer, line: number, column: number): number {
    const cm = this.commas;
    const pc = canonicalHex(buf, cm[0]! + 1, cm[1]!);
    const packed = pc < 0 ? -1 : packSite(kind, line, column);
    if (packed >= 0) {
      const at = this.entryByPc.get(pc, packed);
      if (at >= 0) return at;
      const s = this.newSlot(kind, line, column);
      this.entryByPc.set(pc, packed, s);
      this.windowSlots.push(s);
      this.windowPcs.push(pc);
      return s;
    }
    // Odd pcs or positions: keyed by their text (NaN never equals itself).
    const pcText = buf.toString('utf8', cm[0]! + 1, cm[1]!);
    const textKey = `${kind},${pcText},${line},${column}`;
    const at = this.entryByText.get(textKey);
    if (at !== undefined) return at;
    const s = this.newSlot(kind, line, column);
    this.entryByText.set(textKey, s);
    this.windowSlots.push(s);
    this.windowPcs.push(Number(pcText));
    return s;
  }

  private newSlot(kind: number, line: number, column: number): number {
    let s = this.free.pop();
    if (s === undefined) {
      s = this.slots++;
      if (s === this.capacity) this.grow();
    }
    this.kind[s] = kind;
    this.line[s] = line;
    this.column[s] = column;
    this.script[s] = -1;
    this.count[s] = 0;
    this.mapCount[s] = 0;
    this.mapsMax[s] = 0;
    this.fn[s] = undefined;
    this.state[s] = '';
    this.first[s] = NO_TRANSITION;
    this.keys[s] = undefined;
    return s;
  }

  private grow(): void {
    const capacity = Math.max(1024, this.capacity * 2);
    const more = <T extends Uint8Array | Int32Array | Float64Array>(a: T, stride = 1): T => {
      const b = new (a.constructor as new (n: number) => T)(capacity * stride);
      b.set(a);
      return b;
    };
    this.kind = more(this.kind);
    this.line = more(this.line);
    this.column = more(this.column);
    this.script = more(this.script);
    this.count = more(this.count);
    this.mapCount = more(this.mapCount);
    this.maps = more(this.maps, MAPS_INLINE);
    this.mapsMax = more(this.mapsMax);
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
    if (rankOf(this.state[s]!) > rankOf(this.state[to]!)) {
      this.state[to] = this.state[s]!;
      this.first[to] = this.first[s]!;
    }
    this.fn[to] ??= fn;
    this.keys[s] = undefined;
    this.first[s] = NO_TRANSITION;
    this.state[s] = '';
    this.free.push(s);
  }

  /** Counts `map` at entry `s` unless seen there before (up to MAX_MAPS_PER_IC). */
  private addMap(s: number, map: number | string): void {
    const n = this.mapCount[s]!;
    const more = n > 0 ? this.mapsMore.get(s) : undefined;
    const inline = n - (more?.length ?? 0);
    const base = s * MAPS_INLINE;
    for (let i = 0; i < inline; i++) if (this.maps[base + i] === map) return;
    if (n >= MAX_MAPS_PER_IC || more?.includes(map)) return;
    // Text ids (odd rows) and maps past the inline ones go to the overflow list.
    if (typeof map === 'number' && n < MAPS_INLINE && more === undefined) this.maps[base + n] = map;
    else if (more === undefined) this.mapsMore.set(s, [map]);
    else more.push(map);
    this.mapCount[s] = n + 1;
  }

  private scriptOf(name: string): number {
    let i = this.scriptIndex.get(name);
    if (i === undefined) {
      this.scriptIndex.set(name, (i = this.scriptNames.length));
      this.scriptNames.push(name);
    }
    return i;
  }

  /**
   * A firstMaxTransition object, shared by the sites whose transitions read the
   * same (key and map strings are interned, so they key the cache). Never mutated.
   */
  private transition(oldState: string, newState: string, key: string, map: string): Transition {
    let byKey = this.transitionCache.get(map);
    if (!byKey) this.transitionCache.set(map, (byKey = new Map()));
    let list = byKey.get(key);
    if (!list) byKey.set(key, (list = []));
    for (const t of list) if (t.oldState === oldState && t.newState === newState) return t;
    const t = { oldState, newState, key, map };
    if (this.transitionCacheSize++ < MAX_INTERNED) list.push(t);
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
}
