// `analyze --decisions` on real recorded runs (test/fixtures/decisions, made by
// scripts/gen-decision-fixtures.mjs): V8's inlining and optimization decisions at source
// positions, checked against the program's text and V8's own --trace-turbo-inlining output of
// the same run; the SARIF decisions run; GitHub's result limits; the docs examples.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { copyFixture, isOneLineError, jitlint } from './cli-helpers.js';
import { fixturePath, repoRoot } from './helpers.js';
import { githubChecklist, schemaValidate } from './sarif-check.js';
import { buildSarif, MAX_DECISION_RESULTS } from '../src/report/sarif.js';
import type { Decision } from '../src/report/model.js';
import { ALL_RULES, DECISION_RULE_IDS } from '../src/rules/index.js';

const dir = copyFixture('decisions');
const source = readFileSync(path.join(dir, 'hot.js'), 'utf8').split('\n');

interface JsonDecision { kind: string; file: string; line: number; column: number; function: string; callee?: string; tier: string; reason?: string; osr?: boolean; count: number }

const decisionCache = new Map<string, JsonDecision[]>();

function decisionsOf(major: string): JsonDecision[] {
  const known = decisionCache.get(major);
  if (known) return known;
  const res = jitlint(['analyze', 'hot.js', '--deopt', `runs/${major}`, '--decisions', '--format', 'json'], dir);
  assert.is(res.code, 0, res.stderr);
  const decisions = (JSON.parse(res.stdout) as { runtime: { decisions: JsonDecision[] } }).runtime.decisions;
  decisionCache.set(major, decisions);
  return decisions;
}

/** 1-based line and column of the first `text` in hot.js (columns as V8 counts them). */
function positionOf(text: string): { line: number; column: number } {
  const i = source.findIndex((l) => l.includes(text));
  assert.ok(i >= 0, text);
  return { line: i + 1, column: source[i]!.indexOf(text) + 1 };
}

/** `Inlining CALLEE into CALLER` lines of --trace-turbo-inlining in the run's stdout, for hot.js's functions. */
function turboInlinings(major: string): Array<[string, string]> {
  const text = readFileSync(path.join(dir, 'runs', major, 'stdout.txt'), 'utf8');
  const ours = new Set(['scale', 'hotLoop', 'osrLoop', '']);
  const out: Array<[string, string]> = [];
  for (const m of text.matchAll(/^Inlining \S+ \{\S+ <SharedFunctionInfo ?(\w*)>\} into \S+ \{\S+ <SharedFunctionInfo ?(\w*)>\}/gm)) {
    if (ours.has(m[1]!) && ours.has(m[2]!) && m[1]) out.push([m[1]!, m[2]!]);
  }
  return out;
}

const line = (d: JsonDecision) => `${d.kind} ${d.file}:${d.line}:${d.column} ${d.function}${d.callee !== undefined ? ` <- ${d.callee}` : ''} ${d.tier}${d.osr ? ' OSR' : ''}${d.reason ? ` (${d.reason})` : ''} ×${d.count}`;

const EXPECTED: Record<string, string[]> = {
  '20': [
    'optimized hot.js:10:17 hotLoop turbofan ×1',
    'optimized hot.js:10:17 hotLoop turbofan OSR ×1',
    'inlined hot.js:12:44 hotLoop <- scale turbofan ×2',
    'optimized hot.js:16:17 osrLoop turbofan OSR ×2',
    'deopt hot.js:18:38 osrLoop turbofan (overflow) ×1',
  ],
  '24': [
    'optimized hot.js:1:1  maglev OSR ×1',
    'optimized hot.js:1:1  turbofan OSR ×1',
    'optimized hot.js:6:15 scale maglev ×1',
    'optimized hot.js:6:15 scale turbofan ×1',
    'optimized hot.js:10:17 hotLoop maglev ×1',
    'optimized hot.js:10:17 hotLoop turbofan ×1',
    'inlined hot.js:12:44 hotLoop <- scale maglev ×3',
    'inlined hot.js:12:44 hotLoop <- scale turbofan ×2',
    'optimized hot.js:16:17 osrLoop maglev OSR ×3',
    'optimized hot.js:16:17 osrLoop turbofan OSR ×2',
    'deopt hot.js:18:3 osrLoop maglev (overflow) ×1',
    'deopt hot.js:18:38 osrLoop turbofan (overflow) ×1',
    'inlined hot.js:23:41  <- hotLoop maglev ×1',
    'inlined hot.js:23:41  <- hotLoop turbofan ×1',
    'deopt hot.js:24:10  turbofan (Insufficient type feedback for call) ×1',
  ],
};

