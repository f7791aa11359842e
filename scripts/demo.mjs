// `npm run demo`: the main job on the bundled example.
//   1. compile examples/demo with tsc (source maps on),
//   2. record a real run of it on this machine's Node with `jitlint record`,
//   3. analyze the TypeScript source with the recorded V8 logs: static findings, runtime
//      findings at .ts positions, and static findings confirmed by the run;
//   4. write the same report as SARIF to demo.sarif and as one HTML page to demo.html.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = path.join(root, 'bin', 'jitlint.js');
const tsc = path.join(root, 'node_modules', 'typescript', 'bin', 'tsc');
const runDir = 'examples/demo/.jitlint/run';

function step(title, args, { fatal = true } = {}) {
  console.log(`\n$ ${title}`);
  const res = spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit' });
  const code = res.status ?? 2;
  if (fatal && code !== 0) {
    console.error(`demo: '${title}' failed with exit code ${code}`);
    process.exit(code === 1 ? 2 : code);
  }
  return code;
}

step('tsc -p examples/demo', [tsc, '-p', 'examples/demo']);
step(`jitlint record --out ${runDir} -- node examples/demo/build/main.js`, [bin, 'record', '--out', runDir, '--', process.execPath, 'examples/demo/build/main.js']);
const code = step(`jitlint analyze examples/demo --deopt ${runDir}`, [bin, 'analyze', 'examples/demo', '--deopt', runDir], { fatal: false });
if (code === 2) process.exit(2);
step(`jitlint analyze examples/demo --deopt ${runDir} --format sarif -o demo.sarif`, [bin, 'analyze', 'examples/demo', '--deopt', runDir, '--format', 'sarif', '-o', 'demo.sarif'], { fatal: false });
step(`jitlint analyze examples/demo --deopt ${runDir} --format html -o demo.html`, [bin, 'analyze', 'examples/demo', '--deopt', runDir, '--format', 'html', '-o', 'demo.html'], { fatal: false });
console.log(`\njitlint exited with ${code} (1 = error-level findings, which the demo is written to have). SARIF: demo.sarif; HTML: demo.html`);
