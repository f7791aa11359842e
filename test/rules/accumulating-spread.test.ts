import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { lint } from '../helpers.js';

// The standard library's types (Array, Map) come from the compiler host's default lib.
const check = (code: string, fileName = 'test.ts') => lint('accumulating-spread', code, fileName);

// ---- invalid: reduce callbacks ---------------------------------------------------------

test('reduce: (acc, x) => [...acc, x]', () => {
  const code = 'declare const xs: number[];\nconst out = xs.reduce((acc, x) => [...acc, x], [] as number[]);\n';
  assert.equal(check(code), ['accumulating-spread 2:35-2:46 error']);
});

test('reduce with a block body returning [...acc, x]', () => {
  const code = 'declare const xs: number[];\nconst out = xs.reduce((acc: number[], x) => {\n  if (x < 0) return acc;\n  return [...acc, x * 2];\n}, []);\n';
  assert.equal(check(code), ['accumulating-spread 4:10-4:25 error']);
});

test('reduceRight with a function expression', () => {
  const code = 'declare const xs: string[];\nconst out = xs.reduceRight(function (acc: string[], x) { return [x, ...acc]; }, []);\n';
  assert.equal(check(code), ['accumulating-spread 2:65-2:76 error']);
});

test('object spread with a computed key', () => {
  const code = 'declare const items: { id: string; v: number }[];\nconst byId = items.reduce((acc, it) => ({ ...acc, [it.id]: it.v }), {} as Record<string, number>);\n';
  assert.equal(check(code), ['accumulating-spread 2:41-2:66 error']);
});

test('object spread merging another object', () => {
  const code = 'declare const parts: Array<Record<string, number>>;\nconst all = parts.reduce((acc, p) => ({ ...acc, ...p }), {});\n';
  assert.equal(check(code), ['accumulating-spread 2:39-2:55 error']);
});

test('acc.concat(x) on an array accumulator', () => {
  const code = 'declare const xs: number[][];\nconst flat = xs.reduce((acc, x) => acc.concat(x), [] as number[]);\n';
  assert.equal(check(code), ['accumulating-spread 2:36-2:49 error']);
});

test('Object.assign({}, acc, { [k]: v })', () => {
  const code = 'declare const items: { id: string }[];\nconst byId = items.reduce((acc, it) => Object.assign({}, acc, { [it.id]: it }), {});\n';
  assert.equal(check(code), ['accumulating-spread 2:40-2:79 error']);
});

test('reduce operator called as a function (rxjs style)', () => {
  const code = 'declare function reduce<A, R>(f: (acc: R, v: A) => R, seed: R): unknown;\nconst op = reduce((acc: number[], v: number) => [...acc, v], []);\n';
  assert.equal(check(code), ['accumulating-spread 2:49-2:60 error']);
});

test('data-first reduce helper: callback as the last argument', () => {
  const code = 'declare const A: { reduce<T, B>(self: T[], b: B, f: (b: B, a: T) => B): B };\nconst out = A.reduce([1, 2], [] as number[], (b, a) => [...b, a]);\n';
  assert.equal(check(code), ['accumulating-spread 2:56-2:65 error']);
});

test('copy of the accumulator not returned directly still copies it per step', () => {
  const code = 'declare const xs: number[];\nconst out = xs.reduce((acc: number[], x) => {\n  const next = [...acc];\n  next.push(x);\n  return next;\n}, []);\n';
  assert.equal(check(code), ['accumulating-spread 3:16-3:24 error']);
});

// ---- invalid: loops ----------------------------------------------------------------------

test('for…of: acc = [...acc, x]', () => {
  const code = 'declare const xs: number[];\nlet acc: number[] = [];\nfor (const x of xs) acc = [...acc, x];\n';
  assert.equal(check(code), ['accumulating-spread 3:27-3:38 error']);
});

test('while: acc = acc.concat(batch)', () => {
  const code = 'declare function next(): number[] | undefined;\nlet acc: number[] = [];\nlet batch: number[] | undefined;\nwhile ((batch = next())) {\n  acc = acc.concat(batch);\n}\n';
  assert.equal(check(code), ['accumulating-spread 5:9-5:26 error']);
});

test('this.items = [...this.items, x] in a loop', () => {
  const code = 'class Bag {\n  items: number[] = [];\n  addAll(xs: number[]) {\n    for (const x of xs) this.items = [...this.items, x];\n  }\n}\n';
  assert.equal(check(code), ['accumulating-spread 4:38-4:56 error']);
});

test('forEach callback reassigning an outer accumulator', () => {
  const code = 'declare const xs: string[];\nlet seen: Record<string, true> = {};\nxs.forEach((x) => {\n  seen = { ...seen, [x]: true };\n});\n';
  assert.equal(check(code), ['accumulating-spread 4:10-4:32 error']);
});

