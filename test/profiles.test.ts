// Profiles on real recorded runs (test/fixtures/profiles, made by scripts/gen-profile-fixtures.mjs:
// program.js recorded with `jitlint record` on Node 20 and Node 24): exact parsed values, the
// profile shares against a direct count of the .cpuprofile, hotness on findings and --sort
// hotness, allocation confirmation, GC lines, and profiles that are cut, empty or not JSON.
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { jitlint } from './cli-helpers.js';
import { fixturePath } from './helpers.js';
import { parseCpuProfile } from '../src/runtime/profile/cpu.js';
import { parseHeapProfile } from '../src/runtime/profile/heap.js';
import { JsonBytes } from '../src/runtime/profile/json-bytes.js';
import { heapKeepsGrowing } from '../src/pipeline/profiles.js';
import { addGcLine } from '../src/runtime/trace/gc.js';
import { emptyModel } from '../src/runtime/model.js';
import { gcLine } from '../src/cli/top.js';
import { HEAVY_BYTES, HEAVY_PERCENT, confirmByAllocations } from '../src/correlate/allocations.js';

// A copy in another directory than the one the runs were recorded in (paths map through the manifest's cwd).
const copy = path.join(mkdtempSync(path.join(os.tmpdir(), 'jitlint-profiles-')), 'profiles');
cpSync(fixturePath('profiles'), copy, { recursive: true });

interface Manifest { files: Record<string, string[]> }
const manifest = (run: string): Manifest => JSON.parse(readFileSync(path.join(copy, run, 'manifest.json'), 'utf8'));
const cpuFile = (run: string) => path.join(copy, run, manifest(run).files['cpuprofile']![0]!);
const heapBytes = (run: string) => new Uint8Array(zlib.gunzipSync(new Uint8Array(readFileSync(path.join(copy, run, manifest(run).files['heapprofile']![0]!)))));

interface Report {
  findings: Array<{ ruleId: string; line: number; column: number; level: string; confirmed: boolean; hotness?: { function: string; selfPercent: number; totalPercent: number; linePercent?: number }; allocated?: { bytes: number; percent: number }; evidence?: Array<{ kind: string; message: string; bytes?: number }> }>;
  runtime: {
    profile: { samples: number; durationMs: number; gcPercent: number; functions: Array<{ name: string; file: string; line: number; column: number; selfPercent: number; totalPercent: number }> };
    allocations: { bytes: number; functions: Array<{ name: string; file: string; line: number; column: number; bytes: number; percent: number }> };
    gc: { kinds: Array<{ kind: string; count: number; pauseMs: number }>; collections: number; pauseMs: number; gcPercent?: number; growing?: unknown };
  };
}

function analyze(run: string, ...args: string[]): Report {
  const res = jitlint(['analyze', 'program.js', '--format', 'json', '--deopt', run, ...args], copy);
  assert.is(res.code, 1, res.stderr);
  return JSON.parse(res.stdout);
}

// Exact values of the committed profiles, as the readers give them.
const EXPECTED = {
  node20: {
    samples: 629, durationMs: 918.075, gcSamples: 85,
    fns: [['', 1, 1, 90, 425], ['coldLoop', 22, 18, 2, 2], ['hotLoop', 10, 17, 175, 175], ['collect', 34, 17, 155, 155]],
    heap: { bytes: 1693843176, fns: [['collect', 34, 17, 1501495232], ['coldLoop', 22, 18, 163952], ['hotLoop', 10, 17, 190788272], ['scale', 6, 15, 34048]] },
    gc: [{ kind: 'Scavenge', count: 485 }, { kind: 'Mark-Compact', count: 1 }],
  },
  node24: {
    samples: 526, durationMs: 558.083, gcSamples: 68,
    fns: [['', 1, 1, 55, 388], ['coldLoop', 22, 18, 2, 2], ['hotLoop', 10, 17, 191, 192], ['scale', 6, 15, 1, 1], ['collect', 34, 17, 137, 137]],
    heap: { bytes: 1690396168, fns: [['collect', 34, 17, 1505632808], ['coldLoop', 22, 18, 262368], ['hotLoop', 10, 17, 183737640], ['scale', 6, 15, 69888]] },
    gc: [{ kind: 'Scavenge', count: 435 }, { kind: 'Mark-Compact', count: 1 }],
  },
} as const;

