// The TypeScript 7 server's stderr. The package spawns the server with stderr inherited, and the
// server prints `context canceled` when the API closes its pipes: noise for the user at the end
// of every run. Here the server's stderr goes to a temporary file instead (a file, not a pipe:
// the sync API blocks the event loop, and a full pipe would block the server), and at close
// every line but that known one is copied to jitlint's stderr.
import childProcess from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
import os from 'node:os';
import path from 'node:path';

/** The lines the server prints at a normal close. */
const KNOWN_CLOSE_LINES = new Set(['context canceled']);

export interface ServerStderr {
  /** Copies what the server printed (but the known close line) to `write`; removes the file. */
  finish(): void;
}

/** Runs `start` (which spawns the server) with the server's stderr sent to a file. */
export function withServerStderr<T>(start: () => T, write: (s: string) => void = (s) => void process.stderr.write(s)): { value: T; stderr: ServerStderr } {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'jitlint-tsgo-stderr-'));
  const file = path.join(dir, 'stderr.txt');
  const fd = openSync(file, 'w+');
  const original = childProcess.spawn;
  (childProcess as { spawn: unknown }).spawn = function (this: unknown, cmd: string, args: readonly string[], opts?: childProcess.SpawnOptions) {
    const stdio = Array.isArray(opts?.stdio) ? [...opts.stdio] : undefined;
    if (stdio && stdio[2] === 'inherit') stdio[2] = fd;
    return original.call(this, cmd, args, { ...opts, ...(stdio ? { stdio } : {}) } as childProcess.SpawnOptions);
  };
  syncBuiltinESMExports();
  let value: T;
  try {
    value = start();
  } finally {
    (childProcess as { spawn: unknown }).spawn = original;
    syncBuiltinESMExports();
  }
  let done = false;
  const finish = (): void => {
    if (done) return;
    done = true;
    let text = '';
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      // nothing to copy
    }
    closeSync(fd);
    rmSync(dir, { recursive: true, force: true });
    const lines = text.split('\n');
    const tail = lines.pop() ?? '';
    const kept = lines.filter((l) => !KNOWN_CLOSE_LINES.has(l.trim()));
    if (tail && !KNOWN_CLOSE_LINES.has(tail.trim())) kept.push(tail);
    if (kept.length > 0) write(kept.join('\n') + '\n');
  };
  return { value: value!, stderr: { finish } };
}
