import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { lint } from '../helpers.js';

const check = (code: string, fileName = 'test.ts') => lint('closure-in-loop', code, fileName);

// ---- invalid -------------------------------------------------------------------------

test('for (let i…) capturing i, passed to setTimeout', () => {
  assert.equal(check('for (let i = 0; i < 3; i++) {\n  setTimeout(() => console.log(i), 0);\n}\n'), ['closure-in-loop 2:14-2:19 note']);
});

test('for…of capturing the item, pushed', () => {
  assert.equal(check('declare const xs: number[];\nconst fns: Array<() => number> = [];\nfor (const x of xs) fns.push(() => x);\n'), ['closure-in-loop 3:30-3:35 note']);
});

test('while capturing a body const', () => {
  const code = 'let n = 0;\nwhile (n < 10) {\n  const k = n * 2;\n  queue(function () { return k; });\n  n++;\n}\ndeclare function queue(f: () => number): void;\n';
  assert.equal(check(code), ['closure-in-loop 4:9-4:20 note']);
});

test('do…while capturing a body let', () => {
  const code = 'let n = 0;\ndo {\n  let k = n;\n  run(() => k);\n} while (++n < 3);\ndeclare function run(f: () => number): void;\n';
  assert.equal(check(code), ['closure-in-loop 4:7-4:12 note']);
});

test('nested loops: inner closure capturing the outer binding', () => {
  const code = 'for (let i = 0; i < 3; i++) {\n  for (let j = 0; j < 3; j++) {\n    setTimeout(() => i, 0);\n  }\n}\n';
  assert.equal(check(code), ['closure-in-loop 3:16-3:21 note']);
});

test('for…in capturing the key', () => {
  const code = 'const o = { a: 1 };\nconst out: Array<() => string> = [];\nfor (const k in o) out.push(() => k);\n';
  assert.equal(check(code), ['closure-in-loop 3:29-3:34 note']);
});

test('.then on one promise made before the loop, capturing the loop item', () => {
  const code = 'async function f(ids: string[], p: Promise<void>) {\n  for (const id of ids) p.then(() => id);\n}\n';
  assert.equal(check(code), ['closure-in-loop 2:32-2:37 note']);
});

test('array callback capturing the loop item is flagged', () => {
  const code = 'declare const rows: { scale: number; cells: number[] }[];\nfor (const row of rows) row.cells.map((c) => c * row.scale);\n';
  assert.equal(check(code), ['closure-in-loop 2:39-2:45 note']);
});

test('object literal getter in a loop capturing the binding', () => {
  const code = 'const views = [];\nfor (let i = 0; i < 3; i++) {\n  views.push({ get value() { return i; } });\n}\n';
  assert.equal(check(code), ['closure-in-loop 3:16-3:27 note']);
});

test('class declared in a loop whose method captures the binding', () => {
  const code = 'declare const names: string[];\nfor (const name of names) {\n  class Named {\n    greet() { return name; }\n  }\n  new Named();\n}\n';
  assert.equal(check(code), ['closure-in-loop 4:5-4:12 note']);
});

test('async arrow capturing the binding', () => {
  const code = 'declare function go(f: () => Promise<number>): void;\nfor (let i = 0; i < 3; i++) go(async () => i);\n';
  assert.equal(check(code), ['closure-in-loop 2:32-2:43 note']);
});

test('generator function expression capturing the binding', () => {
  const code = 'declare const ns: number[];\nconst gens = [];\nfor (const n of ns) gens.push(function* () { yield n; });\n';
  assert.equal(check(code), ['closure-in-loop 3:31-3:43 note']);
});

test('function declaration in a loop body capturing the binding', () => {
  const code = 'declare const vs: number[];\nfor (const v of vs) {\n  function show() { return v; }\n  register(show);\n}\ndeclare function register(f: () => number): void;\n';
  assert.equal(check(code), ['closure-in-loop 3:3-3:18 note']);
});

test('capturing nothing of the loop but passed to setTimeout (escapes)', () => {
  const code = 'for (let i = 0; i < 3; i++) setTimeout(() => console.log("tick"), 10);\n';
  assert.equal(check(code), ['closure-in-loop 1:40-1:45 note']);
});