for (const run of ['node20', 'node24'] as const) {
  test(`${run}: the .cpuprofile and .heapprofile read to exact counts`, () => {
    const e = EXPECTED[run];
    const p = parseCpuProfile(new Uint8Array(readFileSync(cpuFile(run))), 'x');
    assert.is(p.samples, e.samples);
    assert.is(p.durationMs, e.durationMs);
    assert.is(p.gcSamples, e.gcSamples);
    const mine = p.functions.filter((f) => f.script.endsWith('/program.js')).map((f) => [f.name, f.line, f.column, f.self, f.total]);
    assert.equal(mine, e.fns);
    const h = parseHeapProfile(heapBytes(run), 'x');
    assert.is(h.bytes, e.heap.bytes);
    assert.equal(h.functions.filter((f) => f.script.endsWith('/program.js')).map((f) => [f.name, f.line, f.column, f.bytes]), e.heap.fns);
  });

  test(`${run}: runtime.profile's hottest self share equals a direct count of the .cpuprofile; hot finding sorts first`, () => {
    const r = analyze(run, '--sort', 'hotness', '--show-notes');
    const top = r.runtime.profile.functions[0]!;
    assert.equal([top.name, top.file, top.line, top.column], ['hotLoop', 'program.js', 10, 17]);
    // Directly from the file: samples whose node is hotLoop, over all samples.
    const raw = JSON.parse(readFileSync(cpuFile(run), 'utf8')) as { nodes: Array<{ id: number; callFrame: { functionName: string } }>; samples: number[] };
    const name = new Map(raw.nodes.map((n) => [n.id, n.callFrame.functionName]));
    const direct = (raw.samples.filter((s) => name.get(s) === 'hotLoop').length * 100) / raw.samples.length;
    assert.ok(Math.abs(top.selfPercent - direct) <= 2, `${top.selfPercent} vs ${direct}`);
    assert.is(r.runtime.profile.samples, raw.samples.length);

    // The same rule in the hot and the cold function: the hot one carries hotness and comes first.
    const closures = r.findings.filter((f) => f.ruleId === 'closure-in-loop');
    assert.equal(closures.map((f) => f.line), [14, 26]);
    assert.is(closures[0]!.hotness!.function, 'hotLoop');
    assert.is(closures[0]!.hotness!.selfPercent, top.selfPercent);
    const cold = EXPECTED[run].fns.find((f) => f[0] === 'coldLoop')!;
    assert.is(closures[1]!.hotness!.function, 'coldLoop');
    assert.is(closures[1]!.hotness!.selfPercent, Math.round((cold[3] * 10000) / EXPECTED[run].samples) / 100);
    // Sorted by self share: the findings with hotness in descending order, then the rest.
    const shares = r.findings.map((f) => f.hotness?.selfPercent ?? -1);
    assert.equal(shares, [...shares].sort((a, b) => b - a));
  });

  test(`${run}: the allocation profile gives most bytes to collect, whose accumulating-spread is confirmed by them`, () => {
    const r = analyze(run);
    const a = r.runtime.allocations;
    assert.is(a.bytes, EXPECTED[run].heap.bytes);
    const first = a.functions[0]!;
    assert.equal([first.name, first.line, first.column, first.bytes], ['collect', 34, 17, EXPECTED[run].heap.fns[0][3]]);
    assert.ok(first.percent > 50, String(first.percent));
    const spread = r.findings.find((f) => f.ruleId === 'accumulating-spread')!;
    assert.equal([spread.line, spread.column, spread.level, spread.confirmed], [37, 12, 'error', true]);
    assert.equal(spread.allocated, { bytes: first.bytes, percent: first.percent });
    const ev = spread.evidence!.find((x) => x.kind === 'allocation')!;
    assert.is(ev.bytes, first.bytes);
    assert.match(ev.message, /^collect allocated \d+\.\d [KMG]B \(\d+(?:\.\d+)?% of the bytes sampled in the run\)$/);
    // coldLoop's closure allocated a few hundred KB: under the threshold, not confirmed.
    const coldClosure = r.findings.find((f) => f.ruleId === 'closure-in-loop' && f.line === 26)!;
    assert.is(coldClosure.confirmed, false);
    assert.ok(coldClosure.allocated!.bytes < 1024 * 1024);
  });

  test(`${run}: GC lines counted by kind, share of samples in the collector`, () => {
    const r = analyze(run);
    assert.equal(r.runtime.gc.kinds.map((k) => ({ kind: k.kind, count: k.count })), EXPECTED[run].gc);
    assert.is(r.runtime.gc.collections, EXPECTED[run].gc.reduce((s, k) => s + k.count, 0));
    assert.is(r.runtime.gc.gcPercent, Math.round((EXPECTED[run].gcSamples * 10000) / EXPECTED[run].samples) / 100);
    assert.is(r.runtime.gc.growing, undefined);
  });
}

