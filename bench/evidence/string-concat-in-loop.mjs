import { printTable, runCell } from './_cell.mjs';
// Evidence for `string-concat-in-loop`: what a string accumulator costs per append on V8,
// alone (a rope: ConsString), against push + join, and when the loop also reads the
// accumulator (a flattening read such as charCodeAt / endsWith, or only `.length`).
// One process per (variant, size): the parent spawns this file with `--variant name --size n`.

const PIECE = 'ab';
// Each variant builds a string of `n` appends and returns something that depends on all of it.
const VARIANTS = {
  // Plain append: V8 links ConsStrings; the single flatten happens at the end (charCodeAt).
  's += x': (n) => { let s = ''; for (let i = 0; i < n; i++) s += PIECE; return s.charCodeAt(s.length >> 1); },
  'push + join': (n) => { const parts = []; for (let i = 0; i < n; i++) parts.push(PIECE); const s = parts.join(''); return s.charCodeAt(s.length >> 1); },
  // `.length` is stored in the ConsString header: reading it does not flatten.
  's += x; s.length': (n) => { let s = ''; let k = 0; for (let i = 0; i < n; i++) { s += PIECE; if (s.length % 7 === 0) k++; } return k + s.charCodeAt(s.length >> 1); },
  // Truthiness only checks the length too.
  's += x; if (s)': (n) => { let s = ''; let k = 0; for (let i = 0; i < n; i++) { if (s) k++; s += PIECE; } return k + s.charCodeAt(s.length >> 1); },
  // A content read flattens the whole rope on every iteration.
  's += x; s.charCodeAt(last)': (n) => { let s = ''; let k = 0; for (let i = 0; i < n; i++) { s += PIECE; if (s.charCodeAt(s.length - 1) === 98) k++; } return k + s.charCodeAt(s.length >> 1); },
  's += x; s.endsWith()': (n) => { let s = ''; let k = 0; for (let i = 0; i < n; i++) { s += PIECE; if (s.endsWith('b')) k++; } return k + s.charCodeAt(s.length >> 1); },
  // The fix for the read: track what the loop needs apart from the accumulator.
  's += x; track last': (n) => { let s = ''; let k = 0; let last = 0; for (let i = 0; i < n; i++) { s += PIECE; last = PIECE.charCodeAt(PIECE.length - 1); if (last === 98) k++; } return k + s.charCodeAt(s.length >> 1); },
};
const PAIRS = [
  ['s += x', 'push + join'],
  ['s += x; s.length', 's += x'],
  ['s += x; if (s)', 's += x'],
  ['s += x; s.charCodeAt(last)', 's += x; track last'],
  ['s += x; s.endsWith()', 's += x; track last'],
];
const SIZES = [1_000, 4_000, 16_000, 64_000];
const BUDGET_NS = 150e6; // per measurement round

function child(variant, n) {
  const f = VARIANTS[variant];
  let sink = 0;
  // Warm-up until the optimizing tier has had a chance, then best of 5 timed rounds.
  for (let w = 0; w < Math.max(3, Math.ceil(200_000 / n)); w++) sink += f(n);
  let best = Infinity;
  for (let r = 0; r < 5; r++) {
    let reps = 0;
    const t0 = process.hrtime.bigint();
    let el = 0;
    do { sink += f(n); reps++; el = Number(process.hrtime.bigint() - t0); } while (el < BUDGET_NS / 5 && reps < 1e6);
    best = Math.min(best, el / (reps * n));
  }
  if (sink === 0.5) console.error('');
  process.stdout.write(JSON.stringify({ ns: best }));
}

function measure(variant, size) {
  return runCell(import.meta.url, ['--variant', variant, '--size', size]).ns;
}

const vi = process.argv.indexOf('--variant');
if (vi > 0) {
  child(process.argv[vi + 1], Number(process.argv[process.argv.indexOf('--size') + 1]));
} else {
  console.log(`string-concat-in-loop: ns per append (piece of ${PIECE.length} chars), best of 5 rounds, one process per cell (node ${process.version})`);
  const cache = new Map();
  const ns = (v, s) => {
    const k = `${v}|${s}`;
    if (!cache.has(k)) cache.set(k, measure(v, s));
    return cache.get(k);
  };
  const head = ['form', 'compared with', ...SIZES.map((s) => `n=${s.toLocaleString('en')}: ns (ratio)`)];
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