test('capturing nothing of the loop but stored in a property (escapes)', () => {
  const code = 'declare const handlers: Record<string, () => void>;\ndeclare const keys: string[];\nfor (const k of keys) handlers[k] = function () {};\n';
  assert.equal(check(code), ['closure-in-loop 3:37-3:48 note']);
});

test('destructured loop binding captured', () => {
  const code = 'declare const pairs: [string, number][];\nconst fs: Array<() => number> = [];\nfor (const [, v] of pairs) fs.push(() => v);\n';
  assert.equal(check(code), ['closure-in-loop 3:36-3:41 note']);
});

test('forEach inside a loop capturing the loop item (nested callback)', () => {
  const code = 'declare const groups: number[][];\nfor (const g of groups) g.forEach((x) => g.length + x);\n';
  assert.equal(check(code), ['closure-in-loop 2:35-2:41 note']);
});

test('shorthand property capture', () => {
  const code = 'declare const ids: number[];\nconst made = [];\nfor (const id of ids) made.push(() => ({ id }));\n';
  assert.equal(check(code), ['closure-in-loop 3:33-3:38 note']);
});

// ---- valid ---------------------------------------------------------------------------

test('IIFE capturing the binding is not flagged', () => {
  assert.equal(check('for (let i = 0; i < 3; i++) {\n  (() => console.log(i))();\n}\n'), []);
});

test('function IIFE with .call is not flagged', () => {
  assert.equal(check('for (let i = 0; i < 3; i++) (function () { return i; }).call(null);\n'), []);
});

test('arr.map(x => x * 2) in a loop capturing nothing of the loop', () => {
  assert.equal(check('declare const arr: number[];\nfor (let i = 0; i < 3; i++) arr.map((x) => x * 2);\n'), []);
});

test('closure capturing only module-level bindings, not escaping', () => {
  assert.equal(check('const factor = 3;\ndeclare const arr: number[];\nfor (const a of arr) [a].filter((x) => x > factor);\n'), []);
});

test('hoisted function used in the loop', () => {
  assert.equal(check('function log(i: number) { console.log(i); }\nfor (let i = 0; i < 3; i++) setTimeout(log, 0, i);\n'), []);
});

test('function outside any loop', () => {
  assert.equal(check('const f = (x: number) => x + 1;\nsetTimeout(() => f(1), 0);\n'), []);
});

test('a loop inside the closure does not make the closure per iteration', () => {
  assert.equal(check('const f = () => { for (let i = 0; i < 3; i++) console.log(i); };\n'), []);
});

test('closure in the for-initializer runs once', () => {
  assert.equal(check('for (let i = 0, f = () => i; i < 3; i++) f();\n'), []);
});

test('closure in the for…of iterable expression runs once', () => {
  assert.equal(check('declare function items(f: () => number): number[];\nfor (const x of items(() => 1)) console.log(x);\n'), []);
});

test('var in the loop head is not a per-iteration binding', () => {
  assert.equal(check('declare function use(f: () => number): void;\nfor (var i = 0; i < 3; i++) use(() => i);\n'), []);
});

test('capturing a function parameter (not a loop binding), not escaping', () => {
  assert.equal(check('function f(limit: number, xs: number[]) {\n  for (const x of xs) xs.some((y) => y > limit);\n}\n'), []);
});

test('property named like the loop binding is not a capture', () => {
  assert.equal(check('declare const arr: { i: number }[];\nfor (let i = 0; i < 3; i++) arr.map((o) => o.i);\n'), []);
});

test('inner function declares its own binding with the same name', () => {
  assert.equal(check('declare function use(f: () => number): void;\nfor (let i = 0; i < 3; i++) use(() => { const i = 5; return i; });\n'), []);
});

test('class method outside loops', () => {
  assert.equal(check('class A {\n  run(xs: number[]) { for (const x of xs) this.log(x); }\n  log(x: number) { return x; }\n}\n'), []);
});

test('nested function of a closure inside a loop is judged on its own loop (none)', () => {
  assert.equal(check('const make = () => () => 1;\nfor (let i = 0; i < 3; i++) make();\n'), []);
});

