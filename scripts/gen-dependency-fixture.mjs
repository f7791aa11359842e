#!/usr/bin/env node
// Regenerates test/fixtures/dependency/runs/<major>/: test/fixtures/dependency/project/main.js,
// whose hot loop runs in node_modules/@demo/shapes, recorded with `jitlint record` on the Node of
// each major. Its events are only counted unless `--include-package @demo/shapes` asks for them.
//
//   npm run build && node scripts/gen-dependency-fixture.mjs [major ...]   (default: 20)
//
// Logs are kept as record wrote them, except that a large v8.log is gzipped (lossless) and
// manifest.json names v8.log.gz.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { nodeBinary } from './node-cache.mjs';
import { recordFixtureRun } from './record-fixture.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const fixture = path.join(root, 'test', 'fixtures', 'dependency');
const majors = process.argv.slice(2).length ? process.argv.slice(2) : ['20'];

function fail(message) {
  console.error(`gen-dependency-fixture: ${message}`);
  process.exit(1);
}

if (!fs.existsSync(path.join(root, 'dist', 'src', 'record', 'command.js'))) fail('jitlint is not built: run npm run build first');
for (const major of majors) {
  const out = path.join(fixture, 'runs', major);
  const problem = recordFixtureRun(out, path.join(fixture, 'project'), [nodeBinary(major), 'main.js']);
  if (problem) fail(`node ${major}: ${problem}`);
  console.log(`gen-dependency-fixture: node ${major} → ${path.relative(root, out)}`);
}
