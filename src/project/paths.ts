import path from 'node:path';

/** Path of `file` relative to `base`, with "/" separators (the form every report uses). */
export function relativePath(base: string, file: string): string {
  const rel = path.relative(base, file);
  return rel.split(path.sep).join('/');
}

/** Normalizes a path that TypeScript gives ("/" separators) to the platform's form. */
export function toPlatformPath(p: string): string {
  return path.normalize(p);
}
