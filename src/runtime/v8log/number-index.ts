// A hash table from a pair of numbers (integers below 2^53) to a non-negative
// int, kept in one typed array. The v8.log parser looks up hundreds of thousands of
// IC sites by pc: a Map keyed by such numbers boxes every key (they exceed the
// small-integer range) and hashes it through the generic path, which showed up
// as a fifth of the parse time and tens of megabytes of heap.
//
// Each slot holds (a, b, stamp) side by side, so a probe touches one cache line:
// at hundreds of thousands of entries the table is far larger than the caches and
// separate arrays cost a miss per array. The stamp is the generation times 2^31
// plus value + 1; slots of older generations read as empty, so clearing a small
// table (the parser does at every code move) is a counter increment.

const INITIAL = 1 << 12;
const STRIDE = 3;
/** Share of slots in use before growing: linear probing stays short, and a smaller table misses the cache less. */
const MAX_LOAD = 0.7;
const VALUE_RANGE = 2 ** 31;
/** Generations before the table is zeroed (stamps stay below 2^53). */
const MAX_GENERATION = 2 ** 21;

export class NumberIndex {
  private table: Float64Array;
  private mask: number;
  private count = 0;
  /** Stamps below this are empty slots. */
  private base = VALUE_RANGE;

  constructor(capacity = INITIAL) {
    this.table = new Float64Array(capacity * STRIDE);
    this.mask = capacity - 1;
  }

  get size(): number {
    return this.count;
  }

  /** The value stored for (a, b), or -1. */
  get(a: number, b: number): number {
    const t = this.table;
    for (let i = slot(a, b, this.mask); ; i = (i + 1) & this.mask) {
      const at = i * STRIDE;
      const stamp = t[at + 2]!;
      if (stamp < this.base) return -1;
      if (t[at] === a && t[at + 1] === b) return stamp - this.base - 1;
    }
  }

  /** Stores `value` (0 <= value < 2^31 - 1) for (a, b), replacing any earlier one. */
  set(a: number, b: number, value: number): void {
    if (this.count + 1 > (this.mask + 1) * MAX_LOAD) this.grow(this.mask + 1 < 1 << 16 ? 4 : 2);
    const t = this.table;
    for (let i = slot(a, b, this.mask); ; i = (i + 1) & this.mask) {
      const at = i * STRIDE;
      if (t[at + 2]! < this.base) {
        this.count++;
        t[at] = a;
        t[at + 1] = b;
        t[at + 2] = this.base + value + 1;
        return;
      }
      if (t[at] === a && t[at + 1] === b) {
        t[at + 2] = this.base + value + 1;
        return;
      }
    }
  }

  /** Makes room for `more` entries at once, so a bulk insert rehashes at most once. */
  reserve(more: number): void {
    let factor = 1;
    while (this.count + more > (this.mask + 1) * factor * MAX_LOAD) factor *= 2;
    if (factor > 1) this.grow(factor);
  }

  /** Empties the table, giving back the memory of a large one (it is refilled from scratch). */
  clear(): void {
    this.count = 0;
    if (this.mask + 1 > INITIAL) {
      this.table = new Float64Array(INITIAL * STRIDE);
      this.mask = INITIAL - 1;
      this.base = VALUE_RANGE;
    } else if (this.base < MAX_GENERATION * VALUE_RANGE) this.base += VALUE_RANGE;
    else {
      this.table.fill(0);
      this.base = VALUE_RANGE;
    }
  }

  private grow(factor: number): void {
    const old = this.table;
    const oldBase = this.base;
    const capacity = (this.mask + 1) * factor;
    this.table = new Float64Array(capacity * STRIDE);
    this.mask = capacity - 1;
    this.count = 0;
    this.base = VALUE_RANGE;
    for (let at = 0; at < old.length; at += STRIDE) if (old[at + 2]! >= oldBase) this.set(old[at]!, old[at + 1]!, old[at + 2]! - oldBase - 1);
  }
}

/** Mixes both numbers' low and high 32 bits. */
function slot(a: number, b: number, mask: number): number {
  let h = Math.imul((a | 0) ^ Math.imul((a / 4294967296) | 0, 0x27d4eb2d), 0x9e3779b1);
  h = Math.imul(h ^ (b | 0) ^ Math.imul((b / 4294967296) | 0, 0x165667b1), 0x85ebca6b);
  return (h ^ (h >>> 15)) & mask;
}
