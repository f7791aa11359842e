// The tsgo engine: a TypeScript 7 server (typescript7/unstable/sync) holding the project and its
// checker. The rules walk the ASTs the server sends (RemoteNode), through the TypeScript 7 syntax
// API in TypeScript 6's shape (./syntax.ts), and ask the server's checker about those same nodes:
// no TypeScript 6 is loaded, nothing is parsed in-process, no node has to be found twice.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ts } from 'ts-morph';
import { UsageError } from '../../errors.js';
import type { Timing } from '../../analyze/timing.js';
import { DEFAULT_TSCONFIG_OPTIONS, defaultCompilerOptions } from '../../project/defaults.js';
import { analyzedFilter, namedOutsideTsconfig, rootFilesWithoutTsconfig, type LoadOptions, type ProjectLocation } from '../../project/load.js';
import { typescript6, useSyntax } from '../../syntax/ts.js';
import type { TypeEngine } from '../checker.js';
import { withServerStderr } from './stderr.js';
import { createTsgoChecker, QueryStats, type NodeResolver } from './checker.js';
import { ts7Syntax } from './syntax.js';

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
  /** The TypeScript 6-shaped syntax API over TypeScript 7's nodes. */
  syntax: typeof ts;
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
  const ast = (await import(pathToFileURL(path.join(dir, 'dist/ast/index.js')).href)) as Record<string, unknown>;
  const syntaxKind = ast['SyntaxKind'] as Record<string, string | number>;
  return { mod, syntaxKind, syntax: ts7Syntax({ ast, sync: mod as unknown as Record<string, unknown> }) };
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

interface RemoteSourceFile {
  getOrCreateNodeAtIndex(index: number): ts.Node;
}

export function openTsgoProject(pkg: TsgoPackage, loc: ProjectLocation, opts: LoadOptions, timing: Timing, tsgo: TsgoOptions = {}): TsgoProject {
  const { mod } = pkg;
  const { value: api, stderr } = timing.measure('tsgo: server start', () =>
    withServerStderr(() => new mod.API({ cwd: loc.rootDir, ...(tsgo.serverPath ? { tsserverPath: tsgo.serverPath } : {}) })),
  );
  // Without a tsconfig (or for files it leaves out) the server gets a generated one.
  let tempDir: string | undefined;
  const stop = (): void => {
    api.close();
    stderr.finish();
    if (tempDir) rmSync(tempDir, { recursive: true, force: true });
  };
  try {
    let configPath = loc.tsconfigPath;
    if (configPath) {
      const listed = timing.measure('tsgo: read tsconfig', () => api.parseConfigFile(configPath!).fileNames.map((f) => path.resolve(f)));
      const extra = namedOutsideTsconfig(loc, listed);
      if (extra.length > 0) configPath = writeConfig((tempDir = tempFolder()), { extends: configPath, files: extra, include: includeOf(configPath) });
    } else {
      const roots = rootFilesWithoutTsconfig(loc, opts.display);
      configPath = writeConfig((tempDir = tempFolder()), { compilerOptions: tsgo.compilerOptions ?? DEFAULT_TSCONFIG_OPTIONS, files: roots });
    }
    const snapshot = timing.measure('tsgo: project open', () => api.updateSnapshot({ openProjects: [configPath!] }));
    const project = snapshot.getProjects()[0];
    if (!project) throw new UsageError(`${opts.display(configPath)}: TypeScript 7 opened no project`);
    const program = project.program;
    // As the ts6 engine does: a tsconfig TypeScript cannot read is a usage error (exit 2), except
    // "No inputs were found" (the paths on the command line may still name files).
    const configErrors = timing.measure('tsgo: read tsconfig', () => program.getConfigFileParsingDiagnostics()).filter((d) => d.category === 1 && d.code !== 18003);
    if (configErrors.length > 0 && loc.tsconfigPath) throw new UsageError(`${opts.display(loc.tsconfigPath)}: ${configErrors[0]!.text}`);
    useSyntax(pkg.syntax);
    const keep = analyzedFilter(loc, opts);
    const isOwn = (f: string) => !/\.d\.[cm]?ts$|\.d\.[^.]+\.ts$/i.test(f) && !path.resolve(f).split(path.sep).includes('node_modules');
    // The client keeps each file it was sent (the same object on every call): counted once.
    const transferred = new Set<ts.SourceFile>();
    const transfers = { get count() { return transferred.size; } };
    const fileOf = (f: string): ts.SourceFile | undefined =>
      timing.measure('tsgo: AST transfer', () => {
        const sf = program.getSourceFile(f) as unknown as ts.SourceFile | undefined;
        if (sf) transferred.add(sf);
        return sf;
      });
    const own = program.getSourceFileNames().filter(isOwn);
    const files = own.filter((f) => keep(f)).sort().map(fileOf).filter((sf): sf is ts.SourceFile => !!sf);
    let ownFiles: ts.SourceFile[] | undefined;
    attachSyntaxErrors(program, files, timing);
    for (const sf of files) attachModuleFormat(program, sf, timing);
    const byPath = new Map<string, ts.SourceFile | undefined>();
    const nodes: NodeResolver = {
      toRemote: (n) => n as never,
      fromHandle(h) {
        const file = h.path as string;
        if (!byPath.has(file)) byPath.set(file, fileOf(file));
        const sf = byPath.get(file) as unknown as RemoteSourceFile | undefined;
        return sf?.getOrCreateNodeAtIndex(h.index);
      },
    };
    const stats = new QueryStats();
    const identity = (f: number) => f;
    const checker = createTsgoChecker(
      {
        mod,
        checker: tsgo.wrapChecker ? tsgo.wrapChecker(project.checker) : project.checker,
        nodes,
        timing,
        typeFlags: identity,
        objectFlags: identity,
        symbolFlags: identity,
      },
      stats,
    );
    const engine: TypeEngine = {
      name: 'tsgo',
      checker,
      project: {
        sourceFiles: () => (ownFiles ??= own.map(fileOf).filter((sf): sf is ts.SourceFile => !!sf)),
        isExternal: (sf) => path.resolve(sf.fileName).split(path.sep).includes('node_modules'),
      },
      notes() {
        if (timing.enabled) {
          timing.add(`tsgo: ${stats.queries} queries`, 0);
          for (const [m, n] of [...stats.byMethod].sort((a, b) => b[1] - a[1])) timing.add(`tsgo:   ${n} ${m}`, 0);
          timing.add(`tsgo: ${stats.batches} batches`, 0);
          timing.add(`tsgo: ${stats.failed} failed queries`, 0);
          timing.add(`tsgo: ${transfers.count} ASTs transferred`, 0);
        }
        if (stats.failed === 0) return [];
        return [`engine tsgo: ${stats.failed} type ${stats.failed === 1 ? 'query' : 'queries'} failed in the TypeScript 7 server (${stats.firstError}); ${stats.failed === 1 ? 'that site was' : 'those sites were'} not checked (--engine ts6 checks them)`];
      },
      close() {
        timing.measure('tsgo: server stop', stop);
      },
    };
    return { engine, files };
  } catch (e) {
    stop();
    throw e;
  }
}

