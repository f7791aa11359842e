import { printTable, runCell } from './_cell.mjs';
// Evidence for `megamorphic-call-site`: one property read site and one method call site fed
// objects of K distinct shapes (maps), against the same site fed a single shape. V8 keeps up
// to 4 maps in a polymorphic inline cache (`max_valid_polymorphic_map_count = 4`); the 5th
// makes the site megamorphic (generic stub cache lookup, no inlining of the method).
// One process per (variant, K): the parent spawns this file with `--variant v --shapes k`.

const SHAPES = [1, 2, 3, 4, 5, 6, 8];
const N = 1024; // objects in the array the loop walks

// K object-literal shapes that all have `x` but differ in their property set.
function makeLiterals(k) {
  const out = [];
  for (let i = 0; i < N; i++) {
    const o = { x: i };
    // A distinct extra property per shape id gives a distinct map.
    const id = i % k;
    if (id > 0) o['p' + id] = id;
    out.push(o);
  }
  return out;
}

// K classes with the same method name (an interface implemented K times).
function makeInstances(k) {
  const classes = [];
  for (let c = 0; c < k; c++) {
    // new Function: each class is its own constructor with its own map and method closure.
    classes.push(new Function(`return class S${c} { constructor(v) { this.v = v; } area() { return this.v * ${c + 1}; } };`)());
  }
  const out = [];
  for (let i = 0; i < N; i++) out.push(new classes[i % k](i));
  return out;
}

function readX(arr) {
  let s = 0;
  for (let i = 0; i < arr.length; i++) s += arr[i].x;
  return s;
}

function callArea(arr) {
  let s = 0;
  for (let i = 0; i < arr.length; i++) s += arr[i].area();
  return s;
}

function child(variant, k) {
  const arr = variant === 'read' ? makeLiterals(k) : makeInstances(k);
  const fn = variant === 'read' ? readX : callArea;
  const reps = 2000;
  let sink = 0;
  for (let r = 0; r < reps; r++) sink += fn(arr); // warm-up
  let best = Infinity;
  for (let round = 0; round < 5; round++) {
    const t0 = process.hrtime.bigint();
    for (let r = 0; r < reps; r++) sink += fn(arr);
    const ns = Number(process.hrtime.bigint() - t0) / (reps * N);
    if (ns < best) best = ns;
  }
  if (sink === 0.5) console.error('');
  process.stdout.write(JSON.stringify({ ns: best }));
}

function measure(variant, k) {
  return runCell(import.meta.url, ['--variant', variant, '--shapes', k]).ns;
}

const vi = process.argv.indexOf('--variant');
if (vi > 0) {
  child(process.argv[vi + 1], Number(process.argv[process.argv.indexOf('--shapes') + 1]));
} else {
  console.log(`megamorphic-call-site: ns per access, best of 5, one process per cell (node ${process.version})`);
  const head = ['site', ...SHAPES.map((k) => `${k} shape${k > 1 ? 's' : ''}`)];
  const rows = [head];
  for (const [variant, label] of [['read', 'o.x (object literals)'], ['call', 's.area() (classes)']]) {
    const base = measure(variant, 1);
    const cells = [label];
    for (const k of SHAPES) {
      const ns = k === 1 ? base : measure(variant, k);
      cells.push(`${ns.toFixed(2)} ns (${(ns / base).toFixed(1)}x)`);
    }
    rows.push(cells);
  }
  printTable(rows);
  console.log('ratio = against the same site fed 1 shape (bad = K shapes, fixed = 1 shape)');
}
