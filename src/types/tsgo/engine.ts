// The tsgo engine: a TypeScript 7 server (typescript7/unstable/sync) holding the project and
// its checker; jitlint parses the analyzed files in-process and asks the server about them.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ts } from 'ts-morph';
import { UsageError } from '../../errors.js';
import type { Timing } from '../../analyze/timing.js';
import { defaultCompilerOptions } from '../../project/defaults.js';
import { analyzedFilter, namedOutsideTsconfig, rootFilesWithoutTsconfig, type LoadOptions, type ProjectLocation } from '../../project/load.js';
import type { TypeEngine } from '../checker.js';
import { bitTranslator, kindTranslator } from './enums.js';
import { NodeMap, PARSE_OPTIONS } from './nodes.js';
import { withServerStderr } from './stderr.js';
import { createTsgoChecker, QueryStats } from './checker.js';

/** The TypeScript 7 jitlint is tested with: its API is unstable, other versions are refused. */
export const TSGO_VERSION = '7.0.2';
export const TSGO_INSTALL = `npm install --save-dev typescript7@npm:typescript@${TSGO_VERSION}`;

type SyncModule = typeof import('typescript7/unstable/sync');
type Sync = typeof import('typescript7/unstable/sync');
declare namespace Sync {
  type Checker = import('typescript7/unstable/sync').Checker;
}

/** The installed TypeScript 7 package, or a usage error (exit 2) saying what to install. */
export interface TsgoPackage {
  mod: SyncModule;
  syntaxKind: Record<string, string | number>;
}

let loaded: Promise<TsgoPackage> | undefined;
/** The installed TypeScript 7 package (loaded once), or a usage error (exit 2) saying what to install. */
export function loadTsgo(): Promise<TsgoPackage> {
  loaded ??= loadPackage();
  loaded.catch(() => (loaded = undefined));
  return loaded;
}

async function loadPackage(): Promise<TsgoPackage> {
  const require = createRequire(import.meta.url);
  let manifest: string;
  try {
    manifest = require.resolve('typescript7/package.json');
  } catch {
    throw new UsageError(`--engine tsgo needs TypeScript ${TSGO_VERSION} as the package 'typescript7': ${TSGO_INSTALL}`);
  }
  const version = (JSON.parse(readFileSync(manifest, 'utf8')) as { version?: string }).version;
  if (version !== TSGO_VERSION) {
    throw new UsageError(`--engine tsgo needs TypeScript ${TSGO_VERSION} as 'typescript7' (found ${version ?? 'no version'}): ${TSGO_INSTALL}`);
  }
  const dir = path.dirname(manifest);
  const mod = (await import('typescript7/unstable/sync')) as SyncModule;
  const syntaxKind = ((await import(pathToFileURL(path.join(dir, 'dist/enums/syntaxKind.enum.js')).href)) as { SyntaxKind: Record<string, string | number> }).SyntaxKind;
  return { mod, syntaxKind };
}

export interface TsgoProject {
  engine: TypeEngine;
  files: ts.SourceFile[];
}

export interface TsgoOptions {
  /** Compiler options of the generated tsconfig when the project has none (default: jitlint's defaults). */
  compilerOptions?: Record<string, unknown>;
  /** A server binary other than the package's own. */
  serverPath?: string;
  /** Wraps the server's checker (tests: a server that fails on chosen queries). */
  wrapChecker?: (c: Sync.Checker) => Sync.Checker;
}

