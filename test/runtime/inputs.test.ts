// Same run as trace text and v8.log; merging; malformed inputs.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { RuntimeInputError, loadRuntime, type RuntimeModel } from '../../src/runtime/index.js';
import { runtimeSection as runtimeJson } from '../../src/pipeline/runtime-section.js';
import { runRuntimeRules } from '../../src/rules/runtime/run.js';
import { defaultRuntimeRules } from '../../src/rules/index.js';

const deriveRuntimeFindings = (model: RuntimeModel) => runRuntimeRules(model, defaultRuntimeRules());
import { fixturePath } from '../helpers.js';
import { MAJORS, deopts, v8Fixture } from './facts.js';

/** Positioned deopts as "kind reason site": what both formats print. */
function sites(list: string[]): string[] {
  return list.filter((d) => !d.endsWith('| -')).map((d) => d.replace(/\| (turbofan|maglev|-) \|/, '|')).sort();
}

for (const major of MAJORS) {
  test(`node ${major}: trace text and v8.log of one run give the same deopt positions`, async () => {
    const trace = await loadRuntime([v8Fixture(major, 'suite.trace.txt')]);
    const log = await loadRuntime([v8Fixture(major, 'suite.v8.log.gz')]);
    // The log also places lazy and dependency deopts, which trace text never does.
    const logSites = sites(deopts(log.model)).filter((d) => !/deopt-lazy|dependency-change/.test(d));
    assert.equal(sites(deopts(trace.model)), logSites);
  });

  test(`node ${major}: both files merge into one model, counted once per run`, async () => {
    const { model } = await loadRuntime([v8Fixture(major, 'suite.trace.txt'), v8Fixture(major, 'suite.v8.log.gz')]);
    assert.equal(model.sources.map((s) => s.format), ['v8log', 'trace']);
    const getX = [...model.functions.values()].filter((f) => f.name === 'getX');
    assert.is(getX.length, 1, 'trace SFI joined to the log function');
    assert.is(getX[0]!.position?.line, 5);
    const deopt = deriveRuntimeFindings(model).filter((f) => f.ruleId === 'deopt' && f.functionName === 'getX');
    assert.is(deopt.length, 1);
    assert.is(deopt[0]!.message, 'getX was deoptimized once here (deopt-eager: wrong map) in Turbofan: keep one object shape at this site.');
    assert.equal([deopt[0]!.line, deopt[0]!.column], [6, 12]);
    const outer = deriveRuntimeFindings(model).find((f) => f.ruleId === 'deopt' && f.functionName === 'outer')!;
    assert.equal(outer.inlinedAt.map((p) => [path.basename(p.script), p.line, p.column, p.functionName]), [['deopt-eager.js', 23, 10, 'outer']]);
  });
}

test('runtime findings and JSON on node 24', async () => {
  const { model } = await loadRuntime([v8Fixture('24', 'suite.v8.log.gz'), v8Fixture('24', 'suite.trace.txt')]);
  const findings = deriveRuntimeFindings(model).map((f) => `${f.ruleId} ${f.level} ${path.basename(f.script)}:${f.line}:${f.column} ${f.functionName}`);
  assert.equal(findings, [
    'deopt warning deopt-eager.js:6:12 getX',
    'deopt warning deopt-eager.js:10:12 addOne',
    'deopt note deopt-eager.js:14:25 label',
    'deopt warning deopt-eager.js:19:12 outer',
    'deopt note deopt-lazy.js:14:14 area',
    'inlining-rejected note deopt-lazy.js:19:15 widen',
    'inlining-rejected note deopt-lazy.js:49:14 flip',
    'deopt note deopt-lazy.js:53:16 offset',
    'deopt warning deopt-lazy.js:54:3 offset',
    'deopt note hot-osr.js:19:10 ',
    'megamorphic-ic warning ic-states.js:6:12 readX',
    'megamorphic-ic warning ic-states.js:15:10 put',
    'inlining-rejected note inlining.js:10:13 big',
    'inlining-rejected note inlining.js:59:15 never',
    'deopt note inlining.js:80:9 ',
    'deopt warning esm-deopt.mjs:4:29 norm',
  ]);
  const big = deriveRuntimeFindings(model).find((f) => f.ruleId === 'inlining-rejected' && f.functionName === 'big')!;
  assert.is(big.message, 'V8 did not inline big into caller: exceeds bytecode limit in Turbofan: move the rarely run part of it into another function.');
  const json = runtimeJson(model, (s) => (s.includes('/programs/') ? path.basename(s.replace('file://', '')) : undefined));
  assert.is(json.v8, '13.6.233.17-node.53');
  assert.is(json.unmapped, 112, 'node internals are unmapped');
  const ics = json.ics.filter((i) => i.state === 'N').map((i) => `${i.file}:${i.line}:${i.column} ${i.key}`);
  assert.equal(ics, ['ic-states.js:6:12 x', 'ic-states.js:15:10 b']);
  assert.equal(
    json.deopts.filter((d) => d.file === 'deopt-eager.js').map((d) => `${d.function} ${d.line}:${d.column} ${d.kind} ${d.reason} ${d.tier} ×${d.count}`),
    ['getX 6:12 deopt-eager wrong map turbofan ×1', 'addOne 10:12 deopt-eager not a Smi turbofan ×1', 'label 14:25 deopt-eager Insufficient type feedback for generic named access turbofan ×1', 'outer 19:12 deopt-eager wrong map turbofan ×1'],
  );
});

