import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { lint } from '../helpers.js';
import { analyzeText } from '../../src/analyze/virtual.js';

const check = (code: string, fileName = 'test.ts') => lint('any-boxing', code, fileName);

// Cases marked "(needs the lib)" use the TypeScript lib files (Array, JSON, console) of the compiler host:
// they are always there, so these always run (and fail if the lib is missing).

// ---- invalid ----------------------------------------------------------------

test("object passed to an any parameter in a loop", () => {
  const code = "class P { constructor(public x: number) {} }\ndeclare function get(i: number): P;\nfunction sink(v: any) { return v; }\nfor (let i = 0; i < 9; i++) sink(get(i));\n";
  assert.equal(check(code), ["any-boxing 4:34-4:40 note"]);
});

test("object passed to an unknown parameter", () => {
  const code = "class P { constructor(public x: number) {} }\ndeclare function get(i: number): P;\nfunction keep(v: unknown) { return v; }\nfor (let i = 0; i < 9; i++) keep(get(i));\n";
  assert.equal(check(code), ["any-boxing 4:34-4:40 note"]);
});

test("member read on an any receiver: one finding per chain", () => {
  const code = "declare const rows: any;\nfor (let i = 0; i < 9; i++) rows[i].a.b.c();\n";
  assert.equal(check(code), ["any-boxing 2:29-2:44 note"]);
});

test("as any cast used as a receiver", () => {
  const code = "class P { constructor(public x: number) {} }\ndeclare function get(i: number): P;\nfor (let i = 0; i < 9; i++) (get(i) as any).x.toFixed();\n";
  assert.equal(check(code), ["any-boxing 3:29-3:56 note"]);
});

test("bare as any cast", () => {
  const code = "class P { constructor(public x: number) {} }\ndeclare function get(i: number): P;\ndeclare function use(v: P): void;\nfor (let i = 0; i < 9; i++) use(get(i) as any);\n";
  assert.equal(check(code), ["any-boxing 4:33-4:46 note"]);
});

test("assigned to an any variable", () => {
  const code = "class P { constructor(public x: number) {} }\ndeclare function get(i: number): P;\nlet last: any;\nfor (let i = 0; i < 9; i++) last = get(i);\n";
  assert.equal(check(code), ["any-boxing 4:36-4:42 note"]);
});

test("assigned to an any property", () => {
  const code = "class P { constructor(public x: number) {} }\ndeclare function get(i: number): P;\ndeclare const bag: { slot: any };\nfor (let i = 0; i < 9; i++) bag.slot = get(i);\n";
  assert.equal(check(code), ["any-boxing 4:40-4:46 note"]);
});

test("stored in an any-annotated local", () => {
  const code = "class P { constructor(public x: number) {} }\ndeclare function get(i: number): P;\nfor (let i = 0; i < 9; i++) { const v: any = get(i); }\n";
  assert.equal(check(code), ["any-boxing 3:46-3:52 note"]);
});

test("stored into an any-typed element", () => {
  const code = "class P { constructor(public x: number) {} }\ndeclare function get(i: number): P;\ndeclare const out: { [k: number]: any };\nfor (let i = 0; i < 9; i++) out[i] = get(i);\n";
  assert.equal(check(code), ["any-boxing 4:38-4:44 note"]);
});

test("pushed into an any[] (needs the lib)", () => {
  const code = "class P { constructor(public x: number) {} }\ndeclare function get(i: number): P;\nconst out: any[] = [];\nfor (let i = 0; i < 9; i++) out.push(get(i));\n";
  assert.equal(check(code), ["any-boxing 4:38-4:44 note"]);
});

test("spread into an any[] (needs the lib)", () => {
  const code = "class P { constructor(public x: number) {} }\ndeclare function get(i: number): P;\ndeclare const ps: P[];\nfor (let i = 0; i < 9; i++) { const all: any[] = [...ps]; }\n";
  assert.equal(check(code), ["any-boxing 4:51-4:56 note"]);
});

test("JSON.parse result read in a for-of loop (needs the lib)", () => {
  const code = "const rows = JSON.parse('[]');\nfor (const k of ['a', 'b']) rows[0][k];\n";
  assert.equal(check(code), ["any-boxing 2:29-2:39 note"]);
});

test("receiver in a function called from a loop", () => {
  const code = "function total(o: any) { return o.a + o.b; }\nfor (let i = 0; i < 9; i++) total({ a: i, b: i });\n";
  assert.equal(check(code), ["any-boxing 1:33-1:36 note","any-boxing 1:39-1:42 note","any-boxing 2:35-2:49 note"]);
});

