import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { lint } from '../helpers.js';

const check = (code: string, fileName = 'test.ts') => lint('arguments-leak', code, fileName);

// ---- invalid ----------------------------------------------------------------

test("Array.prototype.slice.call(arguments)", () => {
  const code = "function f() {\n  const args = Array.prototype.slice.call(arguments);\n  return args;\n}\n";
  assert.equal(check(code), ["arguments-leak 2:16-2:53 note"]);
});

test("[].slice.call(arguments, 1)", () => {
  const code = "function f(first: number) {\n  return [].slice.call(arguments, 1);\n}\n";
  assert.equal(check(code), ["arguments-leak 2:10-2:37 note"]);
});

test("[].slice.apply(arguments)", () => {
  const code = "function f() { return [].slice.apply(arguments); }\n";
  assert.equal(check(code), ["arguments-leak 1:23-1:48 note"]);
});

test("slice through a variable", () => {
  const code = "const slice = Array.prototype.slice;\nfunction f() { return slice.call(arguments); }\n";
  assert.equal(check(code), ["arguments-leak 2:23-2:44 note"]);
});

test("Array.from(arguments)", () => {
  const code = "function f() { return Array.from(arguments); }\n";
  assert.equal(check(code), ["arguments-leak 1:23-1:44 note"]);
});

test("[...arguments]", () => {
  const code = "function f() { return [...arguments]; }\n";
  assert.equal(check(code), ["arguments-leak 1:23-1:37 note"]);
});

test("no-measured-cost: strict `arguments` passed straight on is not reported (pipeArguments(this, arguments))", () => {
  const code = "declare function pipeArguments(self: unknown, a: IArguments): unknown;\nclass C { pipe() { return pipeArguments(this, arguments); } }\nfunction f() { pipeArguments(null, arguments); }\n";
  assert.equal(check(code), []);
});

test("arguments passed to another call in sloppy JavaScript: note", () => {
  const code = "function g(a) { return a; }\nfunction f() { g(arguments); }\n";
  assert.equal(check(code, "test.js"), ["arguments-leak 2:18-2:27 note"]);
});

test("JavaScript: a user binding named arguments and `var slice = [].slice`, from syntax alone", () => {
  const code = "var slice = [].slice;\nfunction f() { return slice.call(arguments); }\nfunction g(arguments) { return [].slice.call(arguments); }\n";
  assert.equal(check(code, "test.js"), ["arguments-leak 2:23-2:44 note"]);
});

test("setup: a copy at definition time in a function that returns the real function stays a note", () => {
  const code = "export function fn(body: Function) {\n  const pipeables = Array.prototype.slice.call(arguments, 1);\n  return function (this: unknown, ...args: unknown[]) { return pipeables.reduce((a: unknown, p: Function) => p(a), body.apply(this, args)); };\n}\n";
  assert.equal(check(code), ["arguments-leak 2:21-2:61 note"]);
});

test("arguments stored in a property: note", () => {
  const code = "class C { saved: unknown; m() { this.saved = arguments; } }\n";
  assert.equal(check(code), ["arguments-leak 1:46-1:55 note"]);
});

test("arguments returned: note", () => {
  const code = "function f() { return arguments; }\n";
  assert.equal(check(code), ["arguments-leak 1:23-1:32 note"]);
});

test("sloppy .cjs function with formals reading arguments", () => {
  const code = "function f(a, b) {\n  return arguments.length > 2 ? arguments[2] : a + b;\n}\nmodule.exports = f;\n";
  assert.equal(check(code, "lib.cjs"), ["arguments-leak 2:10-2:19 note"]);
});

test("sloppy .js, arguments read from an inner arrow", () => {
  const code = "function f(a) {\n  return () => arguments[0];\n}\n";
  assert.equal(check(code, "lib.js"), ["arguments-leak 2:16-2:25 note"]);
});

test("copy in a method of an object literal", () => {
  const code = "const o = {\n  m() { return Array.prototype.slice.call(arguments); },\n};\n";
  assert.equal(check(code), ["arguments-leak 2:16-2:53 note"]);
});

test("sloppy function: copy and a separate read are both reported", () => {
  const code = "function f(a) {\n  var rest = [].slice.call(arguments, 1);\n  return arguments.length + rest.length + a;\n}\n";
  assert.equal(check(code, "old.js"), ["arguments-leak 2:14-2:41 note","arguments-leak 3:10-3:19 note"]);
});

// ---- valid ------------------------------------------------------------------

test("strict arguments[i] and arguments.length", () => {
  const code = "function f() {\n  let s = 0;\n  for (let i = 0; i < arguments.length; i++) s += arguments[i];\n  return s;\n}\n";
  assert.equal(check(code), []);
});

test("rest parameter", () => {
  const code = "function f(...args: number[]) { return args.slice(1); }\n";
  assert.equal(check(code), []);
});

test("f.apply(this, arguments)", () => {
  const code = "declare function g(...a: unknown[]): void;\nfunction f(this: unknown) { return g.apply(this, arguments as unknown as unknown[]); }\n";
  assert.equal(check(code), []);
});

test("f(...arguments)", () => {
  const code = "declare function g(...a: unknown[]): void;\nfunction f() { return g(...arguments); }\n";
  assert.equal(check(code), []);
});

test("Reflect.apply forwarding", () => {
  const code = "declare function g(...a: unknown[]): void;\nfunction f(this: unknown) { return Reflect.apply(g, this, arguments); }\n";
  assert.equal(check(code), []);
});

test("sloppy file with \"use strict\"", () => {
  const code = "'use strict';\nfunction f(a) { return arguments[0] + a; }\n";
  assert.equal(check(code, "lib.js"), []);
});

test("ES module .js file is strict", () => {
  const code = "export function f(a) { return arguments[0] + a; }\n";
  assert.equal(check(code, "mod.js"), []);
});

test(".mjs is strict", () => {
  const code = "function f(a) { return arguments[0] + a; }\nf(1);\n";
  assert.equal(check(code, "x.mjs"), []);
});

test("sloppy function without formals", () => {
  const code = "function f() { return arguments[0]; }\n";
  assert.equal(check(code, "lib.js"), []);
});

test("sloppy function with default parameter: unmapped", () => {
  const code = "function f(a = 1) { return arguments[0] + a; }\n";
  assert.equal(check(code, "lib.js"), []);
});

test("function-level \"use strict\"", () => {
  const code = "function f(a) { 'use strict'; return arguments[0] + a; }\n";
  assert.equal(check(code, "lib.js"), []);
});

test("class body is strict", () => {
  const code = "class C { m(a) { return arguments[0] + a; } }\n";
  assert.equal(check(code, "lib.js"), []);
});

test("a local named arguments, and a property named arguments", () => {
  const code = "function f(o) { var arguments = [1]; return Array.from(arguments) + o.arguments; }\n";
  assert.equal(check(code, "lib.js"), []);
});

test("local alias then indexed", () => {
  const code = "function f() { const a = arguments; return a[0]; }\n";
  assert.equal(check(code), []);
});

test.run();