test('--min-hotness drops findings in functions under the share (and those no profile saw)', () => {
  const r = analyze('node20', '--min-hotness', '20', '--show-notes');
  assert.ok(r.findings.length > 0);
  assert.ok(r.findings.every((f) => f.hotness && f.hotness.totalPercent >= 20));
  assert.not.ok(r.findings.some((f) => f.line === 26));
});

test('stylish shows the share and bytes beside each finding', () => {
  const res = jitlint(['analyze', 'program.js', '--deopt', 'node20', '--sort', 'hotness'], copy);
  assert.is(res.code, 1, res.stderr);
  const row = res.stdout.split('\n').find((l) => l.includes('accumulating-spread'))!;
  assert.match(row, /^  37:12 +error +24\.6% cpu 1\.4 GB +`\[\.\.\.rows, …\]` copies/);
});

test('a .cpuprofile or .heapprofile given to --deopt directly: detected by content', () => {
  const res = jitlint(['analyze', 'program.js', '--format', 'json', '--deopt', cpuFile('node24'), '--root', path.join(copy)], copy);
  assert.is(res.code, 1, res.stderr);
  const r = JSON.parse(res.stdout) as Report;
  assert.is(r.runtime.profile.samples, EXPECTED.node24.samples);
  // renamed: still a CPU profile (content, not name)
  const renamed = path.join(copy, 'profile.json');
  writeFileSync(renamed, new Uint8Array(readFileSync(cpuFile('node24'))));
  const res2 = jitlint(['analyze', 'program.js', '--format', 'json', '--deopt', 'profile.json'], copy);
  assert.is((JSON.parse(res2.stdout) as Report).runtime.profile.samples, EXPECTED.node24.samples);
  const heap = path.join(copy, 'a.heapprofile');
  writeFileSync(heap, heapBytes('node24'));
  const res3 = jitlint(['analyze', 'program.js', '--format', 'json', '--deopt', 'a.heapprofile'], copy);
  assert.is((JSON.parse(res3.stdout) as Report).runtime.allocations.bytes, EXPECTED.node24.heap.bytes);
});

