import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { lint } from '../helpers.js';
import { analyzeText } from '../../src/analyze/virtual.js';

const check = (code: string, fileName = 'test.ts') => lint('megamorphic-call-site', code, fileName);

// Cases marked "(needs the lib)" use the TypeScript lib files (Array, JSON, console) of the compiler host:
// they are always there, so these always run (and fail if the lib is missing).

// ---- invalid ----------------------------------------------------------------

test("union of 5 literal types, read in loop", () => {
  const code = "type A = { kind: 'a'; a: number };\ntype B = { kind: 'b'; b: number };\ntype C = { kind: 'c'; c: number };\ntype D = { kind: 'd'; d: number };\ntype E = { kind: 'e'; e: number };\ndeclare function get(i: number): A | B | C | D | E;\nfor (let i = 0; i < 9; i++) get(i).kind;\n";
  assert.equal(check(code), ["megamorphic-call-site 7:29-7:40 note"]);
});

test("union of 4: not reported (2 to 4 shapes cost 1.0 to 1.5x)", () => {
  const code = "type A = { kind: 'a'; a: number };\ntype B = { kind: 'b'; b: number };\ntype C = { kind: 'c'; c: number };\ntype D = { kind: 'd'; d: number };\ntype E = { kind: 'e'; e: number };\ndeclare function get(i: number): A | B | C | D;\nfor (let i = 0; i < 9; i++) { const s = get(i); s.kind; }\n";
  assert.equal(check(code), []);
});

test("five classes implementing an interface, method call in loop", () => {
  const code = "interface Shape { area(): number }\nclass S1 implements Shape { area() { return 1; } }\nclass S2 implements Shape { area() { return 2; } }\nclass S3 implements Shape { area() { return 3; } }\nclass S4 implements Shape { area() { return 4; } }\nclass S5 implements Shape { area() { return 5; } }\ndeclare function get(i: number): Shape;\nlet t = 0;\nfor (let i = 0; i < 9; i++) t += get(i).area();\n";
  assert.equal(check(code), ["megamorphic-call-site 9:34-9:45 note"]);
});

test("abstract class with 5 subclasses, through an intermediate class", () => {
  const code = "abstract class Node { abstract eval(): number }\nclass Lit extends Node { eval() { return 1; } }\nclass Add extends Node { eval() { return 2; } }\nclass Mul extends Node { eval() { return 3; } }\nclass Neg extends Node { eval() { return 4; } }\nclass Neg2 extends Neg { eval() { return 5; } }\nfunction run(n: Node) { return n.eval(); }\nfor (let i = 0; i < 9; i++) run(new Lit());\n";
  assert.equal(check(code), ["megamorphic-call-site 7:32-7:38 note"]);
});

test("few-shapes: subclasses that inherit the method count once (4 declarations of 5 classes)", () => {
  const code = "abstract class Node { abstract eval(): number }\nclass Lit extends Node { eval() { return 1; } }\nclass Add extends Node { eval() { return 2; } }\nclass Mul extends Node { eval() { return 3; } }\nclass Neg extends Node { eval() { return 4; } }\nclass Neg2 extends Neg {}\nfunction run(n: Node) { return n.eval(); }\nfor (let i = 0; i < 9; i++) run(new Lit());\n";
  assert.equal(check(code), []);
});

test("few-shapes: an interface implemented by 6 subclasses of one base declaring the method is one shape", () => {
  const code = "interface Unsub { unsubscribe(): void }\nclass Sub implements Unsub { unsubscribe() {} }\nclass S1 extends Sub {}\nclass S2 extends Sub {}\nclass S3 extends Sub {}\nclass S4 extends Sub {}\nclass S5 extends Sub {}\ndeclare const fs: Unsub[];\nfor (const f of fs) f.unsubscribe();\n";
  assert.equal(check(code), []);
});

