#!/usr/bin/env node
// Regenerates test/fixtures/dependency/runs/<major>/: test/fixtures/dependency/project/main.js,
// whose hot loop runs in node_modules/@demo/shapes, recorded with `jitlint record` on the Node of
// each major. Its events are only counted unless `--include-package @demo/shapes` asks for them.
//
//   npm run build && node scripts/gen-dependency-fixture.mjs [major ...]   (default: 20)
//
// Logs are kept as record wrote them, except that a large v8.log is gzipped (lossless) and
// manifest.json names v8.log.gz.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { nodeBinary } from './node-cache.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const fixture = path.join(root, 'test', 'fixtures', 'dependency');
const jitlintBin = path.join(root, 'bin', 'jitlint.js');
const GZIP_ABOVE = 256 * 1024;
const majors = process.argv.slice(2).length ? process.argv.slice(2) : ['20'];

function fail(message) {
  console.error(`gen-dependency-fixture: ${message}`);
  process.exit(1);
}

if (!fs.existsSync(path.join(root, 'dist', 'src', 'record', 'command.js'))) fail('jitlint is not built: run npm run build first');
for (const major of majors) {
  const out = path.join(fixture, 'runs', major);
  fs.rmSync(out, { recursive: true, force: true });
  const res = spawnSync(process.execPath, [jitlintBin, 'record', '--out', out, '--', nodeBinary(major), 'main.js'], { cwd: path.join(fixture, 'project'), encoding: 'utf8' });
  if (res.status !== 0) {
    process.stderr.write(res.stderr);
    fail(`node ${major}: jitlint record exited with ${res.status}`);
  }
  const manifestFile = path.join(out, 'manifest.json');
  const manifest = JSON.parse(fs.readFileSync(manifestFile, 'utf8'));
  const renamed = new Map();
  for (const name of manifest.files?.log ?? []) {
    const log = path.join(out, name);
    if (fs.statSync(log).size <= GZIP_ABOVE) continue;
    fs.writeFileSync(`${log}.gz`, zlib.gzipSync(fs.readFileSync(log), { level: 9 }));
    fs.rmSync(log);
    renamed.set(name, `${name}.gz`);
  }
  const rename = (names) => names?.map((n) => renamed.get(n) ?? n);
  manifest.files.log = rename(manifest.files.log);
  for (const p of manifest.processes ?? []) if (p.files?.log) p.files.log = rename(p.files.log);
  fs.writeFileSync(manifestFile, `${JSON.stringify(manifest, null, 2)}\n`);
  console.log(`gen-dependency-fixture: node ${major} → ${path.relative(root, out)}`);
}