export function openTsgoProject(pkg: TsgoPackage, loc: ProjectLocation, opts: LoadOptions, timing: Timing, tsgo: TsgoOptions = {}): TsgoProject {
  const { mod, syntaxKind } = pkg;
  // Without a tsconfig (or for files it leaves out) the server gets a generated one.
  let tempDir: string | undefined;
  let configPath = loc.tsconfigPath;
  /** The root files, known before the server has the program (parsed while it opens it). */
  let roots: string[];
  if (configPath) {
    const listed = timing.measure('tsgo: read tsconfig', () => {
      const read = ts.readConfigFile(configPath!, ts.sys.readFile);
      return read.config ? ts.parseJsonConfigFileContent(read.config, ts.sys, path.dirname(configPath!), undefined, configPath).fileNames : [];
    });
    const extra = namedOutsideTsconfig(loc, listed);
    roots = [...listed, ...extra];
    if (extra.length > 0) configPath = writeConfig((tempDir = tempFolder()), { extends: configPath, files: extra, include: includeOf(configPath) });
  } else {
    roots = rootFilesWithoutTsconfig(loc, opts.display);
    configPath = writeConfig((tempDir = tempFolder()), { compilerOptions: tsgo.compilerOptions ?? defaultTsconfigOptions(), files: roots });
  }
  const isOwn = (f: string) => !/\.d\.[cm]?ts$|\.d\.[^.]+\.ts$/i.test(f) && !path.resolve(f).split(path.sep).includes('node_modules');
  const parsedByName = new Map<string, ts.SourceFile>();
  const parse = (f: string): ts.SourceFile => {
    const name = path.resolve(f);
    let sf = parsedByName.get(name);
    if (!sf) {
      sf = ts.createSourceFile(name, readFileSync(f, 'utf8'), PARSE_OPTIONS, true, scriptKind(f));
      parsedByName.set(name, sf);
    }
    return sf;
  };
  const { value: api, stderr } = timing.measure('tsgo: server start', () =>
    withServerStderr(() => new mod.API({ cwd: loc.rootDir, ...(tsgo.serverPath ? { tsserverPath: tsgo.serverPath } : {}) })),
  );
  const stop = (): void => {
    api.close();
    stderr.finish();
  };
  try {
    api.parseConfigFile(configPath); // a first request: the server is up
  } catch (e) {
    stop();
    if (tempDir) rmSync(tempDir, { recursive: true, force: true });
    throw e;
  }
  try {
    // The server opens the project (parse, bind) while the root files are parsed here: the
    // request is written, the parse runs, then the answer is read.
    const snapshot = timing.measure('tsgo: project open', () =>
      whileRequestRuns(api, () => timing.measure('tsgo: parse in-process', () => void roots.filter(isOwn).forEach(parse)), () => api.updateSnapshot({ openProjects: [configPath!] })),
    );
    const project = snapshot.getProjects()[0];
    if (!project) throw new UsageError(`${opts.display(configPath)}: TypeScript 7 opened no project`);
    const keep = analyzedFilter(loc, opts);
    const names = project.program.getSourceFileNames();
    const parsed = timing.measure('tsgo: parse in-process', () => names.filter(isOwn).map(parse));
    const nodes = new NodeMap(project.program, kindTranslator(syntaxKind), kindNames(syntaxKind), timing);
    for (const sf of parsed) nodes.addLocal(sf);
    const stats = new QueryStats();
    const checker = createTsgoChecker(
      {
        mod,
        checker: tsgo.wrapChecker ? tsgo.wrapChecker(project.checker) : project.checker,
        nodes,
        timing,
        typeFlags: bitTranslator(mod.TypeFlags as never, ts.TypeFlags as never),
        objectFlags: bitTranslator(mod.ObjectFlags as never, ts.ObjectFlags as never),
        symbolFlags: bitTranslator(mod.SymbolFlags as never, ts.SymbolFlags as never),
      },
      stats,
    );
    const files = parsed.filter((sf) => keep(sf.fileName)).sort((a, b) => (a.fileName < b.fileName ? -1 : a.fileName > b.fileName ? 1 : 0));
    const engine: TypeEngine = {
      name: 'tsgo',
      checker,
      project: { sourceFiles: () => parsed, isExternal: (sf) => path.resolve(sf.fileName).split(path.sep).includes('node_modules') },
      notes() {
        if (timing.enabled) {
          timing.add(`tsgo: ${stats.queries} queries`, 0);
          for (const [m, n] of [...stats.byMethod].sort((a, b) => b[1] - a[1])) timing.add(`tsgo:   ${n} ${m}`, 0);
          timing.add(`tsgo: ${stats.batches} batches`, 0);
          timing.add(`tsgo: ${stats.failed} failed queries`, 0);
          timing.add(`tsgo: ${nodes.transfers} ASTs transferred`, 0);
        }
        if (stats.failed === 0) return [];
        return [`engine tsgo: ${stats.failed} type ${stats.failed === 1 ? 'query' : 'queries'} failed in the TypeScript 7 server (${stats.firstError}); ${stats.failed === 1 ? 'that site was' : 'those sites were'} not checked (--engine ts6 checks them)`];
      },
      close() {
        timing.measure('tsgo: server stop', stop);
        if (tempDir) rmSync(tempDir, { recursive: true, force: true });
      },
    };
    return { engine, files };
  } catch (e) {
    stop();
    if (tempDir) rmSync(tempDir, { recursive: true, force: true });
    throw e;
  }
}

