// `npm run demo`: analyzes examples/demo and writes demo.sarif. When a recording of the demo
// exists (see below), the runtime findings are cross-referenced too.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = path.join(root, 'bin', 'jitlint.js');

function run(args, opts = {}) {
  const res = spawnSync(process.execPath, [bin, ...args], { cwd: root, stdio: 'inherit', ...opts });
  return res.status ?? 2;
}

console.log('$ jitlint analyze examples/demo');
const code = run(['analyze', 'examples/demo']);
run(['analyze', 'examples/demo', '--format', 'sarif', '-o', 'demo.sarif']);
console.log(`\njitlint exited with ${code} (1: error-level findings, as the demo is meant to show). SARIF written to demo.sarif.`);
process.exit(code === 2 ? 2 : 0);
