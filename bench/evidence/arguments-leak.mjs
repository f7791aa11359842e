import { printTable, runCell } from './_cell.mjs';
// Evidence for `arguments-leak`: what copying, passing or forwarding `arguments` costs
// against rest parameters, per argument count. One process per (variant, size): the
// parent spawns this file with `--variant name --size n` and prints the table.
// Functions are built with `new Function` so that the sloppy-mode variants really are
// sloppy (this module itself is strict) and so that the argument count can vary.

// Each pair: the flagged form and the fix. `g` is a plain summing callee.
const G = 'function g(){ var s = 0; for (var i = 0; i < arguments.length; i++) s += arguments[i]; return s; }';
const GA = 'function ga(a){ var s = 0; for (var i = 0; i < a.length; i++) s += a[i]; return s; }';
const STRICT = '"use strict";';
const VARIANTS = {
  // Copies of `arguments` into an array.
  'slice.call(arguments)': `${STRICT} function f(){ var a = Array.prototype.slice.call(arguments); return a[0] + a.length; }`,
  '[].slice.call(arguments)': `${STRICT} function f(){ var a = [].slice.call(arguments); return a[0] + a.length; }`,
  'Array.from(arguments)': `${STRICT} function f(){ var a = Array.from(arguments); return a[0] + a.length; }`,
  '[...arguments]': `${STRICT} function f(){ var a = [...arguments]; return a[0] + a.length; }`,
  'rest ...a': `${STRICT} function f(...a){ return a[0] + a.length; }`,
  // `arguments` passed on as a value.
  'ga(arguments)': `${STRICT} ${GA} function f(){ return ga(arguments); }`,
  'ga(rest)': `${STRICT} ${GA} function f(...a){ return ga(a); }`,
  'box.a = arguments': `${STRICT} var box = {}; function f(){ box.a = arguments; return box.a[0] + box.a.length; }`,
  'box.a = rest': `${STRICT} var box = {}; function f(...a){ box.a = a; return box.a[0] + box.a.length; }`,
  // Forwarding.
  'g(...arguments)': `${STRICT} ${G} function f(){ return g(...arguments); }`,
  'g.apply(this, arguments)': `${STRICT} ${G} function f(){ return g.apply(this, arguments); }`,
  'g(...rest)': `${STRICT} ${G} function f(...a){ return g(...a); }`,
  // Reading `arguments` in place: sloppy with formals (mapped) against strict (unmapped).
  'sloppy formals+arguments': `function f(x){ var s = x; for (var i = 1; i < arguments.length; i++) s += arguments[i]; return s; }`,
  'strict formals+arguments': `${STRICT} function f(x){ var s = x; for (var i = 1; i < arguments.length; i++) s += arguments[i]; return s; }`,
  'strict rest (x, ...a)': `${STRICT} function f(x, ...a){ var s = x; for (var i = 0; i < a.length; i++) s += a[i]; return s; }`,
};
const PAIRS = [
  ['slice.call(arguments)', 'rest ...a'],
  ['[].slice.call(arguments)', 'rest ...a'],
  ['Array.from(arguments)', 'rest ...a'],
  ['[...arguments]', 'rest ...a'],
  ['ga(arguments)', 'ga(rest)'],
  ['box.a = arguments', 'box.a = rest'],
  ['g.apply(this, arguments)', 'g(...rest)'],
  ['g(...arguments)', 'g(...rest)'],
  ['sloppy formals+arguments', 'strict formals+arguments'],
  ['strict formals+arguments', 'strict rest (x, ...a)'],
];
const SIZES = [1, 4, 16];
const WARMUP = 200_000;

function child(variant, size) {
  const args = Array.from({ length: size }, (_, k) => (k === 0 ? 'i' : String(k))).join(', ');
  const src = `${VARIANTS[variant]}\nreturn function run(n){ var acc = 0; for (var i = 0; i < n; i++) acc += f(${args}); return acc; };`;
  const run = new Function(src)();
  // Warm-up to reach the optimizing tier, then size each repeat to about 60 ms.
  let sink = run(WARMUP);
  const t = process.hrtime.bigint();
  sink += run(WARMUP);
  const estimate = Math.max(0.1, Number(process.hrtime.bigint() - t) / WARMUP);
  const n = Math.max(WARMUP, Math.round(60e6 / estimate));
  let best = Infinity;
  for (let r = 0; r < 5; r++) {
    const t0 = process.hrtime.bigint();
    sink += run(n);
    const ns = Number(process.hrtime.bigint() - t0) / n;
    if (ns < best) best = ns;
  }
  if (sink === 42) console.error('');
  process.stdout.write(JSON.stringify({ ns: best }));
}

function measure(variant, size) {
  return runCell(import.meta.url, ['--variant', variant, '--size', size]).ns;
}

const vi = process.argv.indexOf('--variant');
if (vi > 0) {
  child(process.argv[vi + 1], Number(process.argv[process.argv.indexOf('--size') + 1]));
} else {
  console.log(`arguments-leak: ns per call, best of 5 runs of about 60 ms, one process per cell (node ${process.version})`);
  const cache = new Map();
  const ns = (v, s) => {
    const k = `${v}|${s}`;
    if (!cache.has(k)) cache.set(k, measure(v, s));
    return cache.get(k);
  };
  const head = ['bad form', 'fixed form', ...SIZES.map((s) => `args=${s} bad/fixed ns (ratio)`)];
  const rows = [head];
  for (const [bad, fixed] of PAIRS) {
    rows.push([bad, fixed, ...SIZES.map((s) => {
      const b = ns(bad, s);
      const f = ns(fixed, s);
      return `${b.toFixed(1)} / ${f.toFixed(1)} (${(b / f).toFixed(1)}x)`;
    })]);
  }
  printTable(rows);
}
