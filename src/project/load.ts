// Finds the tsconfig, builds the TypeScript program, and picks the files to analyze.
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import type { ts } from 'ts-morph';
import { typescript6 } from '../syntax/ts.js';
import { UsageError } from '../errors.js';
import { defaultCompilerOptions, SOURCE_EXTENSIONS } from './defaults.js';
import { isUnder, relativePath } from './paths.js';
import { createCompilerHost } from './host.js';

export interface ProjectRequest {
  /** Paths given on the command line (files or directories); empty means the project root. */
  paths: readonly string[];
  /** `-p`: a tsconfig file or a directory holding one. */
  project?: string;
  cwd: string;
}

export interface ProjectLocation {
  /** Directory of the tsconfig in use, else the current directory. */
  rootDir: string;
  tsconfigPath?: string;
  /** Absolute paths requested (directories or files). */
  targets: string[];
}

export interface LoadedProject extends ProjectLocation {
  program: ts.Program;
  /** Source files to analyze, in a stable order. */
  files: ts.SourceFile[];
}

const EXT_RE = new RegExp(`(?:${SOURCE_EXTENSIONS.map((e) => e.replace('.', '\\.')).join('|')})$`, 'i');
const DECLARATION_RE = /\.d\.[cm]?ts$|\.d\.[^.]+\.ts$/i;

function isSourcePath(p: string): boolean {
  return EXT_RE.test(p) && !DECLARATION_RE.test(p);
}

function findUp(start: string, name: string): string | undefined {
  for (let dir = start; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, name);
    if (existsSync(candidate)) return candidate;
    if (path.dirname(dir) === dir) return undefined;
  }
}

/** Resolves the paths and the tsconfig, without reading any source yet. */
export function locateProject(req: ProjectRequest): ProjectLocation {
  const targets = req.paths.map((p) => path.resolve(req.cwd, p));
  for (let i = 0; i < targets.length; i++) {
    if (!existsSync(targets[i]!)) throw new UsageError(`${req.paths[i]}: no such file or directory`);
  }
  let tsconfigPath: string | undefined;
  if (req.project) {
    const p = path.resolve(req.cwd, req.project);
    tsconfigPath = existsSync(p) && statSync(p).isDirectory() ? path.join(p, 'tsconfig.json') : p;
    if (!existsSync(tsconfigPath)) throw new UsageError(`${req.project}: tsconfig not found`);
  } else {
    const first = targets[0] ?? req.cwd;
    const startDir = existsSync(first) && statSync(first).isDirectory() ? first : path.dirname(first);
    tsconfigPath = findUp(startDir, 'tsconfig.json');
  }
  const rootDir = tsconfigPath ? path.dirname(tsconfigPath) : req.cwd;
  return { rootDir, ...(tsconfigPath ? { tsconfigPath } : {}), targets };
}

export function readTsconfig(tsconfigPath: string, display: string): ts.ParsedCommandLine {
  const t6 = typescript6();
  const read = t6.readConfigFile(tsconfigPath, t6.sys.readFile);
  if (read.error) {
    throw new UsageError(`${display}: ${t6.flattenDiagnosticMessageText(read.error.messageText, ' ')}`);
  }
  const parsed = t6.parseJsonConfigFileContent(read.config, t6.sys, path.dirname(tsconfigPath), undefined, tsconfigPath);
  // "No inputs were found" is not fatal here: the paths on the command line may still name files.
  const errors = parsed.errors.filter((d) => d.code !== 18003);
  if (errors.length > 0) {
    const d = errors[0]!;
    throw new UsageError(`${display}: ${t6.flattenDiagnosticMessageText(d.messageText, ' ')}`);
  }
  return parsed;
}

