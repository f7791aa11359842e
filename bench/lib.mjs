// Shared helpers for `npm run bench`: where things live, logging, running commands.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const BENCH_DIR = path.dirname(fileURLToPath(import.meta.url));
export const REPO = path.resolve(BENCH_DIR, '..');
/** Everything generated or downloaded goes here, never into the repository. */
export const CACHE = path.resolve(process.env.JITLINT_BENCH_CACHE || path.join(os.homedir(), '.cache', 'jitlint'));
export const CORPORA_DIR = path.join(CACHE, 'corpora');
export const LOGS_DIR = path.join(CACHE, 'logs');
export const SYNTH_DIR = path.join(CACHE, 'synthetic');
export const WORK_DIR = path.join(CACHE, 'bench-work');

/** Progress goes to stderr; stdout carries the table only. */
export function note(msg) {
  process.stderr.write(`[bench] ${msg}\n`);
}

export function ensureDir(dir) {
  mkdirSync(dir, { recursive: true });
  return dir;
}

/** Runs a command to completion (setup steps, not measurements); throws with its stderr on failure. */
export function sh(cmd, args, opts = {}) {
  const res = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, ...opts });
  if (res.error) throw res.error;
  if (res.status !== 0 && !(opts.okCodes ?? [0]).includes(res.status)) {
    const tail = `${res.stderr ?? ''}${res.stdout ?? ''}`.trim().split('\n').slice(-15).join('\n');
    throw new Error(`${path.basename(cmd)} ${args.join(' ')} exited with ${res.status}\n${tail}`);
  }
  return res;
}

/** A file of an installed package, by path inside the package (subpaths need not be exported). */
export function repoPackageFile(pkg, sub) {
  return path.join(REPO, 'node_modules', pkg, sub);
}

export function resolveRepoModule(spec) {
  // Resolved from the repository (peers are devDependencies there), whatever the cwd.
  return fileURLToPath(import.meta.resolve(spec));
}

export function fileExists(p) {
  return existsSync(p);
}

export function fmtMs(ms) {
  if (ms == null || Number.isNaN(ms)) return '-';
  if (ms >= 10000) return `${(ms / 1000).toFixed(1)} s`;
  if (ms >= 1000) return `${(ms / 1000).toFixed(2)} s`;
  return `${ms.toFixed(0)} ms`;
}

export function fmtMB(kb) {
  if (kb == null || Number.isNaN(kb)) return '-';
  return `${(kb / 1024).toFixed(0)} MB`;
}

export function median(xs) {
  const v = xs.filter((x) => typeof x === 'number' && !Number.isNaN(x)).sort((a, b) => a - b);
  if (!v.length) return undefined;
  const m = v.length >> 1;
  return v.length % 2 ? v[m] : (v[m - 1] + v[m]) / 2;
}
