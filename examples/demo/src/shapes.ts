// Five shapes with different property sets: a read of `.kind` or a call of `area(s)` over all
// of them sees five hidden classes, one more than V8's polymorphic inline caches hold.
export interface Circle { kind: 'circle'; r: number }
export interface Square { kind: 'square'; side: number }
export interface Rect { kind: 'rect'; w: number; h: number }
export interface Triangle { kind: 'triangle'; base: number; height: number }
export interface Ring { kind: 'ring'; outer: number; inner: number }
export type Shape = Circle | Square | Rect | Triangle | Ring;

export function area(s: Shape): number {
  switch (s.kind) {
    case 'circle':
      return Math.PI * s.r * s.r;
    case 'square':
      return s.side * s.side;
    case 'rect':
      return s.w * s.h;
    case 'triangle':
      return (s.base * s.height) / 2;
    case 'ring':
      return Math.PI * (s.outer * s.outer - s.inner * s.inner);
  }
}

export function makeShapes(n: number, kinds: number): Shape[] {
  const out: Shape[] = [];
  for (let i = 0; i < n; i++) {
    switch (i % kinds) {
      case 0: out.push({ kind: 'circle', r: i % 7 }); break;
      case 1: out.push({ kind: 'square', side: i % 5 }); break;
      case 2: out.push({ kind: 'rect', w: i % 3, h: 2 }); break;
      case 3: out.push({ kind: 'triangle', base: 4, height: i % 9 }); break;
      default: out.push({ kind: 'ring', outer: 5, inner: i % 4 }); break;
    }
  }
  return out;
}
