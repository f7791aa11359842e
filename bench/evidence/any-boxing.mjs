import { printTable, runCell } from './_cell.mjs';
// Evidence for `any-boxing`. TypeScript types are erased, so `any` costs nothing by itself:
// the same JavaScript runs whatever the annotation. What `any` hides is how many shapes reach
// a site. Here a hot loop reads `r.id + r.score` from records parsed from JSON whose field
// order and optional fields vary (K distinct shapes, what an `any[]` admits) against the same
// loop over records normalized once into one class (what a concrete type documents).
// With K = 1 both sides see one shape: the ratio shows that `any` alone is free.
// One process per (variant, K): the parent spawns this file with `--variant v --shapes k`.

const SHAPES = [1, 2, 4, 6, 8];
const N = 1024;

function parsed(k) {
  const rows = [];
  for (let i = 0; i < N; i++) {
    const v = i % k;
    // Each variant: a different key order or an extra optional field, as JSON from different producers.
    const extra = v === 0 ? '' : `, "f${v}": ${v}`;
    rows.push(v % 2 === 0 ? `{"id": ${i}, "score": ${v}${extra}}` : `{"score": ${v}, "id": ${i}${extra}}`);
  }
  return JSON.parse(`[${rows.join(',')}]`);
}

class Rec {
  constructor(id, score) {
    this.id = id;
    this.score = score;
  }
}

function total(rs) {
  let s = 0;
  for (let i = 0; i < rs.length; i++) s += rs[i].id + rs[i].score;
  return s;
}

function child(variant, k) {
  const raw = parsed(k);
  const rs = variant === 'any' ? raw : raw.map((r) => new Rec(r.id, r.score));
  const reps = 2000;
  let sink = 0;
  for (let r = 0; r < reps; r++) sink += total(rs);
  let best = Infinity;
  for (let round = 0; round < 5; round++) {
    const t0 = process.hrtime.bigint();
    for (let r = 0; r < reps; r++) sink += total(rs);
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
  console.log(`any-boxing: ns per record (two reads), best of 5, one process per cell (node ${process.version})`);
  const head = ['shapes reaching the site', 'any[] as parsed (bad)', 'normalized class (fixed)', 'bad/fixed'];
  const rows = [head];
  for (const k of SHAPES) {
    const bad = measure('any', k);
    const fixed = measure('class', k);
    rows.push([String(k), `${bad.toFixed(2)} ns`, `${fixed.toFixed(2)} ns`, `${(bad / fixed).toFixed(1)}x`]);
  }
  printTable(rows);
}
