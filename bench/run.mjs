// `npm run bench [-- options]`: jitlint against its peers. See bench/README.md.
//
//   --only LIST     comma-separated subset of: static, rxjs, effect, scaling, logs, v8log, trace, churn
//   --quick         one run per case, no warm-up, scaling at 100 and 1000 files, rxjs only
//                   (unless --only names effect): a smoke test of the harness, not a measurement
//   --runs N        measured runs per case (default 5; 3 for cases slower than 20 s)
//   --sizes LIST    scaling series sizes (default 100,1000,5000)
//   --no-warmup     skip the warm-up runs
//   --no-build      do not run `npm run build` first (dist/ must be current)
//   --scaling-tsc   also run tsc 6 on the scaling series (off by default: ~2 min more)
//   --out FILE      where to write the JSON (default bench/results.json for a full run,
//                   bench/results.local.json, git-ignored, for --quick / --only / --runs runs)
import { writeFileSync, existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { ensureCorpus } from './corpora.mjs';
import { ensureLog } from './logs.mjs';
import { measureGroup, rssMethod } from './measure.mjs';
import { ensureSynthetic } from './synthetic.mjs';
import { BENCH_DIR, CACHE, REPO, fmtMB, fmtMs, median, note, repoPackageFile, sh } from './lib.mjs';

const { values: opts } = parseArgs({
  options: {
    only: { type: 'string' },
    quick: { type: 'boolean', default: false },
    runs: { type: 'string' },
    sizes: { type: 'string' },
    'no-warmup': { type: 'boolean', default: false },
    'no-build': { type: 'boolean', default: false },
    'scaling-tsc': { type: 'boolean', default: false },
    out: { type: 'string' },
    help: { type: 'boolean', short: 'h', default: false },
  },
});
if (opts.help) {
  console.log('usage: npm run bench -- [--only static,rxjs,effect,scaling,logs,v8log,trace,churn] [--quick] [--runs N] [--sizes 100,1000,5000] [--no-warmup] [--no-build] [--scaling-tsc] [--out FILE]');
  process.exit(0);
}

const ALL = ['rxjs', 'effect', 'scaling', 'v8log', 'trace', 'churn'];
const ALIASES = { static: ['rxjs', 'effect'], logs: ['v8log', 'trace', 'churn'] };
let selected = new Set(ALL);
if (opts.only) {
  selected = new Set();
  for (const w of opts.only.split(',').map((s) => s.trim()).filter(Boolean)) {
    const names = ALIASES[w] ?? [w];
    for (const n of names) {
      if (!ALL.includes(n)) {
        console.error(`bench: unknown case '${w}' (known: ${[...Object.keys(ALIASES), ...ALL].join(', ')})`);
        process.exit(2);
      }
      selected.add(n);
    }
  }
}
if (opts.quick && !opts.only) selected.delete('effect');
const partial = Boolean(opts.quick || opts.only || opts.runs || opts.sizes || opts['no-warmup']);
const runs = opts.runs ? Number(opts.runs) : opts.quick ? 1 : 5;
const warmup = !(opts.quick || opts['no-warmup']);
const sizes = (opts.sizes ?? (opts.quick ? '100,1000' : '100,1000,5000')).split(',').map(Number);
const outFile = path.resolve(opts.out ?? path.join(BENCH_DIR, partial ? 'results.local.json' : 'results.json'));
const measureOpts = { warmup, runs, slowRuns: Math.min(runs, 3), slowMs: 20000 };

const started = Date.now();
const node = process.execPath;
const JITLINT = path.join(REPO, 'bin', 'jitlint.js');
const TSC6 = repoPackageFile('typescript', 'bin/tsc');
const ESLINT_DRIVER = path.join(BENCH_DIR, 'peers', 'eslint.mjs');
const TSGO_FLOOR = path.join(BENCH_DIR, 'peers', 'tsgo-floor.mjs');
const PEERS = path.join(BENCH_DIR, 'peers');

function machine() {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model?.trim(),
    cores: cpus.length,
    memoryGB: Math.round(os.totalmem() / 2 ** 30),
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    v8: process.versions.v8,
    rss: rssMethod(),
    loadavgAtStart: os.loadavg().map((x) => Number(x.toFixed(2))),
  };
}

