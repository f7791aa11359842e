// Fields of v8.log rows read straight from the line's bytes, without decoding the
// row: what the IC and code rows need (numbers, addresses, one-character states).

/** One-character strings by byte, so single-character fields cost no allocation. */
const CHARS = Array.from({ length: 128 }, (_, i) => String.fromCharCode(i));

/** Bytes [start, end) as text. */
export function text(buf: Buffer, start: number, end: number): string {
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
 * `0x…` as V8 prints an address (lowercase, no leading zero, at most 13 digits so
 * the value is exact): its value, else -1 (the caller reads the text instead).
 */
export function canonicalHex(buf: Buffer, start: number, end: number): number {
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
export function decimal(buf: Buffer, start: number, end: number): number {
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
export function mapId(buf: Buffer, start: number, end: number): number | string {
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

/** A number field as `Number(text)` reads it, without decoding the usual forms (hex address, decimal). */
export function numberField(buf: Buffer, start: number, end: number): number {
  const hex = canonicalHex(buf, start, end);
  return hex >= 0 ? hex : decimal(buf, start, end);
}
