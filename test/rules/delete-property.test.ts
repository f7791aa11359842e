import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { lint } from '../helpers.js';

// The standard library's types (Array, Map) come from the compiler host's default lib.
const check = (code: string, fileName = 'test.ts') => lint('delete-property', code, fileName);

// ---- invalid: fixed keys (warning) -------------------------------------------------------

test('delete o.p', () => {
  assert.equal(check('const o: { a: number; b?: number } = { a: 1, b: 2 };\ndelete o.b;\n'), ['delete-property 2:1-2:11 note']);
});

test('delete o[\'p\'] with a string literal key', () => {
  assert.equal(check('const o: { a?: number; b: number } = { a: 1, b: 2 };\ndelete o[\'a\'];\n'), ['delete-property 2:1-2:14 note']);
});

test('delete this.p in a method', () => {
  const code = 'class C {\n  cache?: string = \'x\';\n  reset() {\n    delete this.cache;\n  }\n}\n';
  assert.equal(check(code), ['delete-property 4:5-4:22 note']);
});

test('delete o?.p', () => {
  assert.equal(check('declare const o: { p?: number } | undefined;\ndelete o?.p;\n'), ['delete-property 2:1-2:12 note']);
});

test('nested receiver: delete a.b.c', () => {
  assert.equal(check('declare const a: { b: { c?: number } };\ndelete a.b.c;\n'), ['delete-property 2:1-2:13 note']);
});

test('key held in a const with a literal type', () => {
  assert.equal(check('const KEY = \'p\';\ndeclare const o: { p?: number; q: number };\ndelete o[KEY];\n'), ['delete-property 3:1-3:14 note']);
});

test('unique symbol key', () => {
  assert.equal(check('const tag: unique symbol = Symbol(\'tag\');\ndeclare const o: { [tag]?: number };\ndelete o[tag];\n'), ['delete-property 3:1-3:14 note']);
});

test('any receiver is still an object', () => {
  assert.equal(check('declare const o: object;\ndelete (o as any).x;\n'), ['delete-property 2:1-2:20 note']);
});

test('copy then delete (the usual omit pattern)', () => {
  const code = 'declare const user: { name: string; password?: string };\nconst pub = { ...user };\ndelete pub.password;\n';
  assert.equal(check(code), ['delete-property 3:1-3:20 note']);
});

test('JavaScript: delete on an untyped object', () => {
  assert.equal(check('const o = { a: 1, b: 2 };\ndelete o.a;\nmodule.exports = o;\n', 'a.cjs'), ['delete-property 2:1-2:11 note']);
});

// ---- invalid: notes ------------------------------------------------------------------------

test('computed key: note suggesting Map', () => {
  assert.equal(check('declare const cache: { [k: string]: number };\ndeclare const k: string;\ndelete cache[k];\n'), ['delete-property 3:1-3:16 note']);
});

test('computed key on an untyped JS object', () => {
  assert.equal(check('const seen = {};\nfunction forget(id) {\n  delete seen[id];\n}\nmodule.exports = forget;\n', 'b.cjs'), ['delete-property 3:3-3:18 note']);
});

test('literal key on a Record-typed object is a dictionary delete', () => {
  assert.equal(check('declare const headers: Record<string, string>;\ndelete headers[\'content-length\'];\n'), ['delete-property 2:1-2:33 note']);
});

test('array element: a hole (note)', () => {
  assert.equal(check('declare const xs: number[];\ndelete xs[0];\n'), ['delete-property 2:1-2:13 note']);
});

test('array element with a computed index', () => {
  assert.equal(check('declare const xs: string[];\ndeclare const i: number;\ndelete xs[i];\n'), ['delete-property 3:1-3:13 note']);
});

// ---- valid -----------------------------------------------------------------------------

test('process.env is exempt', () => {
  assert.equal(check('declare const process: { env: Record<string, string | undefined> };\ndelete process.env.NODE_ENV;\ndelete process.env[\'X\'];\n'), []);
});

test('process.env with a computed key is exempt', () => {
  assert.equal(check('declare const process: { env: Record<string, string | undefined> };\ndeclare const k: string;\ndelete process.env[k];\n'), []);
});

test('globalThis.process.env is exempt', () => {
  assert.equal(check('declare const k: string;\ndelete (globalThis as any).process.env[k];\n'), []);
});

