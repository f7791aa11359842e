// End to end: `jitlint analyze --deopt` from a copy of the logged program in another
// directory, mapping the log's absolute paths with --root, a record manifest, or by suffix.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { copyFixture, isOneLineError, jitlint } from '../cli-helpers.js';
import { fixturePath } from '../helpers.js';
import { defaultRuntimeRules } from '../../src/rules/index.js';
import { analyzeRuntime } from '../../src/pipeline/runtime.js';
import type { Finding } from '../../src/model.js';

const SUITE_LOG = fixturePath('v8', '24', 'suite.v8.log.gz');
const SUITE_TRACE = fixturePath('v8', '24', 'suite.trace.txt');
const TS_PROJECT = fixturePath('sites', 'ts-project');

/** The directory the fixture programs ran in, as the log recorded it (wherever the fixtures were generated). */
function recordedProgramsDir(): string {
  const text = zlib.gunzipSync(new Uint8Array(fs.readFileSync(SUITE_LOG))).toString('utf8');
  const m = /^script-details,\d+,(.*)\/suite\.js,/m.exec(text);
  if (!m) throw new Error('no suite.js in the fixture log');
  return m[1]!;
}

/** The ts-project directory as its traces recorded it. */
function recordedTsProjectDir(): string {
  const text = fs.readFileSync(path.join(TS_PROJECT, 'cjs.trace.txt'), 'utf8');
  const m = /deoptimize at <(.*)\/dist\/cjs\/[a-z]+\.js:/.exec(text);
  if (!m) throw new Error('no position in the ts-project trace');
  return m[1]!;
}

function findings(stdout: string): string[] {
  const report = JSON.parse(stdout) as { findings: Finding[] };
  return report.findings.map((f) => `${f.ruleId} ${f.file}:${f.line}:${f.column}-${f.endLine}:${f.endColumn} ${f.level}`);
}

const SUITE_FINDINGS = [
  'deopt deopt-eager.js:6:10-6:13 warning', // return p.x;      (wrong map, at `x`)
  'deopt deopt-eager.js:10:10-10:15 warning', // return n + 1;  (not a Smi, at `+`)
  'deopt deopt-eager.js:14:23-14:29 note', // o.name
  'deopt deopt-eager.js:19:10-19:13 warning', // p.y, inlined into outer
  'deopt deopt-lazy.js:14:1-14:17 note', // function area(p): dependency deopts sit at the function start
  'inlining-rejected deopt-lazy.js:19:1-19:18 note', // function widen(o)
  'inlining-rejected deopt-lazy.js:49:1-49:17 note', // function flip(x)
  'deopt deopt-lazy.js:53:1-53:19 note', // function offset(x)
  'deopt deopt-lazy.js:54:3-54:10 warning', // flip(x)
  'deopt esm-deopt.mjs:4:27-4:30 warning', // v.x, from a file:// URL
  'deopt hot-osr.js:19:10-19:20 note', // longLoop()
  'megamorphic-ic ic-states.js:6:10-6:13 warning', // o.x
  'megamorphic-ic ic-states.js:15:3-15:17 warning', // o[key] = value
  'inlining-rejected inlining.js:10:1-10:16 note', // function big(a)
  'inlining-rejected inlining.js:59:1-59:18 note', // function never(a)
  'deopt inlining.js:80:1-80:12 note', // console.log
];

test('v8.log and trace of node 24, analyzed from a copy of the programs with --root: exact expression ranges', () => {
  const dir = copyFixture('v8', 'programs');
  const res = jitlint(['analyze', '--deopt', SUITE_LOG, '--deopt', SUITE_TRACE, '--root', recordedProgramsDir(), '--format', 'json'], dir);
  assert.is(res.code, 0, res.stderr);
  assert.equal(findings(res.stdout), SUITE_FINDINGS);
  const report = JSON.parse(res.stdout) as { runtime: { deopts: Array<{ file: string; line: number; column: number; inlinedAt: Array<{ file?: string; line: number; column: number }> }>; unmapped: number } };
  const outer = report.runtime.deopts.find((d) => d.file === 'deopt-eager.js' && d.line === 19)!;
  assert.equal([outer.column, outer.inlinedAt.map((p) => [p.file, p.line, p.column])], [12, [['deopt-eager.js', 23, 10]]]);
  assert.is(res.stderr, 'jitlint: suite.trace.txt: 7 lines of program output or unknown text skipped\njitlint: 112 runtime events in node internals/node_modules/eval were not mapped\n');
});

