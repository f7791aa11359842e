// The large V8 inputs of the log cases, made once into ~/.cache/jitlint/logs/ by running
// bench/programs/ic-storm.mjs (thousands of small functions reading properties of many object
// shapes) or bench/programs/code-churn.mjs (code made, optimized and collected over and over)
// under the V8 logging or tracing flags:
//   v8.log        ic-storm, --log-ic --log-deopt --log-code --log-function-events   (at least 150 MB)
//   trace.txt     ic-storm, --trace-opt --trace-deopt-verbose --trace-turbo-inlining (stdout, at least 50 MB)
//   churn.v8.log  code-churn, the v8.log flags and --stress-compaction              (at least 500 MB)
// A manifest (<name>.json) records the node version, flags, program parameters and size; a file
// whose manifest does not match the current parameters and node version is made again.
import { spawn } from 'node:child_process';
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { createWriteStream, existsSync, readFileSync, rmSync, statSync, writeFileSync, renameSync } from 'node:fs';
import path from 'node:path';
import { BENCH_DIR, LOGS_DIR, ensureDir, note } from './lib.mjs';

const PROGRAMS = path.join(BENCH_DIR, 'programs');
const MB = 1024 * 1024;

export const LOG_SPECS = {
  v8log: {
    file: 'v8.log',
    minBytes: 150 * MB,
    flags: ['--log-ic', '--log-deopt', '--log-code', '--log-function-events', '--no-logfile-per-isolate'],
    params: { functions: 50000, shapes: 10, rounds: 1, hot: 3000, 'hot-every': 8 },
  },
  // Memory: a log of code made, moved and collected over and over (bench/programs/code-churn.mjs).
  // --stress-compaction makes every GC compact, so the code-move / sfi-move / freed-chunk rows of
  // hours of a server's life fit in a few minutes of the program.
  churn: {
    file: 'churn.v8.log',
    program: 'code-churn.mjs',
    minBytes: 500 * MB,
    flags: ['--stress-compaction', '--log-ic', '--log-deopt', '--log-code', '--log-function-events', '--no-logfile-per-isolate'],
    params: { generations: 1800, 'per-gen': 40, hot: 2000, garbage: 2 },
    scaled: 'generations',
  },
  trace: {
    file: 'trace.txt',
    minBytes: 50 * MB,
    flags: ['--trace-opt', '--trace-deopt-verbose', '--trace-turbo-inlining'],
    params: { functions: 46000, shapes: 10, rounds: 1, hot: 3000, 'hot-every': 1 },
  },
};
const GENERATOR_VERSION = 1;

const IC_ROWS = new Set(['LoadIC', 'StoreIC', 'KeyedLoadIC', 'KeyedStoreIC', 'LoadGlobalIC', 'StoreGlobalIC', 'StoreInArrayLiteralIC']);

/**
 * What the file holds, counted row by row once when it is made (the "in the file" column of the
 * log table): every deopt, IC transition and code event a complete parser should extract.
 */
export async function countTruth(kind, file) {
  const t = { lines: 0 };
  const fnPositions = new Set();
  const rl = createInterface({ input: createReadStream(file), crlfDelay: Infinity });
  if (kind === 'v8log' || kind === 'churn') {
    Object.assign(t, { deopts: 0, icTransitions: 0, codeCreation: 0, jsCode: 0, optimizedCode: 0 });
    for await (const line of rl) {
      t.lines++;
      const tag = line.slice(0, line.indexOf(','));
      if (tag === 'code-deopt') t.deopts++;
      else if (IC_ROWS.has(tag)) t.icTransitions++;
      else if (tag === 'code-creation') {
        t.codeCreation++;
        const f = line.split(',');
        // code-creation,<tag>,<kind>,<µs>,<start>,<size>,<name>,<sfi>,<marker>: JS functions have an sfi.
        if (f.length >= 9 && f[f.length - 2].startsWith('0x')) {
          t.jsCode++;
          const marker = f[f.length - 1];
          if (marker === '*' || marker === '+' || marker === 'o*' || marker === 'o+') t.optimizedCode++;
          const name = f.slice(6, f.length - 2).join(',');
          const sp = name.lastIndexOf(' ');
          const pos = sp >= 0 ? name.slice(sp + 1) : name;
          if (/:\d+:\d+$/.test(pos)) fnPositions.add(pos);
        }
      }
    }
  } else {
    Object.assign(t, { deopts: 0, optimizations: 0 });
    for await (const line of rl) {
      t.lines++;
      if (line.includes('[bailout (kind: ')) t.deopts++;
      else if (line.includes('[completed optimizing ')) t.optimizations++;
    }
  }
  if (kind !== 'trace') t.functions = fnPositions.size;
  return t;
}