test("one finding per receiver per function: the first read, the others counted in the message", () => {
  // Each `||` narrows `def` by one member: 7, 6 and 5 shapes, all past the limit.
  const code = "type A = { type: 'a'; a: number };\ntype B = { type: 'b'; b: number };\ntype C = { type: 'c'; c: number };\ntype D = { type: 'd'; d: number };\ntype E = { type: 'e'; e: number };\ntype F = { type: 'f'; f: number };\ntype G = { type: 'g'; g: number };\ntype Def = A | B | C | D | E | F | G;\nfunction isT(def: Def): boolean {\n  return def.type === 'a' ||\n    def.type === 'b' ||\n    def.type === 'c';\n}\nfunction other(def: Def) { return def.type; }\ndeclare const defs: Def[];\nfor (const d of defs) { isT(d); other(d); }\n";
  assert.equal(check(code), ["megamorphic-call-site 10:10-10:18 note", "megamorphic-call-site 14:35-14:43 note"]);
  const [first] = analyzeText(code, 'test.ts', { rules: ['megamorphic-call-site'], reportUnusedSuppressions: false }).filter((f) => f.ruleId === 'megamorphic-call-site');
  assert.is(first!.message, '`def.type` reads a receiver of 7 object shapes (A, B, C, 4 more), as do 2 more reads of `def` here: likely megamorphic (V8 caches 4). Give the variants one shape, or switch on the kind once.');
});

test("different receivers in one function are separate findings", () => {
  const code = "type A = { kind: 'a'; a: number };\ntype B = { kind: 'b'; b: number };\ntype C = { kind: 'c'; c: number };\ntype D = { kind: 'd'; d: number };\ntype E = { kind: 'e'; e: number };\ndeclare const s: A | B | C | D | E;\ndeclare const t: A | B | C | D | E;\nfor (let i = 0; i < 3; i++) { s.kind; t.kind; s.kind; }\n";
  assert.equal(check(code), ["megamorphic-call-site 8:31-8:37 note", "megamorphic-call-site 8:39-8:45 note"]);
});

test("JavaScript files are not type-checked: nothing is asked of the checker, nothing reported", () => {
  const code = "/** @typedef {{kind:'a',a:1}|{kind:'b',b:1}|{kind:'c',c:1}|{kind:'d',d:1}|{kind:'e',e:1}} U */\n/** @type {U[]} */\nconst xs = [];\nfor (const x of xs) x.kind;\n";
  assert.equal(check(code, 'test.js'), []);
});

test("interface extended by another interface", () => {
  const code = "interface A { f(): void }\ninterface B extends A { g(): void }\nclass C1 implements B { f() {} g() {} }\nclass C2 implements B { f() {} g() {} }\nclass C3 implements A { f() {} }\nclass C4 implements A { f() {} }\nclass C5 implements A { f() {} }\ndeclare const a: A;\nwhile (Math.random() > 0.5) a.f();\n";
  assert.equal(check(code), ["megamorphic-call-site 9:29-9:32 note"]);
});

test("classes in a union, read in a while loop", () => {
  const code = "class P1 { x = 1 }\nclass P2 { x = 1 }\nclass P3 { x = 1 }\nclass P4 { x = 1 }\nclass P5 { x = 1 }\ndeclare let p: P1 | P2 | P3 | P4 | P5;\nlet n = 0;\nwhile (n < 10) n += p.x;\n";
  assert.equal(check(code), ["megamorphic-call-site 8:21-8:24 note"]);
});

test("function called from a loop", () => {
  const code = "type A = { kind: 'a'; a: number };\ntype B = { kind: 'b'; b: number };\ntype C = { kind: 'c'; c: number };\ntype D = { kind: 'd'; d: number };\ntype E = { kind: 'e'; e: number };\nfunction kindOf(s: A | B | C | D | E) { return s.kind; }\nfor (let i = 0; i < 9; i++) kindOf({ kind: 'a', a: i });\n";
  assert.equal(check(code), ["megamorphic-call-site 6:48-6:54 note"]);
});

test("indexed array-like", () => {
  const code = "type A = { kind: 'a'; a: number };\ntype B = { kind: 'b'; b: number };\ntype C = { kind: 'c'; c: number };\ntype D = { kind: 'd'; d: number };\ntype E = { kind: 'e'; e: number };\ndeclare const xs: { [i: number]: A | B | C | D | E; length: number };\ndeclare function each(f: (s: A | B | C | D | E) => void): void;\nfor (let i = 0; i < xs.length; i++) xs[i].kind;\n";
  assert.equal(check(code), ["megamorphic-call-site 8:37-8:47 note"]);
});

test("generic T constrained to a 5-member union", () => {
  const code = "type A = { kind: 'a'; a: number };\ntype B = { kind: 'b'; b: number };\ntype C = { kind: 'c'; c: number };\ntype D = { kind: 'd'; d: number };\ntype E = { kind: 'e'; e: number };\nfunction f<T extends A | B | C | D | E>(t: T) { for (let i = 0; i < 2; i++) t.kind; }\n";
  assert.equal(check(code), ["megamorphic-call-site 6:77-6:83 note"]);
});

