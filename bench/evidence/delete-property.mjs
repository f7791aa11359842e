import { runCell, printTable } from './_cell.mjs';
// Evidence for `delete-property`: what `delete o.p` costs on V8 against `o.p = undefined`,
// deleting the last-added property, and a rest copy without the property, per object size
// (number of properties); and what `delete a[i]` does to an array. Each variant builds 1,000
// objects from one literal shape, modifies each, then reads the remaining properties many times.
// One process per (variant, size): the parent spawns this file with `--variant name --size n`
// (and `--allow-natives-syntax` to report the properties mode of the result).

const OBJECTS = 1_000;
const READ_ROUNDS = 200;

// Source of a function building one object with `n` properties p0..p(n-1), then modifying it.
function build(n, modify) {
  const props = Array.from({ length: n }, (_, i) => `p${i}: i + ${i}`).join(', ');
  return new Function('i', `const o = { ${props} }; ${modify}; return o;`);
}
// Reads every property except p0 and p(n-1) (the ones some variants remove).
function reader(n) {
  const reads = Array.from({ length: n - 2 }, (_, i) => `o.p${i + 1}`).join(' + ');
  return { fn: new Function('objs', `let s = 0; for (let j = 0; j < objs.length; j++) { const o = objs[j]; s += ${reads}; } return s;`), per: n - 2 };
}

const VARIANTS = {
  'delete o.p0 (first)': (n) => build(n, 'delete o.p0'),
  'delete o.pLast (last added)': (n) => build(n, `delete o.p${n - 1}`),
  'o.p0 = undefined': (n) => build(n, 'o.p0 = undefined'),
  '{ p0, ...rest } copy': (n) => { const f = build(n, ''); return (i) => { const { p0, ...rest } = f(i); return rest; }; },
  'untouched': (n) => build(n, ''),
};
const PAIRS = [
  ['delete o.p0 (first)', 'o.p0 = undefined'],
  ['delete o.pLast (last added)', 'untouched'],
  ['o.p0 = undefined', 'untouched'],
  ['{ p0, ...rest } copy', 'untouched'],
];
const SIZES = [4, 8, 16];

// Arrays: `delete a[i]` makes the elements HOLEY for good; `a[i] = undefined` keeps them packed.
const ARRAY_VARIANTS = {
  'delete a[0]': (a) => { delete a[0]; },
  'a[0] = undefined': (a) => { a[0] = undefined; },
};

function timeBest(fn, rounds = 5) {
  let best = Infinity;
  for (let r = 0; r < rounds; r++) {
    const t0 = process.hrtime.bigint();
    fn();
    best = Math.min(best, Number(process.hrtime.bigint() - t0));
  }
  return best;
}

function child(variant, n) {
  const hasFast = new Function('o', 'return %HasFastProperties(o)');
  let sink = 0;
  if (variant in ARRAY_VARIANTS) {
    const make = () => Array.from({ length: OBJECTS }, () => { const a = Array.from({ length: n }, (_, k) => k); ARRAY_VARIANTS[variant](a); return a; });
    const arrays = make();
    const sum = (as) => { let s = 0; for (let j = 0; j < as.length; j++) { const a = as[j]; for (let k = 1; k < a.length; k++) s += a[k]; } return s; };
    for (let w = 0; w < 20; w++) sink += sum(arrays);
    const readNs = timeBest(() => { for (let r = 0; r < READ_ROUNDS; r++) sink += sum(arrays); }) / (READ_ROUNDS * OBJECTS * (n - 1));
    const makeNs = timeBest(() => { sink += make().length; }) / OBJECTS;
    process.stdout.write(JSON.stringify({ make: makeNs, read: readNs, mode: '-' }));
    return;
  }
  const f = VARIANTS[variant](n);
  const { fn: read, per } = reader(n);
  const make = () => { const objs = new Array(OBJECTS); for (let i = 0; i < OBJECTS; i++) objs[i] = f(i); return objs; };
  for (let w = 0; w < 20; w++) sink += make().length;
  const makeNs = timeBest(() => { sink += make().length; }) / OBJECTS;
  const objs = make();
  for (let w = 0; w < 20; w++) sink += read(objs);
  const readNs = timeBest(() => { for (let r = 0; r < READ_ROUNDS; r++) sink += read(objs); }) / (READ_ROUNDS * OBJECTS * per);
  if (sink === 0.5) console.error('');
  process.stdout.write(JSON.stringify({ make: makeNs, read: readNs, mode: hasFast(objs[0]) ? 'fast' : 'dictionary' }));
}

function measure(variant, size) {
  return runCell(import.meta.url, ['--variant', variant, '--size', size], { natives: true });
}


const vi = process.argv.indexOf('--variant');
if (vi > 0) {
  child(process.argv[vi + 1], Number(process.argv[process.argv.indexOf('--size') + 1]));
} else {
  console.log(`delete-property: ${OBJECTS.toLocaleString('en')} objects per variant, best of 5, one process per cell (node ${process.version})`);
  console.log('read = ns per property read afterwards; build = ns to create and modify one object; mode = %HasFastProperties of the result\n');
  const cache = new Map();
  const m = (v, s) => {
    const k = `${v}|${s}`;
    if (!cache.has(k)) cache.set(k, measure(v, s));
    return cache.get(k);
  };
  const rows = [['form', 'compared with', 'props', 'read ns (ratio)', 'build ns (ratio)', 'mode']];
  for (const [bad, fixed] of PAIRS) {
    for (const s of SIZES) {
      const b = m(bad, s);
      const f = m(fixed, s);
      rows.push([bad, fixed, String(s), `${b.read.toFixed(2)} / ${f.read.toFixed(2)} (${(b.read / f.read).toFixed(1)}x)`,
        `${b.make.toFixed(0)} / ${f.make.toFixed(0)} (${(b.make / f.make).toFixed(1)}x)`, `${b.mode} / ${f.mode}`]);
    }
  }
  printTable(rows);
  console.log('');
  const arows = [['form', 'compared with', 'length', 'read ns (ratio)', 'build ns (ratio)']];
  for (const s of [16, 256]) {
    const b = m('delete a[0]', s);
    const f = m('a[0] = undefined', s);
    arows.push(['delete a[0]', 'a[0] = undefined', String(s), `${b.read.toFixed(2)} / ${f.read.toFixed(2)} (${(b.read / f.read).toFixed(1)}x)`,
      `${b.make.toFixed(0)} / ${f.make.toFixed(0)} (${(b.make / f.make).toFixed(1)}x)`]);
  }
  printTable(arows);
}