async function tsc7Exe() {
  // typescript@7 (alias `typescript7`) is a native binary behind a small node launcher; run the
  // binary itself, as `tsc` of TypeScript 7 does on Node >= 22.15 (execve).
  const { default: getExePath } = await import(pathToFileURL(repoPackageFile('typescript7', 'lib/getExePath.js')).href);
  return getExePath();
}

function versionOf(spec) {
  try {
    return JSON.parse(sh(node, ['-p', `JSON.stringify(require(${JSON.stringify(spec + '/package.json')}).version)`], { cwd: REPO }).stdout);
  } catch {
    return undefined;
  }
}

const results = {
  tool: 'jitlint bench',
  machine: machine(),
  options: { selected: [...selected], runs, warmup, sizes, quick: opts.quick },
  peers: {
    eslint: versionOf('eslint'),
    'typescript-eslint': versionOf('typescript-eslint'),
    typescript6: versionOf('typescript'),
    typescript7: versionOf('typescript7'),
    deoptigate: versionOf('deoptigate'),
    'v8-deopt-parser': versionOf('v8-deopt-parser'),
  },
  cache: CACHE,
  static: [],
  scaling: undefined,
  logs: [],
  targets: [],
};

function target(name, value, op, limit, extra = {}) {
  const ok = value == null || Number.isNaN(value) ? undefined : op === '<=' ? value <= limit : op === '>=' ? value >= limit : value < limit;
  results.targets.push({ name, value, op, limit, ok, ...extra });
}

function parseJsonLine(stdout) {
  const line = (stdout ?? '').trim().split('\n').reverse().find((l) => l.startsWith('{'));
  try {
    return line ? JSON.parse(line) : undefined;
  } catch {
    return undefined;
  }
}

function strip(rs) {
  return rs.map(({ stdout, ...r }) => r);
}

// ---------------------------------------------------------------------------------------------
note(`machine: ${results.machine.cpu}, ${results.machine.cores} cores, node ${process.version}; peak RSS via ${results.machine.rss}; cache ${CACHE}`);
if (!opts['no-build']) {
  note('building jitlint (npm run build)');
  try {
    sh('npm', ['run', 'build', '--silent'], { cwd: REPO });
  } catch (e) {
    note(`build failed; measuring the dist/ that is there\n${e.message}`);
  }
}
const haveCli = existsSync(JITLINT) && existsSync(path.join(REPO, 'dist', 'src', 'cli', 'main.js'));
const haveRuntime = existsSync(path.join(REPO, 'dist', 'src', 'runtime', 'index.js'));

const TSC7 = await tsc7Exe();
// The tsgo engine needs the TypeScript 7 package (the bench's tsc7 case runs it too).
const haveTsgo = existsSync(repoPackageFile('typescript7', 'package.json'));

function jitlintAnalyze(p, engine) {
  const args = [JITLINT, 'analyze', p.src, '-p', p.tsconfig, ...(engine ? ['--engine', engine] : []), '--format', 'json', '-o', '/dev/null'];
  // --engine tsgo runs the TypeScript 7 server as a child process: both count in the peak RSS.
  return { cmd: node, args, cwd: p.dir, okCodes: [0, 1], ...(engine === 'tsgo' ? { sumTree: true } : {}) };
}

