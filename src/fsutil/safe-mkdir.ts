// Creates an output directory after checking where it would go: Node's recursive
// mkdir spins at 100% CPU under /proc (and fails oddly under /sys or /dev), so
// the nearest existing ancestor is checked first. Shared by `record --out` and
// (for the lead) `analyze -o`.
import fs from 'node:fs';
import path from 'node:path';

/** Pseudo file systems no output belongs on (Linux). */
const VIRTUAL_ROOTS = ['/proc', '/sys', '/dev'];

function under(p: string, root: string): boolean {
  return p === root || p.startsWith(root + '/');
}

/**
 * Why `dir` cannot be created or used as a directory, or undefined when it can.
 * Touches nothing: only stats the path and its ancestors.
 */
export function mkdirProblem(dir: string): string | undefined {
  const abs = path.resolve(dir);
  let existing = abs;
  let st: fs.Stats | undefined;
  for (;;) {
    try {
      st = fs.statSync(existing);
      break;
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      // ENOTDIR: a file on the way up, reported below as not a directory
      if (code !== 'ENOENT' && code !== 'ENOTDIR') return `cannot create ${dir} (${code ?? (e as Error).message})`;
      const up = path.dirname(existing);
      if (up === existing) return `cannot create ${dir} (no existing parent)`;
      existing = up;
    }
  }
  let real = existing;
  try {
    real = fs.realpathSync(existing);
  } catch {
    // keep the path as given
  }
  if (process.platform === 'linux' && VIRTUAL_ROOTS.some((r) => under(real, r) || under(abs, r))) {
    return `cannot create ${dir} (${VIRTUAL_ROOTS.find((r) => under(real, r) || under(abs, r))} is a virtual file system)`;
  }
  if (!st.isDirectory()) return existing === abs ? `${dir} is not a directory` : `cannot create ${dir} (${existing} is not a directory)`;
  try {
    fs.accessSync(existing, fs.constants.W_OK | fs.constants.X_OK);
  } catch {
    if (existing !== abs) return `cannot create ${dir} (${existing} is not writable)`;
    return `${dir} is not writable`;
  }
  return undefined;
}

/** Creates `dir` (and its parents) or throws an Error whose message is one line saying why not. */
export function safeMkdir(dir: string): void {
  const problem = mkdirProblem(dir);
  if (problem) throw new Error(problem);
  try {
    fs.mkdirSync(dir, { recursive: true });
  } catch (e) {
    throw new Error(`cannot create ${dir} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
}