test('conditional reassignment in a loop', () => {
  const code = 'declare const xs: number[];\nlet acc: number[] = [];\nfor (const x of xs) acc = x > 0 ? [...acc, x] : acc;\n';
  assert.equal(check(code), ['accumulating-spread 3:35-3:46 error']);
});

test('Object.assign({}, acc, extra) assigned back in a loop', () => {
  const code = 'declare const extras: object[];\nlet acc: object = {};\nfor (const e of extras) acc = Object.assign({}, acc, e);\n';
  assert.equal(check(code), ['accumulating-spread 3:31-3:56 error']);
});

// ---- valid -----------------------------------------------------------------------------

test('reduce that pushes and returns the accumulator', () => {
  assert.equal(check('declare const xs: number[];\nconst out = xs.reduce((acc: number[], x) => { acc.push(x); return acc; }, []);\n'), []);
});

test('reduce that assigns into the object accumulator', () => {
  assert.equal(check('declare const xs: string[];\nconst o = xs.reduce((acc: Record<string, number>, x) => { acc[x] = 1; return acc; }, {});\n'), []);
});

test('Object.assign(acc, …) mutates the accumulator', () => {
  assert.equal(check('declare const items: { id: string }[];\nconst byId = items.reduce((acc, it) => Object.assign(acc, { [it.id]: it }), {});\n'), []);
});

test('object spread that only overwrites fixed keys does not grow', () => {
  assert.equal(check('declare const xs: number[];\nconst s = xs.reduce((acc, x) => ({ ...acc, sum: acc.sum + x, n: acc.n + 1 }), { sum: 0, n: 0 });\n'), []);
});

test('Object.assign({}, acc, { fixed: … }) does not grow', () => {
  assert.equal(check('declare const xs: number[];\nconst s = xs.reduce((acc, x) => Object.assign({}, acc, { last: x }), { last: 0 });\n'), []);
});

test('concat on a string accumulator is linear', () => {
  assert.equal(check('declare const xs: string[];\nconst s = xs.reduce((acc, x) => acc.concat(x), \'\');\n'), []);
});

test('String#concat reassigned in a loop', () => {
  assert.equal(check('declare const xs: string[];\nlet s = \'\';\nfor (const x of xs) s = s.concat(x);\n'), []);
});

test('concat on an any accumulator is not flagged', () => {
  assert.equal(check('declare const xs: number[];\nlet acc: any = [];\nfor (const x of xs) acc = acc.concat(x);\n'), []);
});

test('spread of something other than the accumulator', () => {
  assert.equal(check('declare const rows: { tags: string[] }[];\nconst n = rows.reduce((acc, r) => acc + [...r.tags, \'x\'].length, 0);\n'), []);
});

test('first parameter of a map callback is not an accumulator', () => {
  assert.equal(check('declare const xss: number[][];\nconst out = xss.map((xs) => [...xs, 0]);\n'), []);
});

test('one-off spread outside loops', () => {
  assert.equal(check('declare const a: number[];\ndeclare const b: number[];\nconst all = [...a, ...b];\nconst o = { ...{ x: 1 }, [String(a[0])]: 2 };\n'), []);
});

test('spread in a loop not assigned back to the same variable', () => {
  const code = 'declare const base: number[];\ndeclare function use(xs: number[]): void;\nfor (let i = 0; i < 3; i++) {\n  const copy = [...base, i];\n  use(copy);\n}\n';
  assert.equal(check(code), []);
});

test('accumulator declared inside the loop body', () => {
  const code = 'declare const rows: number[][];\nfor (const row of rows) {\n  let acc: number[] = [];\n  acc = [...acc, row.length];\n  console.log(acc);\n}\n';
  assert.equal(check(code), []);
});

test('copy of the accumulator in a function created in the reduce callback', () => {
  const code = 'declare const xs: number[];\nconst fs = xs.reduce((acc: Array<() => number>, x) => {\n  acc.push(() => [...acc].length + x);\n  return acc;\n}, []);\n';
  assert.equal(check(code), []);
});

// ---- the miss: an accumulator on `this` copied in a method called per event --------------

test('this.items = [...this.items, e] in a method (no visible loop): warning', () => {
  const code = 'class EventLog {\n  items: number[] = [];\n  onEvent(e: number) {\n    this.items = [...this.items, e];\n  }\n}\n';
  assert.equal(check(code), ['accumulating-spread 4:18-4:36 warning']);
});

test('this.x = this.x.concat(y) and a growing this.state spread in methods: warnings', () => {
  const code = 'class Log {\n  xs: number[] = [];\n  state: Record<string, number> = {};\n  add(y: number[]) { this.xs = this.xs.concat(y); }\n  count(k: string) { this.state = { ...this.state, [k]: 1 }; }\n}\n';
  assert.equal(check(code), ['accumulating-spread 4:32-4:49 warning', 'accumulating-spread 5:35-5:60 warning']);
});

