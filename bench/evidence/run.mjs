// `npm run bench:evidence -- <rule-id>...`: runs the micro-benchmarks behind the rule docs.
// Each bench/evidence/<id>.mjs starts one process per variant itself and prints its table.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const dir = path.dirname(fileURLToPath(import.meta.url));
const available = readdirSync(dir).filter((f) => f.endsWith('.mjs') && f !== 'run.mjs' && !f.startsWith('_')).map((f) => f.slice(0, -4)).sort();
const wanted = process.argv.slice(2);
for (const id of wanted) {
  if (!available.includes(id)) {
    console.error(`bench:evidence: no benchmark for '${id}' (available: ${available.join(', ')})`);
    process.exit(2);
  }
}
console.log(`node ${process.version} (V8 ${process.versions.v8})`);
let status = 0;
for (const id of wanted.length ? wanted : available) {
  console.log(`\n## ${id}`);
  const res = spawnSync(process.execPath, [path.join(dir, `${id}.mjs`)], { stdio: 'inherit' });
  if (res.status !== 0) status = 1;
}
process.exit(status);
