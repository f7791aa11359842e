// The code objects of a v8.log that are alive at the current row, by start
// address, for joining IC pcs and deopt rows to their function.
//
// A long-running process creates code without end, and V8 reports few of its
// deaths: `code-move` and `code-delete` rows, but most dead code simply has its
// memory reused or its page released. So an entry is also dropped when the log
// shows its memory was taken by later code (two live code objects never
// overlap) or released (`delete,MemoryChunk` of the page that held it, applied
// to the code made before the release). The table is compacted whenever a
// lookup needs it sorted and whenever it has doubled since the last compaction,
// which keeps it at about twice the live code, whatever the length of the log.
import type { OptimizingTier, RuntimeFunction } from '../model.js';

/** What a code-creation row says of a code object. */
export interface CodeInfo {
  start: number;
  size: number;
  fn?: RuntimeFunction;
  tier?: OptimizingTier;
  scriptName?: string;
}

/**
 * A code object in the table. One class, so every entry has one shape: the
 * compaction and the lookups read millions of them, and entries of mixed shapes
 * made those reads megamorphic (a fifth of the time on a long run's log).
 */
export class CodeEntry implements CodeInfo {
  /** Deleted, moved (a new entry stands at the new address) or replaced: skipped by the next compaction. */
  dead = false;
  /**
   * Source lines by code offset (pairs: offset, 1-based line; offsets ascending), from the
   * code's code-source-info row; kept only for logs with ticks (per-line samples).
   */
  lines: Int32Array | undefined = undefined;
  constructor(
    readonly start: number,
    readonly size: number,
    readonly fn: RuntimeFunction | undefined,
    readonly tier: OptimizingTier | undefined,
    readonly scriptName: string | undefined,
    /** Order of creation or last move: a freed range or an overlap kills only older code. */
    readonly seq: number,
  ) {}
}

interface Range {
  start: number;
  end: number;
  seq: number;
}

/** Released pages whose sizes are kept (V8's pool of pages to reuse is far smaller). */
const MAX_POOLED = 1 << 12;
/** Entries below which the table is never compacted for its size alone. */
const MIN_COMPACT = 4096;

export class CodeTable {
  /** Code objects dropped because the log showed their memory freed or reused. */
  dropped = 0;
  compactions = 0;
  private readonly byStart = new Map<number, CodeEntry>();
  /** The entries as of the last compaction, by start, and their starts (for the binary search). */
  private list: CodeEntry[] = [];
  private starts = new Float64Array(0);
  /** Entries made or moved since then: a compaction sorts only these and merges them in. */
  private pending: CodeEntry[] = [];
  /** Starts of the entries that died since then (in `list` or not: a start of a live one only costs a step). */
  private deadStarts: number[] = [];
  /** Whether `list` is out of date (something added, moved, deleted or released since). */
  private stale = false;
  private lastBest = -1;
  private seq = 0;
  /** Released pages not yet applied to the entries. */
  private freed: Range[] = [];
  /** Heap pages (MemoryChunk) alive, by address: their sizes. */
  private readonly chunks = new Map<number, number>();
  /** Pages released lately (this generation and the one before), by address: their sizes, for a page released again. */
  private pooled = new Map<number, number>();
  private pooledBefore = new Map<number, number>();
  private compactAt = MIN_COMPACT;

  get size(): number {
    return this.byStart.size;
  }

  add(info: CodeInfo): void {
    const e = new CodeEntry(info.start, info.size, info.fn, info.tier, info.scriptName, ++this.seq);
    const before = this.byStart.get(e.start);
    if (before) this.markDead(before);
    this.byStart.set(e.start, e);
    this.pending.push(e);
    this.stale = true;
    if (this.byStart.size >= this.compactAt) this.compact();
  }

  get(start: number): CodeEntry | undefined {
    return this.byStart.get(start);
  }

  move(from: number, to: number): void {
    const code = this.byStart.get(from);
    if (!code) return;
    this.byStart.delete(from);
    this.markDead(code);
    // alive at its new place from now on
    const moved = new CodeEntry(to, code.size, code.fn, code.tier, code.scriptName, ++this.seq);
    moved.lines = code.lines;
    const before = this.byStart.get(to);
    if (before) this.markDead(before);
    this.byStart.set(to, moved);
    this.pending.push(moved);
    this.stale = true;
  }

  delete(start: number): void {
    const code = this.byStart.get(start);
    if (!code) return;
    this.markDead(code);
    this.byStart.delete(start);
    this.stale = true;
  }

  /** `new,MemoryChunk,<address>,<size>`: a heap page. */
  chunkCreated(address: number, size: number): void {
    this.chunks.set(address, size);
  }

  /**
   * `delete,MemoryChunk,<address>`: the page is released; the code on it made
   * before now is dead. Returns the page's size, undefined for a page the log
   * never showed made (its size is unknown, nothing is dropped). Sizes of the
   * last pages released are kept: V8 pools released pages and hands them out
   * again without a `new` row.
   */
  chunkDeleted(address: number): number | undefined {
    const size = this.chunks.get(address) ?? this.pooled.get(address) ?? this.pooledBefore.get(address);
    if (size === undefined) return undefined;
    this.chunks.delete(address);
    // Two generations bound the sizes kept without an ordered eviction.
    if (this.pooled.size >= MAX_POOLED) {
      this.pooledBefore = this.pooled;
      this.pooled = new Map();
    }
    this.pooled.set(address, size);
    this.freed.push({ start: address, end: address + size, seq: this.seq });
    this.stale = true;
    return size;
  }

