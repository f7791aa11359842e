// Script identity: what V8 printed for a script (absolute path, file:// URL, Windows
// path, a path on the machine or CI runner that recorded the run, node:…, eval) → the
// file in this checkout that holds it, if any.
import fs from 'node:fs';
import path from 'node:path';
import { EVAL_SCRIPT, isInternalScript } from '../runtime/scripts.js';
import { isUnder, relativePath } from '../project/paths.js';

/** Why a position was not mapped to a project file. */
export type UnmappedReason = 'internal' | 'node_modules' | 'eval' | 'outside-project' | 'missing-file' | 'ambiguous' | 'unreadable' | 'out-of-range';

/** A script name as recorded, normalized: "/" separators, URL decoded. */
export type ScriptIdentity =
  | { kind: 'path'; path: string; windows: boolean }
  | { kind: 'internal' }
  | { kind: 'eval' }
  | { kind: 'url'; url: string };

const WIN_DRIVE = /^[A-Za-z]:[\\/]/;

/** Classifies and normalizes a script name as V8 prints it. */
export function scriptIdentity(script: string): ScriptIdentity {
  const s = script.trim();
  if (!s || s === EVAL_SCRIPT || /^evalmachine\.|^eval at |^\[eval|^VM\d+$/.test(s)) return { kind: 'eval' };
  if (isInternalScript(s)) return { kind: 'internal' };
  if (/^file:/i.test(s)) return fileUrlIdentity(s);
  if (WIN_DRIVE.test(s) || s.startsWith('\\\\')) return { kind: 'path', path: s.replace(/\\/g, '/'), windows: true };
  if (/^[A-Za-z][A-Za-z0-9+.-]+:/.test(s)) return { kind: 'url', url: s };
  if (s.includes('\\') && !s.includes('/')) return { kind: 'path', path: s.replace(/\\/g, '/'), windows: true };
  return { kind: 'path', path: s, windows: false };
}

function fileUrlIdentity(url: string): ScriptIdentity {
  let rest = url.replace(/^file:/i, '').replace(/[?#].*$/, '');
  let host = '';
  if (rest.startsWith('//')) {
    const slash = rest.indexOf('/', 2);
    host = slash < 0 ? rest.slice(2) : rest.slice(2, slash);
    rest = slash < 0 ? '/' : rest.slice(slash);
  }
  let decoded: string;
  try {
    decoded = decodeURIComponent(rest);
  } catch {
    decoded = rest;
  }
  if (/^\/[A-Za-z]:\//.test(decoded)) return { kind: 'path', path: decoded.slice(1), windows: true };
  if (/^[A-Za-z]:\//.test(decoded)) return { kind: 'path', path: decoded, windows: true };
  if (host && host !== 'localhost') return { kind: 'path', path: `//${host}${decoded}`, windows: true };
  return { kind: 'path', path: decoded, windows: false };
}

function isAbsoluteRecorded(p: string): boolean {
  return p.startsWith('/') || /^[A-Za-z]:\//.test(p);
}

function segments(p: string): string[] {
  return p.split('/').filter((s) => s && s !== '.');
}

/** Normalizes "." and ".." in a "/"-separated path (a leading "//host" or "C:/" is kept). */
export function normalizeRecorded(p: string): string {
  const prefix = /^\/\/[^/]+/.exec(p)?.[0] ?? /^[A-Za-z]:/.exec(p)?.[0] ?? '';
  const body = p.slice(prefix.length);
  const abs = body.startsWith('/');
  const out: string[] = [];
  for (const seg of body.split('/')) {
    if (!seg || seg === '.') continue;
    if (seg === '..') {
      if (out.length && out[out.length - 1] !== '..') out.pop();
      else if (!abs) out.push('..');
    } else out.push(seg);
  }
  return `${prefix}${abs ? '/' : ''}${out.join('/')}`;
}

/** The remainder of `p` below `root` ("/"-separated, no leading slash), or undefined when outside it. */
function below(p: string, root: string, caseInsensitive: boolean): string | undefined {
  const a = normalizeRecorded(p);
  const r = normalizeRecorded(root).replace(/\/+$/, '');
  const cmpA = caseInsensitive ? a.toLowerCase() : a;
  const cmpR = caseInsensitive ? r.toLowerCase() : r;
  if (cmpR === '') return a.replace(/^\/+/, '');
  if (cmpA === cmpR) return '';
  if (cmpA.startsWith(cmpR + '/')) return a.slice(r.length + 1);
  return undefined;
}

export interface LocatorOptions {
  /** Directories of this checkout that count as "the project" (reports never leave them). */
  projectDirs: string[];
  /** Local directories a run root maps to, tried in order (the current directory, the project root). */
  localRoots: string[];
  /** The run's working directory on the machine that recorded it (recorded form). */
  runRoot?: string;
  /** Packages under node_modules whose files are reported like project files (`--include-package`). */
  includePackages?: readonly string[];
  /** Upper bound on files indexed for suffix matching. */
  maxIndexedFiles?: number;
}

export type Located = { file: string; inProject: boolean } | { reason: UnmappedReason };

const AMBIGUOUS = Symbol('ambiguous');

const SKIP_DIRS = new Set(['node_modules', '.git', '.hg', '.svn']);

/** Maps recorded paths to local files; one lookup per distinct path. */
export class ScriptLocator {
  private readonly cache = new Map<string, Located>();
  private index?: Map<string, string[]>;
  private readonly runRoot?: { path: string; windows: boolean };

  constructor(private readonly opts: LocatorOptions) {
    if (opts.runRoot) {
      const id = scriptIdentity(opts.runRoot);
      if (id.kind === 'path') this.runRoot = { path: id.path, windows: id.windows };
    }
  }

  /** Is `abs` (a local absolute path) inside one of the project directories? */
  inProject(abs: string): boolean {
    return this.opts.projectDirs.some((d) => isUnder(abs, d));
  }

  /** A local path relative to the first project directory holding it ("/" separators). */
  projectRelative(abs: string): string | undefined {
    for (const d of this.opts.projectDirs) if (isUnder(abs, d)) return relativePath(d, abs);
    return undefined;
  }

  /** Locates a recorded script path (or a local one) in this checkout. */
  locate(id: { path: string; windows: boolean }): Located {
    const key = `${id.windows ? 'w' : 'p'}:${id.path}`;
    let hit = this.cache.get(key);
    if (!hit) {
      hit = this.locateUncached(id);
      this.cache.set(key, hit);
    }
    return hit;
  }

  private locateUncached(id: { path: string; windows: boolean }): Located {
    const recorded = normalizeRecorded(id.path);
    const abs = isAbsoluteRecorded(recorded);
    const winLike = id.windows || !!this.runRoot?.windows;
    const checkNodeModules = (file: string): Located => {
      const rel = this.projectRelative(file);
      if (rel !== undefined) return this.isSkippedDependency(segments(rel)) ? { reason: 'node_modules' } : { file, inProject: true };
      return { file, inProject: false };
    };

    // 1. Rebase from the run's working directory onto this checkout.
    let rest: string | undefined;
    if (!abs) rest = recorded;
    else if (this.runRoot) rest = below(recorded, this.runRoot.path, winLike);
    if (rest !== undefined) {
      if (this.isSkippedDependency(segments(rest))) return { reason: 'node_modules' };
      for (const root of this.opts.localRoots) {
        const local = path.join(root, ...segments(rest));
        if (isFile(local)) return checkNodeModules(local);
      }
    }
    // 2. The recorded path exists here as it is, inside the project.
    const nativeOk = abs && (process.platform === 'win32' || !id.windows);
    const asIs = nativeOk ? path.normalize(recorded) : undefined;
    if (asIs && this.inProject(asIs) && isFile(asIs)) return checkNodeModules(asIs);
    if (this.isSkippedDependency(segments(recorded))) return { reason: 'node_modules' };
    // 3. The longest path suffix that names one project file.
    const bySuffix = this.suffixMatch(segments(recorded), winLike);
    if (bySuffix === AMBIGUOUS) return { reason: 'ambiguous' };
    if (bySuffix) return checkNodeModules(bySuffix);
    if (asIs && isFile(asIs)) return { file: asIs, inProject: false };
    if (abs && this.runRoot && rest === undefined) return { reason: 'outside-project' };
    return { reason: 'missing-file' };
  }

  /** A file of a dependency that was not asked for: its events are counted, not reported. */
  private isSkippedDependency(segs: string[]): boolean {
    const pkg = dependencyPackage(segs);
    return pkg !== undefined && !this.opts.includePackages?.includes(pkg);
  }

  private buildIndex(): Map<string, string[]> {
    const index = new Map<string, string[]>();
    const limit = this.opts.maxIndexedFiles ?? 200_000;
    let count = 0;
    const seen = new Set<string>();
    const walk = (dir: string): void => {
      if (count >= limit || seen.has(dir)) return;
      seen.add(dir);
      let entries: fs.Dirent[];
      try {
        entries = fs.readdirSync(dir, { withFileTypes: true });
      } catch {
        return;
      }
      for (const e of entries) {
        if (count >= limit) return;
        if (e.isDirectory()) {
          if (!SKIP_DIRS.has(e.name)) walk(path.join(dir, e.name));
        } else if (e.isFile()) {
          count++;
          const full = path.join(dir, e.name);
          const k = e.name.toLowerCase();
          const list = index.get(k);
          if (list) list.push(full);
          else index.set(k, [full]);
        }
      }
    };
    for (const d of this.opts.projectDirs) walk(d);
    return index;
  }

  /** The one project file whose path ends in the longest suffix of `recSegs`; AMBIGUOUS when several tie. */
  private suffixMatch(recSegs: string[], caseInsensitive: boolean): string | typeof AMBIGUOUS | undefined {
    const base = recSegs[recSegs.length - 1];
    if (!base) return undefined;
    this.index ??= this.buildIndex();
    const candidates = this.index.get(base.toLowerCase());
    if (!candidates?.length) return undefined;
    const eq = (a: string, b: string) => (caseInsensitive ? a.toLowerCase() === b.toLowerCase() : a === b);
    let best: string[] = [];
    let bestLen = 0;
    for (const c of new Set(candidates)) {
      const cSegs = segments(c.split(path.sep).join('/'));
      let n = 0;
      while (n < recSegs.length && n < cSegs.length && eq(recSegs[recSegs.length - 1 - n]!, cSegs[cSegs.length - 1 - n]!)) n++;
      if (n === 0) continue;
      if (n > bestLen) {
        best = [c];
        bestLen = n;
      } else if (n === bestLen) best.push(c);
    }
    // Ambiguous suffixes (two project files both called src/index.js) map to neither: a guess could be wrong.
    if (best.length > 1) return AMBIGUOUS;
    return best[0];
  }
}

export function isFile(p: string): boolean {
  try {
    return fs.statSync(p).isFile();
  } catch {
    return false;
  }
}

/** The package a path lies in under its last `node_modules` (`@scope/name` or `name`), if any. */
export function dependencyPackage(segs: readonly string[]): string | undefined {
  const at = segs.lastIndexOf('node_modules');
  if (at < 0) return undefined;
  const first = segs[at + 1];
  if (!first) return '';
  return first.startsWith('@') && segs[at + 2] ? `${first}/${segs[at + 2]}` : first;
}
