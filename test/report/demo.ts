// The demo's report as the HTML tests see it: examples/demo compiled, a real run recorded with
// `jitlint record` (into a temporary directory), analyzed with --deopt as JSON, then turned into
// a ReportModel. The JSON is kept: tests compare what the page shows with it.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { jitlint } from '../cli-helpers.js';
import { repoRoot } from '../helpers.js';
import type { ReportModel } from '../../src/report/model.js';
import { reportInputFromJson, type JsonReport } from '../../src/report/html/from-json.js';
import { ALL_RULES } from '../../src/rules/index.js';

export interface DemoReport {
  json: JsonReport;
  input: ReportModel;
}

let cached: DemoReport | undefined;

export function readRepoFile(file: string): string | undefined {
  try {
    return readFileSync(path.join(repoRoot, file), 'utf8');
  } catch {
    return undefined;
  }
}

export function demoReport(): DemoReport {
  if (cached) return cached;
  const tsc = spawnSync(process.execPath, [path.join(repoRoot, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'examples/demo'], { cwd: repoRoot, encoding: 'utf8' });
  if (tsc.status !== 0) throw new Error(`tsc -p examples/demo failed: ${tsc.stdout}${tsc.stderr}`);
  const run = path.join(mkdtempSync(path.join(os.tmpdir(), 'jitlint-html-')), 'run');
  const rec = jitlint(['record', '--out', run, '--', process.execPath, 'examples/demo/build/main.js'], repoRoot);
  if (rec.code !== 0) throw new Error(`jitlint record failed: ${rec.stderr}`);
  const res = jitlint(['analyze', 'examples/demo', '--deopt', run, '--format', 'json'], repoRoot);
  if (res.code !== 1) throw new Error(`jitlint analyze exited with ${res.code}: ${res.stderr}`);
  const json = JSON.parse(res.stdout) as JsonReport;
  cached = { json, input: reportInputFromJson(json, ALL_RULES, readRepoFile) };
  return cached;
}
