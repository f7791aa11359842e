// Runs the jitlint of this checkout (dist/, via bin/jitlint.js) on one precision corpus and returns
// its findings (the `--format json` report) with the `--timing` table it printed on stderr.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { REPO } from '../lib.mjs';

const BIN = path.join(REPO, 'bin', 'jitlint.js');

export function checkBuilt() {
  const entry = path.join(REPO, 'dist', 'src', 'cli', 'main.js');
  if (!existsSync(entry)) throw new Error(`jitlint is not built (${path.relative(REPO, entry)} missing): run \`npm run build\` first`);
}

/** Parses the `--timing` table: `name   123.4 ms   12.3%` rows. */
function parseTiming(stderr) {
  const out = {};
  for (const line of stderr.split('\n')) {
    const m = /^(\S.*?)\s+([\d.]+) ms\s+([\d.]+)%\s*$/.exec(line);
    if (m) out[m[1]] = Number(m[2]);
  }
  return out;
}

/** { findings, summary, timing, wallMs } for `corpus` (from ensurePrecisionCorpus). Throws on exit code 2 or bad JSON. */
export function runJitlint(corpus) {
  const args = [BIN, 'analyze', corpus.analyzeDir, '-p', corpus.tsconfig, '--format', 'json', '--timing'];
  const t0 = performance.now();
  const res = spawnSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 512 * 1024 * 1024, cwd: corpus.dir });
  const wallMs = performance.now() - t0;
  if (res.error) throw res.error;
  if (res.status !== 0 && res.status !== 1) {
    const tail = `${res.stderr ?? ''}`.trim().split('\n').slice(-15).join('\n');
    throw new Error(`jitlint on ${corpus.label} exited with ${res.status} (signal ${res.signal ?? '-'})\n${tail}`);
  }
  let report;
  try {
    report = JSON.parse(res.stdout);
  } catch (e) {
    throw new Error(`jitlint on ${corpus.label}: stdout is not JSON (${e.message})`);
  }
  return { findings: report.findings, summary: report.summary, timing: parseTiming(res.stderr ?? ''), wallMs };
}

/** The text of line `line` (1-based) of `file` (relative to the corpus root), trimmed; cached per file. */
const fileCache = new Map();
export function sourceLines(corpus, file) {
  const abs = path.join(corpus.dir, file);
  let lines = fileCache.get(abs);
  if (!lines) {
    lines = existsSync(abs) ? readFileSync(abs, 'utf8').split(/\r?\n/) : [];
    fileCache.set(abs, lines);
  }
  return lines;
}
export function snippetAt(corpus, file, line) {
  return (sourceLines(corpus, file)[line - 1] ?? '').trim();
}