for (const major of ['20', '24']) {
  test(`Node ${major}: the exact decisions of the run`, () => {
    assert.equal(decisionsOf(major).map(line), EXPECTED[major]);
  });

  test(`Node ${major}: scale is inlined into hotLoop at its call site, as --trace-turbo-inlining of the run says`, () => {
    const decisions = decisionsOf(major);
    const call = positionOf('scale(i)');
    assert.equal(call, { line: 12, column: 44 });
    const inlined = decisions.filter((d) => d.kind === 'inlined' && d.callee === 'scale' && d.tier === 'turbofan');
    assert.equal(inlined.map((d) => ({ file: d.file, line: d.line, column: d.column, function: d.function })), [{ file: 'hot.js', ...call, function: 'hotLoop' }]);
    const trace = turboInlinings(major);
    assert.ok(trace.some(([callee, caller]) => callee === 'scale' && caller === 'hotLoop'), JSON.stringify(trace));
    // Every callee Turbofan printed as inlined is a decision, and no other.
    const tracedCallees = [...new Set(trace.map(([callee]) => callee))].sort();
    const decided = [...new Set(decisions.filter((d) => d.kind === 'inlined' && d.tier === 'turbofan').map((d) => d.callee!))].sort();
    assert.equal(decided, tracedCallees);
    // Inlining into the outermost compiled function (trace text) nests through a caller (v8.log): its count is the trace's.
    assert.is(inlined[0]!.count, trace.filter(([callee]) => callee === 'scale').length);
  });
}

test('Node 24: Maglev decisions match --trace-maglev-inlining of the run', () => {
  const text = readFileSync(path.join(dir, 'runs', '24', 'stdout.txt'), 'utf8');
  assert.match(text, /^ {2}greedy inlining \S+ \{\S+ <SharedFunctionInfo scale>\}: small function/m);
  const maglev = decisionsOf('24').filter((d) => d.kind === 'inlined' && d.tier === 'maglev' && d.callee === 'scale');
  // Maglev inlines the call twice per compile (the peeled first iteration too) and logs that copy at
  // the `for`: one decision, at the call.
  assert.equal(maglev.map((d) => `${d.line}:${d.column}`), ['12:44']);
  assert.is(maglev[0]!.count * 2, [...text.matchAll(/greedy inlining \S+ \{\S+ <SharedFunctionInfo scale>\}/g)].length);
});

test('stylish: one Go -m style line per decision, after the findings', () => {
  const res = jitlint(['analyze', 'hot.js', '--deopt', 'runs/20', '--decisions'], dir);
  assert.is(res.code, 0, res.stderr);
  const at = res.stdout.indexOf("V8's decisions");
  assert.ok(at > res.stdout.indexOf('warning'), res.stdout);
  assert.equal(res.stdout.slice(at).split('\n').slice(0, 7), [
    "V8's decisions (5 decisions):",
    'hot.js:10:17: optimized hotLoop (Turbofan)',
    'hot.js:10:17: optimized hotLoop (Turbofan, OSR)',
    'hot.js:12:44: inlined scale into hotLoop (Turbofan, 2 times)',
    'hot.js:16:17: optimized osrLoop (Turbofan, OSR, 2 times)',
    'hot.js:18:38: deoptimized osrLoop: overflow (Turbofan)',
    '',
  ]);
});

