// Minimal glob matching for `ignores`: `**`, `*`, `?`, `{a,b}` and character classes over "/" paths.
export function globToRegExp(glob: string): RegExp {
  let re = '';
  let i = 0;
  let inGroup = false;
  // A pattern without a slash matches at any depth, as in .gitignore and ESLint's ignores.
  const anchored = glob.includes('/') && !glob.startsWith('**/');
  const g = glob.startsWith('./') ? glob.slice(2) : glob;
  while (i < g.length) {
    const c = g[i]!;
    if (c === '*') {
      if (g[i + 1] === '*') {
        const slash = g[i + 2] === '/';
        re += slash ? '(?:.*/)?' : '.*';
        i += slash ? 3 : 2;
        continue;
      }
      re += '[^/]*';
    } else if (c === '?') re += '[^/]';
    else if (c === '{') {
      re += '(?:';
      inGroup = true;
    } else if (c === '}' && inGroup) {
      re += ')';
      inGroup = false;
    } else if (c === ',' && inGroup) re += '|';
    else if (c === '[') {
      const close = g.indexOf(']', i);
      if (close > i) {
        re += '[' + g.slice(i + 1, close).replace(/^!/, '^').replace(/\\/g, '\\\\') + ']';
        i = close;
      } else re += '\\[';
    } else re += c.replace(/[.+^$()|\\\]]/g, '\\$&');
    i++;
  }
  const body = g.endsWith('/') ? `${re}.*` : `${re}(?:/.*)?`;
  return new RegExp(anchored ? `^${body}$` : `^(?:.*/)?${body}$`);
}

export function compileIgnores(globs: readonly string[]): (relPath: string) => boolean {
  const res = globs.map(globToRegExp);
  return (p) => res.some((r) => r.test(p));
}

/**
 * Test and benchmark-harness files, skipped by default (`--include-tests` or `"includeTests": true`
 * keeps them): a performance finding in a test is rarely worth acting on, and on real projects
 * they held a large share of all findings.
 */
export const TEST_FILE_GLOBS: readonly string[] = [
  '**/*.{test,spec,bench}.{ts,tsx,mts,cts,js,jsx,mjs,cjs}',
  '**/{__tests__,__mocks__,__fixtures__}/**',
  '**/{test,tests,spec,specs,e2e,bench,benchmark,benchmarks}/**',
];