test("optional chaining and null in the union", () => {
  const code = "type A = { kind: 'a'; a: number };\ntype B = { kind: 'b'; b: number };\ntype C = { kind: 'c'; c: number };\ntype D = { kind: 'd'; d: number };\ntype E = { kind: 'e'; e: number };\ndeclare const s: A | B | C | D | E | null | undefined;\nfor (let i = 0; i < 2; i++) s?.kind;\n";
  assert.equal(check(code), ["megamorphic-call-site 7:29-7:36 note"]);
});

test("method call on this in an abstract class with 5 subclasses", () => {
  const code = "abstract class Base {\n  abstract step(): void;\n  run() { for (let i = 0; i < 3; i++) this.step(); }\n}\nclass K1 extends Base { step() {} }\nclass K2 extends Base { step() {} }\nclass K3 extends Base { step() {} }\nclass K4 extends Base { step() {} }\nclass K5 extends Base { step() {} }\n";
  assert.equal(check(code), ["megamorphic-call-site 3:39-3:48 note"]);
});

test("do-while, 6 shapes: names the first 4 and the count", () => {
  const code = "type A = { kind: 'a'; a: number };\ntype B = { kind: 'b'; b: number };\ntype C = { kind: 'c'; c: number };\ntype D = { kind: 'd'; d: number };\ntype E = { kind: 'e'; e: number };\ntype F = { kind: 'f'; f: number };\ndeclare const s: A | B | C | D | E | F;\nlet j = 0;\ndo { s.kind; } while (++j < 3);\n";
  assert.equal(check(code), ["megamorphic-call-site 9:6-9:12 note"]);
});

test("4 implementing classes: not reported", () => {
  const code = "interface Shape { area(): number }\nclass S1 implements Shape { area() { return 1; } }\nclass S2 implements Shape { area() { return 2; } }\nclass S3 implements Shape { area() { return 3; } }\nclass S4 implements Shape { area() { return 4; } }\ndeclare const s: Shape;\nfor (let i = 0; i < 3; i++) s.area();\n";
  assert.equal(check(code), []);
});

test("callback of a synchronous array method (needs the lib)", () => {
  const code = "type A = { kind: 'a'; a: number };\ntype B = { kind: 'b'; b: number };\ntype C = { kind: 'c'; c: number };\ntype D = { kind: 'd'; d: number };\ntype E = { kind: 'e'; e: number };\ndeclare const xs: Array<A | B | C | D | E>;\nxs.forEach((s) => s.kind);\n";
  assert.equal(check(code), ["megamorphic-call-site 7:19-7:25 note"]);
});

test("for-of over an array of a 5-member union (needs the lib)", () => {
  const code = "type A = { kind: 'a'; a: number };\ntype B = { kind: 'b'; b: number };\ntype C = { kind: 'c'; c: number };\ntype D = { kind: 'd'; d: number };\ntype E = { kind: 'e'; e: number };\ndeclare const xs: Array<A | B | C | D | E>;\nfor (const s of xs) s.kind;\n";
  assert.equal(check(code), ["megamorphic-call-site 7:21-7:27 note"]);
});

test("discriminant read is flagged, the narrowed read is not", () => {
  const code = "type A = { kind: 'a'; a: number };\ntype B = { kind: 'b'; b: number };\ntype C = { kind: 'c'; c: number };\ntype D = { kind: 'd'; d: number };\ntype E = { kind: 'e'; e: number };\ndeclare const s: A | B | C | D | E;\nfor (let i = 0; i < 3; i++) { if (s.kind === 'a') s.a; }\n";
  assert.equal(check(code), ["megamorphic-call-site 7:35-7:41 note"]);
});

// ---- valid ------------------------------------------------------------------

test("same property set and order: one shape", () => {
  const code = "type R = { kind: 'a'; v: number } | { kind: 'b'; v: number } | { kind: 'c'; v: number } | { kind: 'd'; v: number } | { kind: 'e'; v: number };\ndeclare const r: R;\nfor (let i = 0; i < 3; i++) r.v;\n";
  assert.equal(check(code), []);
});

test("union of primitives", () => {
  const code = "declare const x: string | number | boolean | bigint | symbol;\nfor (let i = 0; i < 3; i++) x.toString();\n";
  assert.equal(check(code), []);
});

