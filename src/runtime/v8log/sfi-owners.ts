// The function each SharedFunctionInfo address of a v8.log belongs to now.
//
// A long run moves SFIs millions of times (each compacting GC logs an `sfi-move`
// per live SFI) and never says that one died. It does say when a heap page is
// released (`delete,MemoryChunk`), and the GC moves every live object off a page
// before releasing it: an SFI still at an address of a released page is dead. So
// the table holds the SFIs alive, not every address the log ever named.
//
// Addresses are keyed in two levels of small integers (page, offset): a Map keyed
// by 48-bit addresses boxes every key and hashes it the slow way, which was the
// largest cost of reading a long run's millions of moves.

/** Bucket size: V8's regular heap pages (release ranges are applied exactly, whatever their alignment). */
const PAGE = 2 ** 18;

export class SfiOwners<T> {
  /** SFIs dropped because their page was released. */
  dropped = 0;
  private readonly pages = new Map<number, Map<number, T>>();
  private count = 0;

  get size(): number {
    return this.count;
  }

  get(address: number): T | undefined {
    const page = Math.floor(address / PAGE);
    return this.pages.get(page)?.get(address - page * PAGE);
  }

  /** Makes `owner` the owner of `address`; returns the one before, if any. */
  set(address: number, owner: T): T | undefined {
    const page = Math.floor(address / PAGE);
    let onPage = this.pages.get(page);
    if (!onPage) this.pages.set(page, (onPage = new Map()));
    const offset = address - page * PAGE;
    const before = onPage.get(offset);
    if (before === undefined) this.count++;
    onPage.set(offset, owner);
    return before;
  }

  /** Forgets `address`; returns its owner, if any. */
  delete(address: number): T | undefined {
    const page = Math.floor(address / PAGE);
    const onPage = this.pages.get(page);
    if (!onPage) return undefined;
    const offset = address - page * PAGE;
    const owner = onPage.get(offset);
    if (owner === undefined) return undefined;
    onPage.delete(offset);
    if (onPage.size === 0) this.pages.delete(page);
    this.count--;
    return owner;
  }

  /** Memory [start, end) was released: the SFIs in it are dead. Calls `onDropped` with each one's owner. */
  release(start: number, end: number, onDropped: (owner: T) => void): void {
    const first = Math.floor(start / PAGE);
    const last = Math.floor((end - 1) / PAGE);
    for (let page = first; page <= last; page++) {
      const onPage = this.pages.get(page);
      if (!onPage) continue;
      const whole = page * PAGE >= start && (page + 1) * PAGE <= end;
      for (const [offset, owner] of onPage) {
        const address = page * PAGE + offset;
        if (!whole && (address < start || address >= end)) continue;
        onPage.delete(offset);
        this.count--;
        this.dropped++;
        onDropped(owner);
      }
      if (onPage.size === 0) this.pages.delete(page);
    }
  }

  /** Every (address, owner), page by page. */
  *entries(): IterableIterator<[number, T]> {
    for (const [page, onPage] of this.pages) for (const [offset, owner] of onPage) yield [page * PAGE + offset, owner];
  }
}