test('without --decisions nothing changes: no decisions in stylish, JSON or SARIF', () => {
  for (const format of ['stylish', 'json', 'sarif']) {
    const plain = jitlint(['analyze', 'hot.js', '--deopt', 'runs/24', '--format', format], dir);
    assert.is(plain.code, 0, plain.stderr);
    // (a tier timeline step is `"kind": "optimized"` too: only rule ids and decision lines count)
    assert.not.match(plain.stdout, /decisions|"(?:ruleId|id)": "(?:inlined|optimized)"|: (?:inlined|optimized) /);
    const withDecisions = jitlint(['analyze', 'hot.js', '--deopt', 'runs/24', '--format', format, '--decisions'], dir);
    if (format === 'json') {
      const a = JSON.parse(plain.stdout);
      const b = JSON.parse(withDecisions.stdout);
      delete b.runtime.decisions;
      assert.equal(b, a, 'JSON: the decisions are added, nothing else moves');
    }
    if (format === 'sarif') assert.equal(JSON.parse(withDecisions.stdout).runs[0], JSON.parse(plain.stdout).runs[0], 'SARIF: the first run is the same');
  }
});

test('--decisions without V8 output: one line, exit 2', () => {
  const res = jitlint(['analyze', 'hot.js', '--decisions'], dir);
  assert.is(res.code, 2);
  assert.ok(isOneLineError(res.stderr), res.stderr);
  assert.is(res.stderr, 'jitlint: --decisions: needs V8 output (--deopt FILE, or a `jitlint record` folder)\n');
});

test('SARIF with --decisions: two runs in one file, schema-valid, GitHub checks, byte-stable snapshot', () => {
  const res = jitlint(['analyze', 'hot.js', '--deopt', 'runs/24', '--decisions', '--format', 'sarif'], dir);
  assert.is(res.code, 0, res.stderr);
  const doc = JSON.parse(res.stdout);
  schemaValidate(doc);
  githubChecklist(doc);
  assert.equal(doc.runs.map((r: any) => r.automationDetails.id), ['jitlint/analyze/', 'jitlint/analyze-decisions/']);
  const second = doc.runs[1];
  assert.equal(second.tool.driver.rules.map((r: any) => r.id), ['inlined', 'optimized']);
  assert.not.ok(doc.runs[0].tool.driver.rules.some((r: any) => DECISION_RULE_IDS.has(r.id)), 'the findings run lists no decision rule');
  const where = (r: any) => `${r.ruleId} ${r.level} ${r.locations[0].physicalLocation.artifactLocation.uri}:${r.locations[0].physicalLocation.region.startLine}:${r.locations[0].physicalLocation.region.startColumn}`;
  assert.equal(second.results.map(where), [
    'optimized note hot.js:1:1',
    'optimized note hot.js:6:1',
    'optimized note hot.js:10:1',
    'inlined note hot.js:12:44',
    'optimized note hot.js:16:1',
    'inlined note hot.js:23:41',
  ]);
  const inlined = second.results.find((r: any) => r.ruleId === 'inlined');
  assert.is(inlined.message.text, 'scale was inlined into hotLoop at this call in Maglev, 3 times. scale was inlined into hotLoop at this call in Turbofan, 2 times.');
  assert.equal(inlined.locations[0].physicalLocation.region, { startLine: 12, startColumn: 44, endLine: 12, endColumn: 52 });
  assert.is(second.invocations[0].executionSuccessful, true);

  const snapshot = fixturePath('snapshots', 'decisions.sarif');
  if (process.env['UPDATE_SNAPSHOTS']) writeFileSync(snapshot, res.stdout);
  assert.fixture(res.stdout, readFileSync(snapshot, 'utf8'));
  const again = jitlint(['analyze', 'hot.js', '--deopt', 'runs/24', '--decisions', '--format', 'sarif'], dir);
  assert.is(again.stdout, res.stdout, 'deterministic');
});

function decision(i: number, over: Partial<Decision> = {}): Decision {
  const file = `src/f${i % 50}.js`;
  const ln = Math.floor(i / 50) + 1;
  return {
    kind: 'inlined', ruleId: 'inlined', file, line: ln, column: 5, endLine: ln, endColumn: 12, at: { line: ln, column: 5 },
    function: `caller${i}`, callee: `callee${i}`, tier: 'turbofan', count: (i % 7) + 1,
    message: `callee${i} was inlined into caller${i} at this call in Turbofan.`, functionName: `caller${i}`, snippet: `callee${i}()`, ...over,
  };
}

