// Cross-reference on real recorded runs (test/fixtures/xref, made by scripts/gen-xref-fixtures.mjs):
// runtime findings at .ts positions through source maps, ESM URLs and type stripping; static
// findings confirmed by the run, in JSON and SARIF; logs analyzed from a copy of the project.
import { cpSync, mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { jitlint } from './cli-helpers.js';
import { fixturePath } from './helpers.js';
import { githubChecklist, schemaValidate } from './sarif-check.js';

interface JsonFinding { ruleId: string; level: string; file: string; line: number; column: number; endLine: number; endColumn: number; message: string; confirmed: boolean; evidence?: Array<{ kind: string; message: string; line: number; column: number }> }

// A copy of the fixture in another directory than the one the runs were recorded in.
const copy = mkdtempSync(path.join(os.tmpdir(), 'jitlint-xref-'));
cpSync(fixturePath('xref'), copy, { recursive: true });
const project = path.join(copy, 'project');

const RUNTIME = new Set(['deopt', 'deopt-loop', 'inlining-rejected', 'megamorphic-ic']);
const brief = (f: JsonFinding) => `${f.ruleId} ${f.file}:${f.line}:${f.column}-${f.endLine}:${f.endColumn} ${f.level}${f.confirmed ? ' confirmed' : ''}`;

function analyze(...args: string[]): { findings: JsonFinding[]; runtime: { deopts: Array<{ file: string; line: number }>; unmapped: number } } {
  const res = jitlint(['analyze', 'src', '--format', 'json', ...args], project);
  assert.is(res.code, 1, res.stderr);
  return JSON.parse(res.stdout);
}

// Site-exact: an IC or deopt inside the flagged expression (megamorphic-call-site, any-boxing's
// member access), on the parameter's use in the callee (any-boxing's argument at line 37, by the
// IC and deopt in idOf at line 32), on a read of the same object after the delete (line 70). The
// allocation rules (closure, spread, string, arguments copy) are not confirmed by ICs at all, and
// the keyed IC on `acc[...]` at 50:97 does not confirm the read of `item.kind` inside it. The
// three reads of `item` on line 50 are one megamorphic-call-site finding (one per receiver and
// function), at the first read; ICs at any of its reads confirm it.
const STATIC_CONFIRMED = [
  'megamorphic-call-site src/main.ts:8:35-8:42 warning confirmed',
  'megamorphic-call-site src/patterns.ts:26:49-26:61 warning confirmed',
  'any-boxing src/patterns.ts:32:10-32:18 warning confirmed',
  'any-boxing src/patterns.ts:37:41-37:45 warning confirmed',
  'megamorphic-call-site src/patterns.ts:50:74-50:83 warning confirmed',
  'megamorphic-call-site src/patterns.ts:58:12-58:19 warning confirmed',
  'delete-property src/patterns.ts:69:23-69:39 warning confirmed',
];

const NOT_CONFIRMED = [
  'closure-in-loop src/patterns.ts:44:42-44:47 note',
  'accumulating-spread src/patterns.ts:50:63-50:123 error',
  'string-concat-in-loop src/patterns.ts:57:28-57:38 warning',
  'arguments-leak src/patterns.ts:78:28-78:65 note',
];

/** The evidence each confirmed finding carries (`line:column kind line:column, …`), per run: only what is at its site. */
const EVIDENCE: Record<string, string[]> = {
  '20-cjs': [
    '8:35 ic 8:40',
    '26:49 deopt 26:59, deopt 26:59, ic 26:59',
    '32:10 deopt 32:16, ic 32:16',
    '37:41 deopt 32:16, ic 32:16',
    '50:74 ic 50:79, ic 50:91',
    '58:12 deopt 58:17, ic 58:17',
    '69:23 ic 70:19',
  ],
  '24-cjs': [
    '8:35 ic 8:40',
    '26:49 ic 26:59',
    '32:10 deopt 32:16, ic 32:16',
    '37:41 deopt 32:16, ic 32:16',
    '50:74 ic 50:79, ic 50:91',
    '58:12 ic 58:17',
    '69:23 ic 70:19',
  ],
};

const MEGAMORPHIC_SITES = [
  'megamorphic-ic src/main.ts:8:35-8:42 warning',
  'megamorphic-ic src/patterns.ts:26:49-26:61 warning',
  'megamorphic-ic src/patterns.ts:32:10-32:18 warning',
  'megamorphic-ic src/patterns.ts:44:48-44:55 warning',
  'megamorphic-ic src/patterns.ts:50:74-50:83 warning',
  'megamorphic-ic src/patterns.ts:50:86-50:93 warning',
  'megamorphic-ic src/patterns.ts:50:97-50:111 warning',
  'megamorphic-ic src/patterns.ts:58:12-58:19 warning',
];

test('Node 20, CommonJS with source maps: deopts at the exact .ts expressions', () => {
  const r = analyze('--deopt', '../runs/20-cjs');
  const runtime = r.findings.filter((f) => RUNTIME.has(f.ruleId)).map(brief);
  assert.equal(runtime.filter((b) => b.startsWith('deopt ')), [
    'deopt src/patterns.ts:26:49-26:61 warning',
    'deopt src/patterns.ts:26:49-26:61 warning',
    'deopt src/patterns.ts:32:10-32:18 warning',
    'deopt src/patterns.ts:44:48-44:55 warning',
    'deopt src/patterns.ts:58:12-58:19 warning',
    'deopt src/patterns.ts:80:50-80:59 warning',
  ]);
  assert.equal(runtime.filter((b) => b.startsWith('megamorphic-ic ')), MEGAMORPHIC_SITES);
  const sumIds = r.findings.find((f) => f.ruleId === 'deopt' && f.line === 26 && f.message.startsWith('sumIds'))!;
  assert.is(sumIds.message, 'sumIds was deoptimized once here (deopt-eager: wrong map) in Turbofan: keep one object shape at this site. Likely caused by the receiver with many shapes at line 26 (megamorphic-call-site).');
  assert.ok(r.findings.every((f) => !f.file.includes('build-')), 'no generated JS in findings');
});

test('Node 24, CommonJS: deopts in Maglev and Turbofan at .ts positions', () => {
  const r = analyze('--deopt', '../runs/24-cjs');
  assert.equal(r.findings.filter((f) => f.ruleId === 'deopt').map(brief), [
    'deopt src/main.ts:16:15-16:26 note',
    'deopt src/main.ts:18:1-18:12 note',
    'deopt src/patterns.ts:32:10-32:18 warning',
    'deopt src/patterns.ts:44:48-44:55 warning',
    'deopt src/patterns.ts:56:3-56:6 warning',
    'deopt src/patterns.ts:80:3-80:6 warning',
  ]);
  assert.equal(r.findings.filter((f) => f.ruleId === 'megamorphic-ic').map(brief), MEGAMORPHIC_SITES);
});

test('the same program as ESM (file:// URLs) and via type stripping gives the same .ts sites', () => {
  const sites = (run: string) => {
    const r = analyze('--deopt', `../runs/${run}`);
    const deopts = r.findings.filter((f) => f.ruleId === 'deopt' && /wrong map\) in Turbofan/.test(f.message)).map((f) => `${f.message.split(' ')[0]} ${brief(f)}`);
    return { deopts, ics: r.findings.filter((f) => f.ruleId === 'megamorphic-ic').map(brief) };
  };
  const cjs = sites('24-cjs');
  assert.equal(cjs.deopts, ['idOf deopt src/patterns.ts:32:10-32:18 warning', '(anonymous) deopt src/patterns.ts:44:48-44:55 warning']);
  for (const run of ['24-esm', '24-strip']) {
    const other = sites(run);
    assert.equal(other.ics, cjs.ics, run);
    // These runs also deoptimized joinIds in Turbofan (the CommonJS run did so in Maglev).
    assert.equal(other.deopts, [...cjs.deopts, 'joinIds deopt src/patterns.ts:58:12-58:19 warning'], run);
  }
});

