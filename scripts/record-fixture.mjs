// Shared by the fixture generators: runs `jitlint record --out OUT -- COMMAND...` in CWD and keeps
// the run as record wrote it, except that a v8.log above GZIP_ABOVE is gzipped (lossless) and
// the manifest names the .gz file.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const jitlintBin = path.join(root, 'bin', 'jitlint.js');
const GZIP_ABOVE = 256 * 1024;

/** Records `command` into `out` (replaced); returns undefined, or why it failed. */
export function recordFixtureRun(out, cwd, command) {
  if (!fs.existsSync(path.join(root, 'dist', 'src', 'record', 'command.js'))) return 'jitlint is not built: run npm run build first';
  fs.rmSync(out, { recursive: true, force: true });
  const res = spawnSync(process.execPath, [jitlintBin, 'record', '--out', out, '--', ...command], { cwd, encoding: 'utf8' });
  if (res.status !== 0) return `jitlint record exited with ${res.status}:\n${res.stderr}`;
  const manifestFile = path.join(out, 'manifest.json');
  const manifest = JSON.parse(fs.readFileSync(manifestFile, 'utf8'));
  const renamed = new Map();
  for (const name of manifest.files?.log ?? []) {
    const log = path.join(out, name);
    if (fs.statSync(log).size <= GZIP_ABOVE) continue;
    fs.writeFileSync(`${log}.gz`, zlib.gzipSync(fs.readFileSync(log), { level: 9 }));
    fs.rmSync(log);
    renamed.set(name, `${name}.gz`);
  }
  const rename = (names) => names?.map((n) => renamed.get(n) ?? n);
  manifest.files.log = rename(manifest.files.log);
  for (const p of manifest.processes ?? []) if (p.files?.log) p.files.log = rename(p.files.log);
  fs.writeFileSync(manifestFile, `${JSON.stringify(manifest, null, 2)}\n`);
  return undefined;
}
