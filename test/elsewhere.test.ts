// Logs recorded on another machine (test/fixtures/elsewhere, made by scripts/gen-elsewhere-fixtures.mjs):
// the program ran in RECORDED_AT, a folder that does not exist here. --root and the record
// manifest name it; neither may be looked up on this disk. The project has two files named
// util.ts, and each event must land in its own one.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { copyFixture, jitlint } from './cli-helpers.js';
import { analyze } from '../src/pipeline/analyze.js';

const RECORDED_AT = '/tmp/jitlint-recorded-elsewhere/app';
const project = copyFixture('elsewhere');

interface Json { findings: Array<{ ruleId: string; file: string; line: number; column: number; endLine: number; endColumn: number; level: string }>; runtime: { deopts: Array<{ file: string; line: number; column: number; reason: string }> } }
const brief = (r: Json) => r.findings.map((f) => `${f.ruleId} ${f.file}:${f.line}:${f.column}-${f.endLine}:${f.endColumn} ${f.level}`);
const deopts = (r: Json) => r.runtime.deopts.map((d) => `${d.file}:${d.line}:${d.column} ${d.reason}`);

const EXPECTED: Record<string, { findings: string[]; deopts: string[] }> = {
  '20': {
    findings: [
      'deopt src/geo/util.ts:20:50-20:62 warning',
      'megamorphic-ic src/geo/util.ts:20:50-20:62 warning',
      'deopt src/text/util.ts:4:23-4:36 warning',
    ],
    deopts: ['src/geo/util.ts:20:61 wrong map', 'src/text/util.ts:4:30 wrong map'],
  },
  '24': {
    findings: [
      'deopt src/geo/util.ts:20:3-20:6 warning',
      'deopt src/geo/util.ts:20:50-20:62 warning',
      'megamorphic-ic src/geo/util.ts:20:50-20:62 warning',
      'deopt src/text/util.ts:4:23-4:36 warning',
    ],
    deopts: ['src/geo/util.ts:20:3 wrong map', 'src/geo/util.ts:20:61 wrong map', 'src/text/util.ts:4:30 wrong map'],
  },
};

test('the recording folder does not exist here', () => {
  assert.not.ok(existsSync(path.dirname(RECORDED_AT)), `${path.dirname(RECORDED_AT)} exists: remove it, the tests must run without it`);
});

for (const major of ['20', '24']) {
  test(`Node ${major}: --root names the folder of the recording machine, absent here`, () => {
    const run = path.join(project, 'runs', major);
    const res = jitlint(['analyze', 'src', '--deopt', path.join(run, 'trace.txt'), '--deopt', path.join(run, 'v8.log.gz'), '--root', RECORDED_AT, '--format', 'json'], path.join(project, 'project'));
    assert.is(res.code, 0, res.stderr);
    const r = JSON.parse(res.stdout) as Json;
    assert.equal(brief(r), EXPECTED[major]!.findings);
    assert.equal(deopts(r), EXPECTED[major]!.deopts);
  });

  test(`Node ${major}: the record folder's manifest gives the same mapping`, () => {
    const res = jitlint(['analyze', 'src', '--deopt', `../runs/${major}`, '--format', 'json'], path.join(project, 'project'));
    assert.is(res.code, 0, res.stderr);
    const r = JSON.parse(res.stdout) as Json;
    assert.equal(brief(r), EXPECTED[major]!.findings);
    assert.equal(deopts(r), EXPECTED[major]!.deopts);
  });
}

test('the pipeline runs from a test without argv', async () => {
  const cwd = path.join(project, 'project');
  const { report, inputErrors } = await analyze({ cwd, paths: ['src'], deopt: ['../runs/20'], root: RECORDED_AT });
  assert.equal(inputErrors, []);
  assert.equal(
    report.findings.map((f) => `${f.ruleId}:${f.messageId} ${f.file}:${f.line}:${f.column}`),
    ['deopt:here src/geo/util.ts:20:50', 'megamorphic-ic:maps src/geo/util.ts:20:50', 'deopt:here src/text/util.ts:4:23'],
  );
  assert.is(report.filesAnalyzed, 3);
  assert.equal(report.runtime?.node, 'v20.20.2');
});

test.run();