/** `impliedNodeFormat` (ESM or CommonJS at run time), asked of the server when a rule reads it. */
function attachModuleFormat(program: import('typescript7/unstable/sync').Program, sf: ts.SourceFile, timing: Timing): void {
  Object.defineProperty(sf, 'impliedNodeFormat', {
    configurable: true,
    get() {
      const format = timing.measure('tsgo: queries', () => program.getSourceFileMetadata(sf.fileName)?.impliedNodeFormat);
      Object.defineProperty(sf, 'impliedNodeFormat', { value: format, configurable: true });
      return format;
    },
  });
}

/** The parser's errors of each analyzed file, where the rule engine reads them (`parseDiagnostics`). */
function attachSyntaxErrors(program: import('typescript7/unstable/sync').Program, files: readonly ts.SourceFile[], timing: Timing): void {
  const byFile = new Map<string, Array<{ start: number; length: number; messageText: string }>>();
  for (const d of timing.measure('tsgo: syntax errors', () => program.getSyntacticDiagnostics())) {
    if (!d.fileName) continue;
    let list = byFile.get(path.resolve(d.fileName));
    if (!list) byFile.set(path.resolve(d.fileName), (list = []));
    list.push({ start: d.pos, length: d.end - d.pos, messageText: d.text });
  }
  for (const sf of files) Object.defineProperty(sf, 'parseDiagnostics', { value: byFile.get(path.resolve(sf.fileName)) ?? [], configurable: true });
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
  let config: { include?: unknown } | undefined;
  try {
    config = JSON.parse(readFileSync(configPath, 'utf8')) as { include?: unknown };
  } catch {
    // tsconfig.json may have comments: TypeScript 6 reads it then (rare: only with files outside it).
    config = typescript6().readConfigFile(configPath, typescript6().sys.readFile).config as { include?: unknown } | undefined;
  }
  const inc = Array.isArray(config?.include) ? (config.include as string[]) : undefined;
  return inc?.map((p) => path.resolve(path.dirname(configPath), p));
}

/** defaultCompilerOptions() as tsconfig.json text (enum values by name). */
export function defaultTsconfigOptions(o: ts.CompilerOptions = defaultCompilerOptions()): Record<string, unknown> {
  const ts = typescript6();
  return {
    target: ts.ScriptTarget[o.target!],
    module: ts.ModuleKind[o.module!],
    moduleResolution: o.moduleResolution === ts.ModuleResolutionKind.Bundler ? 'bundler' : 'nodenext',
    ...(o.jsx !== undefined ? { jsx: 'preserve' } : {}),
    ...Object.fromEntries(Object.entries(o).filter(([k, v]) => typeof v === 'boolean' || Array.isArray(v)).map(([k, v]) => [k, v])),
    noEmit: true,
  };
}
