import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { ts } from 'ts-morph';
import { coldPath, nameOfFunction, runFrequency, setupCode, smallFixedIterable, toolingCode } from '../src/rules/util/run-frequency.js';
import { typescript6, useSyntax } from '../src/syntax/ts.js';

// These cases parse with TypeScript 6 directly: its syntax API, whatever an earlier test file used
// (uvu runs the files in one process, after importing them all).
test.before(() => useSyntax(typescript6()));

/** The source file of `code` and the first node whose text is `marker` (searched depth-first). */
function at(code: string, marker: string, fileName = '/p/src/a.ts'): { sf: ts.SourceFile; node: ts.Node } {
  const sf = ts.createSourceFile(fileName, code, ts.ScriptTarget.Latest, true);
  let found: ts.Node | undefined;
  const visit = (n: ts.Node): void => {
    if (found) return;
    if (n.getText(sf) === marker) found = n;
    else ts.forEachChild(n, visit);
  };
  visit(sf);
  if (!found) throw new Error(`no ${marker}`);
  return { sf, node: found };
}

test('cold: catch, throw operand, branch ending in throw, error-named function, loop over .issues', () => {
  assert.is(coldPath(at('try { f(); } catch (e) { g(HERE); }', 'HERE').node), 'in a catch clause');
  assert.is(coldPath(at('throw new Error(`${HERE}`);', 'HERE').node), 'in the operand of throw');
  assert.is(coldPath(at('if (bad) { log(HERE); throw new Error(); }', 'HERE').node), 'in a branch that ends in throw');
  assert.is(coldPath(at('function formatError(x) { return HERE; }', 'HERE').node), "in 'formatError'");
  assert.is(coldPath(at('for (const i of r.issues) use(HERE);', 'HERE').node), 'in a loop over issues');
  assert.is(coldPath(at('errors.forEach((e) => use(HERE));', 'HERE').node), 'in a callback over errors');
  assert.is(coldPath(at('function onMessage(m) { for (const x of xs) use(HERE); }', 'HERE').node), undefined);
  assert.is(coldPath(at('if (ok) { use(HERE); } else { throw new Error(); }', 'HERE').node), undefined);
});

test('setup: constructor, setup names, defineProperty descriptors, factories returning new X', () => {
  assert.is(setupCode(at('class A { constructor() { use(HERE); } }', 'HERE').node), 'in a constructor');
  assert.is(setupCode(at('class A { register(ps) { for (const p of ps) use(HERE); } }', 'HERE').node), "in 'register'");
  assert.is(setupCode(at('const configureAll = () => HERE;', 'HERE').node), "in 'configureAll'");
  assert.is(setupCode(at('Object.defineProperty(o, k, { get() { return HERE; } });', 'HERE').node), 'in a property descriptor passed to Object.defineProperty');
  assert.is(setupCode(at('Object.defineProperties(o, { k: { get() { return HERE; } } });', 'HERE').node), 'in a property descriptor passed to Object.defineProperty');
  assert.is(setupCode(at('function structWithRest(a) { let x = HERE; return new Objects(x); }', 'HERE').node), "in the factory 'structWithRest'");
  // add*, make*, create*, from* are hot as often as not
  assert.is(setupCode(at('class A { addAll(xs) { use(HERE); } }', 'HERE').node), undefined);
  assert.is(setupCode(at('function fromIterable(xs) { use(HERE); }', 'HERE').node), undefined);
  assert.is(setupCode(at('function user() { use(HERE); }', 'HERE').node), undefined);
});

test('tooling: function names and file paths', () => {
  const a = at('export function toJSONSchema(d) { return HERE; }', 'HERE');
  assert.is(toolingCode(a.node, a.sf), "in 'toJSONSchema'");
  const b = at('function compileObject(d) { doc.indented(() => HERE); }', 'HERE');
  assert.is(toolingCode(b.node, b.sf), "in 'compileObject'");
  const c = at('function parse(m) { return HERE; }', 'HERE', '/p/src/internal/testing/TestScheduler.ts');
  assert.is(toolingCode(c.node, c.sf), 'in a tooling file');
  const d = at('function parse(m) { return HERE; }', 'HERE', '/tmp/testing/proj/src/parse.ts');
  assert.is(toolingCode(d.node, d.sf), undefined);
});

test('runFrequency: cold first, then tooling, then setup', () => {
  const a = at('class A { register() { try { f(); } catch { use(HERE); } } }', 'HERE');
  assert.equal(runFrequency(a.node, a.sf), { kind: 'cold', why: 'in a catch clause' });
  const b = at('function compileSetup() { use(HERE); }', 'HERE');
  assert.equal(runFrequency(b.node, b.sf), { kind: 'tooling', why: "in 'compileSetup'" });
  const c = at('function hot(xs) { for (const x of xs) use(HERE); }', 'HERE');
  assert.is(runFrequency(c.node, c.sf), undefined);
});

test('smallFixedIterable: literals of at most 4 elements, no spreads', () => {
  assert.ok(smallFixedIterable(at('use(0);\nfor (const k of ["anyOf", "oneOf"] as const) use(k);', 'for (const k of ["anyOf", "oneOf"] as const) use(k);').node));
  assert.ok(smallFixedIterable(at('[a, b].forEach((x) => use(x));', '(x) => use(x)').node));
  assert.not.ok(smallFixedIterable(at('use(0);\nfor (const k of [1, 2, 3, 4, 5]) use(k);', 'for (const k of [1, 2, 3, 4, 5]) use(k);').node));
  assert.not.ok(smallFixedIterable(at('use(0);\nfor (const k of [a, ...rest]) use(k);', 'for (const k of [a, ...rest]) use(k);').node));
  assert.not.ok(smallFixedIterable(at('xs.forEach((x) => use(x));', '(x) => use(x)').node));
});

test('nameOfFunction: own name, variable, property, assignment', () => {
  assert.is(nameOfFunction(at('use(0);\nfunction f() {}', 'function f() {}').node), 'f');
  assert.is(nameOfFunction(at('const g = () => 1;', '() => 1').node), 'g');
  assert.is(nameOfFunction(at('o.h = function () {};', 'function () {}').node), 'h');
  assert.is(nameOfFunction(at('use(() => 1);', '() => 1').node), undefined);
});

test.run();