test('closure in a function called from a loop (not created per iteration)', () => {
  assert.equal(check('function mk(i: number) { return () => i; }\nconst fs = [];\nfor (let i = 0; i < 3; i++) fs.push(mk(i));\n'), []);
});

test('sort comparator in a loop capturing nothing of the loop', () => {
  assert.equal(check('declare const lists: number[][];\nfor (const l of lists) l.slice().sort((a, b) => a - b);\n'), []);
});

test('returned from inside a loop (leaves the loop) capturing nothing', () => {
  assert.equal(check('function find(xs: number[]) {\n  for (const x of xs) if (x > 1) return () => 0;\n  return undefined;\n}\n'), []);
});

test('returned from inside a loop while capturing a loop binding: created once', () => {
  assert.equal(check('declare function later(f: () => number): number;\nfunction first(xs: number[]) {\n  for (const x of xs) {\n    if (x > 1) return later(() => x);\n  }\n  return 0;\n}\n'), []);
});

test('thrown from inside a loop while capturing a loop binding: created once', () => {
  assert.equal(check('function check(xs: number[]) {\n  for (const x of xs) if (x < 0) throw Object.assign(new Error(), { show: () => x });\n}\n'), []);
});

test('a loop inside a returned closure still makes its own closures per iteration', () => {
  assert.equal(check('declare function use(f: () => number): void;\nfunction f(xs: number[]) {\n  return () => { for (const x of xs) use(() => x); };\n}\n'), ['closure-in-loop 3:42-3:47 note']);
});

test('JavaScript file: same rules apply', () => {
  assert.equal(check('for (let i = 0; i < 3; i++) setTimeout(() => i, 0);\n', 'a.js'), ['closure-in-loop 1:40-1:45 note']);
});

// ---- false-positive classes of issue 14 (bench/precision/README.md): not reported ------

test('small literal loop: for…of over a 2-element literal is not flagged', () => {
  assert.equal(check('const fns: Array<() => string> = [];\nfor (const k of ["anyOf", "oneOf"] as const) fns.push(() => k);\n'), []);
});

test('small literal loop: a 5-element literal is still a loop over data', () => {
  assert.equal(check('const fns: Array<() => number> = [];\nfor (const x of [1, 2, 3, 4, 5]) fns.push(() => x);\n'), ['closure-in-loop 2:43-2:48 note']);
});

test('unavoidable: per-item promise continuation .then(r => … key)', () => {
  const code = 'declare function run(x: unknown): Promise<unknown>;\nfunction all(items: unknown[], out: unknown[]) {\n  for (let i = 0; i < items.length; i++) run(items[i]).then((v) => (out[i] = v));\n}\n';
  assert.equal(check(code), []);
});

test('unavoidable: per-source subscriber', () => {
  const code = 'declare const sources: { subscribe(f: (v: number) => void): void }[];\nfunction zip(buffers: number[][]) {\n  for (let i = 0; i < sources.length; i++) sources[i]!.subscribe((v) => buffers[i]!.push(v));\n}\n';
  assert.equal(check(code), []);
});

test('unavoidable: create*Subscriber and on* handler property', () => {
  const code = 'declare function createOperatorSubscriber(s: unknown, f: (v: number) => void): unknown;\ndeclare const reqs: { onsuccess: (() => void) | null }[];\nfunction f(s: unknown, out: number[]) {\n  for (let i = 0; i < 3; i++) createOperatorSubscriber(s, (v) => (out[i] = v));\n  for (const r of reqs) r.onsuccess = () => console.log(r);\n}\n';
  assert.equal(check(code), []);
});

test('a .then callback capturing nothing of the loop still escapes (hoistable)', () => {
  const code = 'declare const ps: Promise<number>[];\nfunction f() {\n  for (const p of ps) p.then(() => 1);\n}\n';
  assert.equal(check(code), ['closure-in-loop 3:30-3:35 note']);
});

test('setup: handlers registered in a register method', () => {
  const code = 'class Registry {\n  handlers = new Map<string, () => void>();\n  register(plugins: { name: string; init(): void }[]) {\n    for (const p of plugins) this.handlers.set(p.name, () => p.init());\n  }\n}\n';
  assert.equal(check(code), []);
});

