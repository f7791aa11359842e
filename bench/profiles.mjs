// `npm run bench:profiles`: the profile reader and `record`'s overhead.
//
// 1. Reading a 100 MB .cpuprofile (generated once into the cache, outside the repository:
//    the node tree and sample stream of a long run, made by a generator, not a fixture) with
//    jitlint's reader against readFileSync + JSON.parse of the same file, in fresh processes,
//    round-robin; targets: within 3x of JSON.parse, under 600 MB peak RSS.
// 2. `jitlint record` with profiles on (the default: CPU ticks by --prof in the v8.log,
//    allocations, GC), with --cpu-prof (Node's .cpuprofile instead of ticks), with --no-profile,
//    and the same program run bare (test/fixtures/profiles/program.js), round-robin.
// Writes the `profiles` key of bench/results.json (the rest of the file is kept).
//   node bench/profiles.mjs [--runs N]
import { spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, mkdtempSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { BENCH_DIR, CACHE, REPO, ensureDir, median, note } from './lib.mjs';

const { values: opts } = parseArgs({ options: { runs: { type: 'string' } } });
const runs = Number(opts.runs ?? 5);
const SIZE = 100 * 1024 * 1024;
const file = path.join(CACHE, 'profiles', 'cpu-100mb.cpuprofile');

async function generate() {
  if (existsSync(file) && statSync(file).size >= SIZE) return;
  ensureDir(path.dirname(file));
  note(`generating ${file}`);
  const tmp = `${file}.tmp`;
  const out = createWriteStream(tmp);
  const write = (s) => (out.write(s) ? undefined : new Promise((r) => out.once('drain', r)));
  // A tree of 200,000 nodes over 2,000 functions of 200 scripts, then samples to fill 100 MB.
  const NODES = 200000;
  let rnd = 42;
  const rand = (n) => ((rnd = (rnd * 1103515245 + 12345) % 2147483648), rnd % n);
  await write('{"nodes":[');
  let size = 0;
  for (let id = 1; id <= NODES; id++) {
    const fn = rand(2000);
    const kids = [];
    for (let c = id * 2; c <= Math.min(NODES, id * 2 + 1); c++) kids.push(c);
    const node = {
      id,
      callFrame: { functionName: id === 1 ? '(root)' : `fn${fn}`, scriptId: String(fn % 200), url: id === 1 ? '' : `file:///app/src/module${fn % 200}.js`, lineNumber: fn, columnNumber: 4 },
      hitCount: rand(5),
      children: kids,
      ...(rand(3) === 0 ? { positionTicks: [{ line: fn + 1, ticks: 1 + rand(4) }] } : {}),
    };
    const s = (id > 1 ? ',' : '') + JSON.stringify(node);
    size += s.length;
    await write(s);
  }
  await write('],"startTime":1000000,"endTime":9000000000,"samples":[');
  const rest = SIZE - size;
  // samples and timeDeltas share what is left: ~7 bytes per sample, ~4 per delta.
  const count = Math.ceil(rest / 11);
  let buf = '';
  for (let i = 0; i < count; i++) {
    buf += (i ? ',' : '') + (NODES / 2 + rand(NODES / 2));
    if (buf.length > 65536) await write(buf), (buf = '');
  }
  await write(buf + '],"timeDeltas":[');
  buf = '';
  for (let i = 0; i < count; i++) {
    buf += (i ? ',' : '') + (900 + rand(200));
    if (buf.length > 65536) await write(buf), (buf = '');
  }
  await write(buf + ']}');
  await new Promise((r) => out.end(r));
  renameSync(tmp, file);
}

function once(args, cwd = REPO) {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, args, { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const wallMs = performance.now() - t0;
  if (r.status !== 0 && !args.includes('record')) throw new Error(`${args.join(' ')}: exit ${r.status}\n${r.stderr}`);
  return { wallMs, stdout: r.stdout };
}

await generate();
const reads = { json: [], jitlint: [] };
for (let i = 0; i < runs; i++) {
  for (const mode of ['json', 'jitlint']) {
    const { stdout } = once([path.join(BENCH_DIR, 'peers', 'profile-read.mjs'), mode, file]);
    reads[mode].push(JSON.parse(stdout.trim().split('\n').pop()));
  }
}
const ratios = reads.jitlint.map((r, i) => r.ms / reads.json[i].ms);
const reader = {
  file: `~/${path.relative(os.homedir(), file)}`,
  bytes: statSync(file).size,
  samples: reads.jitlint[0].samples,
  runs,
  jsonParse: { ms: median(reads.json.map((r) => r.ms)), maxRssMB: Math.round(median(reads.json.map((r) => r.maxRssKB)) / 1024) },
  jitlint: { ms: median(reads.jitlint.map((r) => r.ms)), maxRssMB: Math.round(Math.max(...reads.jitlint.map((r) => r.maxRssKB)) / 1024) },
  timeRatio: Math.round(median(ratios) * 100) / 100,
  targets: { timeRatioMax: 3, maxRssMB: 600 },
};
note(`read 100 MB .cpuprofile: jitlint ${reader.jitlint.ms} ms / ${reader.jitlint.maxRssMB} MB, JSON.parse ${reader.jsonParse.ms} ms / ${reader.jsonParse.maxRssMB} MB, ratio ${reader.timeRatio}`);

// record overhead
const program = path.join(REPO, 'test', 'fixtures', 'profiles', 'program.js');
const jitlint = path.join(REPO, 'bin', 'jitlint.js');
const work = mkdtempSync(path.join(os.tmpdir(), 'jitlint-bench-record-'));
const cases = {
  bare: [program],
  record: [jitlint, 'record', '--out', path.join(work, 'on'), '--', process.execPath, program],
  recordCpuProf: [jitlint, 'record', '--cpu-prof', '--out', path.join(work, 'cpu'), '--', process.execPath, program],
  recordNoProfile: [jitlint, 'record', '--no-profile', '--out', path.join(work, 'off'), '--', process.execPath, program],
};
const times = { bare: [], record: [], recordCpuProf: [], recordNoProfile: [] };
for (let i = 0; i < runs; i++) for (const [k, args] of Object.entries(cases)) times[k].push(once(args, work).wallMs);
rmSync(work, { recursive: true, force: true });
const recordOverhead = {
  program: 'test/fixtures/profiles/program.js',
  runs,
  bareMs: Math.round(median(times.bare)),
  recordMs: Math.round(median(times.record)),
  recordCpuProfMs: Math.round(median(times.recordCpuProf)),
  recordNoProfileMs: Math.round(median(times.recordNoProfile)),
  ratioProfilesVsBare: Math.round(median(times.record.map((t, i) => t / times.bare[i])) * 100) / 100,
  ratioProfilesVsNoProfile: Math.round(median(times.record.map((t, i) => t / times.recordNoProfile[i])) * 100) / 100,
  ratioCpuProfVsBare: Math.round(median(times.recordCpuProf.map((t, i) => t / times.bare[i])) * 100) / 100,
};
note(`record: bare ${recordOverhead.bareMs} ms, record ${recordOverhead.recordMs} ms (x${recordOverhead.ratioProfilesVsBare}), --cpu-prof ${recordOverhead.recordCpuProfMs} ms (x${recordOverhead.ratioCpuProfVsBare}), --no-profile ${recordOverhead.recordNoProfileMs} ms`);

const resultsFile = path.join(BENCH_DIR, 'results.json');
const results = existsSync(resultsFile) ? JSON.parse(readFileSync(resultsFile, 'utf8')) : {};
results.profiles = { measuredAt: new Date().toISOString(), node: process.version, loadavg: os.loadavg().map((n) => Math.round(n * 100) / 100), reader, recordOverhead };
writeFileSync(resultsFile, JSON.stringify(results, null, 2) + '\n');
note(`wrote the profiles key of ${path.relative(REPO, resultsFile)}`);