/** Median over rounds of case a / case b (time or rssKB), pairing the i-th runs of each. */
function pairRatio(rs, a, b, field) {
  const x = rs.find((r) => r.id === a);
  const y = rs.find((r) => r.id === b);
  if (!x || !y || x.error || y.error) return undefined;
  const n = Math.min(x.samples.length, y.samples.length);
  const out = [];
  for (let i = 0; i < n; i++) if (x.samples[i][field] && y.samples[i][field]) out.push(x.samples[i][field] / y.samples[i][field]);
  return out.length ? median(out) : undefined;
}

// ---- static: real corpora -------------------------------------------------------------------
for (const name of ['rxjs', 'effect']) {
  if (!selected.has(name)) continue;
  const c = ensureCorpus(name);
  note(`static: ${c.label} (${c.files} files)`);
  const cases = [
    { id: 'tsc7', label: `tsc --noEmit (TypeScript 7 native)`, spec: { cmd: TSC7, args: ['--noEmit', '-p', c.tsconfig], cwd: c.dir, okCodes: [0, 1, 2] } },
    ...(haveCli ? [{ id: 'jitlint', label: 'jitlint analyze', reference: true, spec: jitlintAnalyze(c) }] : []),
    ...(haveCli && haveTsgo ? [{ id: 'jitlint-tsgo', label: 'jitlint analyze --engine tsgo', spec: jitlintAnalyze(c, 'tsgo') }] : []),
    // What any tool on TypeScript 7's sync API spends before a rule runs (the tsgo targets' floor).
    ...(haveTsgo ? [{ id: 'tsgo-floor', label: 'TypeScript 7 API floor: project open + every tree transferred, no query', spec: { cmd: node, args: [TSGO_FLOOR, c.tsconfig, c.src], cwd: c.dir, okCodes: [0], sumTree: true } }] : []),
    { id: 'eslint', label: 'eslint + typescript-eslint', spec: { cmd: node, args: [ESLINT_DRIVER, c.eslintConfig, c.dir, 'src/**/*.ts'], cwd: c.dir, okCodes: [0] } },
    { id: 'tsc6', label: 'tsc --noEmit (TypeScript 6)', spec: { cmd: node, args: [TSC6, '--noEmit', '-p', c.tsconfig], cwd: c.dir, okCodes: [0, 1, 2] } },
  ];
  if (!haveCli) note('  jitlint CLI not built (bin/jitlint.js, dist/src/cli/main.js): peers only');
  const rs = await measureGroup(cases, measureOpts);
  const eslint = rs.find((r) => r.id === 'eslint');
  const entry = { corpus: c.label, size: c.size, files: c.files, dir: c.dir, cases: strip(rs), eslintCounts: parseJsonLine(eslint?.stdout) };
  results.static.push(entry);
  const jl = rs.find((r) => r.id === 'jitlint');
  if (jl) {
    const vsEslint = rs.find((r) => r.id === 'eslint')?.ratio;
    const vsTsc6 = rs.find((r) => r.id === 'tsc6')?.ratio;
    target(`${c.label}: time jitlint / eslint+typescript-eslint`, vsEslint?.time, '<=', 0.5);
    target(`${c.label}: peak RSS jitlint / eslint+typescript-eslint`, vsEslint?.rss, '<=', 0.6);
    target(`${c.label}: time jitlint / tsc 6 --noEmit`, vsTsc6?.time, '<=', 1.2);
  }
  if (rs.some((r) => r.id === 'jitlint-tsgo' && !r.error)) {
    // Issue 16: the tsgo engine against the native checker and against ESLint + typescript-eslint.
    target(`${c.label}: time jitlint --engine tsgo / tsc 7 --noEmit`, pairRatio(rs, 'jitlint-tsgo', 'tsc7', 'wallMs'), '<=', name === 'rxjs' ? 1.5 : 1.0);
    if (name === 'effect') target(`${c.label}: time jitlint --engine tsgo / eslint+typescript-eslint`, pairRatio(rs, 'jitlint-tsgo', 'eslint', 'wallMs'), '<=', 0.15);
    target(`${c.label}: peak RSS jitlint --engine tsgo (with its server) / tsc 7 --noEmit`, pairRatio(rs, 'jitlint-tsgo', 'tsc7', 'rssKB'), '<=', 1.0);
  }
  if (rs.some((r) => r.id === 'tsgo-floor' && !r.error)) {
    // Not targets: the floor's own ratios, so a missed tsgo target shows whether it was reachable.
    results.floors ??= [];
    results.floors.push(
      { name: `${c.label}: time TypeScript 7 API floor / tsc 7 --noEmit`, value: pairRatio(rs, 'tsgo-floor', 'tsc7', 'wallMs') },
      { name: `${c.label}: peak RSS TypeScript 7 API floor (with its server) / tsc 7 --noEmit`, value: pairRatio(rs, 'tsgo-floor', 'tsc7', 'rssKB') },
      { name: `${c.label}: time jitlint --engine tsgo / TypeScript 7 API floor`, value: pairRatio(rs, 'jitlint-tsgo', 'tsgo-floor', 'wallMs') },
    );
  }
}

