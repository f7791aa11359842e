import { printTable, runCell } from './_cell.mjs';
// Evidence for `accumulating-spread`: copying the accumulator on every step of a reduce or a
// loop (`[...acc, x]`, `acc.concat(x)`, `{...acc, [k]: v}`, `Object.assign({}, acc, …)`)
// against mutating it, per accumulator size. One process per (variant, size): the parent spawns
// this file with `--variant name --size n` (and `--allow-natives-syntax` to report whether the
// object accumulator is still in fast mode at the end).

const VARIANTS = {
  // Arrays.
  'reduce [...acc, x]': (xs) => xs.reduce((acc, x) => [...acc, x], []),
  'reduce acc.push(x)': (xs) => xs.reduce((acc, x) => { acc.push(x); return acc; }, []),
  'loop acc = acc.concat(x)': (xs) => { let acc = []; for (const x of xs) acc = acc.concat(x); return acc; },
  'loop acc.push(x)': (xs) => { const acc = []; for (const x of xs) acc.push(x); return acc; },
  // Objects keyed by data (dynamic keys).
  'reduce {...acc, [k]: v}': (xs, ks) => xs.reduce((acc, x, i) => ({ ...acc, [ks[i]]: x }), {}),
  'reduce Object.assign({}, acc, {[k]: v})': (xs, ks) => xs.reduce((acc, x, i) => Object.assign({}, acc, { [ks[i]]: x }), {}),
  'reduce acc[k] = v': (xs, ks) => xs.reduce((acc, x, i) => { acc[ks[i]] = x; return acc; }, {}),
  'reduce map.set(k, v)': (xs, ks) => xs.reduce((acc, x, i) => acc.set(ks[i], x), new Map()),
};
// [bad, fixed, sizes]: object copies are much slower per step, so they get smaller sizes.
const ARRAY_SIZES = [250, 1_000, 4_000];
const OBJECT_SIZES = [100, 500, 2_000];
const PAIRS = [
  ['reduce [...acc, x]', 'reduce acc.push(x)', ARRAY_SIZES],
  ['loop acc = acc.concat(x)', 'loop acc.push(x)', ARRAY_SIZES],
  ['reduce {...acc, [k]: v}', 'reduce acc[k] = v', OBJECT_SIZES],
  ['reduce Object.assign({}, acc, {[k]: v})', 'reduce acc[k] = v', OBJECT_SIZES],
  ['reduce acc[k] = v', 'reduce map.set(k, v)', OBJECT_SIZES],
];
const BUDGET_NS = 200e6;

function child(variant, n) {
  const f = VARIANTS[variant];
  const xs = Array.from({ length: n }, (_, i) => i);
  const ks = xs.map((i) => `key${i}`);
  let sink = 0;
  let last;
  const warm = Math.max(1, Math.ceil(20_000 / n));
  for (let w = 0; w < warm; w++) sink += Object.keys((last = f(xs, ks))).length;
  let best = Infinity;
  for (let r = 0; r < 3; r++) {
    let reps = 0;
    let el = 0;
    const t0 = process.hrtime.bigint();
    do { last = f(xs, ks); sink += 1; reps++; el = Number(process.hrtime.bigint() - t0); } while (el < BUDGET_NS / 3);
    best = Math.min(best, el / (reps * n));
  }
  // %HasFastProperties is only meaningful for plain objects (arrays and Maps keep fast properties).
  const fast = last instanceof Map || Array.isArray(last) ? '-' : (new Function('o', 'return %HasFastProperties(o)')(last) ? 'fast' : 'dictionary');
  if (sink === 0.5) console.error('');
  process.stdout.write(JSON.stringify({ ns: best, fast }));
}

function measure(variant, size) {
  return runCell(import.meta.url, ['--variant', variant, '--size', size], { natives: true });
}

const vi = process.argv.indexOf('--variant');
if (vi > 0) {
  child(process.argv[vi + 1], Number(process.argv[process.argv.indexOf('--size') + 1]));
} else {
  console.log(`accumulating-spread: ns per element added, best of 3 rounds, one process per cell (node ${process.version}); last column: properties mode (%HasFastProperties) of the object the fixed form built`);
  const cache = new Map();
  const m = (v, s) => {
    const k = `${v}|${s}`;
    if (!cache.has(k)) cache.set(k, measure(v, s));
    return cache.get(k);
  };
  const head = ['bad form', 'fixed form', 'n', 'bad ns', 'fixed ns', 'bad/fixed', 'fixed form leaves the object'];
  const rows = [head];
  for (const [bad, fixed, sizes] of PAIRS) {
    for (const s of sizes) {
      const b = m(bad, s);
      const f = m(fixed, s);
      rows.push([bad, fixed, s.toLocaleString('en'), b.ns.toFixed(1), f.ns.toFixed(1), `${(b.ns / f.ns).toFixed(1)}x`, f.fast]);
    }
  }
  printTable(rows);
}
