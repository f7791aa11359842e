import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { repoRoot } from './helpers.js';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export const BIN = path.join(repoRoot, 'bin', 'jitlint.js');

export function jitlint(args: string[], cwd: string, env: Record<string, string> = {}): CliResult {
  const res = spawnSync(process.execPath, [BIN, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', CI: '1', ...env },
    maxBuffer: 64 * 1024 * 1024,
  });
  return { code: res.status ?? -1, stdout: res.stdout, stderr: res.stderr };
}

/** A copy of a fixture project in a fresh temporary directory (no tsconfig above it). */
export function copyFixture(...parts: string[]): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'jitlint-test-'));
  const dest = path.join(dir, parts[parts.length - 1]!);
  cpSync(path.join(repoRoot, 'test', 'fixtures', ...parts), dest, { recursive: true });
  return dest;
}

/** Asserts the shape of a usage error: exactly one line, prefixed, no stack trace. */
export function isOneLineError(stderr: string): boolean {
  const lines = stderr.split('\n').filter(Boolean);
  return lines.length === 1 && lines[0]!.startsWith('jitlint: ') && !/\n\s+at /.test(stderr);
}
