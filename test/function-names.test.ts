// Static findings and runtime sites are joined by the name of their enclosing function: the
// TypeScript side (functionName in src/analyze/ast.ts) and the Babel side (src/sites/expressions.ts)
// must name every function alike. Each case marks a spot with HERE and names the function around it.
import { ts } from 'ts-morph';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { enclosingFunctionName } from '../src/analyze/ast.js';
import { SourceDoc, expressionAt } from '../src/sites/expressions.js';
import { typescript6, useSyntax } from '../src/syntax/ts.js';

// These cases parse with TypeScript 6 directly: its syntax API, whatever an earlier test file used
// (uvu runs the files in one process, after importing them all).
test.before(() => useSyntax(typescript6()));

const CASES: Array<[string, string]> = [
  ['function plain() { HERE; }', 'plain'],
  ['const arrow = () => { HERE; };', 'arrow'],
  ['const expr = function () { HERE; };', 'expr'],
  ['const named = function inner() { HERE; };', 'inner'],
  ['const paren = (() => { HERE; });', 'paren'],
  ['const cast = (() => { HERE; }) as () => void;', 'cast'],
  ['const sat = ((() => { HERE; }) satisfies () => void);', 'sat'],
  ['class Box { method() { HERE; } }', 'Box.method'],
  ['class Box { get size() { HERE; return 1; } }', 'Box.size'],
  ['class Box { #secret() { HERE; } }', 'Box.#secret'],
  ['class Box { constructor() { HERE; } }', 'Box.constructor'],
  ['class Box { field = () => { HERE; }; }', 'field'],
  ["class Box { 'quoted'() { HERE; } }", 'Box.quoted'],
  ['class Box { 42() { HERE; } }', 'Box.42'],
  ['declare const k: string; class Box { [k]() { HERE; } }', '(anonymous)'],
  ['const Anon = class { m() { HERE; } };', 'm'],
  ['const o = { method() { HERE; } };', 'method'],
  ['const o = { prop: () => { HERE; } };', 'prop'],
  ["const o = { 'str': function () { HERE; } };", 'str'],
  ['declare const k: string; const o = { [k]: () => { HERE; } };', '(anonymous)'],
  ['declare const o: { f?: () => void }; o.f = () => { HERE; };', 'o.f'],
  ['declare let g: (() => void) | undefined; g ||= () => { HERE; };', 'g'],
  ['declare const a: (() => void) | undefined; const x = a || (() => { HERE; });', '(anonymous)'],
  ['[1, 2].map((n) => { HERE; return n; });', '(anonymous)'],
  ['HERE;', ''],
];

function tsName(code: string): string {
  const sf = ts.createSourceFile('case.ts', code, ts.ScriptTarget.Latest, true);
  const offset = code.indexOf('HERE');
  let node: ts.Node = sf;
  for (;;) {
    const child = node.getChildren(sf).find((c) => c.getStart(sf) <= offset && offset < c.getEnd());
    if (!child) break;
    node = child;
  }
  return enclosingFunctionName(node);
}

function babelName(code: string): string | undefined {
  return expressionAt(new SourceDoc(code, 'case.ts'), code.indexOf('HERE'))?.functionName;
}

for (const [code, expected] of CASES) {
  test(`${expected || 'top level'}: ${code}`, () => {
    assert.equal({ ts: tsName(code), babel: babelName(code) }, { ts: expected, babel: expected });
  });
}

test.run();
