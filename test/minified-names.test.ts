// Minified code (test/fixtures/minified, made by scripts/gen-minified-fixture.mjs: esbuild
// --minify with a source map, recorded on Node 20): V8 names the functions `k` and `#r`; the
// messages and the runtime section use the names of the source map's `names`.
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { copyFixture, jitlint } from './cli-helpers.js';
import { originalNameBefore, parseMap } from '../src/sites/sourcemaps.js';

const fixture = copyFixture('minified');
const project = path.join(fixture, 'project');
const run = path.join(fixture, 'runs', '20');

interface Json {
  findings: Array<{ ruleId: string; line: number; column: number; message: string }>;
  runtime: { functions: Array<{ name: string; file?: string; line?: number }> };
}

test('V8 ran the minified names: the log says k and #r', () => {
  const trace = fs.readFileSync(path.join(run, 'trace.txt'), 'utf8');
  assert.match(trace, /<JSFunction k /);
  assert.match(trace, /<JSFunction #r /);
});

test('findings and the runtime section name the functions as the source does', () => {
  const res = jitlint(['analyze', 'src', '--deopt', run, '--format', 'json'], project);
  assert.is(res.code, 0, res.stderr);
  const r = JSON.parse(res.stdout) as Json;
  assert.equal(
    r.findings.map((f) => `${f.ruleId} ${f.line}:${f.column} ${f.message}`),
    [
      'deopt 23:30 sumField was deoptimized once here (deopt-eager: wrong map) in Turbofan: keep one object shape at this site.',
      'megamorphic-ic 23:30 This property access went megamorphic: its LoadIC saw 10 maps (keys: v), more than the 4 a polymorphic cache holds: give the objects reaching it one shape.',
    ],
  );
  assert.equal(
    r.runtime.functions.filter((f) => f.file).map((f) => `${f.name} ${f.file}:${f.line}`),
    ['#tokenizeInlines src/app.ts:7', 'run src/app.ts:14', 'sumField src/app.ts:21'],
  );
});

test('each function carries its tier history from one input of the run (not trace and log added up)', () => {
  const res = jitlint(['analyze', 'src', '--deopt', run, '--format', 'json'], project);
  const r = JSON.parse(res.stdout) as { runtime: { functions: Array<{ name: string; timeline?: unknown[] }> } };
  const sumField = r.runtime.functions.find((f) => f.name === 'sumField')!;
  assert.equal(sumField.timeline, [
    { kind: 'marked', tier: 'turbofan', reason: 'hot and stable' },
    { kind: 'optimized', tier: 'turbofan' },
    { kind: 'deoptimized', tier: 'turbofan', reason: 'wrong map', deoptKind: 'deopt-eager' },
    { kind: 'marked', tier: 'turbofan', reason: 'hot and stable' },
    { kind: 'optimized', tier: 'turbofan' },
  ]);
});

test('a name is taken only from the segment of the name token itself', () => {
  const text = fs.readFileSync(path.join(project, 'dist', 'app.js'), 'utf8');
  const lm = parseMap(fs.readFileSync(path.join(project, 'dist', 'app.js.map'), 'utf8'), 'app.js')!;
  const lines = text.split('\n');
  const at = (needle: string) => lines.findIndex((l) => l.includes(needle));
  const line = at('function k(');
  const textOf = (a: number, b: number) => lines[line]!.slice(a, b);
  const column = lines[line]!.indexOf('function k(') + 'function k'.length + 1; // V8 places it at "("
  assert.is(originalNameBefore(lm, textOf, line + 1, column, 'k'), 'sumField');
  assert.is(originalNameBefore(lm, textOf, line + 1, column, 'q'), undefined, 'another name than the token: no rename');
  const m = lines[line]!.indexOf('#r(') + 3;
  assert.is(originalNameBefore(lm, textOf, line + 1, m, '#r'), '#tokenizeInlines');
});

test.run();