// ---- static: scaling series -----------------------------------------------------------------
if (selected.has('scaling')) {
  const series = [];
  for (const n of sizes) {
    const p = ensureSynthetic(n);
    note(`scaling: ${n} files`);
    const cases = [
      ...(haveCli ? [{ id: 'jitlint', label: 'jitlint analyze', reference: true, spec: jitlintAnalyze(p) }] : []),
      ...(opts['scaling-tsc'] ? [{ id: 'tsc6', label: 'tsc --noEmit (TypeScript 6)', spec: { cmd: node, args: [TSC6, '--noEmit', '-p', p.tsconfig], cwd: p.dir, okCodes: [0, 1, 2] } }] : []),
    ];
    if (!cases.length) continue;
    const rs = await measureGroup(cases, measureOpts);
    series.push({ files: n, cases: strip(rs).map((r) => ({ ...r, msPerFile: r.wallMs / n })) });
  }
  const per = (n, id) => series.find((s) => s.files === n)?.cases.find((r) => r.id === id)?.msPerFile;
  const big = Math.max(...sizes);
  const mid = sizes.includes(1000) && big > 1000 ? 1000 : undefined;
  results.scaling = { series };
  if (mid) {
    results.scaling.perFileRatio = { jitlint: per(big, 'jitlint') / per(mid, 'jitlint'), tsc6: per(big, 'tsc6') / per(mid, 'tsc6'), of: [big, mid] };
    if (haveCli) target(`scaling: jitlint time per file at ${big} / at ${mid} files`, results.scaling.perFileRatio.jitlint, '<=', 1.3);
  }
}