test('member copies that are not accumulations: constructor, fixed keys, setup method, other source', () => {
  const code = 'class S {\n  items: number[] = [];\n  state = { a: 1, b: 2 };\n  constructor(xs: number[]) { this.items = [...this.items, ...xs]; }\n  setA(a: number) { this.state = { ...this.state, a }; }\n  configure(xs: number[]) { this.items = [...this.items, ...xs]; }\n  reset(xs: number[]) { this.items = [...xs]; }\n}\n';
  assert.equal(check(code), []);
});

// ---- false-positive classes of issue 14 (bench/precision/README.md) ----------------------

test('small literal loop: for…of over ["anyOf", "oneOf"] as const is not reported', () => {
  const code = 'export function rewrite(json: Record<string, unknown>) {\n  for (const keyword of ["anyOf", "oneOf"] as const) json = { ...json, [keyword]: 1 };\n  return json;\n}\n';
  assert.equal(check(code), []);
});

test('small literal loop: [a, b].forEach / reduce callbacks are not reported', () => {
  const code = 'declare const a: number[];\ndeclare const b: number[];\nlet acc: number[] = [];\n[a, b].forEach((x) => { acc = acc.concat(x); });\nconst all = [a, b].reduce((r, x) => [...r, ...x], [] as number[]);\n';
  assert.equal(check(code), []);
});

test('cold path: spread inside catch is a note', () => {
  const code = 'export function teardown(fs: Array<() => void>) {\n  let errors: unknown[] = [];\n  for (const f of fs) {\n    try { f(); } catch (err) { errors = [...errors, err]; }\n  }\n  return errors;\n}\n';
  assert.equal(check(code), ['accumulating-spread 4:41-4:57 note']);
});

test('cold path: error formatting and loops over .issues are notes', () => {
  const code = 'type Issue = { message: string };\nexport function formatIssues(issues: Issue[]) {\n  let out: string[] = [];\n  for (const i of issues) out = [...out, i.message];\n  return out;\n}\nexport function collect(r: { issues: Issue[] }) {\n  let out: string[] = [];\n  for (const i of r.issues) out = [...out, i.message];\n  return out;\n}\n';
  assert.equal(check(code), ['accumulating-spread 4:33-4:52 note', 'accumulating-spread 9:35-9:54 note']);
});

test('setup: merged options and a configure method are notes', () => {
  const code = 'class R {\n  defaults: Record<string, unknown> = {};\n  merge(optsList: Array<Record<string, unknown>>) {\n    for (const opts of optsList) this.defaults = { ...this.defaults, ...opts };\n  }\n}\n';
  assert.equal(check(code), ['accumulating-spread 4:50-4:79 note']);
});

test('setup: a factory returning new X(…) (schema construction) is a note', () => {
  const code = 'class Objects { constructor(readonly ps: string[]) {} }\nexport function structWithRest(ast: Objects, records: Objects[]): Objects {\n  let ps = ast.ps;\n  for (const r of records) ps = ps.concat(r.ps);\n  return new Objects(ps);\n}\n';
  assert.equal(check(code), ['accumulating-spread 4:33-4:48 note']);
});

test('tooling: toJSONSchema and codegen functions are notes', () => {
  const code = 'export function toJSONSchema(defs: string[]) {\n  let out: string[] = [];\n  for (const d of defs) out = [...out, d];\n  return out;\n}\n';
  assert.equal(check(code), ['accumulating-spread 3:31-3:42 note']);
});

test('bounded accumulation: reset by a flush() in the same function is a note', () => {
  const code = 'export function invert(edits: { tag: string; items: number[] }[]) {\n  const out: number[][] = [];\n  let deleted: number[] = [];\n  const flush = () => { out.push(deleted); deleted = []; };\n  for (const e of edits) {\n    if (e.tag === "Delete") deleted = deleted.concat(e.items);\n    else flush();\n  }\n  return out;\n}\n';
  assert.equal(check(code), ['accumulating-spread 6:39-6:62 note']);
});

test('an accumulation over an unknown collection stays an error (effect combineAllConcat)', () => {
  const code = 'const combineAllConcat = <A>(collection: Iterable<ReadonlyArray<A>>): Array<A> => {\n  let out: Array<A> = [];\n  for (const value of collection) {\n    out = out.concat(value);\n  }\n  return out;\n};\n';
  assert.equal(check(code), ['accumulating-spread 4:11-4:28 error']);
});

test('JavaScript: reduce accumulator and array concat resolved from the syntax', () => {
  const code = 'const out = xs.reduce((acc, x) => [...acc, x], []);\nlet all = [];\nfor (const b of bs) all = all.concat(b);\nlet s = "";\nfor (const b of bs) s = s.concat(b);\n';
  assert.equal(check(code, 'a.js'), ['accumulating-spread 1:35-1:46 error', 'accumulating-spread 3:27-3:40 error']);
});

test.run();