test("while and do-while loops", () => {
  const code = "class P { constructor(public x: number) {} }\ndeclare function get(i: number): P;\ndeclare let data: any;\nlet n = 0;\nwhile (n++ < 3) data.length;\ndo { data.size; } while (n-- > 0);\n";
  assert.equal(check(code), ["any-boxing 5:17-5:28 note","any-boxing 6:6-6:15 note"]);
});

test("method of a class called through this from a loop", () => {
  const code = "class Acc {\n  run(xs: { length: number }) { for (let i = 0; i < xs.length; i++) this.add(i); }\n  add(v: any) { return v.value; }\n}\n";
  assert.equal(check(code), ["any-boxing 3:24-3:31 note"]);
});

test("object literal into a constructor with an any parameter", () => {
  const code = "class Box { constructor(readonly v: any) {} }\nfor (let i = 0; i < 9; i++) new Box({ i });\n";
  assert.equal(check(code), ["any-boxing 2:37-2:42 note"]);
});

// ---- valid ------------------------------------------------------------------

test("outside any loop and not called from one", () => {
  const code = "function f(o: any) { return o.a.b; }\n";
  assert.equal(check(code), []);
});

test("primitives into an any parameter", () => {
  const code = "function sink(v: any) { return v; }\nfor (let i = 0; i < 9; i++) sink(i);\n";
  assert.equal(check(code), []);
});

test("concrete parameter", () => {
  const code = "class P { x = 1 }\nfunction sink(v: P) { return v.x; }\nfor (let i = 0; i < 9; i++) sink(new P());\n";
  assert.equal(check(code), []);
});

test("generic parameter", () => {
  const code = "class P { x = 1 }\nfunction sink<T>(v: T) { return v; }\nfor (let i = 0; i < 9; i++) sink(new P());\n";
  assert.equal(check(code), []);
});

test("catch binding", () => {
  const code = "declare function risky(): void;\nfor (let i = 0; i < 9; i++) { try { risky(); } catch (e: any) { e.message; } }\n";
  assert.equal(check(code), []);
});

test("JavaScript file", () => {
  const code = "function f(o) { for (let i = 0; i < 3; i++) o.a.b(); }\n";
  assert.equal(check(code, "x.js"), []);
});

test("callee declared in the lib (console.log)", () => {
  const code = "class P { x = 1 }\nfor (let i = 0; i < 9; i++) console.log(new P());\n";
  assert.equal(check(code), []);
});

test("type guard with an unknown parameter", () => {
  const code = "class P { x = 1 }\nfunction isP(v: unknown): v is P { return v instanceof P; }\nfor (let i = 0; i < 9; i++) isP(new P());\n";
  assert.equal(check(code), []);
});

test("unresolved import (compiler error type) is not any", () => {
  const code = "import { thing } from 'nowhere';\nfor (let i = 0; i < 9; i++) thing.a.b;\n";
  assert.equal(check(code), []);
});

test("as unknown as T re-types the value", () => {
  const code = "class P { x = 1 }\nclass Q { y = 1 }\ndeclare function use(q: Q): void;\nfor (let i = 0; i < 9; i++) use(new P() as any as Q);\n";
  assert.equal(check(code), []);
});

test("cast in the loop header that runs once", () => {
  const code = "declare const src: object;\nfor (let i = (src as any).start; i < 9; i++) {}\n";
  assert.equal(check(code), []);
});

test("closure created in the loop but not called there", () => {
  const code = "declare const hs: Array<() => void>;\nfor (let i = 0; i < 9; i++) hs.push(function (this: any) { return this.x; });\n";
  assert.equal(check(code), []);
});

test("function value into an any parameter", () => {
  const code = "function sink(v: any) { return v; }\nfor (let i = 0; i < 9; i++) sink(() => i);\n";
  assert.equal(check(code), []);
});

test("writes through an any receiver (building the object)", () => {
  const code = "declare const Proto: object;\nfunction make(a: number) { const self = Object.create(Proto); self.a = a; return self; }\nfor (let i = 0; i < 9; i++) make(i);\n";
  assert.equal(check(code), []);
});

test("callback of a non-array map (Effect.map-like)", () => {
  const code = "declare const Effect: { map(f: (x: any) => number): void };\nfor (let i = 0; i < 1; i++) {}\nEffect.map((x) => x.a);\n";
  assert.equal(check(code), []);
});