test('the global object is already in dictionary mode', () => {
  assert.equal(check('declare const k: string;\ndelete (globalThis as any)[k];\ndelete (globalThis as any).foo;\n'), []);
});

test('Map receiver', () => {
  assert.equal(check('const m = new Map<string, number>();\ndelete (m as Map<string, number> & { extra?: number }).extra;\n'), []);
});

test('map.delete(k) is a method call', () => {
  assert.equal(check('const m = new Map<string, number>();\nm.delete(\'a\');\nconst s = new Set<number>();\ns.delete(1);\n'), []);
});

test('WeakMap receiver', () => {
  assert.equal(check('declare const wm: WeakMap<object, number> & { tag?: string };\ndelete wm.tag;\n'), []);
});

test('assigning undefined keeps the shape', () => {
  assert.equal(check('const o: { a: number; b?: number } = { a: 1, b: 2 };\no.b = undefined;\n'), []);
});

test('rest copy without the property', () => {
  assert.equal(check('declare const o: { a: number; b: number };\nconst { b, ...rest } = o;\nconsole.log(b, rest);\n'), []);
});

test('delete of a plain identifier (sloppy JavaScript)', () => {
  assert.equal(check('var x = 1;\ndelete x;\n', 'c.js'), []);
});

test('Reflect.deleteProperty is not the delete operator', () => {
  assert.equal(check('declare const o: { a?: number };\nReflect.deleteProperty(o, \'a\');\n'), []);
});

test('delete of a call result is not a property delete', () => {
  assert.equal(check('declare function f(): number;\ndelete f();\n', 'd.js'), []);
});

// ---- false-positive classes of issue 14: required deletes (bench/precision/README.md) ------

test('required-delete: inside a Proxy deleteProperty trap', () => {
  const code = 'declare const state: { copy_: Record<string, unknown> };\nconst handler = {\n  deleteProperty(target: object, prop: string) {\n    delete state.copy_[prop];\n    return true;\n  },\n};\nnew Proxy({}, handler);\n';
  assert.equal(check(code), []);
});

test('required-delete: in a method named delete_ / remove on a user object', () => {
  const code = 'class Adm {\n  target_: any = {};\n  delete_(key: PropertyKey) {\n    delete this.target_[key];\n  }\n  removeAnnotation(o: { note?: string; id: number }) {\n    delete o.note;\n  }\n}\n';
  assert.equal(check(code), []);
});

test('required-delete: a remover over a dictionary-typed store keeps its note (a Map applies)', () => {
  const code = 'const timers: { [id: string]: number } = {};\nfunction unset(id: string) {\n  delete timers[id];\n}\n';
  assert.equal(check(code), ['delete-property 3:3-3:20 note']);
});

test('required-delete: `delete o.__proto__` guard', () => {
  const code = 'declare const newObj: Record<string, unknown>;\nif (Object.prototype.hasOwnProperty.call(newObj, "__proto__")) delete newObj.__proto__;\ndelete newObj["__proto__"];\n';
  assert.equal(check(code), []);
});

test('required-delete: the omit pattern on a fresh spread copy that is returned', () => {
  const code = 'export function omitType<T extends { type?: string }>(o: T) {\n  const out = { ...o };\n  delete out.type;\n  return out;\n}\nexport function applyRemove(parent: Record<string, unknown>, k: string) {\n  const updated = Object.assign({}, parent);\n  delete updated[k];\n  return updated;\n}\ndeclare function rebuild(s: unknown[], o: object): object;\nexport function applyOp(stack: unknown[], parent: Record<string, unknown>, k: string) {\n  const updated = { ...parent };\n  delete updated[k];\n  return rebuild(stack, updated);\n}\n';
  assert.equal(check(code), []);
});

test('the fresh copy kept and read on is still reported', () => {
  const code = 'export function f(o: { a: number; b: number }) {\n  const out = { ...o };\n  delete out.a;\n  return out.b;\n}\n';
  assert.equal(check(code), ['delete-property 3:3-3:15 note']);
});

test('JavaScript: syntax only (no checker), fixed and computed keys', () => {
  const code = 'function f(o, k) {\n  delete o.a;\n  delete o[k];\n}\nf({}, "a");\n';
  assert.equal(check(code, 'test.js'), ['delete-property 2:3-2:13 note', 'delete-property 3:3-3:14 note']);
});

test.run();
