// A long-running process in miniature, for the memory side of the log benchmarks: code is made,
// optimized and dropped over and over, so the log is full of code objects that move and die.
//
//   node [v8 flags] bench/programs/code-churn.mjs [--generations G] [--per-gen F] [--hot H] [--garbage MB]
//
// Each generation compiles F modules again (`vm.runInThisContext`, the same file names and layout
// with a new constant each time: new scripts and SharedFunctionInfos at the same positions, as a
// server that reloads its templates or plugins makes them), and the functions they define; calls each
// H times with objects of a few shapes (ICs go polymorphic, then megamorphic; the optimizing tiers
// compile them), feeds one a shape it never saw (a deopt), then drops every reference and churns
// garbage, so that the collector frees the old code and compacts the code space (code-move,
// sfi-move, freed addresses reused by later code). Deterministic: no randomness, no timers.
import vm from 'node:vm';

const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(name);
  return i === -1 ? dflt : Number(args[i + 1]);
};
const G = opt('--generations', 200);
const F = opt('--per-gen', 40);
const HOT = opt('--hot', 2000);
const GARBAGE_MB = opt('--garbage', 8);

const PROPS = ['a', 'b', 'c', 'd', 'e', 'f'];
/** Six object shapes: same leading fields, different extras and order. */
const SHAPES = Array.from({ length: 6 }, (_, s) => (x) => {
  const o = {};
  const own = s % 2 ? [...PROPS].reverse() : PROPS;
  for (let p = 0; p < 3 + (s % 4); p++) o[own[p]] = x + p;
  o[`t${s}`] = s;
  return o;
});

let checksum = 0;
for (let g = 0; g < G; g++) {
  let fns = [];
  for (let f = 0; f < F; f++) {
    const id = g * F + f;
    // Same file and layout per slot, new text per generation: a fresh script, SFI and feedback vector each time.
    const src = `(function churn(o, k) {\n  let s = ${String(id % 97).padStart(2, '0')};\n  for (let i = 0; i < 4; i++) s += (o.a | 0) + (o.b | 0) * i + (o[k] | 0);\n  return s + (o.c === undefined ? ${String(id % 89).padStart(2, '0')} : o.c);\n})`;
    fns.push(vm.runInThisContext(src, { filename: `churn/module-${f}.js` }));
  }
  for (const fn of fns) {
    for (let i = 0; i < HOT; i++) checksum = (checksum + fn(SHAPES[i < HOT / 2 ? 0 : i % SHAPES.length](i), PROPS[i % 3])) | 0;
  }
  // A shape none of them saw: optimized code deoptimizes (wrong map).
  for (const fn of fns) checksum = (checksum + fn({ z: 1, a: 2 }, 'z')) | 0;
  fns = null;
  // Garbage so the old functions, their feedback and their code are collected and the heap compacts.
  let junk = [];
  for (let i = 0; i < GARBAGE_MB * 1024; i++) junk.push(new Array(128).fill(i));
  checksum = (checksum + junk.length) | 0;
  junk = null;
}
console.log(`code-churn: ${G} generations x ${F} functions, checksum ${checksum}`);
