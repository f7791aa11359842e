import path from 'node:path';

/** Path of `file` relative to `base`, with "/" separators (the form every report uses). */
export function relativePath(base: string, file: string): string {
  const rel = path.relative(base, file);
  return rel.split(path.sep).join('/');
}

/** Is `child` the directory `parent` or below it? (Local absolute paths.) */
export function isUnder(child: string, parent: string): boolean {
  const rel = path.relative(parent, child);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}