// ---- logs -----------------------------------------------------------------------------------
for (const kind of ['v8log', 'trace', 'churn']) {
  if (!selected.has(kind)) continue;
  const log = await ensureLog(kind);
  note(`logs: ${path.basename(log.file)} (${(log.bytes / 2 ** 20).toFixed(0)} MB)`);
  const driver = (f, extra = {}) => ({ cmd: node, args: [path.join(PEERS, f), log.file], cwd: REPO, okCodes: [0], ...extra });
  // churn: memory with code that moves and dies; the peers are not run on its 500 MB (minutes each, gigabytes of heap).
  const cases = [
    ...(haveRuntime ? [{ id: 'jitlint', label: 'jitlint loadRuntime', reference: true, spec: driver('jitlint-runtime.mjs') }] : []),
    ...(kind === 'v8log'
      ? [
          { id: 'deoptigate', label: 'deoptigate processLogContent', spec: driver('deoptigate.mjs') },
          { id: 'v8-deopt-parser', label: 'v8-deopt-parser parseV8Log', spec: driver('v8-deopt-parser.mjs', { discardStderr: true }) },
        ]
      : []),
    { id: 'readline', label: 'readline loop (floor)', spec: driver('readline-floor.mjs') },
  ];
  if (!haveRuntime) note('  jitlint runtime not built (dist/src/runtime/index.js): peers only');
  const rs = await measureGroup(cases, measureOpts);
  const counts = Object.fromEntries(rs.map((r) => [r.id, parseJsonLine(r.stdout)]));
  results.logs.push({ kind, file: log.file, bytes: log.bytes, truth: log.manifest.truth, generated: log.manifest, cases: strip(rs), counts });
  const jl = rs.find((r) => r.id === 'jitlint');
  if (jl) {
    const name = path.basename(log.file);
    if (kind === 'v8log') target(`${name}: time jitlint / deoptigate (>= 10x faster)`, rs.find((r) => r.id === 'deoptigate')?.ratio?.time, '<=', 0.1);
    if (kind === 'v8log' || kind === 'churn') {
      // Both v8.log cases: bounded memory, and nothing the generator wrote is lost.
      target(`${name}: peak RSS jitlint (MB)`, jl.rssKB / 1024, '<', 300);
      const t = log.manifest.truth;
      const j = counts.jitlint;
      if (t && j) {
        target(`${name}: deopts extracted / in the file`, j.deopts / t.deopts, '>=', 1);
        target(`${name}: IC transitions extracted / in the file`, j.icTransitions / t.icTransitions, '>=', 1);
        if (kind === 'v8log') target(`${name}: optimized-code events extracted / in the file`, j.codeEvents / t.optimizedCode, '>=', 1);
      }
    }
    if (kind === 'trace' && log.manifest.truth && counts.jitlint) {
      target(`${name}: deopts extracted / in the file`, counts.jitlint.deopts / log.manifest.truth.deopts, '>=', 1);
    }
    target(`${name}: time jitlint / readline loop`, rs.find((r) => r.id === 'readline')?.ratio?.time, '<=', 3);
  }
}

// ---- report ---------------------------------------------------------------------------------
results.machine.loadavgAtEnd = os.loadavg().map((x) => Number(x.toFixed(2)));
results.durationS = Math.round((Date.now() - started) / 1000);
// Machine paths stay out of the committed results: the repository is ".", the home "~".
const portable = JSON.stringify(results, null, 2)
  .split(REPO).join('.')
  .split(os.homedir()).join('~')
  .split(process.execPath).join('node');
writeFileSync(outFile, portable + '\n');
printReport(results);
note(`wrote ${path.relative(process.cwd(), outFile) || outFile} in ${results.durationS} s`);

function pad(s, n, right = false) {
  s = String(s ?? '-');
  return right ? s.padStart(n) : s.padEnd(n);
}

function table(headers, rows) {
  const w = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i] ?? '-').length)));
  const line = (cells) => `| ${cells.map((c, i) => pad(c, w[i], i > 0)).join(' | ')} |`;
  return [line(headers), `|${w.map((n, i) => (i > 0 ? `${'-'.repeat(n + 1)}:` : `${'-'.repeat(n + 2)}`)).join('|')}|`, ...rows.map(line)].join('\n');
}

function ratio(x) {
  return x == null || Number.isNaN(x) ? '-' : `${x.toFixed(2)}x`;
}