async function rejects(file: string, message: RegExp): Promise<void> {
  try {
    await loadRuntime([file]);
  } catch (e) {
    assert.instance(e, RuntimeInputError);
    assert.match((e as Error).message, message);
    assert.not.match((e as Error).message, /\n/);
    return;
  }
  assert.unreachable(`${file} was accepted`);
}

const malformed = (name: string) => fixturePath('v8', 'malformed', name);

test('truncated last line: parsed rows kept, one note', async () => {
  const { model, notes } = await loadRuntime([malformed('truncated.handmade.log')]);
  assert.equal(deopts(model).length, 0); // not a fixture program; check directly
  assert.equal(model.deopts.map((d) => `${d.kind} ${d.reason} ${d.site?.position.line}:${d.site?.position.column}`), ['deopt-eager wrong map 2:5']);
  assert.equal(notes, [
    'truncated.handmade.log: 1 malformed row skipped (first: line 5, code-deopt: too few fields in "code-deopt,400,40,0x3000,-1,12,deopt-ea")',
    'truncated.handmade.log: last line truncated',
  ]);
});

test('CRLF line endings', async () => {
  const { model, notes } = await loadRuntime([malformed('crlf.handmade.trace.txt')]);
  assert.equal(model.deopts.map((d) => `${d.kind} ${d.reason} ${d.site?.position.script}:${d.site?.position.line}:${d.site?.position.column}`), ['deopt-eager not a Smi /srv/app.js:3:12']);
  assert.equal(notes, ['crlf.handmade.trace.txt: 1 line of program output or unknown text skipped']);
});

test('empty file, binary junk, another program\'s stdout, missing file: one-line RuntimeInputError', async () => {
  await rejects(malformed('empty.handmade.log'), /^empty\.handmade\.log: empty file$/);
  await rejects(malformed('binary.handmade.bin'), /^binary\.handmade\.bin: not V8 output \(no V8 trace or log line found\)$/);
  await rejects(malformed('program-stdout.handmade.txt'), /^program-stdout\.handmade\.txt: not V8 output/);
  await rejects(malformed('does-not-exist.log'), /^does-not-exist\.log: cannot read \(ENOENT\)$/);
});

test('100 MB without a newline: no crash, bounded memory, one-line error', async () => {
  const file = path.join(os.tmpdir(), `jitlint-no-newline-${process.pid}.log`);
  const chunk = new Uint8Array(1 << 20).fill(97);
  const fd = fs.openSync(file, 'w');
  for (let i = 0; i < 100; i++) fs.writeSync(fd, chunk);
  fs.closeSync(fd);
  try {
    await rejects(file, /not V8 output \(no V8 trace or log line found; 1 line over 32 MB skipped\)$/);
  } finally {
    fs.rmSync(file);
  }
});

test('an over-long line inside a valid log is skipped, the rest parsed', async () => {
  const file = path.join(os.tmpdir(), `jitlint-long-line-${process.pid}.log`);
  const head = fs.readFileSync(malformed('truncated.handmade.log'), 'utf8').split('\n').slice(0, 4).join('\n') + '\n';
  fs.writeFileSync(file, head + 'script-source,9,/tmp/big.js,' + 'x'.repeat(33 * 1024 * 1024) + '\n' + head.split('\n')[3] + '\n');
  try {
    const { model, notes } = await loadRuntime([file]);
    assert.is(model.deopts.length, 2);
    assert.equal(notes, [`${path.basename(file)}: 1 line over 32 MB skipped`]);
  } finally {
    fs.rmSync(file);
  }
});

test.run();
