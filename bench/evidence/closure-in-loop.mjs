import { runCell, printTable } from './_cell.mjs';
// Evidence for `closure-in-loop`: a function created per iteration that captures the loop
// binding, against a hoisted function that gets the value as an argument. Three forms:
// closures that escape (stored, then called later), closures handed to a callee V8 does not
// inline, a capturing callback of an inner array method, and one of Map#forEach (which Turbofan
// does not inline) against its two allocation-free fixes and the entry-destructuring for…of that
// allocates more. One process per (variant, size).

const VARIANTS = {
  // Escaping: the classic "collect handlers" loop.
  'store closures': (n) => { const fs = new Array(n); for (let i = 0; i < n; i++) fs[i] = () => i * 2; let s = 0; for (let i = 0; i < n; i++) s += fs[i](); return s; },
  'store values, hoisted fn': (n) => { const vs = new Array(n); for (let i = 0; i < n; i++) vs[i] = i; let s = 0; for (let i = 0; i < n; i++) s += double(vs[i]); return s; },
  // Passed to a callee that is not inlined (as with any large or megamorphic callee).
  'closure to callee': (n) => { let s = 0; for (let i = 0; i < n; i++) s += callIt(() => i * 2); return s; },
  'hoisted fn + arg to callee': (n) => { let s = 0; for (let i = 0; i < n; i++) s += callWith(double, i); return s; },
  // A capturing callback of an array method inside the loop.
  'inner map capturing item': (n) => { let s = 0; for (let i = 0; i < n; i++) { const row = ROW; s += row.map((x) => x * i).length; } return s; },
  'inner plain loop': (n) => { let s = 0; for (let i = 0; i < n; i++) { const row = ROW; const out = new Array(row.length); for (let k = 0; k < row.length; k++) out[k] = row[k] * i; s += out.length; } return s; },
  // Map#forEach, which Turbofan does not inline, with a callback capturing the outer item.
  'Map#forEach capturing item': (n) => { let s = 0; for (let i = 0; i < n; i++) { const st = STATES[i & 1023]; st.m.forEach((on, k) => { if (on && k !== st.skip) s++; }); } return s; },
  'hoisted cb, state as thisArg': (n) => { const acc = { n: 0, skip: '' }; for (let i = 0; i < n; i++) { const st = STATES[i & 1023]; acc.skip = st.skip; st.m.forEach(countOn, acc); } return acc.n; },
  'for…of m.keys() + get': (n) => { let s = 0; for (let i = 0; i < n; i++) { const st = STATES[i & 1023]; for (const k of st.m.keys()) if (st.m.get(k) && k !== st.skip) s++; } return s; },
  'for…of [k, v] of m': (n) => { let s = 0; for (let i = 0; i < n; i++) { const st = STATES[i & 1023]; for (const [k, on] of st.m) if (on && k !== st.skip) s++; } return s; },
};
const PAIRS = [
  ['store closures', 'store values, hoisted fn'],
  ['closure to callee', 'hoisted fn + arg to callee'],
  ['inner map capturing item', 'inner plain loop'],
  ['Map#forEach capturing item', 'hoisted cb, state as thisArg'],
  ['Map#forEach capturing item', 'for…of m.keys() + get'],
  ['Map#forEach capturing item', 'for…of [k, v] of m'],
];
const SIZES = [1_000, 10_000, 100_000];
const ROW = [1, 2, 3, 4];
// 1,024 small Maps of 3 entries, as per-object bookkeeping (immer's `assigned_`) looks.
const STATES = Array.from({ length: 1024 }, (_, i) => ({ m: new Map([['a', true], ['b', i % 2 === 0], ['c', true]]), skip: 'c' }));
function countOn(on, k) { if (on && k !== this.skip) this.n++; }

function double(x) { return x * 2; }
function callIt(f) { return f(); }
function callWith(f, x) { return f(x); }

function child(variant, n) {
  const run = VARIANTS[variant];
  // Keep the callees out of line, as a large callee would be.
  new Function('f', '%NeverOptimizeFunction(f)')(callIt);
  new Function('f', '%NeverOptimizeFunction(f)')(callWith);
  let sink = 0;
  const reps = Math.max(1, Math.floor(2_000_000 / n));
  for (let w = 0; w < 3; w++) for (let r = 0; r < reps; r++) sink += run(n);
  let best = Infinity;
  for (let k = 0; k < 5; k++) {
    const t0 = process.hrtime.bigint();
    for (let r = 0; r < reps; r++) sink += run(n);
    best = Math.min(best, Number(process.hrtime.bigint() - t0) / (reps * n));
  }
  if (sink === 0.5) console.error('');
  process.stdout.write(JSON.stringify({ ns: best }));
}

function measure(variant, size) {
  return runCell(import.meta.url, ['--variant', variant, '--size', size], { natives: true }).ns;
}

const vi = process.argv.indexOf('--variant');
if (vi > 0) {
  child(process.argv[vi + 1], Number(process.argv[process.argv.indexOf('--size') + 1]));
} else {
  console.log(`closure-in-loop: ns per iteration, best of 5, one process per cell (node ${process.version})\n`);
  const rows = [['form', 'compared with', 'iterations', 'ns/iter (ratio)']];
  for (const [bad, fixed] of PAIRS) {
    for (const s of SIZES) {
      const b = measure(bad, s);
      const f = measure(fixed, s);
      rows.push([bad, fixed, s.toLocaleString('en'), `${b.toFixed(2)} / ${f.toFixed(2)} (${(b / f).toFixed(1)}x)`]);
    }
  }
  printTable(rows);
}