test('without --root, the longest path suffix inside the project maps the same sites', () => {
  const dir = copyFixture('v8', 'programs');
  const res = jitlint(['analyze', '--deopt', SUITE_LOG, '--format', 'json'], dir);
  assert.is(res.code, 0, res.stderr);
  assert.equal(findings(res.stdout), SUITE_FINDINGS.filter((f) => !f.startsWith('inlining-rejected')));
});

const TS_SITES = [
  'deopt src/main.ts:8:8-8:21 note', // norm(flipped): insufficient feedback for the call
  'deopt src/vec.ts:9:22-9:34 warning', // (a as Vec).x in dot()
  'deopt src/vec.ts:9:22-9:34 warning', // the same, inlined into norm()
];

for (const [trace, what] of [
  ['cjs.trace.txt', 'CommonJS compiled by tsc, external source maps'],
  ['esm.trace.txt', 'ES modules (file:// URLs) compiled by tsc, inline source maps'],
  ['strip.trace.txt', 'the .ts run by Node 24 with type stripping'],
] as const) {
  test(`TypeScript project, ${what}: the same .ts sites`, () => {
    const dir = copyFixture('sites', 'ts-project');
    const res = jitlint(['analyze', '--deopt', path.join(dir, trace), '--root', recordedTsProjectDir(), '--format', 'json'], dir);
    assert.is(res.code, 0, res.stderr);
    assert.equal(findings(res.stdout), TS_SITES);
    assert.not.match(res.stdout, /"file": ?"dist\//);
  });
}

test('the inlining chain becomes related locations, the expression text the snippet', async () => {
  const dir = copyFixture('sites', 'ts-project');
  const out = await analyzeRuntime({ files: [path.join(dir, 'esm.trace.txt')], cwd: dir, baseDir: dir, rootDir: dir, runRoot: recordedTsProjectDir(), rules: defaultRuntimeRules() });
  const inlined = out.findings.find((f) => f.message.startsWith('norm '))!;
  assert.equal(
    { fn: inlined.functionName, snippet: inlined.snippet, related: inlined.related },
    { fn: 'dot', snippet: '(a as Vec).x', related: [{ file: 'src/vec.ts', line: 14, column: 20, endLine: 14, endColumn: 43, message: 'inlined into norm at line 14' }] },
  );
  assert.equal((inlined.properties as { generated?: unknown }).generated, { file: 'dist/esm/vec.js', line: 2, column: 18 });
});

test('a `jitlint record` directory: its manifest lists the logs and gives the run root', () => {
  const dir = copyFixture('sites', 'ts-project');
  const rec = fs.mkdtempSync(path.join(os.tmpdir(), 'jitlint-record-'));
  fs.copyFileSync(path.join(dir, 'esm.trace.txt'), path.join(rec, 'trace.txt'));
  fs.writeFileSync(path.join(rec, 'stdout.txt'), 'ts-project done true\n');
  fs.writeFileSync(path.join(rec, 'manifest.json'), JSON.stringify({ cwd: recordedTsProjectDir(), files: { trace: 'trace.txt', stdout: 'stdout.txt' }, node: 'v24.21.0', v8: '13.6.233.17-node.53' }));
  const res = jitlint(['analyze', '--deopt', rec, '--format', 'json'], dir);
  assert.is(res.code, 0, res.stderr);
  assert.equal(findings(res.stdout), TS_SITES);
  const report = JSON.parse(res.stdout) as { runtime: { node?: string } };
  assert.is(report.runtime.node, 'v24.21.0');
});

test('a directory without a record manifest is a usage error', () => {
  const dir = copyFixture('sites', 'ts-project');
  const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'jitlint-norecord-'));
  const res = jitlint(['analyze', '--deopt', empty], dir);
  assert.is(res.code, 2);
  assert.ok(isOneLineError(res.stderr), res.stderr);
  assert.is(res.stderr, `jitlint: --deopt ${path.relative(dir, empty)}: a directory without the manifest.json of \`jitlint record\`\n`);
  const bad = jitlint(['analyze', '--deopt', path.join(dir, 'src', 'vec.ts')], dir);
  assert.is(bad.code, 2);
  assert.ok(isOneLineError(bad.stderr), bad.stderr);
  assert.is(bad.stderr, 'jitlint: --deopt vec.ts: not V8 output (no V8 trace or log line found)\n');
});

test.run();
