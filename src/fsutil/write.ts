// Writing output files so that a reader never sees half of one.
import fs from 'node:fs';
import path from 'node:path';
import { mkdirProblem } from './safe-mkdir.js';

/** Why `file` cannot be written, without creating anything (recursive mkdir spins on /proc). */
export function unwritableReason(file: string): string | undefined {
  if (isStream(file)) return undefined;
  return mkdirProblem(path.dirname(path.resolve(file)));
}

/** An existing character device or FIFO (`-o /dev/null`, `-o /dev/stdout`): written to as is, not replaced. */
function isStream(file: string): boolean {
  try {
    const st = fs.statSync(file);
    return st.isCharacterDevice() || st.isFIFO();
  } catch {
    return false;
  }
}

/**
 * Writes `text` to `file` atomically: into a temporary file of the same folder, then renamed over
 * the target, so that a crash or `kill -9` leaves the previous file whole or the new one whole.
 */
export function writeFileAtomic(file: string, text: string): void {
  if (isStream(file)) {
    fs.writeFileSync(file, text);
    return;
  }
  const dir = path.dirname(file);
  fs.mkdirSync(dir, { recursive: true });
  const tmp = path.join(dir, `.${path.basename(file)}.${process.pid}.tmp`);
  try {
    fs.writeFileSync(tmp, text);
    fs.renameSync(tmp, file);
  } catch (e) {
    fs.rmSync(tmp, { force: true });
    throw e;
  }
}