test('static findings are confirmed by site-exact evidence only (JSON): level raised, evidence attached', () => {
  for (const run of ['20-cjs', '24-cjs']) {
    const r = analyze('--deopt', `../runs/${run}`);
    const confirmed = r.findings.filter((f) => f.confirmed);
    assert.equal(confirmed.map(brief), STATIC_CONFIRMED, run);
    assert.equal(r.findings.filter((f) => !f.confirmed && !RUNTIME.has(f.ruleId)).map(brief), NOT_CONFIRMED, run);
    assert.equal(confirmed.map((f) => `${f.line}:${f.column} ${(f.evidence ?? []).map((e) => `${e.kind} ${e.line}:${e.column}`).join(', ')}`), EVIDENCE[run], run);
    for (const f of confirmed) {
      const named = f.evidence!.slice(0, 3).map((e) => e.message).join('; ');
      assert.ok(f.message.endsWith(` Confirmed by V8 in a recorded run: ${named}.`), f.message);
    }
  }
  const plain = analyze();
  const before = plain.findings.find((f) => f.ruleId === 'delete-property')!;
  assert.is(before.level, 'note');
  assert.is(before.confirmed, false);
});

test('confirmed findings in SARIF: message, properties, related locations; GitHub checklist holds', () => {
  const res = jitlint(['analyze', 'src', '--format', 'sarif', '--deopt', '../runs/24-cjs'], project);
  assert.is(res.code, 1, res.stderr);
  const doc = JSON.parse(res.stdout);
  schemaValidate(doc);
  githubChecklist(doc);
  const results = doc.runs[0].results as Array<any>;
  const at = (l: any) => `${l.physicalLocation.artifactLocation.uri}:${l.physicalLocation.region.startLine}`;
  // `ruleId file:line, evidence count, related locations`; the reads of `item` on line 50 are one megamorphic-call-site result.
  assert.equal(
    results.filter((r) => r.properties.confirmed).map((r) => `${r.ruleId} ${at(r.locations[0])}, ${r.properties.evidence.length} evidence, related ${r.relatedLocations.map(at).join(' ')}`),
    [
      'megamorphic-call-site src/main.ts:8, 1 evidence, related src/main.ts:8',
      'megamorphic-call-site src/patterns.ts:26, 1 evidence, related src/patterns.ts:26',
      'any-boxing src/patterns.ts:32, 2 evidence, related src/patterns.ts:32 src/patterns.ts:32',
      'any-boxing src/patterns.ts:37, 2 evidence, related src/patterns.ts:32 src/patterns.ts:32',
      'megamorphic-call-site src/patterns.ts:50, 2 evidence, related src/patterns.ts:50 src/patterns.ts:50',
      'megamorphic-call-site src/patterns.ts:58, 1 evidence, related src/patterns.ts:58',
      'delete-property src/patterns.ts:69, 1 evidence, related src/patterns.ts:70',
    ],
  );
  for (const r of results.filter((x) => x.properties.confirmed)) assert.ok(r.message.text.includes(' Confirmed by V8 in a recorded run: '), r.message.text);
  const notes = doc.runs[0].invocations[0].toolExecutionNotifications.map((n: any) => n.message.text);
  assert.equal(notes, [
    'trace.txt: 1 line of program output or unknown text skipped',
    'stdout.txt: 40 lines of program output or unknown text skipped',
    '69 runtime events in node internals/node_modules/eval were not mapped',
    '4 notes (2 candidates without runtime evidence, 2 minor runtime events) not included; --show-notes includes them.',
  ]);
  assert.equal(results.filter((r) => /build-/.test(r.locations[0].physicalLocation.artifactLocation.uri)).map(at), []);
});

