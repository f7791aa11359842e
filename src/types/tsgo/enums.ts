// TypeScript 7 numbers its enums differently from TypeScript 6 (TypeFlags.String is 32 there, 4
// here): flags and kinds cross the boundary by name.
import { ts } from 'ts-morph';

type Enum = Record<string, string | number>;

/** Maps each single-bit flag of `from` to the bit of the same name in `to`. */
export function bitTranslator(from: Enum, to: Enum): (flags: number) => number {
  const bits: Array<[number, number]> = [];
  for (const [name, v] of Object.entries(from)) {
    if (typeof v !== 'number' || v <= 0 || (v & (v - 1)) !== 0) continue;
    const w = to[name];
    if (typeof w === 'number' && w > 0 && (w & (w - 1)) === 0) bits.push([v, w]);
  }
  const cache = new Map<number, number>();
  return (flags) => {
    let out = cache.get(flags);
    if (out !== undefined) return out;
    out = 0;
    for (const [v, w] of bits) if (flags & v) out |= w;
    cache.set(flags, out);
    return out;
  };
}

/** TypeScript 6 syntax kind → TypeScript 7 syntax kind (markers like FirstToken left out). */
export function kindTranslator(k7: Enum): Map<ts.SyntaxKind, number> {
  const out = new Map<ts.SyntaxKind, number>();
  for (const [name, v] of Object.entries(ts.SyntaxKind)) {
    if (typeof v !== 'number' || name.startsWith('First') || name.startsWith('Last')) continue;
    const w = k7[name];
    if (typeof w === 'number') out.set(v, w);
  }
  return out;
}