test("unconstrained T", () => {
  const code = "function f<T>(t: T) { for (let i = 0; i < 3; i++) (t as { a?: number }).a; }\n";
  assert.equal(check(code), []);
});

test("not in a loop nor called from one", () => {
  const code = "type A = { kind: 'a'; a: number };\ntype B = { kind: 'b'; b: number };\ntype C = { kind: 'c'; c: number };\ntype D = { kind: 'd'; d: number };\ntype E = { kind: 'e'; e: number };\nfunction kindOf(s: A | B | C | D | E) { return s.kind; }\n";
  assert.equal(check(code), []);
});

test("write to a property is not counted", () => {
  const code = "type A = { kind: 'a'; a: number };\ntype B = { kind: 'b'; b: number };\ntype C = { kind: 'c'; c: number };\ntype D = { kind: 'd'; d: number };\ntype E = { kind: 'e'; e: number };\ndeclare const s: A | B | C | D | E;\nfor (let i = 0; i < 3; i++) s.kind = 'a' as never;\n";
  assert.equal(check(code), []);
});

test("three shapes", () => {
  const code = "type A = { kind: 'a'; a: number };\ntype B = { kind: 'b'; b: number };\ntype C = { kind: 'c'; c: number };\ntype D = { kind: 'd'; d: number };\ntype E = { kind: 'e'; e: number };\ndeclare const s: A | B | C;\nfor (let i = 0; i < 3; i++) s.kind;\n";
  assert.equal(check(code), []);
});

test("any receiver", () => {
  const code = "declare const s: any;\nfor (let i = 0; i < 3; i++) s.kind;\n";
  assert.equal(check(code), []);
});

test("property read on an interface with 5 classes (only calls count implementers)", () => {
  const code = "interface Shape { size: number }\nclass S1 implements Shape { size = 1 }\nclass S2 implements Shape { size = 1 }\nclass S3 implements Shape { size = 1 }\nclass S4 implements Shape { size = 1 }\nclass S5 implements Shape { size = 1 }\ndeclare const s: Shape;\nfor (let i = 0; i < 3; i++) s.size;\n";
  assert.equal(check(code), []);
});

test("concrete class with many subclasses", () => {
  const code = "class Base { f() {} }\nclass K1 extends Base {}\nclass K2 extends Base {}\nclass K3 extends Base {}\nclass K4 extends Base {}\nclass K5 extends Base {}\ndeclare const b: Base;\nfor (let i = 0; i < 3; i++) b.f();\n";
  assert.equal(check(code), []);
});

test("this in a concrete class", () => {
  const code = "class C { x = 1; run() { for (let i = 0; i < 3; i++) this.x; } }\n";
  assert.equal(check(code), []);
});

test("loop header run once (for-of iterable / for init)", () => {
  const code = "type A = { kind: 'a'; a: number };\ntype B = { kind: 'b'; b: number };\ntype C = { kind: 'c'; c: number };\ntype D = { kind: 'd'; d: number };\ntype E = { kind: 'e'; e: number };\ndeclare const s: A | B | C | D | E;\ndeclare function list(k: string): number[];\nfor (let i = s.kind.length; i < 3; i++) {}\n";
  assert.equal(check(code), []);
});

test("function types in the union", () => {
  const code = "declare const f: (() => 1) | (() => 2) | (() => 3) | (() => 4) | (() => 5);\nfor (let i = 0; i < 3; i++) f.call(null);\n";
  assert.equal(check(code), []);
});

test("callback of a non-array .map is not a loop", () => {
  const code = "type A = { kind: 'a'; a: number };\ntype B = { kind: 'b'; b: number };\ntype C = { kind: 'c'; c: number };\ntype D = { kind: 'd'; d: number };\ntype E = { kind: 'e'; e: number };\ndeclare const Effect: { map(f: (s: A | B | C | D | E) => string): void };\nEffect.map((s) => s.kind);\n";
  assert.equal(check(code), []);
});

test("callback of a non-array .map is not a loop", () => {
  const code = "type A = { kind: 'a'; a: number };\ntype B = { kind: 'b'; b: number };\ntype C = { kind: 'c'; c: number };\ntype D = { kind: 'd'; d: number };\ntype E = { kind: 'e'; e: number };\ndeclare const Effect: { map(f: (s: A | B | C | D | E) => string): void };\nEffect.map((s) => s.kind);\n";
  assert.equal(check(code), []);
});

test.run();