test('setup: accessors made in a loop for Object.defineProperty', () => {
  const code = 'function defineLazy(proto: object, computes: Record<string, (s: object) => unknown>) {\n  for (const key in computes) {\n    Object.defineProperty(proto, key, { get() { return computes[key]!(this); } });\n  }\n}\n';
  assert.equal(check(code), []);
});

test('setup: closures in a constructor', () => {
  const code = 'class Table {\n  fns: Array<() => string> = [];\n  constructor(keys: string[]) {\n    for (const k of keys) this.fns.push(() => k);\n  }\n}\n';
  assert.equal(check(code), []);
});

test('tooling: code generation in compile*/toJSONSchema functions', () => {
  const code = 'declare const doc: { indented(f: () => void): void; write(s: string): void };\nexport function compileObject(keys: string[]) {\n  for (const k of keys) doc.indented(() => doc.write(k));\n}\n';
  assert.equal(check(code), []);
});

test('tooling: a file under testing/', () => {
  const code = 'export function parse(ms: string[]) {\n  const out: Array<() => string> = [];\n  for (const m of ms) out.push(() => m);\n  return out;\n}\n';
  assert.equal(check(code, 'src/testing/marbles.ts'), []);
});

test('cold path: inside catch and in an error formatter', () => {
  const code = 'export function formatError(issues: { path: string[] }[]) {\n  const out: Array<() => string> = [];\n  for (const i of issues) out.push(() => i.path.join("."));\n  return out;\n}\nexport function run(fs: Array<() => void>, log: Array<() => unknown>) {\n  try { fs[0]!(); } catch (e) {\n    for (const f of fs) log.push(() => [f, e]);\n  }\n}\n';
  assert.equal(check(code), []);
});

test('cold path: a branch that ends in throw', () => {
  const code = 'export function check(xs: number[], bad: boolean) {\n  if (bad) {\n    const fs = [];\n    for (const x of xs) fs.push(() => x);\n    throw new Error(String(fs.length));\n  }\n}\n';
  assert.equal(check(code), []);
});

// The one form shown without runtime evidence: Map/Set#forEach is not inlined by Turbofan, so its
// capturing callback is a closure and a context per outer iteration, and thisArg always fixes it.
test('Map#forEach and Set#forEach capturing the loop item: warning; Array#forEach stays a note', () => {
  const code = [
    'interface Draft { assigned?: Map<string, boolean>; seen: Set<string>; copy: Record<string, unknown> }',
    'export function walk(drafts: Draft[]) {',
    '  let n = 0;',
    '  for (let i = 0; i < drafts.length; i++) {',
    '    const d = drafts[i];',
    '    if (d.assigned) d.assigned.forEach((on, key) => { if (on && key in d.copy) n++; });',
    '    d.seen.forEach((k) => { if (k in d.copy) n++; });',
    '    [1, 2].forEach((x) => { n += x + i; });',
    '  }',
    '  return n;',
    '}',
  ].join('\n');
  assert.equal(check(code), ['closure-in-loop 6:40-6:52 warning', 'closure-in-loop 7:20-7:26 warning', 'closure-in-loop 8:20-8:26 note']);
});

test('Map#forEach in a loop that awaits (a polling loop) stays a note; in JavaScript (no types) too', () => {
  const code = 'export async function poll(m: Map<string, number>, next: () => Promise<boolean>) {\n  while (true) {\n    const done = await next();\n    m.forEach((v) => { if (done) console.log(v); });\n    if (done) break;\n  }\n}\n';
  assert.equal(check(code), ['closure-in-loop 4:15-4:21 note']);
  assert.equal(check('for (const x of xs) m.forEach((v) => use(v, x));\n', 'a.js'), ['closure-in-loop 1:31-1:37 note']);
});

test('JavaScript: captures resolve by name; a shadowing parameter is not a capture', () => {
  const code = 'for (let i = 0; i < 3; i++) use((i) => i);\nfor (const x of xs) out.push(() => x);\n';
  assert.equal(check(code, 'a.js'), ['closure-in-loop 2:30-2:35 note']);
});

test.run();
