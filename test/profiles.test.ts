// Profiles on real recorded runs (test/fixtures/profiles, made by scripts/gen-profile-fixtures.mjs:
// program.js recorded with `jitlint record` on Node 20 and Node 24, as it records by default: the
// CPU samples are --prof ticks in the v8.log; and again with `record --cpu-prof`, of which the
// .cpuprofile is kept): exact parsed values, the shares the ticks give against those of the
// .cpuprofile, the program's IC rows kept in the v8.log, hotness on findings and --sort hotness,
// `top`, allocation confirmation, GC lines, and profiles that are cut, empty or not JSON.
import { cpSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
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
import { loadRuntime } from '../src/runtime/load.js';
import { ModelBuilder } from '../src/runtime/builder.js';
import { V8LogParser } from '../src/runtime/v8log/parser.js';
import { gcLine } from '../src/cli/top.js';
import { HEAVY_BYTES, HEAVY_PERCENT, confirmByAllocations } from '../src/correlate/allocations.js';

// A copy in another directory than the one the runs were recorded in (paths map through the manifest's cwd).
const copy = path.join(mkdtempSync(path.join(os.tmpdir(), 'jitlint-profiles-')), 'profiles');
cpSync(fixturePath('profiles'), copy, { recursive: true });

interface Manifest { files: Record<string, string[]> }
const manifest = (run: string): Manifest => JSON.parse(readFileSync(path.join(copy, run, 'manifest.json'), 'utf8'));
/** The .cpuprofile of the `record --cpu-prof` run of the same program (node20-cpu-prof/, node24-cpu-prof/). */
const cpuFile = (run: string) => {
  const dir = path.join(copy, `${run}-cpu-prof`);
  return path.join(dir, readdirSync(dir).find((f) => f.endsWith('.cpuprofile'))!);
};
const logFile = (run: string) => path.join(copy, run, manifest(run).files['log']![0]!);
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

// Exact values of the committed runs, as the readers give them: `ticks` from the v8.log of the
// default record, `cpuProf` from the .cpuprofile of the --cpu-prof run (functions of program.js:
// name, line, column, self, total).
const EXPECTED = {
  node20: {
    samples: 5268, durationMs: 8074.905, gcSamples: 155, programSamples: 57, loggingSamples: 0, tickRows: 5268, icRows: 4097,
    // hotLoop's self ticks by line (the position tables of the code they landed in); line 8 is scale's body, inlined.
    hotLines: [[8, 31], [13, 3], [14, 76], [15, 8], [16, 4431], [17, 12], [18, 3], [19, 1]],
    cpuProfHotLines: [[8, 29], [13, 2], [14, 67], [15, 7], [16, 4506], [17, 13], [18, 4]],
    fns: [['', 1, 1, 112, 4877], ['coldLoop', 23, 18, 6, 6], ['hotLoop', 11, 17, 4573, 4574], ['scale', 7, 15, 2, 2], ['collect', 35, 17, 178, 178], ['readX', 48, 15, 1, 1]],
    cpuProf: {
      samples: 5246, durationMs: 8056.529, gcSamples: 171,
      fns: [['', 1, 1, 109, 4941], ['coldLoop', 23, 18, 7, 10], ['scale', 7, 15, 5, 5], ['hotLoop', 11, 17, 4629, 4630], ['collect', 35, 17, 186, 186]],
    },
    heap: { bytes: 1877971848, fns: [['', 1, 1, 32832], ['collect', 35, 17, 1501008072], ['coldLoop', 23, 18, 65576], ['hotLoop', 11, 17, 375574168], ['scale', 7, 15, 34560]] },
    gc: [{ kind: 'Scavenge', count: 672 }, { kind: 'Mark-Compact', count: 1 }],
  },
  node24: {
    // V8 13 marks the ticks taken while it wrote the log (vm state LOGGING): 100 of the 4861 rows, left out.
    samples: 4761, durationMs: 7130.667, gcSamples: 161, programSamples: 21, loggingSamples: 100, tickRows: 4861, icRows: 3591,
    hotLines: [[13, 1], [14, 15], [15, 46], [16, 4140], [17, 10], [18, 31]],
    cpuProfHotLines: [[8, 7], [13, 2], [14, 13], [15, 43], [16, 4505], [17, 14], [18, 28]],
    fns: [['coldLoop', 23, 18, 5, 5], ['', 1, 1, 68, 4504], ['hotLoop', 11, 17, 4244, 4244], ['collect', 35, 17, 186, 186]],
    cpuProf: {
      samples: 5129, durationMs: 7866.439, gcSamples: 166,
      fns: [['', 1, 1, 54, 4868], ['coldLoop', 23, 18, 12, 14], ['scale', 7, 15, 2, 2], ['hotLoop', 11, 17, 4617, 4617], ['collect', 35, 17, 179, 179], ['readX', 48, 15, 1, 1]],
    },
    heap: { bytes: 1883982616, fns: [['', 1, 1, 32816], ['collect', 35, 17, 1502926008], ['coldLoop', 23, 18, 131312], ['scale', 7, 15, 34816], ['hotLoop', 11, 17, 380132168]] },
    gc: [{ kind: 'Scavenge', count: 618 }, { kind: 'Mark-Compact', count: 1 }],
  },
} as const;

const pct = (part: number, whole: number) => Math.round((part * 10000) / whole) / 100;
const rowsOf = (run: string, re: RegExp) => zlib.gunzipSync(new Uint8Array(readFileSync(logFile(run)))).toString('latin1').split('\n').filter((l) => re.test(l)).length;

for (const run of ['node20', 'node24'] as const) {
  test(`${run}: the v8.log's ticks, the --cpu-prof run's .cpuprofile and the .heapprofile read to exact counts`, async () => {
    const e = EXPECTED[run];
    const { model, notes } = await loadRuntime([logFile(run)]);
    assert.is(model.cpuProfiles.length, 1);
    const t = model.cpuProfiles[0]!;
    assert.equal([t.samples, t.durationMs, t.gcSamples, t.programSamples], [e.samples, e.durationMs, e.gcSamples, e.programSamples]);
    assert.equal(t.functions.filter((f) => f.script.endsWith('/program.js')).map((f) => [f.name, f.line, f.column, f.self, f.total]), e.fns);
    assert.is(rowsOf(run, /^tick,/), e.tickRows);
    assert.is(e.samples + e.loggingSamples, e.tickRows);
    const hotLines = (lines: Map<number, number> | undefined) => [...(lines ?? [])].sort((x, y) => x[0] - y[0]);
    assert.equal(hotLines(t.functions.find((f) => f.name === 'hotLoop')!.lines), e.hotLines);
    const logging = notes.filter((n) => n.includes('taken while V8 wrote this log'));
    assert.equal(logging.length, e.loggingSamples ? 1 : 0, notes.join('\n'));
    const p = parseCpuProfile(new Uint8Array(readFileSync(cpuFile(run))), 'x');
    assert.equal([p.samples, p.durationMs, p.gcSamples], [e.cpuProf.samples, e.cpuProf.durationMs, e.cpuProf.gcSamples]);
    assert.equal(p.functions.filter((f) => f.script.endsWith('/program.js')).map((f) => [f.name, f.line, f.column, f.self, f.total]), e.cpuProf.fns);
    // The .cpuprofile's positionTicks put hotLoop's time on the same line: the inner loop, line 16.
    assert.equal(hotLines(p.functions.find((f) => f.name === 'hotLoop')!.lines), e.cpuProfHotLines);
    const h = parseHeapProfile(heapBytes(run), 'x');
    assert.is(h.bytes, e.heap.bytes);
    assert.equal(h.functions.filter((f) => f.script.endsWith('/program.js')).map((f) => [f.name, f.line, f.column, f.bytes]), e.heap.fns);
  });

  test(`${run}: the default record's v8.log keeps the program's IC rows: readX's megamorphic load is reported`, () => {
    assert.is(rowsOf(run, /^(?:Load|Store|KeyedLoad|KeyedStore|LoadGlobal|StoreGlobal|StoreInArrayLiteral)IC,/), EXPECTED[run].icRows);
    assert.is(manifest(run).files['cpuprofile'], undefined);
    const r = analyze(run);
    const mega = r.findings.filter((f) => f.ruleId === 'megamorphic-ic');
    assert.equal(mega.map((f) => [f.line, f.column]), [[50, 51]]);
  });

  test(`${run}: the hottest self share from the ticks is within 2 points of the --cpu-prof run's .cpuprofile; hot finding sorts first`, () => {
    const e = EXPECTED[run];
    const r = analyze(run, '--sort', 'hotness', '--show-notes');
    const top = r.runtime.profile.functions[0]!;
    assert.equal([top.name, top.file, top.line, top.column], ['hotLoop', 'program.js', 11, 17]);
    const hot = e.fns.find((f) => f[0] === 'hotLoop')!;
    assert.is(r.runtime.profile.samples, e.samples);
    assert.is(top.selfPercent, pct(hot[3], e.samples));
    // Directly from the .cpuprofile of the other run: samples whose node is hotLoop, over all samples.
    const raw = JSON.parse(readFileSync(cpuFile(run), 'utf8')) as { nodes: Array<{ id: number; callFrame: { functionName: string } }>; samples: number[] };
    const name = new Map(raw.nodes.map((n) => [n.id, n.callFrame.functionName]));
    const direct = (raw.samples.filter((s) => name.get(s) === 'hotLoop').length * 100) / raw.samples.length;
    assert.ok(Math.abs(top.selfPercent - direct) <= 2, `${top.selfPercent} vs ${direct}`);

    // The same rule in the hot and the cold function: the hot one carries hotness and comes first.
    const closures = r.findings.filter((f) => f.ruleId === 'closure-in-loop');
    assert.equal(closures.map((f) => f.line), [15, 27]);
    assert.is(closures[0]!.hotness!.function, 'hotLoop');
    assert.is(closures[0]!.hotness!.selfPercent, top.selfPercent);
    // The closure's line (15), from the ticks' lines.
    assert.is(closures[0]!.hotness!.linePercent, pct(e.hotLines.find((l) => l[0] === 15)![1], e.samples));
    const cold = e.fns.find((f) => f[0] === 'coldLoop')!;
    assert.is(closures[1]!.hotness!.function, 'coldLoop');
    assert.is(closures[1]!.hotness!.selfPercent, pct(cold[3], e.samples));
    // Sorted by self share: the findings with hotness in descending order, then the rest.
    const shares = r.findings.map((f) => f.hotness?.selfPercent ?? -1);
    assert.equal(shares, [...shares].sort((a, b) => b - a));
  });

  test(`${run}: the allocation profile gives most bytes to collect, whose accumulating-spread is confirmed by them`, () => {
    const r = analyze(run);
    const a = r.runtime.allocations;
    assert.is(a.bytes, EXPECTED[run].heap.bytes);
    const first = a.functions[0]!;
    assert.equal([first.name, first.line, first.column, first.bytes], ['collect', 35, 17, EXPECTED[run].heap.fns[1][3]]);
    assert.ok(first.percent > 50, String(first.percent));
    const spread = r.findings.find((f) => f.ruleId === 'accumulating-spread')!;
    assert.equal([spread.line, spread.column, spread.level, spread.confirmed], [38, 12, 'error', true]);
    assert.equal(spread.allocated, { bytes: first.bytes, percent: first.percent });
    const ev = spread.evidence!.find((x) => x.kind === 'allocation')!;
    assert.is(ev.bytes, first.bytes);
    assert.match(ev.message, /^collect allocated \d+\.\d [KMG]B \(\d+(?:\.\d+)?% of the bytes sampled in the run\)$/);
    // coldLoop's closure allocated a few hundred KB: under the threshold, not confirmed.
    const coldClosure = r.findings.find((f) => f.ruleId === 'closure-in-loop' && f.line === 27)!;
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
  // From the ticks: hotLoop 86.83%, collect 3.38%, the top level 92.58% total; coldLoop 0.11% and readX 0.02% go.
  const r = analyze('node20', '--min-hotness', '3', '--show-notes');
  assert.equal(r.findings.map((f) => [f.ruleId, f.line, f.hotness!.totalPercent]), [['deopt', 13, 86.83], ['closure-in-loop', 15, 86.83], ['accumulating-spread', 38, 3.38], ['deopt', 40, 3.38], ['deopt', 56, 92.58]]);
  assert.not.ok(r.findings.some((f) => f.line === 27));
});

test('stylish shows the share and bytes beside each finding', () => {
  const res = jitlint(['analyze', 'program.js', '--deopt', 'node20', '--sort', 'hotness'], copy);
  assert.is(res.code, 1, res.stderr);
  const row = res.stdout.split('\n').find((l) => l.includes('accumulating-spread'))!;
  assert.match(row, /^  38:12 +error +3\.4% cpu 1\.4 GB +`\[\.\.\.rows, …\]` copies/);
});

test('a .cpuprofile or .heapprofile given to --deopt directly: detected by content', () => {
  const res = jitlint(['analyze', 'program.js', '--format', 'json', '--deopt', cpuFile('node24'), '--root', path.join(copy)], copy);
  assert.is(res.code, 1, res.stderr);
  const r = JSON.parse(res.stdout) as Report;
  assert.is(r.runtime.profile.samples, EXPECTED.node24.cpuProf.samples);
  assert.is(r.runtime.profile.functions[0]!.selfPercent, pct(4617, EXPECTED.node24.cpuProf.samples));
  // renamed: still a CPU profile (content, not name)
  const renamed = path.join(copy, 'profile.json');
  writeFileSync(renamed, new Uint8Array(readFileSync(cpuFile('node24'))));
  const res2 = jitlint(['analyze', 'program.js', '--format', 'json', '--deopt', 'profile.json'], copy);
  assert.is((JSON.parse(res2.stdout) as Report).runtime.profile.samples, EXPECTED.node24.cpuProf.samples);
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

for (const run of ['node20', 'node24']) {
  test(`${run}: --decisions lists scale inlined into hotLoop at its call site, as --trace-turbo-inlining printed for the same run`, () => {
    const res = jitlint(['analyze', 'program.js', '--deopt', run, '--decisions', '--format', 'json'], copy);
    assert.is(res.code, 1, res.stderr);
    const decisions = (JSON.parse(res.stdout) as { runtime: { decisions: Array<{ kind: string; file: string; line: number; column: number; function: string; callee?: string; tier: string; count: number }> } }).runtime.decisions;
    const scale = decisions.filter((d) => d.kind === 'inlined' && d.callee === 'scale' && d.function === 'hotLoop' && d.tier === 'turbofan');
    // program.js:16 `scale(values[i] + k)`: column 59 is the call's name.
    assert.equal(scale.map((d) => `${d.file}:${d.line}:${d.column} ×${d.count}`), ['program.js:16:59 ×5']);
    const stdout = readFileSync(path.join(copy, run, 'stdout.txt'), 'utf8');
    const printed = stdout.split('\n').filter((l) => /^Inlining .*<SharedFunctionInfo scale>\} into .*<SharedFunctionInfo hotLoop>\}/.test(l)).length;
    assert.is(printed, 5, 'V8 printed the same inlining five times (one per optimized code of hotLoop)');
  });
}

test('top: the hottest functions with shares, bytes, tiers, deopts, inlining, findings; the GC line', () => {
  const res = jitlint(['top', '--deopt', 'node20', '-n', '2'], copy);
  assert.is(res.code, 0, res.stderr);
  assert.equal(res.stdout.split('\n'), [
    'Showing 2 of 6 profiled functions (5268 samples over 8075 ms, 1.7 GB allocated, node v20.20.2)',
    '     self    total      alloc  function',
    '   86.81%   86.83%   358.2 MB  hotLoop  program.js:11:17',
    '                                tiers: interpreted → Turbofan → deopt → Turbofan → Turbofan (OSR) → deopt → Turbofan (OSR)',
    '                                deopts: 2× Insufficient type feedback for compare operation (line 13)',
    '                                inlined: pick, scale',
    '                                13:3 deopt (note)',
    '                                15:20 closure-in-loop (warning, confirmed)',
    '    3.38%    3.38%     1.4 GB  collect  program.js:35:17',
    '                                tiers: interpreted → Turbofan → deopt → Turbofan → deopt → Turbofan (OSR) → deopt → Turbofan → deopt',
    '                                deopts: 4× Insufficient type feedback for generic named access (line 40)',
    '                                38:12 accumulating-spread (error, confirmed)',
    '                                40:10 deopt (warning)',
    '',
    'GC: 673 collections: 672 Scavenge (183.0 ms), 1 Mark-Compact (8.9 ms); 191.9 ms paused; 2.94% of CPU samples in the garbage collector',
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

test('tick rows: a cut row, a bad field and a pc in no code object are counted, never fatal; frames, tos and external callbacks', () => {
  const b = new ModelBuilder();
  const p = new V8LogParser(b, 0, 'x.log');
  const rows = [
    'v8-version,11,3,244,8,0,0',
    'code-creation,JS,12,100,0x1000,256,hot /a.js:2:10,0x5000,*',
    'code-creation,JS,12,100,0x2000,256,caller /a.js:9:1,0x5010,~',
    'code-creation,Builtin,2,100,0x3000,64,CallFunction',
    'tick,0x1010,10,0,0x0,0,0x2010', // in hot, called by caller
    'tick,0x3010,20,0,0x0,0,0x1020,0x2010', // in a builtin: hot's (its JS caller)
    'tick,0x3010,30,0,0x1030,6,0x2010', // frameless call: the tos is hot
    'tick,0x9999,40,1,0x3000,6,0x2020', // external callback: its address stands for the pc; caller's self
    'tick,0x1010,50,0,0x0,0,0x2010,+10,overflow', // +offset frame (caller again: one total)
    'tick,0x7777,60,0,0x0,5', // a pc in no code object, no frames: (program)
    'tick,0x1010,70,0,0x0,1', // GC
    'tick,0x1010,80,0,0x0,9', // V8 writing its log: left out
    'tick,0x1010,90,0', // cut short
    'tick,0xzz,100,0,0x0,0', // bad pc
  ];
  for (const row of rows) {
    const buf = Buffer.from(row, 'latin1');
    p.lineBytes(buf, 0, buf.length);
  }
  p.finish();
  assert.is(p.skipped.malformed, 2);
  assert.is(p.ticks.loggingSamples, 1);
  const prof = b.model.cpuProfiles[0]!;
  assert.equal([prof.file, prof.samples, prof.gcSamples, prof.programSamples, prof.durationMs], ['x.log', 7, 1, 1, 0.06]);
  assert.equal(prof.functions.map((f) => [f.name, f.line, f.self, f.total]), [['hot', 2, 4, 4], ['caller', 9, 1, 5]]);
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
