// Runs the uvu suites compiled to dist/test and ends with a plain "N passed, N failed" line.
// The whole run (no filter) also runs the rule suites and the rules' docs examples a second time
// on the tsgo engine (JITLINT_TEST_ENGINE=tsgo): one rule source must answer alike on both.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
// An optional argument narrows the suites (a regex over their paths); only *.test.js files run.
const filter = process.argv[2];
const uvu = path.join(root, 'node_modules', 'uvu', 'bin.js');

function run(pattern, env = {}) {
  const res = spawnSync(process.execPath, [uvu, 'dist/test', pattern], { cwd: root, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, env: { ...process.env, ...env } });
  process.stdout.write(res.stdout ?? '');
  process.stderr.write(res.stderr ?? '');
  const num = (re) => Number((res.stdout ?? '').match(re)?.[1] ?? 0);
  const total = num(/Total:\s+(\d+)/);
  const passed = num(/Passed:\s+(\d+)/);
  const skipped = num(/Skipped:\s+(\d+)/);
  const failed = res.status === 0 ? total - passed - skipped : Math.max(1, total - passed - skipped);
  return { total, passed, skipped, failed, ok: res.status === 0 && total > 0 };
}

const runs = [run(filter ? `^(?=.*(?:${filter})).*\\.test\\.js$` : '\\.test\\.js$')];
if (!filter) {
  console.log('\nrule suites and docs examples on the tsgo engine (JITLINT_TEST_ENGINE=tsgo):');
  runs.push(run('^(?=.*(?:rules/|docs-examples)).*\\.test\\.js$', { JITLINT_TEST_ENGINE: 'tsgo' }));
}
const sum = (k) => runs.reduce((n, r) => n + r[k], 0);
console.log(`tests: ${sum('passed')} passed, ${sum('failed')} failed${sum('skipped') ? `, ${sum('skipped')} skipped` : ''}`);
if (runs.some((r) => r.total === 0)) console.error('no tests ran');
process.exit(runs.every((r) => r.ok) ? 0 : 1);