test('GitHub limits: at most 5,000 decision results, the most important kept, the rest counted in a notification', () => {
  const decisions = Array.from({ length: 30000 }, (_, i) => decision(i));
  // One rarely made decision in a hot function: hotness ranks before how often.
  decisions.push(decision(30000, { count: 1, hotness: { function: 'caller30000', selfPercent: 40, totalPercent: 60 } }));
  const doc = buildSarif({
    toolVersion: '1.2.3', findings: [], rules: [], filesAnalyzed: 0, notifications: [], category: 'test',
    decisions, decisionRules: ALL_RULES.filter((m) => DECISION_RULE_IDS.has(m.id)),
    readSource: () => 'callee();\n'.repeat(700),
  }) as any;
  const run = doc.runs[1];
  assert.is(run.results.length, MAX_DECISION_RESULTS);
  assert.ok(run.results.length <= 25000);
  const kept = new Set(run.results.map((r: any) => r.properties.decisions[0].callee));
  assert.ok(kept.has('callee30000'), 'the hot decision is kept');
  // Counts 1..7 by i % 7: the 4,999 others kept are the 4,285 of count 7 and 714 of count 6 (the first by position).
  const counts = run.results.map((r: any) => r.properties.decisions[0].count);
  assert.is(counts.filter((c: number) => c === 7).length, 4285);
  assert.is(counts.filter((c: number) => c === 6).length, 714);
  assert.is(counts.filter((c: number) => c === 1).length, 1);
  const sixes = decisions.filter((d) => d.count === 6).sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line).slice(0, 714).map((d) => d.callee);
  assert.equal(run.results.filter((r: any) => r.properties.decisions[0].count === 6).map((r: any) => r.properties.decisions[0].callee).sort(), sixes.sort());
  assert.equal(run.invocations[0].toolExecutionNotifications.map((n: any) => n.message.text), [
    '25001 of 30001 decision results left out: GitHub code scanning shows at most 5000 results per run, so the 5000 most important are kept (the hottest when a CPU profile tells, else the decisions V8 made most often).',
  ]);
  // Kept results are in position order, and the file passes the checks (one result per rule and line).
  const pos = run.results.map((r: any) => `${r.locations[0].physicalLocation.artifactLocation.uri}:${String(r.locations[0].physicalLocation.region.startLine).padStart(4, '0')}`);
  assert.equal(pos, [...pos].sort());
  schemaValidate(doc);
  githubChecklist(doc);
});

// The examples of docs/rules/inlined.md and optimized.md are the output of the Node 24 fixture run.
for (const id of ['inlined', 'optimized']) {
  test(`${id}: docs page example is what --decisions prints for the fixture`, () => {
    const page = readFileSync(path.join(repoRoot, 'docs', 'rules', `${id}.md`), 'utf8');
    const block = /^```console decisions=(\S+) run=(\d+)\n([\s\S]*?)^```/m.exec(page);
    assert.ok(block, 'a ```console decisions=ID run=MAJOR block');
    assert.is(block![1], id);
    const [command, ...lines] = block![3]!.trimEnd().split('\n');
    assert.is(command, `$ jitlint analyze hot.js --deopt runs/${block![2]} --decisions`);
    const res = jitlint(['analyze', 'hot.js', '--deopt', `runs/${block![2]}`, '--decisions'], dir);
    const verb = id === 'inlined' ? 'inlined' : 'optimized';
    const printed = res.stdout.split('\n').filter((l) => new RegExp(`^hot\\.js:\\d+:\\d+: ${verb} `).test(l));
    assert.equal(lines, printed);
    // The code shown is the fixture's.
    const code = /^```js\n([\s\S]*?)^```/m.exec(page)![1]!;
    assert.ok(source.join('\n').includes(code.trimEnd()), 'the example code is an excerpt of hot.js');
  });
}

test.run();