function printReport(r) {
  const m = r.machine;
  const out = [];
  out.push(`# jitlint bench`);
  out.push(`machine: ${m.cpu}, ${m.cores} cores, ${m.memoryGB} GB, ${m.os}; node ${m.node} (V8 ${m.v8}); peak RSS via ${m.rss}`);
  out.push(`load average at start ${m.loadavgAtStart.join(' ')}, at end ${m.loadavgAtEnd.join(' ')} (a busy machine makes every number noisy)`);
  out.push(`peers: ${Object.entries(r.peers).map(([k, v]) => `${k}@${v}`).join(', ')}`);
  out.push(`runs: median of ${r.options.runs}${r.options.warmup ? ' after a warm-up' : ''} (3 for cases over 20 s); ratio = jitlint / peer, pair by pair, median`);
  const caseRows = (cases) => cases.map((c) => [c.label, c.runs, fmtMs(c.wallMs), fmtMB(c.rssKB), ratio(c.ratio?.time), ratio(c.ratio?.rss), c.error ? 'FAILED' : '']);
  const H = ['case', 'runs', 'time', 'peak RSS', 'time ratio', 'RSS ratio', ''];
  for (const s of r.static) {
    out.push(`\n## static: ${s.corpus} (${s.size}, ${s.files} files)`);
    out.push(table(H, caseRows(s.cases)));
    if (s.eslintCounts) out.push(`eslint: ${s.eslintCounts.files} files, ${s.eslintCounts.warnings} warnings, ${s.eslintCounts.errors} errors`);
  }
  if (r.scaling) {
    out.push(`\n## static: scaling (synthetic projects)`);
    const rows = [];
    for (const s of r.scaling.series) for (const c of s.cases) rows.push([`${c.label} @ ${s.files} files`, c.runs, fmtMs(c.wallMs), fmtMB(c.rssKB), c.msPerFile == null ? '-' : `${c.msPerFile.toFixed(2)} ms`]);
    out.push(table(['case', 'runs', 'time', 'peak RSS', 'per file'], rows));
    const pf = r.scaling.perFileRatio;
    if (pf) out.push(`time per file at ${pf.of[0]} / at ${pf.of[1]} files: jitlint ${ratio(pf.jitlint)}${pf.tsc6 ? `, tsc 6 ${ratio(pf.tsc6)}` : ''}`);
  }
  for (const l of r.logs) {
    out.push(`\n## logs: ${path.basename(l.file)} (${(l.bytes / 2 ** 20).toFixed(0)} MB, ${l.truth?.lines ?? '?'} lines)`);
    out.push(table(H, caseRows(l.cases)));
    const ids = Object.keys(l.counts).filter((k) => l.counts[k] && k !== 'readline');
    if (l.kind !== 'trace' && l.truth) {
      const rows = [
        ['deopts (code-deopt)', l.truth.deopts, ...ids.map((k) => l.counts[k].deopts)],
        ['IC transitions', l.truth.icTransitions, ...ids.map((k) => l.counts[k].icTransitions)],
        ['optimized code (code-creation * / +)', l.truth.optimizedCode, ...ids.map((k) => l.counts[k].codeEvents)],
        ['functions', l.truth.functions, ...ids.map((k) => l.counts[k].functions)],
      ];
      out.push('extracted:');
      out.push(table(['', 'in the file', ...ids], rows));
    } else if (l.truth) {
      const rows = [
        ['deopts ([bailout ...])', l.truth.deopts, ...ids.map((k) => l.counts[k].deopts)],
        ['optimizations ([completed optimizing ...])', l.truth.optimizations, ...ids.map((k) => l.counts[k].codeEvents)],
        ['functions', '-', ...ids.map((k) => l.counts[k].functions)],
      ];
      out.push('extracted:');
      out.push(table(['', 'in the file', ...ids], rows));
    }
  }
  if (r.targets.length) {
    out.push(`\n## targets`);
    out.push(
      table(
        ['target', 'measured', 'limit', ''],
        r.targets.map((t) => [t.name, typeof t.value === 'number' ? t.value.toFixed(2) : '-', `${t.op} ${t.limit}`, t.ok === undefined ? 'n/a' : t.ok ? 'ok' : 'MISSED']),
      ),
    );
  }
  if (r.floors?.length) {
    out.push(`\n## floors (not targets)`);
    out.push(table(['ratio', 'measured'], r.floors.map((f) => [f.name, typeof f.value === 'number' ? f.value.toFixed(2) : '-'])));
  }
  out.push(`\ntotal bench time: ${r.durationS} s`);
  console.log(out.join('\n'));
}