  /** The code object whose range holds `pc`: the one starting last at or before it. */
  at(pc: number): CodeEntry | undefined {
    if (this.stale) this.compact();
    const starts = this.starts;
    // Lookups come in first-seen order, so neighbours often share a code object: try the last one first.
    let best = this.lastBest;
    if (!(best >= 0 && best < starts.length && starts[best]! <= pc && (best + 1 === starts.length || starts[best + 1]! > pc))) {
      let lo = 0;
      let hi = starts.length - 1;
      best = -1;
      while (lo <= hi) {
        const mid = (lo + hi) >> 1;
        if (starts[mid]! <= pc) {
          best = mid;
          lo = mid + 1;
        } else hi = mid - 1;
      }
      if (best < 0) return undefined;
      this.lastBest = best;
    }
    const code = this.list[best]!;
    return pc < code.start + Math.max(code.size, 1) ? code : undefined;
  }

  /**
   * Merges the entries made since the last compaction into the sorted list and
   * drops the ones the log showed dead (deleted or moved, released pages, memory
   * taken by later code).
   */
  private compact(): void {
    this.compactions++;
    const fresh = this.pending.sort((a, b) => a.start - b.start);
    this.pending = [];
    const freed = this.freed.sort((a, b) => a.start - b.start);
    this.freed = [];
    const old = this.list;
    const oldStarts = this.starts;
    const dead = this.deadStarts.sort((a, b) => a - b);
    this.deadStarts = [];
    let nextDead = 0;
    // Made to size and filled up to `n` (pushing one by one was most of the time).
    const kept = new Array<CodeEntry>(old.length + fresh.length);
    let n = 0;
    // The starts of `kept`, filled as it is (runs of old entries copied from the old starts).
    const keptStarts = new Float64Array(old.length + fresh.length);
    // Released ranges that contain the current start (pages do not overlap, but a page may be released twice).
    const active: Range[] = [];
    let next = 0;
    let i = 0;
    let j = 0;
    while (i < old.length || j < fresh.length) {
      // A run of old entries with nothing among them (no new entry, dead one or released range) is
      // kept whole: the old list does not overlap itself, so only its first can meet the last kept.
      // The same outcome as the entry-by-entry merge below, without reading each entry.
      if (i < old.length && (j >= fresh.length || oldStarts[i]! <= fresh[j]!.start)) {
        const first = oldStarts[i]!;
        while (nextDead < dead.length && dead[nextDead]! < first) nextDead++;
        let k = old.length;
        if (nextDead < dead.length) k = lowerBound(oldStarts, dead[nextDead]!, i, k);
        if (j < fresh.length) k = upperBound(oldStarts, fresh[j]!.start, i, k);
        if (next < freed.length) k = lowerBound(oldStarts, freed[next]!.start, i, k);
        let clear = k - i > 1;
        if (clear && active.length) {
          for (const r of active) if (r.end > first) clear = false;
          if (clear) active.length = 0;
        }
        const last = n > 0 ? kept[n - 1]! : undefined;
        if (clear && last && last.start + (last.size > 1 ? last.size : 1) > first) clear = false;
        if (clear) {
          keptStarts.set(oldStarts.subarray(i, k), n);
          for (; i < k; i++) kept[n++] = old[i]!;
          continue;
        }
      }
      const e = j >= fresh.length || (i < old.length && old[i]!.start <= fresh[j]!.start) ? old[i++]! : fresh[j++]!;
      if (e.dead) continue;
      if (next < freed.length || active.length) {
        while (next < freed.length && freed[next]!.start <= e.start) active.push(freed[next++]!);
        let freedAfter = false;
        let still = 0;
        for (let k = 0; k < active.length; k++) {
          const r = active[k]!;
          if (r.end <= e.start) continue; // passed: forgotten
          active[still++] = r;
          if (r.seq >= e.seq) freedAfter = true;
        }
        if (still < active.length) active.length = still;
        if (freedAfter) {
          this.drop(e);
          continue;
        }
      }
      // Two live code objects never overlap: of two that do, the older one's memory was reused.
      let alive = true;
      while (n > 0) {
        const last = kept[n - 1]!;
        if (last.start + (last.size > 1 ? last.size : 1) <= e.start) break;
        if (last.seq > e.seq) {
          alive = false;
          break;
        }
        this.drop(kept[--n]!);
      }
      if (alive) {
        keptStarts[n] = e.start;
        kept[n++] = e;
      } else this.drop(e);
    }
    kept.length = n;
    this.list = kept;
    this.compactAt = Math.max(MIN_COMPACT, n * 2);
    this.lastBest = -1;
    this.starts = keptStarts.slice(0, n);
    this.stale = false;
  }

  /** Marks `e` dead, noting its start for the next compaction. */
  private markDead(e: CodeEntry): void {
    if (e.dead) return;
    e.dead = true;
    this.deadStarts.push(e.start);
  }

  private drop(e: CodeEntry): void {
    if (this.byStart.get(e.start) === e) this.byStart.delete(e.start);
    e.dead = true;
    this.dropped++;
  }
}

/** The first index in [lo, hi) whose value is above `x` (hi if none); `a` is sorted. */
function upperBound(a: Float64Array, x: number, lo: number, hi: number): number {
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (a[mid]! <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The first index in [lo, hi) whose value is at or above `x` (hi if none); `a` is sorted. */
function lowerBound(a: Float64Array, x: number, lo: number, hi: number): number {
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (a[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
