// deopt-loop on real recorded runs (test/fixtures/deopt-loop, made by
// scripts/gen-deopt-loop-fixtures.mjs), and the exit code semantics of runtime findings.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { copyFixture, jitlint } from './cli-helpers.js';

const dir = copyFixture('deopt-loop');

interface JsonFinding { ruleId: string; file: string; line: number; column: number; endLine: number; endColumn: number; level: string; message: string }

for (const major of ['20', '24']) {
  test(`Node ${major}: norm is reported as a deopt loop (error) and the run fails`, () => {
    const res = jitlint(['analyze', 'loop.js', '--deopt', `runs/${major}`, '--format', 'json'], dir);
    assert.is(res.code, 1, res.stderr);
    const findings = (JSON.parse(res.stdout) as { findings: JsonFinding[] }).findings;
    const loops = findings.filter((f) => f.ruleId === 'deopt-loop' && f.message.startsWith('norm'));
    assert.equal(loops.map((f) => `${f.file}:${f.line}:${f.column}-${f.endLine}:${f.endColumn} ${f.level}`), ['loop.js:4:1-4:17 error']);
    assert.match(loops[0]!.message, /^norm was deoptimized and optimized again 4 times \(wrong map\): feed it values of stable types and shapes\.$/);
    const deopt = findings.find((f) => f.ruleId === 'deopt' && f.message.startsWith('norm'))!;
    assert.is(`${deopt.line}:${deopt.column}-${deopt.endLine}:${deopt.endColumn}`, '5:10-5:13');
    assert.match(deopt.message, /^norm was deoptimized 4 times here \(deopt-eager: wrong map ×4\)/);
  });
}

test('a deopt-loop turned into a warning passes, unless --max-warnings is exceeded', () => {
  const asWarning = jitlint(['analyze', 'loop.js', '--deopt', 'runs/24', '--rule', 'deopt-loop=warning', '--format', 'json'], dir);
  assert.is(asWarning.code, 0, asWarning.stderr);
  const limited = jitlint(['analyze', 'loop.js', '--deopt', 'runs/24', '--rule', 'deopt-loop=warning', '--max-warnings', '3', '--format', 'json'], dir);
  assert.is(limited.code, 1);
  const off = jitlint(['analyze', 'loop.js', '--deopt', 'runs/24', '--rule', 'deopt-loop=off', '--format', 'json'], dir);
  assert.is(off.code, 0);
  assert.not.ok((JSON.parse(off.stdout) as { findings: JsonFinding[] }).findings.some((f) => f.ruleId === 'deopt-loop'));
});

test('--deopt alone (no paths) reports the runtime findings of the program', () => {
  const res = jitlint(['analyze', '--deopt', 'runs/20', '--format', 'json'], dir);
  assert.is(res.code, 1, res.stderr);
  const report = JSON.parse(res.stdout) as { findings: JsonFinding[]; runtime: { deopts: unknown[]; v8?: string }; summary: { files: number } };
  assert.ok(report.findings.some((f) => f.ruleId === 'deopt-loop' && f.file === 'loop.js'));
  assert.is(report.summary.files, 1, 'no static pass: the file the run reports on is the one file');
  assert.match(report.runtime.v8 ?? '', /^11\.3\./);
  assert.ok(report.runtime.deopts.length > 0);
});

test('a --deopt file that is not V8 output: one line, exit 2, and the report keeps what could be found', () => {
  writeFileSync(path.join(dir, 'junk.bin'), new Uint8Array([0, 1, 2, 255, 254, 10, 0, 0]));
  const res = jitlint(['analyze', 'loop.js', '--deopt', 'junk.bin', '--deopt', 'runs/20', '--format', 'json'], dir);
  assert.is(res.code, 2);
  assert.equal(res.stderr.split('\n').filter(Boolean).filter((l) => l.includes('junk.bin')), ['jitlint: --deopt junk.bin: not V8 output (no V8 trace or log line found)']);
  assert.not.match(res.stderr, /\n\s+at /);
  const report = JSON.parse(res.stdout) as { findings: JsonFinding[]; notes: Array<{ level: string; message: string }> };
  assert.ok(report.findings.some((f) => f.ruleId === 'deopt-loop'), 'runtime findings of the good log are kept');
  assert.equal(report.notes.filter((n) => n.level === 'error'), [{ level: 'error', message: '--deopt junk.bin: not V8 output (no V8 trace or log line found)' }]);
});

test('SARIF after a lost --deopt input: not a successful execution, and it says why', () => {
  writeFileSync(path.join(dir, 'junk.bin'), new Uint8Array([0, 1, 2, 255, 254, 10, 0, 0]));
  const res = jitlint(['analyze', 'loop.js', '--deopt', 'junk.bin', '--deopt', 'runs/20', '--format', 'sarif'], dir);
  assert.is(res.code, 2);
  const invocation = (JSON.parse(res.stdout) as { runs: Array<{ invocations: Array<{ executionSuccessful: boolean; toolExecutionNotifications: Array<{ level: string; message: { text: string } }> }> }> }).runs[0]!.invocations[0]!;
  assert.is(invocation.executionSuccessful, false);
  assert.equal(invocation.toolExecutionNotifications.filter((n) => n.level === 'error').map((n) => n.message.text), ['--deopt junk.bin: not V8 output (no V8 trace or log line found)']);
  // Without the lost input the same run is a successful execution.
  const clean = jitlint(['analyze', 'loop.js', '--deopt', 'runs/20', '--format', 'sarif'], dir);
  assert.is((JSON.parse(clean.stdout) as { runs: Array<{ invocations: Array<{ executionSuccessful: boolean }> }> }).runs[0]!.invocations[0]!.executionSuccessful, true);
});

test.run();
