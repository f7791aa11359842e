// Runtime events inside a dependency (test/fixtures/dependency, made by
// scripts/gen-dependency-fixture.mjs on Node 20): counted by default, reported for the packages
// named by --include-package or "includePackages".
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { copyFixture, isOneLineError, jitlint } from './cli-helpers.js';
import { dependencyPackage } from '../src/sites/scripts.js';

const fixture = copyFixture('dependency');
const project = path.join(fixture, 'project');
const run = path.join(fixture, 'runs', '20');

interface Json { findings: Array<{ ruleId: string; file: string; line: number; column: number; level: string }>; summary: { files: number }; notes?: string[] }
const brief = (r: Json) => r.findings.map((f) => `${f.ruleId} ${f.file}:${f.line}:${f.column} ${f.level}`);
const APP = 'megamorphic-ic main.js:7:3 warning';
const DEPENDENCY = ['megamorphic-ic node_modules/@demo/shapes/index.js:4:10 warning', 'megamorphic-ic node_modules/@demo/shapes/index.js:4:16 warning'];

test('by default a dependency is counted, not reported', () => {
  const res = jitlint(['analyze', 'main.js', '--deopt', run, '--format', 'json'], project);
  assert.is(res.code, 0, res.stderr);
  const r = JSON.parse(res.stdout) as Json;
  assert.equal(brief(r), [APP]);
  assert.is(r.summary.files, 1);
});

test('--include-package reports its events at their lines', () => {
  const res = jitlint(['analyze', 'main.js', '--deopt', run, '--include-package', '@demo/shapes', '--format', 'json'], project);
  assert.is(res.code, 0, res.stderr);
  const r = JSON.parse(res.stdout) as Json;
  assert.equal(brief(r), [APP, ...DEPENDENCY]);
  assert.is(r.summary.files, 2, 'the dependency file counts among the files');
  const stylish = jitlint(['analyze', 'main.js', '--deopt', run, '--include-package', '@demo/shapes'], project);
  assert.match(stylish.stdout, /3 problems \(0 errors, 3 warnings\) in 2 of 2 files/);
});

test('another package name reports nothing more', () => {
  const res = jitlint(['analyze', 'main.js', '--deopt', run, '--include-package', 'shapes', '--format', 'json'], project);
  assert.equal(brief(JSON.parse(res.stdout) as Json), [APP]);
});

test('"includePackages" in the configuration does the same', () => {
  const dir = copyFixture('dependency');
  fs.writeFileSync(path.join(dir, 'project', 'jitlint.config.json'), JSON.stringify({ includePackages: ['@demo/shapes'] }));
  const res = jitlint(['analyze', 'main.js', '--deopt', path.join(dir, 'runs', '20'), '--format', 'json'], path.join(dir, 'project'));
  assert.is(res.code, 0, res.stderr);
  assert.equal(brief(JSON.parse(res.stdout) as Json), [APP, ...DEPENDENCY]);
});

test('a name that is no package name is a usage error on one line', () => {
  const res = jitlint(['analyze', 'main.js', '--deopt', run, '--include-package', '../shapes'], project);
  assert.is(res.code, 2);
  assert.ok(isOneLineError(res.stderr), res.stderr);
  assert.match(res.stderr, /--include-package "\.\.\/shapes": expected a package name/);
  const dir = copyFixture('dependency');
  fs.writeFileSync(path.join(dir, 'project', 'jitlint.config.json'), JSON.stringify({ includePackages: 'x' }));
  const bad = jitlint(['analyze', 'main.js'], path.join(dir, 'project'));
  assert.is(bad.code, 2);
  assert.match(bad.stderr, /"includePackages" must be an array of package names/);
});

test('the package of a path is the one under the last node_modules', () => {
  assert.is(dependencyPackage(['a', 'node_modules', 'x', 'node_modules', '@s', 'y', 'i.js']), '@s/y');
  assert.is(dependencyPackage(['node_modules', 'lodash', 'map.js']), 'lodash');
  assert.is(dependencyPackage(['src', 'a.ts']), undefined);
});

test.run();
