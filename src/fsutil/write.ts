// Writing output files so that a reader never sees half of one.
import fs from 'node:fs';
import path from 'node:path';
import { mkdirProblem } from './safe-mkdir.js';

/** Why `file` cannot be written, without creating anything (recursive mkdir spins on /proc). */
export function unwritableReason(file: string): string | undefined {
  if (isSpecialFile(file)) {
    try {
      fs.accessSync(file, fs.constants.W_OK);
      return undefined;
    } catch {
      return `${file} is not writable`;
    }
  }
  return mkdirProblem(path.dirname(path.resolve(file)));
}

/** An existing device, FIFO or socket (`-o /dev/null`, `-o /dev/stdout`, a named pipe): written in place. */
function isSpecialFile(file: string): boolean {
  try {
    const st = fs.statSync(file);
    return !st.isFile() && !st.isDirectory();
  } catch {
    return false;
  }
}

/**
 * Writes `text` to `file` atomically: into a temporary file of the same folder, then renamed over
 * the target, so that a crash or `kill -9` leaves the previous file whole or the new one whole.
 */
export function writeFileAtomic(file: string, text: string): void {
  // Renaming over a device would replace it; a stream has no half-written state to protect.
  if (isSpecialFile(file)) return fs.writeFileSync(file, text);
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

/** Removes a previous report at `file`, never a device or a pipe (`-o /dev/null` must stay). */
export function removeStaleReport(file: string): void {
  try {
    if (fs.lstatSync(file).isFile()) fs.rmSync(file, { force: true });
  } catch {
    // nothing there
  }
}