/**
 * Runs `request` (one request to the server), and `meanwhile` after the request is written and
 * before its answer is read, so that both sides work at once. Reaches into the sync channel of the
 * pinned TypeScript 7 (client.channel.writeTuple); without it, `meanwhile` runs first.
 */
function whileRequestRuns<T>(api: unknown, meanwhile: () => void, request: () => T): T {
  const channel = (api as { client?: { channel?: { writeTuple?: (...a: unknown[]) => void } } }).client?.channel;
  const write = channel?.writeTuple;
  if (!channel || typeof write !== 'function') {
    meanwhile();
    return request();
  }
  let ran = false;
  channel.writeTuple = function (this: unknown, ...a: unknown[]) {
    channel.writeTuple = write;
    write.apply(this, a);
    ran = true;
    try {
      meanwhile();
    } catch {
      // the answer must still be read; the work is redone (and fails) where it is needed
    }
  };
  try {
    return request();
  } finally {
    channel.writeTuple = write;
    if (!ran) meanwhile();
  }
}

function tempFolder(): string {
  return mkdtempSync(path.join(os.tmpdir(), 'jitlint-tsgo-'));
}

function writeConfig(dir: string, config: object): string {
  const p = path.join(dir, 'tsconfig.json');
  writeFileSync(p, JSON.stringify(config));
  return p;
}

function includeOf(configPath: string): string[] | undefined {
  const read = ts.readConfigFile(configPath, ts.sys.readFile);
  const inc = (read.config as { include?: string[] } | undefined)?.include;
  return inc?.map((p) => path.resolve(path.dirname(configPath), p));
}

/** defaultCompilerOptions() as tsconfig.json text (enum values by name). */
export function defaultTsconfigOptions(o: ts.CompilerOptions = defaultCompilerOptions()): Record<string, unknown> {
  return {
    target: ts.ScriptTarget[o.target!],
    module: ts.ModuleKind[o.module!],
    moduleResolution: o.moduleResolution === ts.ModuleResolutionKind.Bundler ? 'bundler' : 'nodenext',
    ...(o.jsx !== undefined ? { jsx: 'preserve' } : {}),
    ...Object.fromEntries(Object.entries(o).filter(([k, v]) => typeof v === 'boolean' || Array.isArray(v)).map(([k, v]) => [k, v])),
    noEmit: true,
  };
}

function scriptKind(f: string): ts.ScriptKind {
  if (/\.tsx$/i.test(f)) return ts.ScriptKind.TSX;
  if (/\.jsx$/i.test(f)) return ts.ScriptKind.JSX;
  if (/\.[cm]?js$/i.test(f)) return ts.ScriptKind.JS;
  return ts.ScriptKind.TS;
}

function kindNames(k7: Record<string, string | number>): Record<number, string> {
  const out: Record<number, string> = {};
  for (const [name, v] of Object.entries(k7)) {
    if (typeof v !== 'number' || name.startsWith('First') || name.startsWith('Last') || out[v] !== undefined) continue;
    out[v] = name;
  }
  return out;
}
