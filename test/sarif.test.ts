import { readFileSync, writeFileSync } from 'node:fs';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { jitlint } from './cli-helpers.js';
import { fixturePath, repoRoot } from './helpers.js';
import { githubChecklist, schemaValidate } from './sarif-check.js';
import { buildSarif } from '../src/report/sarif.js';
import type { Finding } from '../src/model.js';
import { ALL_RULES } from '../src/rules/index.js';

test('demo: SARIF validates against the 2.1.0 schema and GitHub checklist', () => {
  const res = jitlint(['analyze', 'examples/demo', '--format', 'sarif'], repoRoot);
  assert.is(res.code, 1, res.stderr); // accumulating-spread is an error
  const doc = JSON.parse(res.stdout);
  schemaValidate(doc);
  githubChecklist(doc);
  assert.is(doc.runs.length, 1);
  const where = (r: any) => `${r.ruleId} ${r.level} ${r.locations[0].physicalLocation.artifactLocation.uri}:${r.locations[0].physicalLocation.region.startLine}`;
  // By default only what is worth acting on without runtime evidence; the notes are counted.
  assert.equal(doc.runs[0].results.map(where), ['accumulating-spread error examples/demo/src/orders.ts:20', 'string-concat-in-loop warning examples/demo/src/orders.ts:27']);
  assert.equal(doc.runs[0].invocations[0].toolExecutionNotifications.map((n: any) => n.message.text), ['6 notes (candidates without runtime evidence) not included; --show-notes includes them.']);
  const all = JSON.parse(jitlint(['analyze', 'examples/demo', '--format', 'sarif', '--show-notes'], repoRoot).stdout);
  schemaValidate(all);
  githubChecklist(all);
  assert.equal(all.runs[0].results.map(where), [
    'megamorphic-call-site note examples/demo/src/main.ts:15',
    'accumulating-spread error examples/demo/src/orders.ts:20',
    'string-concat-in-loop warning examples/demo/src/orders.ts:27',
    'delete-property note examples/demo/src/orders.ts:38',
    'closure-in-loop note examples/demo/src/orders.ts:49',
    'any-boxing note examples/demo/src/orders.ts:56',
    'any-boxing note examples/demo/src/orders.ts:61',
    'arguments-leak note examples/demo/src/orders.ts:67',
  ]);
});

test('byte-stable SARIF snapshot of a fixture project', () => {
  const off = ['string-concat-in-loop', 'any-boxing', 'megamorphic-call-site', 'accumulating-spread', 'delete-property', 'arguments-leak'].flatMap((id) => ['--rule', `${id}=off`]);
  const res = jitlint(['analyze', 'src', '--format', 'sarif', '--show-notes', ...off], fixturePath('projects', 'basic'));
  assert.is(res.code, 0, res.stderr);
  const snapshot = fixturePath('snapshots', 'basic.sarif');
  if (process.env['UPDATE_SNAPSHOTS']) writeFileSync(snapshot, res.stdout);
  assert.fixture(res.stdout, readFileSync(snapshot, 'utf8'));
  const again = jitlint(['analyze', 'src', '--format', 'sarif', '--show-notes', ...off], fixturePath('projects', 'basic'));
  assert.is(again.stdout, res.stdout, 'deterministic');
  schemaValidate(JSON.parse(res.stdout));
});

const finding = (over: Partial<Finding>): Finding => ({
  ruleId: 'closure-in-loop', level: 'warning', file: 'src/a.ts', line: 2, column: 3, endLine: 2, endColumn: 9,
  message: 'A closure [x] here.', confirmed: false, functionName: 'f', snippet: '() =>', ...over,
});

function build(findings: Finding[], notifications: string[] = []) {
  return buildSarif({
    toolVersion: '1.2.3', findings, rules: [...ALL_RULES], filesAnalyzed: 1, notifications, category: 'test',
    readSource: (f) => (f === 'src/a.ts' ? 'line one\n  line two\n' : undefined),
  }) as any;
}

test('results on one line of one rule are merged into one alert', () => {
  const doc = build([finding({}), finding({ column: 20, endColumn: 25 })]);
  const results = doc.runs[0].results;
  assert.is(results.length, 1);
  assert.is(results[0].message.text, 'A closure \\[x\\] here. The same pattern occurs 1 more time on this line (column 20).');
  assert.equal(results[0].locations[0].physicalLocation.region, { startLine: 2, startColumn: 3, endLine: 2, endColumn: 9 });
  githubChecklist(doc);
});

test('brackets in messages are escaped; related locations are linked from the message', () => {
  const doc = build([finding({ related: [{ file: 'src/a.ts', line: 1, column: 1, endLine: 1, endColumn: 5, message: 'inlined into [outer]' }] })]);
  const r = doc.runs[0].results[0];
  assert.is(r.message.text, 'A closure \\[x\\] here. [inlined into \\[outer\\]](1)');
  assert.equal(r.relatedLocations, [
    {
      id: 1,
      message: { text: 'inlined into \\[outer\\]' },
      physicalLocation: { artifactLocation: { uri: 'src/a.ts', uriBaseId: '%SRCROOT%' }, region: { startLine: 1, startColumn: 1, endLine: 1, endColumn: 5 } },
    },
  ]);
  githubChecklist(doc);
  schemaValidate(doc);
});

test('files outside the repository become a notification, not a result', () => {
  const doc = build([finding({ file: '../elsewhere/b.ts' }), finding({})], ['12 runtime events were not mapped']);
  assert.is(doc.runs[0].results.length, 1);
  const notes = doc.runs[0].invocations[0].toolExecutionNotifications.map((n: any) => n.message.text);
  assert.equal(notes, ['12 runtime events were not mapped', '1 finding(s) in files outside the repository were left out of the results.']);
});

test('primaryLocationLineHash is computed from the file; uris are percent-encoded', () => {
  const doc = build([finding({ line: 1 }), finding({ file: 'src/a b#.ts', ruleId: 'delete-property' })]);
  const [a, b] = doc.runs[0].results;
  assert.is(doc.runs[0].results.length, 2);
  assert.is(a.partialFingerprints.primaryLocationLineHash, 'c7351d839a41e37f:1');
  assert.is(b.locations[0].physicalLocation.artifactLocation.uri, 'src/a%20b%23.ts');
  assert.equal(Object.keys(b.partialFingerprints), ['jitlint/v1'], 'unreadable file: the line hash is left to the upload action');
});

test('jitlint/v1 fingerprint survives moved lines', () => {
  const a = build([finding({ line: 2 })]).runs[0].results[0].partialFingerprints['jitlint/v1'];
  const b = build([finding({ line: 40, endLine: 40 })]).runs[0].results[0].partialFingerprints['jitlint/v1'];
  const c = build([finding({ snippet: 'function () {' })]).runs[0].results[0].partialFingerprints['jitlint/v1'];
  assert.is(a, b);
  assert.is.not(a, c);
});

test.run();