/** Source files below `dir`, skipping node_modules and hidden directories. */
function collectSources(dir: string, out: string[]): void {
  let entries: import('node:fs').Dirent[];
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch (e) {
    throw new UsageError(`${dir}: cannot read directory (${(e as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  for (const entry of entries) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) collectSources(full, out);
    else if (entry.isFile() && isSourcePath(entry.name)) out.push(full);
  }
}

export interface LoadOptions {
  /** Returns true for project-relative paths that configuration ignores. */
  isIgnored: (relPath: string) => boolean;
  /** Files skipped unless named explicitly (tests and benchmark harnesses), by path relative to the project root. */
  isSkipped?: (relPath: string) => boolean;
  /** Turns an absolute path into what messages show. */
  display: (absPath: string) => string;
}

export function loadProject(loc: ProjectLocation, opts: LoadOptions): LoadedProject {
  let options: ts.CompilerOptions;
  let rootNames: string[];
  let projectReferences: readonly ts.ProjectReference[] | undefined;
  if (loc.tsconfigPath) {
    const parsed = readTsconfig(loc.tsconfigPath, opts.display(loc.tsconfigPath));
    options = { ...parsed.options, noEmit: true };
    rootNames = [...parsed.fileNames];
    projectReferences = parsed.projectReferences;
    // Files named explicitly are analyzed even when the tsconfig does not include them.
    const known = new Set(rootNames.map((f) => path.resolve(f)));
    for (const t of loc.targets) {
      if (!statSync(t).isFile() || !isSourcePath(t) || known.has(t)) continue;
      rootNames.push(t);
      // A JavaScript file asked for by name is read even when the tsconfig does not allow JS.
      if (/\.[cm]?jsx?$/i.test(t)) options.allowJs = true;
    }
  } else {
    options = defaultCompilerOptions();
    rootNames = rootFilesWithoutTsconfig(loc, opts.display);
  }
  const host = createCompilerHost(options);
  const program = typescript6().createProgram({ rootNames, options, host, ...(projectReferences ? { projectReferences } : {}) });
  const keep = analyzedFilter(loc, opts);
  const files = program
    .getSourceFiles()
    .filter((sf) => !sf.isDeclarationFile && !program.isSourceFileFromExternalLibrary(sf) && keep(sf.fileName))
    .sort((a, b) => (a.fileName < b.fileName ? -1 : a.fileName > b.fileName ? 1 : 0));
  return { ...loc, program, files };
}

/** Which files of a program are analyzed: sources under the targets, not ignored or skipped. */
export function analyzedFilter(loc: ProjectLocation, opts: LoadOptions): (fileName: string) => boolean {
  const targets = loc.targets.length ? loc.targets : [loc.rootDir];
  return (fileName) => {
    const abs = path.resolve(fileName);
    if (!isSourcePath(abs) || abs.split(path.sep).includes('node_modules')) return false;
    if (!targets.some((t) => isUnder(abs, t))) return false;
    const rel = relativePath(loc.rootDir, abs);
    if (opts.isSkipped?.(rel) && !targets.includes(abs)) return false;
    return !opts.isIgnored(rel);
  };
}

/** The root files when there is no tsconfig: sources below the targets (default compiler options apply). */
export function rootFilesWithoutTsconfig(loc: ProjectLocation, display: (abs: string) => string): string[] {
  const rootNames: string[] = [];
  const targets = loc.targets.length ? loc.targets : [loc.rootDir];
  for (const t of targets) {
    if (statSync(t).isDirectory()) collectSources(t, rootNames);
    else if (isSourcePath(t)) rootNames.push(t);
    else throw new UsageError(`${display(t)}: not a TypeScript or JavaScript source file`);
  }
  return rootNames;
}

/** Explicitly named source files the tsconfig does not include (analyzed anyway). */
export function namedOutsideTsconfig(loc: ProjectLocation, included: readonly string[]): string[] {
  const known = new Set(included.map((f) => path.resolve(f)));
  return loc.targets.filter((t) => statSync(t).isFile() && isSourcePath(t) && !known.has(t));
}