function runNode(args, stdoutFile, cwd) {
  return new Promise((resolve, reject) => {
    const out = createWriteStream(stdoutFile);
    const child = spawn(process.execPath, args, { cwd, stdio: ['ignore', 'pipe', 'inherit'] });
    child.stdout.pipe(out);
    child.on('error', reject);
    child.on('close', (code) => {
      out.end(() => (code === 0 ? resolve() : reject(new Error(`node ${args.join(' ')} exited with ${code}`))));
    });
  });
}

async function generate(kind, spec, scale) {
  const work = ensureDir(path.join(LOGS_DIR, `work-${kind}`));
  const scaled = spec.scaled ?? 'functions';
  const params = { ...spec.params, [scaled]: Math.round(spec.params[scaled] * scale) };
  const program = path.join(PROGRAMS, spec.program ?? 'ic-storm.mjs');
  // ic-storm writes its generated module into a work directory given first.
  const progArgs = [program, ...(spec.program ? [] : [work]), ...Object.entries(params).flatMap(([k, v]) => [`--${k}`, String(v)])];
  const target = path.join(LOGS_DIR, spec.file);
  const tmp = `${target}.tmp`;
  rmSync(tmp, { force: true });
  const t0 = Date.now();
  if (kind !== 'trace') {
    await runNode([...spec.flags, `--logfile=${tmp}`, ...progArgs], path.join(work, 'stdout.txt'), work);
  } else {
    await runNode([...spec.flags, ...progArgs], tmp, work);
  }
  const bytes = statSync(tmp).size;
  return { tmp, target, params, bytes, seconds: (Date.now() - t0) / 1000 };
}

/** Makes sure the log `kind` ('v8log' | 'trace') exists; returns { file, bytes, manifest }. */
export async function ensureLog(kind) {
  const spec = LOG_SPECS[kind];
  ensureDir(LOGS_DIR);
  const target = path.join(LOGS_DIR, spec.file);
  const manifestFile = `${target}.json`;
  const want = { generator: GENERATOR_VERSION, node: process.version, flags: spec.flags, params: spec.params };
  if (existsSync(target) && existsSync(manifestFile)) {
    const m = JSON.parse(readFileSync(manifestFile, 'utf8'));
    if (JSON.stringify(m.want) === JSON.stringify(want) && statSync(target).size === m.bytes) {
      if (!m.truth) {
        m.truth = await countTruth(kind, target);
        writeFileSync(manifestFile, JSON.stringify(m, null, 2) + '\n');
      }
      return { file: target, bytes: m.bytes, manifest: m };
    }
  }
  // Sizes depend a little on the machine (tiering is timing-dependent): grow until big enough.
  let scale = 1;
  for (let attempt = 0; attempt < 3; attempt++) {
    const scaled = spec.scaled ?? 'functions';
    note(`logs: generating ${spec.file} (${spec.flags.join(' ')}; ${spec.params[scaled] * scale | 0} ${scaled}) into ${LOGS_DIR}`);
    const g = await generate(kind, spec, scale);
    note(`logs: ${spec.file}: ${(g.bytes / MB).toFixed(0)} MB in ${g.seconds.toFixed(0)} s`);
    if (g.bytes >= spec.minBytes || attempt === 2) {
      renameSync(g.tmp, target);
      const truth = await countTruth(kind, target);
      const manifest = { want, truth, params: g.params, bytes: g.bytes, seconds: g.seconds, made: new Date().toISOString(), nodeFlags: spec.flags, program: `bench/programs/${spec.program ?? 'ic-storm.mjs'}` };
      writeFileSync(manifestFile, JSON.stringify(manifest, null, 2) + '\n');
      return { file: target, bytes: g.bytes, manifest };
    }
    rmSync(g.tmp, { force: true });
    scale *= Math.min(2, (spec.minBytes / g.bytes) * 1.1);
  }
  throw new Error('unreachable');
}
