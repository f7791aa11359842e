// One read of a .cpuprofile, for bench/profiles.mjs: `json` is the peer (readFileSync + JSON.parse,
// what DevTools-style tools do), `jitlint` is jitlint's reader (loadRuntime of the file).
//   node bench/peers/profile-read.mjs json|jitlint FILE
// Prints {tool, samples, ms, maxRssKB} (time of the read only; maxRSS of the whole process).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const [mode, file] = process.argv.slice(2);
const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
let samples;
const t0 = performance.now();
if (mode === 'json') {
  const p = JSON.parse(readFileSync(file, 'utf8'));
  samples = p.samples.length;
} else {
  const { loadRuntime } = await import(pathToFileURL(path.join(repo, 'dist', 'src', 'runtime', 'index.js')).href);
  const { model } = await loadRuntime([file]);
  samples = model.cpuProfiles[0].samples;
}
const ms = performance.now() - t0;
console.log(JSON.stringify({ tool: mode, samples, ms: Math.round(ms), maxRssKB: process.resourceUsage().maxRSS }));
