// A hash table from a pair of numbers (integers below 2^53) to a non-negative
// int, kept in typed arrays. The v8.log parser looks up hundreds of thousands of
// IC sites by pc: a Map keyed by such numbers boxes every key (they exceed the
// small-integer range) and hashes it through the generic path, which showed up
// as a fifth of the parse time and tens of megabytes of heap.

const EMPTY = -1;
const INITIAL = 1 << 12;

export class NumberIndex {
  private a: Float64Array;
  private b: Float64Array;
  private values: Int32Array;
  private mask: number;
  private count = 0;

  constructor(capacity = INITIAL) {
    this.a = new Float64Array(capacity);
    this.b = new Float64Array(capacity);
    this.values = new Int32Array(capacity).fill(EMPTY);
    this.mask = capacity - 1;
  }

  get size(): number {
    return this.count;
  }

  /** The value stored for (a, b), or -1. */
  get(a: number, b: number): number {
    for (let i = slot(a, b, this.mask); ; i = (i + 1) & this.mask) {
      const v = this.values[i]!;
      if (v === EMPTY || (this.a[i] === a && this.b[i] === b)) return v;
    }
  }

  /** Stores `value` (>= 0) for (a, b), replacing any earlier one. */
  set(a: number, b: number, value: number): void {
    if ((this.count + 1) * 2 > this.values.length) this.grow();
    for (let i = slot(a, b, this.mask); ; i = (i + 1) & this.mask) {
      const v = this.values[i]!;
      if (v === EMPTY) {
        this.count++;
        this.a[i] = a;
        this.b[i] = b;
        this.values[i] = value;
        return;
      }
      if (this.a[i] === a && this.b[i] === b) {
        this.values[i] = value;
        return;
      }
    }
  }

  /** Empties the table, giving back the memory of a large one (it is refilled from scratch). */
  clear(): void {
    if (this.values.length > INITIAL) {
      this.a = new Float64Array(INITIAL);
      this.b = new Float64Array(INITIAL);
      this.values = new Int32Array(INITIAL);
      this.mask = INITIAL - 1;
    }
    this.values.fill(EMPTY);
    this.count = 0;
  }

  private grow(): void {
    const { a, b, values } = this;
    const capacity = values.length * 2;
    this.a = new Float64Array(capacity);
    this.b = new Float64Array(capacity);
    this.values = new Int32Array(capacity).fill(EMPTY);
    this.mask = capacity - 1;
    this.count = 0;
    for (let i = 0; i < values.length; i++) if (values[i] !== EMPTY) this.set(a[i]!, b[i]!, values[i]!);
  }
}

/** Mixes both numbers' low and high 32 bits. */
function slot(a: number, b: number, mask: number): number {
  let h = Math.imul((a | 0) ^ Math.imul((a / 4294967296) | 0, 0x27d4eb2d), 0x9e3779b1);
  h = Math.imul(h ^ (b | 0) ^ Math.imul((b / 4294967296) | 0, 0x165667b1), 0x85ebca6b);
  return (h ^ (h >>> 15)) & mask;
}