test('logs recorded in another directory map with --root, and by path suffix without it', () => {
  const manifest = JSON.parse(readFileSync(path.join(copy, 'runs', '24-cjs', 'manifest.json'), 'utf8')) as { cwd: string };
  const files = ['--deopt', '../runs/24-cjs/trace.txt', '--deopt', '../runs/24-cjs/v8.log.gz'];
  const viaDir = analyze('--deopt', '../runs/24-cjs').findings.filter((f) => f.ruleId === 'deopt' || f.ruleId === 'megamorphic-ic').map(brief);
  const withRoot = analyze(...files, '--root', manifest.cwd).findings.filter((f) => f.ruleId === 'deopt' || f.ruleId === 'megamorphic-ic').map(brief);
  const bySuffix = analyze(...files).findings.filter((f) => f.ruleId === 'deopt' || f.ruleId === 'megamorphic-ic').map(brief);
  assert.equal(viaDir, [
    'megamorphic-ic src/main.ts:8:35-8:42 warning',
    'deopt src/main.ts:16:15-16:26 note',
    'deopt src/main.ts:18:1-18:12 note',
    'megamorphic-ic src/patterns.ts:26:49-26:61 warning',
    'deopt src/patterns.ts:32:10-32:18 warning',
    'megamorphic-ic src/patterns.ts:32:10-32:18 warning',
    'deopt src/patterns.ts:44:48-44:55 warning',
    'megamorphic-ic src/patterns.ts:44:48-44:55 warning',
    'megamorphic-ic src/patterns.ts:50:74-50:83 warning',
    'megamorphic-ic src/patterns.ts:50:86-50:93 warning',
    'megamorphic-ic src/patterns.ts:50:97-50:111 warning',
    'deopt src/patterns.ts:56:3-56:6 warning',
    'megamorphic-ic src/patterns.ts:58:12-58:19 warning',
    'deopt src/patterns.ts:80:3-80:6 warning',
  ]);
  assert.equal(withRoot, viaDir);
  assert.equal(bySuffix, viaDir);
  assert.is.not(manifest.cwd, project);
});

test.run();
