// Writing output files so that a reader never sees half of one.
import fs from 'node:fs';
import path from 'node:path';

/** Why a path cannot take a new file, without creating anything (recursive mkdir spins on /proc). */
export function unwritableReason(file: string): string | undefined {
  let dir = path.dirname(path.resolve(file));
  // The nearest existing ancestor must be a writable directory outside the kernel's pseudo file systems.
  for (;;) {
    let st: fs.Stats | undefined;
    try {
      st = fs.statSync(dir);
    } catch {
      st = undefined;
    }
    if (st) {
      if (!st.isDirectory()) return `${dir} is not a directory`;
      if (/^\/(?:proc|sys)(?:\/|$)/.test(dir)) return `${dir} is not a place for files`;
      try {
        fs.accessSync(dir, fs.constants.W_OK);
      } catch {
        return `${dir} is not writable`;
      }
      return undefined;
    }
    const up = path.dirname(dir);
    if (up === dir) return `${dir} does not exist`;
    dir = up;
  }
}

/**
 * Writes `text` to `file` atomically: into a temporary file of the same folder, then renamed over
 * the target, so that a crash or `kill -9` leaves the previous file whole or the new one whole.
 */
export function writeFileAtomic(file: string, text: string): void {
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