test('a cut, empty or not-JSON profile: one clear line, exit 2, the static findings and the other inputs still reported', () => {
  const whole = new Uint8Array(readFileSync(cpuFile('node20')));
  const cases: Array<[string, Uint8Array | string, string]> = [
    ['malformed-truncated.cpuprofile', whole.subarray(0, Math.floor(whole.length / 2)), `malformed-truncated.cpuprofile: truncated CPU profile (the JSON ends early, at byte ${Math.floor(whole.length / 2)})`],
    ['malformed-empty.cpuprofile', '', 'malformed-empty.cpuprofile: empty file'],
    ['malformed-text.heapprofile', 'not a profile\n', 'malformed-text.heapprofile: not a heap profile (not JSON)'],
    ['malformed-shape.cpuprofile', '{"nodes": 3, "callFrame": 1}', 'malformed-shape.cpuprofile: not a CPU profile (invalid JSON: expected \'[\' at byte 10)'],
  ];
  for (const [name, body, line] of cases) {
    writeFileSync(path.join(copy, name), body);
    const res = jitlint(['analyze', 'program.js', '--format', 'json', '--deopt', name, '--deopt', 'node20'], copy);
    assert.is(res.code, 2, name);
    assert.equal(res.stderr.split('\n').filter((l) => l.includes(name)), [`jitlint: --deopt ${line}`], res.stderr);
    const r = JSON.parse(res.stdout) as Report;
    assert.ok(r.findings.some((f) => f.ruleId === 'accumulating-spread' && f.confirmed), name);
    assert.is(r.runtime.profile.samples, EXPECTED.node20.samples, name);
  }
});

test('top: the hottest functions with shares, bytes, tiers, deopts, inlining, findings; the GC line', () => {
  const res = jitlint(['top', '--deopt', 'node20', '-n', '2'], copy);
  assert.is(res.code, 0, res.stderr);
  assert.equal(res.stdout.split('\n'), [
    'Showing 2 of 5 profiled functions (629 samples over 918 ms, 1.6 GB allocated, node v20.20.2)',
    '     self    total      alloc  function',
    '   27.82%   27.82%   181.9 MB  hotLoop  program.js:10:17',
    '                                tiers: interpreted → Turbofan (OSR) → deopt → Turbofan (OSR)',
    '                                deopts: 1× Insufficient type feedback for compare operation (line 12)',
    '                                inlined: pick, scale',
    '                                12:3 deopt (note)',
    '                                14:20 closure-in-loop (warning, confirmed)',
    '   24.64%   24.64%     1.4 GB  collect  program.js:34:17',
    '                                tiers: interpreted → Turbofan (OSR) → deopt → Turbofan → deopt → Turbofan (OSR) → Turbofan',
    '                                deopts: 2× Insufficient type feedback for generic named access (line 39); 1× wrong map (line 37)',
    '                                37:12 accumulating-spread (error, confirmed)',
    '                                37:16 deopt (warning)',
    '                                39:10 deopt (warning)',
    '                                39:10 deopt-loop (error)',
    '',
    'GC: 486 collections: 485 Scavenge (100.0 ms), 1 Mark-Compact (13.0 ms); 113.0 ms paused; 13.51% of CPU samples in the garbage collector',
    '',
  ]);
  const bad = jitlint(['top'], copy);
  assert.is(bad.code, 2);
  assert.is(bad.stderr, 'jitlint: top: --deopt DIR is required (a `jitlint record` folder, or .cpuprofile/.heapprofile/log files)\n');
});

test('the leak warning of top, from GC lines whose heap after full collections keeps growing', () => {
  const gc = { kinds: [{ kind: 'Mark-Compact', count: 4, pauseMs: 10 }], collections: 4, pauseMs: 10, growing: { isolate: '1:0xab', fullHeapAfterMB: [10, 12, 13, 15] } };
  assert.equal(gcLine(gc), [
    'GC: 4 collections: 4 Mark-Compact (10.0 ms); 10.0 ms paused',
    'warning: the heap left after each full collection kept growing (10 → 15 MB over 4 collections, isolate 1:0xab): what stays reachable grows, the sign of a leak',
  ]);
});

