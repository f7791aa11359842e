// Runs the uvu suites compiled to dist/test and ends with a plain "N passed, N failed" line.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
// An optional argument narrows the suites (a regex over their paths); only *.test.js files run.
const filter = process.argv[2];
const pattern = filter ? `^(?=.*(?:${filter})).*\\.test\\.js$` : '\\.test\\.js$';
const uvu = path.join(root, 'node_modules', 'uvu', 'bin.js');
const res = spawnSync(process.execPath, [uvu, 'dist/test', pattern], { cwd: root, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
process.stdout.write(res.stdout ?? '');
process.stderr.write(res.stderr ?? '');
const num = (re) => Number((res.stdout ?? '').match(re)?.[1] ?? 0);
const total = num(/Total:\s+(\d+)/);
const passed = num(/Passed:\s+(\d+)/);
const skipped = num(/Skipped:\s+(\d+)/);
const failed = res.status === 0 ? total - passed - skipped : Math.max(1, total - passed - skipped);
console.log(`tests: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
if (total === 0) console.error('no tests ran');
process.exit(res.status === 0 && total > 0 ? 0 : 1);
