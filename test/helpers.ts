import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { analyzeText, useTsgoForVirtualFiles, type VirtualOptions } from '../src/analyze/virtual.js';
import { loadTsgo } from '../src/types/tsgo/engine.js';

// `JITLINT_TEST_ENGINE=tsgo node scripts/test.mjs rules`: the rule suites through TypeScript 7.
if (process.env['JITLINT_TEST_ENGINE'] === 'tsgo') useTsgoForVirtualFiles(await loadTsgo());
import type { Finding } from '../src/model.js';

/** The repository root (tests run from dist/test). */
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

export function fixturePath(...parts: string[]): string {
  return path.join(repoRoot, 'test', 'fixtures', ...parts);
}

/** `rule line:col-endLine:endCol level`, the compact form rule tests assert on. */
export function brief(f: Finding): string {
  return `${f.ruleId} ${f.line}:${f.column}-${f.endLine}:${f.endColumn} ${f.level}`;
}

/** Findings of one rule on `code`, in the compact form, sorted by position. */
export function lint(ruleId: string, code: string, fileName = 'test.ts', opts: VirtualOptions = {}): string[] {
  return analyzeText(code, fileName, { rules: [ruleId], reportUnusedSuppressions: false, ...opts })
    .filter((f) => f.ruleId === ruleId)
    .sort((a, b) => a.line - b.line || a.column - b.column)
    .map(brief);
}
