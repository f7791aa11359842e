// A JSON reader over the bytes of a whole file, for profiles: it makes no string of the
// file and no array of boxed numbers. Long arrays of integers (a CPU profile's samples
// and timeDeltas) go straight into typed arrays; everything else is read as plain values.
// Errors name the byte offset, so a truncated file says where it ends.

export class JsonSyntaxError extends Error {
  override name = 'JsonSyntaxError';
  constructor(
    message: string,
    readonly offset: number,
    readonly truncated: boolean,
  ) {
    super(message);
  }
}

/** A growable Int32Array or Float64Array. */
export class NumberList {
  length = 0;
  private data: Int32Array | Float64Array;
  constructor(private readonly float: boolean, capacity = 1024) {
    this.data = float ? new Float64Array(capacity) : new Int32Array(capacity);
  }
  push(n: number): void {
    if (this.length === this.data.length) {
      const next = this.float ? new Float64Array(this.data.length * 2) : new Int32Array(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = n;
  }
  get(i: number): number {
    return this.data[i]!;
  }
  /** The numbers, without the spare capacity. */
  view(): Int32Array | Float64Array {
    return this.data.subarray(0, this.length);
  }
}

const enum C {
  Quote = 34,
  Comma = 44,
  Minus = 45,
  Dot = 46,
  Zero = 48,
  Nine = 57,
  Colon = 58,
  LBracket = 91,
  Backslash = 92,
  RBracket = 93,
  LBrace = 123,
  RBrace = 125,
}

export class JsonBytes {
  pos = 0;
  /** Strings seen before (URLs and names repeat in every node): one copy each. */
  private readonly interned = new Map<string, string>();

  constructor(readonly buf: Uint8Array) {}

  private fail(what: string): never {
    const truncated = this.pos >= this.buf.length;
    throw new JsonSyntaxError(truncated ? `JSON ends early at byte ${this.buf.length}` : `${what} at byte ${this.pos}`, this.pos, truncated);
  }

  ws(): number {
    const b = this.buf;
    let p = this.pos;
    while (p < b.length) {
      const c = b[p]!;
      if (c === 32 || c === 10 || c === 13 || c === 9) p++;
      else break;
    }
    this.pos = p;
    return p < b.length ? b[p]! : -1;
  }

  expect(c: number): void {
    if (this.ws() !== c) this.fail(`expected '${String.fromCharCode(c)}'`);
    this.pos++;
  }

  /** After an element or member: true when another follows (`,`), false at `close`. */
  next(close: number): boolean {
    const c = this.ws();
    if (c === C.Comma) {
      this.pos++;
      return true;
    }
    if (c === close) {
      this.pos++;
      return false;
    }
    return this.fail(`expected ',' or '${String.fromCharCode(close)}'`);
  }

  /** Opens an object; calls `member` per key with the reader positioned at the value. */
  object(member: (key: string) => void): void {
    this.expect(C.LBrace);
    if (this.ws() === C.RBrace) {
      this.pos++;
      return;
    }
    do {
      if (this.ws() !== C.Quote) this.fail('expected a key');
      const key = this.string();
      this.expect(C.Colon);
      member(key);
    } while (this.next(C.RBrace));
  }

  /** Opens an array; calls `element` per element with the reader positioned at it. */
  array(element: () => void): void {
    this.expect(C.LBracket);
    if (this.ws() === C.RBracket) {
      this.pos++;
      return;
    }
    do element();
    while (this.next(C.RBracket));
  }

  /** An array of numbers into `out` (integers stay exact in an Int32 list when they fit). */
  numbers(out: NumberList): void {
    this.array(() => out.push(this.number()));
  }

  /**
   * An array of integers, each given to `sink`, in one tight loop (a long profile has tens of
   * millions). Anything but plain integers falls back to the general reading.
   */
  ints(sink: (n: number) => void): void {
    this.expect(C.LBracket);
    const b = this.buf;
    let p = this.pos;
    const len = b.length;
    for (;;) {
      let c = b[p];
      while (c === 32 || c === 10 || c === 13 || c === 9) c = b[++p];
      if (c === C.RBracket) {
        this.pos = p + 1;
        return;
      }
      let neg = false;
      if (c === C.Minus) {
        neg = true;
        c = b[++p];
      }
      let n = 0;
      let digits = 0;
      while (c !== undefined && c >= C.Zero && c <= C.Nine && digits < 15) {
        n = n * 10 + (c - C.Zero);
        c = b[++p];
        digits++;
      }
      if (digits === 0 || c === C.Dot || c === 101 || c === 69 || (c !== undefined && c >= C.Zero && c <= C.Nine)) {
        // Not a plain integer: read this one the exact way.
        this.pos = neg ? p - 1 - digits : p - digits;
        sink(this.number());
        p = this.pos;
        c = b[p];
      } else sink(neg ? -n : n);
      while (c === 32 || c === 10 || c === 13 || c === 9) c = b[++p];
      if (c === C.Comma) {
        p++;
        continue;
      }
      if (c === C.RBracket) {
        this.pos = p + 1;
        return;
      }
      this.pos = Math.min(p, len);
      this.fail("expected ',' or ']'");
    }
  }

  number(): number {
    const b = this.buf;
    let p = this.pos;
    const start = p;
    let neg = false;
    if (b[p] === C.Minus) {
      neg = true;
      p++;
    }
    let n = 0;
    let digits = 0;
    while (p < b.length) {
      const c = b[p]!;
      if (c < C.Zero || c > C.Nine) break;
      n = n * 10 + (c - C.Zero);
      p++;
      digits++;
    }
    if (digits === 0) {
      this.pos = p;
      this.fail('expected a number');
    }
    const c = b[p];
    if (c === C.Dot || c === 101 || c === 69 || digits > 15) {
      // Fractions, exponents and long integers: the exact reading.
      while (p < b.length && /[0-9eE+.-]/.test(String.fromCharCode(b[p]!))) p++;
      this.pos = p;
      const v = Number(Buffer.from(b.buffer, b.byteOffset + start, p - start).toString('latin1'));
      if (Number.isNaN(v)) this.fail('bad number');
      return v;
    }
    this.pos = p;
    return neg ? -n : n;
  }

  string(): string {
    const b = this.buf;
    let p = this.pos + 1;
    const start = p;
    let plain = true;
    while (p < b.length) {
      const c = b[p]!;
      if (c === C.Quote) break;
      if (c === C.Backslash) {
        plain = false;
        p += 2;
        continue;
      }
      if (c >= 0x80) plain = false;
      p++;
    }
    if (p >= b.length) {
      this.pos = b.length;
      this.fail('unterminated string');
    }
    this.pos = p + 1;
    const slice = Buffer.from(b.buffer, b.byteOffset + start, p - start);
    let s: string;
    if (plain) s = slice.toString('latin1');
    else {
      try {
        s = JSON.parse(Buffer.from(b.buffer, b.byteOffset + start - 1, p - start + 2).toString('utf8')) as string;
      } catch {
        this.pos = start - 1;
        return this.fail('bad string');
      }
    }
    if (s.length > 200) return s;
    const known = this.interned.get(s);
    if (known !== undefined) return known;
    this.interned.set(s, s);
    return s;
  }

  /** Any value, as JSON.parse would give it. */
  value(): unknown {
    const c = this.ws();
    if (c === C.Quote) return this.string();
    if (c === C.LBrace) {
      const o: Record<string, unknown> = {};
      this.object((k) => (o[k] = this.value()));
      return o;
    }
    if (c === C.LBracket) {
      const a: unknown[] = [];
      this.array(() => a.push(this.value()));
      return a;
    }
    if (c === C.Minus || (c >= C.Zero && c <= C.Nine)) return this.number();
    for (const [word, v] of [['true', true], ['false', false], ['null', null]] as const) {
      if (this.word(word)) return v;
    }
    return this.fail(c === -1 ? 'no value' : 'unexpected character');
  }

  private word(w: string): boolean {
    for (let i = 0; i < w.length; i++) if (this.buf[this.pos + i] !== w.charCodeAt(i)) return false;
    this.pos += w.length;
    return true;
  }

  /** Nothing but whitespace may follow the top-level value. */
  end(): void {
    if (this.ws() !== -1) this.fail('unexpected text after the JSON value');
  }
}