test("cast of an unknown value or an unconstrained T", () => {
  const code = "function f<T>(u: unknown, t: T) { for (let i = 0; i < 3; i++) { g(u as any); g(t as any); } }\ndeclare function g(v: number): void;\n";
  assert.equal(check(code), []);
});

test("narrowed {} into an unknown slot", () => {
  const code = "declare const out: { [k: string]: unknown };\ndeclare const src: { [k: string]: unknown };\nfor (const k in src) { const v = src[k]; if (v !== undefined && v !== null) out[k] = v; }\n";
  assert.equal(check(code), []);
});

// ---- false-positive classes of issue 14 (bench/precision/README.md) -------------------------

test("primitive-any: `key as any` on a string | number, and an enum cast, are not reported", () => {
  const code = "enum S { A, B }\ndeclare const base: number[];\ndeclare function at(i: number): string | number;\ndeclare function st(i: number): S;\nfor (let i = 0; i < 9; i++) { base.splice(at(i) as any, 1); if ((st(i) as any) === S.B) break; }\n";
  assert.equal(check(code), []);
});

test("primitive-any: the cast of an object is still reported", () => {
  const code = "class P { x = 1 }\ndeclare function get(i: number): P | string;\ndeclare function use(v: number): void;\nfor (let i = 0; i < 9; i++) use(get(i) as any);\n";
  assert.equal(check(code), ["any-boxing 4:33-4:46 note"]);
});

test("declared-any: `(globalThis as any).process` and a `declare const X: any` are one object", () => {
  const code = "declare const host: any;\nfunction cwd(): string {\n  const process = (globalThis as any).process;\n  return process.cwd() + host.root.name + (globalThis as any).location.href;\n}\nfor (let i = 0; i < 9; i++) cwd();\n";
  assert.equal(check(code), []);
});

test("declared-any: computed reads on a declared global still are", () => {
  const code = "declare const host: any;\nfor (let i = 0; i < 9; i++) host.rows[i].name;\n";
  assert.equal(check(code), ["any-boxing 2:29-2:46 note"]);
});

test("generic-unknown: reads keyed by a walk over the object's own keys are not reported", () => {
  const code = [
    "export function each(obj: any, iter: (k: string, v: unknown) => void) {",
    "  const keys = Object.keys(obj);",
    "  for (let i = 0; i < keys.length; i++) { const key = keys[i]!; iter(key, obj[key]); }",
    "  for (const k in obj) iter(k, obj[k]);",
    "  for (const k of Object.keys(obj)) iter(k, obj[k]);",
    "  Object.keys(obj).forEach((k) => iter(k, obj[k]));",
    "}",
    "export function get(x: any, path: string[]) { let cur: any = x; for (let i = 0; i < path.length; i++) cur = cur?.[path[i]!]; return cur; }",
    "export function fromMap(m: Map<string, number>, o: any) { for (const [k] of m.entries()) o[k]; }",
    "",
  ].join("\n");
  assert.equal(check(code), []);
});

test("generic-unknown: an index that is not a key of the data is still reported", () => {
  const code = "export function sum(rows: any) { let s = 0; for (let i = 0; i < 9; i++) s += rows[i]; return s; }\n";
  assert.equal(check(code), ["any-boxing 1:78-1:85 note"]);
});

test("variance cast: `exit as any` into a slot of the same generic type is not reported", () => {
  const code = "interface Exit<A> { readonly _tag: 'Success'; readonly value: A }\ndeclare function complete(e: Exit<unknown>): void;\ndeclare function exits(): Array<Exit<number>>;\nfor (const exit of exits()) complete(exit as any);\n";
  assert.equal(check(code), []);
});

test("variance cast: a cast into a slot of another type is still reported", () => {
  const code = "interface Exit<A> { readonly _tag: 'Success'; readonly value: A }\ninterface Other<A> { o: A }\ndeclare function complete(e: Other<unknown>): void;\ndeclare function exits(): Array<Exit<number>>;\nfor (const exit of exits()) complete(exit as any);\n";
  assert.equal(check(code), ["any-boxing 5:38-5:49 note"]);
});

test("message: one sentence and a fix", () => {
  const code = "function total(o: any) { return o.a; }\nfor (let i = 0; i < 9; i++) total(i);\n";
  const [f] = analyzeText(code, 'test.ts', { rules: ['any-boxing'], reportUnusedSuppressions: false }).filter((x) => x.ruleId === 'any-boxing');
  assert.is(f!.message, 'Member access on an `any` value in a function called from a loop: the type no longer says which shapes reach this site. Type the value, or normalize it once before the loop.');
});

test.run();
