// The corpora of the precision benchmark (`npm run precision`): real TypeScript code bases taken
// from their npm packages, pinned to exact versions, extracted into ~/.cache/jitlint/corpora/
// (never into the repository) with a generated tsconfig.json.
//
// rxjs and effect come from bench/corpora.mjs (the same trees the speed benchmark uses); the others
// are defined here with the same recipe: `npm pack <pkg>@<version>`, extract only `src/` and the
// manifest, write a tsconfig that type-checks the analysed part of `src/` (tests left out), stamp
// `.ready` when done. Every step that fails throws with the command's output: the scorer stops.
import { existsSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ensureCorpus as ensureBenchCorpus } from '../corpora.mjs';
import { CORPORA_DIR, ensureDir, note, sh } from '../lib.mjs';

const BUNDLER = {
  target: 'ES2022',
  module: 'ESNext',
  moduleResolution: 'Bundler',
  lib: ['ES2022', 'DOM', 'DOM.Iterable'],
  strict: true,
  types: [],
};

/**
 * name -> { pkg, version, include, exclude, compilerOptions } for the corpora added here;
 * `bench: true` for the ones bench/corpora.mjs provides.
 */
export const PRECISION_CORPORA = {
  rxjs: { bench: true, pkg: 'rxjs', version: '7.8.2' },
  effect: { bench: true, pkg: 'effect', version: '4.1.0' },
  zod: {
    pkg: 'zod',
    version: '4.6.7',
    // Zod 4 only (core, classic, mini, locales); src/v3 is the legacy copy shipped alongside.
    include: ['src/v4/**/*.ts'],
    exclude: ['src/**/tests/**'],
    analyze: 'src/v4',
    compilerOptions: { ...BUNDLER, paths: { zod: ['./src/index.ts'], 'zod/v4/core': ['./src/v4/core/index.ts'], 'zod/*': ['./src/*'] } },
  },
  immer: {
    pkg: 'immer',
    version: '11.2.14',
    include: ['src/**/*.ts'],
    exclude: [],
    analyze: 'src',
    // `process.env.NODE_ENV` checks: @types/node from the corpora's node_modules (bench/corpora.mjs).
    compilerOptions: { ...BUNDLER, types: ['node'] },
  },
  'query-core': {
    pkg: '@tanstack/query-core',
    version: '5.108.4',
    include: ['src/**/*.ts'],
    exclude: ['src/**/__tests__/**'],
    analyze: 'src',
    compilerOptions: { ...BUNDLER, types: ['node'] },
  },
  mobx: {
    pkg: 'mobx',
    version: '7.1.3',
    include: ['src/**/*.ts'],
    exclude: ['src/**/__tests__/**'],
    analyze: 'src',
    // mobx builds with noImplicitAny and noImplicitThis off.
    compilerOptions: { ...BUNDLER, lib: ['ESNext', 'DOM', 'DOM.Iterable'], types: ['node'], strict: true, noImplicitAny: false, noImplicitThis: false, strictPropertyInitialization: false },
  },
};

function tgzName(pkg, version) {
  return `${pkg.replace(/^@/, '').replace('/', '-')}-${version}.tgz`;
}

function countTs(dir) {
  let n = 0;
  for (const e of readdirSync(dir, { withFileTypes: true, recursive: true })) if (e.isFile() && /\.ts$/.test(e.name)) n++;
  return n;
}

/** Makes sure corpus `name` is in the cache; returns { name, label, pkg, version, dir, analyzeDir, tsconfig }. */
export function ensurePrecisionCorpus(name) {
  const c = PRECISION_CORPORA[name];
  if (!c) throw new Error(`unknown precision corpus ${name}`);
  if (c.bench) {
    const b = ensureBenchCorpus(name);
    return { name, label: b.label, pkg: c.pkg, version: c.version, dir: b.dir, analyzeDir: b.src, tsconfig: b.tsconfig };
  }
  ensureDir(CORPORA_DIR);
  const dirName = `${c.pkg.replace(/^@/, '').replace('/', '-')}-${c.version}`;
  const dir = path.join(CORPORA_DIR, dirName);
  const ready = path.join(dir, '.ready');
  if (!existsSync(ready)) {
    note(`precision: fetching ${c.pkg}@${c.version} (npm pack) into ${dir}`);
    const tgzDir = ensureDir(path.join(CORPORA_DIR, '_tgz'));
    const tgz = path.join(tgzDir, tgzName(c.pkg, c.version));
    if (!existsSync(tgz)) sh('npm', ['pack', `${c.pkg}@${c.version}`, '--pack-destination', tgzDir, '--loglevel=error'], { cwd: tgzDir });
    if (!existsSync(tgz)) throw new Error(`npm pack ${c.pkg}@${c.version} did not produce ${tgz}`);
    const tmp = `${dir}.tmp`;
    rmSync(tmp, { recursive: true, force: true });
    ensureDir(tmp);
    sh('tar', ['-xzf', tgz, '-C', tmp, '--strip-components=1', 'package/src', 'package/package.json']);
    rmSync(dir, { recursive: true, force: true });
    renameSync(tmp, dir);
  }
  const tsconfig = path.join(dir, 'tsconfig.json');
  const config = {
    compilerOptions: { ...c.compilerOptions, noEmit: true, skipLibCheck: true },
    include: c.include,
    exclude: c.exclude,
  };
  writeFileSync(tsconfig, JSON.stringify(config, null, 2) + '\n');
  const analyzeDir = path.join(dir, c.analyze);
  if (!existsSync(analyzeDir) || countTs(analyzeDir) === 0) throw new Error(`${c.pkg}@${c.version}: no TypeScript sources under ${c.analyze}`);
  if (!existsSync(ready)) writeFileSync(ready, `${c.pkg}@${c.version}\n`);
  return { name, label: `${c.pkg}@${c.version}`, pkg: c.pkg, version: c.version, dir, analyzeDir, tsconfig };
}

export function ensureAllPrecisionCorpora(names = Object.keys(PRECISION_CORPORA)) {
  return names.map((n) => ensurePrecisionCorpus(n));
}

// `node bench/precision/corpora.mjs [name...]`: builds the corpora and prints where they are.
if (import.meta.url === `file://${process.argv[1]}`) {
  const names = process.argv.slice(2);
  for (const c of ensureAllPrecisionCorpora(names.length ? names : undefined)) {
    process.stdout.write(`${c.label}\t${c.dir}\t${c.tsconfig}\n`);
  }
}
