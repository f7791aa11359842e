#!/usr/bin/env node
// Regenerates test/fixtures/minified/: test/fixtures/minified/project/src/app.ts bundled and
// minified by esbuild (with a source map, so V8 runs `k` where the source says `sumField`), then
// recorded with `jitlint record` on the Node of each major into runs/<major>/.
//
//   npm run build && node scripts/gen-minified-fixture.mjs [major ...]   (default: 20)
//
// esbuild is installed once into ~/.cache/jitlint/tools (pinned), not into this repository.
// Logs are kept as record wrote them, except that a large v8.log is gzipped (lossless) and
// manifest.json names v8.log.gz.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { cacheDir, nodeBinary } from './node-cache.mjs';
import { recordFixtureRun } from './record-fixture.mjs';

const ESBUILD = 'esbuild@0.25.12';
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const project = path.join(root, 'test', 'fixtures', 'minified', 'project');
const majors = process.argv.slice(2).length ? process.argv.slice(2) : ['20'];

function fail(message) {
  console.error(`gen-minified-fixture: ${message}`);
  process.exit(1);
}

function esbuildBinary() {
  const prefix = path.join(cacheDir, 'tools');
  const bin = path.join(prefix, 'node_modules', '.bin', 'esbuild');
  if (!fs.existsSync(bin)) {
    const res = spawnSync('npm', ['install', '--no-audit', '--no-fund', '--prefix', prefix, ESBUILD], { stdio: ['ignore', 'ignore', 'inherit'] });
    if (res.status !== 0 || !fs.existsSync(bin)) fail(`could not install ${ESBUILD} into ${prefix}`);
  }
  return bin;
}

if (!fs.existsSync(path.join(root, 'dist', 'src', 'record', 'command.js'))) fail('jitlint is not built: run npm run build first');
fs.rmSync(path.join(project, 'dist'), { recursive: true, force: true });
const built = spawnSync(esbuildBinary(), ['src/app.ts', '--bundle', '--minify', '--sourcemap', '--platform=node', '--outfile=dist/app.js'], { cwd: project, stdio: 'inherit' });
if (built.status !== 0) fail('esbuild failed');

for (const major of majors) {
  const out = path.join(project, '..', 'runs', major);
  const problem = recordFixtureRun(out, project, [nodeBinary(major), 'dist/app.js']);
  if (problem) fail(`node ${major}: ${problem}`);
  console.log(`gen-minified-fixture: node ${major} → ${path.relative(root, out)}`);
}