test('allocation confirmation: the threshold, and a live-only profile (Node 18) confirms nothing', () => {
  const base = { ruleId: 'closure-in-loop', level: 'note' as const, file: 'a.js', line: 1, column: 1, endLine: 1, endColumn: 2, message: 'm', confirmed: false, confirm: { by: ['allocation' as const], at: [] } };
  const [heavy, light, small, live, notAlloc] = confirmByAllocations([
    { ...base, allocated: { bytes: 2 * 1024 * 1024, percent: HEAVY_PERCENT } },
    { ...base, allocated: { bytes: 50 * 1024 * 1024, percent: HEAVY_PERCENT - 0.01 } },
    { ...base, allocated: { bytes: HEAVY_BYTES - 1, percent: 90 } },
    { ...base, allocated: { bytes: 50 * 1024 * 1024, percent: 90, liveOnly: true } },
    { ...base, confirm: { by: ['ic' as const], at: [] }, allocated: { bytes: 50 * 1024 * 1024, percent: 90 } },
  ]);
  assert.equal([heavy!.confirmed, heavy!.level], [true, 'warning']);
  assert.is(heavy!.message, 'm Confirmed by the allocation profile of a recorded run: its function allocated 2.0 MB (10% of the bytes sampled in the run).');
  assert.equal([light!.confirmed, small!.confirmed, live!.confirmed, notAlloc!.confirmed], [false, false, false, false]);
});

test('JsonBytes reads what JSON.parse reads (escapes, unicode, numbers)', () => {
  const text = JSON.stringify({ a: [1, -2, 3.5, 1e21, 12345678901234567], s: 'x\\"\u00e9\u{1f600}\n', t: true, f: false, n: null, o: { k: [] } });
  assert.equal(new JsonBytes(new Uint8Array(Buffer.from(text))).value(), JSON.parse(text));
});

test('GC lines of Node 18-26 and the leak sign', () => {
  const m = emptyModel();
  const lines = [
    '[1234:0x5e1c000]       52 ms: Scavenge 4.1 (5.2) -> 3.8 (6.2) MB, 0.52 / 0.00 ms  (average mu = 1.000, current mu = 1.000) allocation failure; ',
    '[1234:0x5e1c000]      310 ms: Mark-sweep 40.1 (52.0) -> 30.2 (50.9) MB, 8.1 / 0.0 ms  (average mu = 0.9, current mu = 0.9) testing; GC in old space requested',
    '[1234:0x5e1c000]      410 ms: Mark-Compact 40.1 (52.0) -> 31.5 (50.9) MB, pooled: 0.0 MB, 2.0 / 0.0 ms  (average mu = 0.9, current mu = 0.9) testing',
    '[1234:0x5e1c000]      510 ms: Scavenge (interleaved) 4.1 (5.2) -> 3.8 (6.2) MB, pooled: 0.0 MB, 0.25 / 0.00 ms (average mu = 1.000, current mu = 1.000) task; ',
  ];
  for (const l of lines) assert.ok(addGcLine(m, l), l);
  assert.not.ok(addGcLine(m, '[1234:0x5e1c000] Memory allocator,       used:   4096 KB'));
  const iso = m.gc.get('1234:0x5e1c000')!;
  assert.equal(Object.fromEntries(iso.kinds), { Scavenge: { count: 2, pauseMs: 0.77 }, 'Mark-sweep': { count: 1, pauseMs: 8.1 }, 'Mark-Compact': { count: 1, pauseMs: 2 } });
  assert.equal(iso.fullHeapAfterMB, [30.2, 31.5]);
  assert.ok(heapKeepsGrowing([10, 12, 13, 15]));
  assert.not.ok(heapKeepsGrowing([10, 12, 13]));
  assert.not.ok(heapKeepsGrowing([10, 12, 11, 15]));
  assert.not.ok(heapKeepsGrowing([10, 10.5, 10.8, 11]));
});

test.run();
