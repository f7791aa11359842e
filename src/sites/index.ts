// Runtime positions → source sites: the project file, the region of the expression V8
// meant, and the enclosing function, through source maps to the original TypeScript
// when the executed JavaScript has one. One parse and one source map per file.
import fs from 'node:fs';
import path from 'node:path';
import type { Region } from '../model.js';
import { expressionAt, functionAt, SourceDoc, type ExpressionKind } from './expressions.js';
import { ScriptLocator, normalizeRecorded, scriptIdentity, type Located, type ScriptIdentity, type UnmappedReason } from './scripts.js';
import { decodeDataUrl, originalNameBefore, originalPoint, parseMap, readMapFile, sourceMappingUrl, type LoadedMap } from './sourcemaps.js';

export type { ExpressionKind } from './expressions.js';
export type { UnmappedReason } from './scripts.js';
export { scriptIdentity } from './scripts.js';

export interface SiteResolverOptions {
  /** Directory of the tsconfig / project. */
  projectRoot: string;
  /** Report paths are relative to this directory ("/" separators). */
  baseDir: string;
  /** Working directory of the recorded run, as it was on the machine that ran it (from --root or the record manifest). */
  runRoot?: string;
  /** The local directory where jitlint runs (a run root maps onto it first, then onto the project root). */
  cwd?: string;
  /** Sources logged by V8 (`script-source` rows), for scripts with no local file. */
  scriptSources?: (script: string) => string | undefined;
  /** Packages under node_modules whose events are reported, not only counted. */
  includePackages?: readonly string[];
}

export interface ResolvedSite extends Region {
  /** Relative to baseDir, "/" separators. */
  file: string;
  /** Enclosing function in the original source ("" at top level), named like the static rules name functions. */
  functionName: string;
  /** Source text of the expression (first 200 characters). */
  snippet: string;
  /** The position V8 printed, mapped to `file` (what the JSON report lists). */
  at: { line: number; column: number };
  /** The executed JavaScript position, when a source map was applied. */
  generated?: { file: string; line: number; column: number };
  expression: ExpressionKind;
}

/** A function of a project file, as profiles attribute samples and bytes to it. */
export interface ResolvedFunction {
  /** Relative to baseDir, "/" separators. */
  file: string;
  /** Named like the static rules name functions; "" for a script's top-level code. */
  name: string;
  /** Start offset in the file ("file:start" identifies the function; -1 for top-level code). */
  start: number;
  /** The position V8 gave, mapped to `file`. */
  at: { line: number; column: number };
}

export interface Unmapped {
  reason: UnmappedReason;
}

export function isUnmapped<T extends object>(r: T | Unmapped): r is Unmapped {
  return 'reason' in r;
}

interface ScriptEntry {
  early?: UnmappedReason;
  identity?: { path: string; windows: boolean };
  located?: Located;
  /** The executed text: the local file, else the logged source. */
  doc?: SourceDoc;
  docIsLocal: boolean;
  /** Where the doc came from: a local absolute path, or the recorded path. */
  docLocation: string;
  /** Type-stripped TypeScript: positions are already TS positions. */
  isTs: boolean;
  map?: LoadedMap | null;
}

const TS_EXT = /\.(?:ts|mts|cts|tsx)$/i;
const MAX_TEXT = 64 * 1024 * 1024;

export class SiteResolver {
  private readonly locator: ScriptLocator;
  private readonly scripts = new Map<string, ScriptEntry>();
  private readonly docs = new Map<string, SourceDoc | null>();
  private readonly projectRoot: string;
  private readonly baseDir: string;

  constructor(private readonly opts: SiteResolverOptions) {
    this.projectRoot = path.resolve(opts.projectRoot);
    this.baseDir = path.resolve(opts.baseDir);
    const cwd = path.resolve(opts.cwd ?? opts.baseDir);
    const uniq = (xs: string[]) => [...new Set(xs)];
    this.locator = new ScriptLocator({
      projectDirs: uniq([this.projectRoot, this.baseDir]),
      localRoots: uniq([cwd, this.projectRoot, this.baseDir]),
      ...(opts.runRoot ? { runRoot: opts.runRoot } : {}),
      ...(opts.includePackages?.length ? { includePackages: opts.includePackages } : {}),
    });
  }

  /** The project file (relative to baseDir) a script's executed code lives in, if any. */
  fileOf(script: string): string | undefined {
    const e = this.entry(script);
    if (e.early || !e.located || 'reason' in e.located || !e.located.inProject) return undefined;
    return this.relative(e.located.file);
  }

  /**
   * Maps a V8 position (1-based line and column) to a source site. `hint` names the
   * expression kind the event is about when the position alone is ambiguous (a call
   * deopt at `m` of `o.m()`); never throws.
   */
  resolve(script: string, line: number, column: number, hint?: ExpressionKind): ResolvedSite | Unmapped {
    try {
      return this.resolveUnsafe(script, line, column, hint);
    } catch {
      return { reason: 'unreadable' };
    }
  }

  /**
   * The source's name of a function V8 named `v8Name` at this position, when the executed code is
   * minified and its source map's `names` say what the name was (`#tokenizeInlines`, not `#e`).
   */
  originalFunctionName(script: string, line: number, column: number, v8Name: string): string | undefined {
    try {
      const e = this.entry(script);
      if (e.early || !e.doc || e.isTs) return undefined;
      const lm = this.mapOf(e);
      const doc = e.doc;
      const start = doc.offsetOf(line, 1);
      if (!lm || start === undefined) return undefined;
      return originalNameBefore(lm, (from, to) => doc.text.slice(start + from, start + to), line, column, v8Name);
    } catch {
      return undefined;
    }
  }

  /** The function a profile's (script, line, column) names: the innermost one holding the mapped position. */
  functionAt(script: string, line: number, column: number): ResolvedFunction | Unmapped {
    try {
      const p = this.place(script, line, column);
      if ('reason' in p) return p;
      const fn = functionAt(p.doc, p.offset, false);
      return { file: this.relative(p.file), name: fn?.name ?? '', start: fn?.start ?? -1, at: p.doc.positionOf(p.offset) };
    } catch {
      return { reason: 'unreadable' };
    }
  }

  /**
   * The function that runs the code at a report position (file relative to baseDir): the
   * innermost one holding it, a closure's own header excluded (it belongs to its creator).
   */
  functionOf(file: string, line: number, column: number): { start: number; name: string } | undefined {
    const doc = this.docAt(path.resolve(this.baseDir, file));
    const offset = doc?.offsetOf(line, column);
    if (!doc || offset === undefined) return undefined;
    const fn = functionAt(doc, offset, true);
    return fn ? { start: fn.start, name: fn.name } : { start: -1, name: '' };
  }

  /**
   * A V8 position in the text it names: the executed file, or the original through its source
   * map (then `generated` is the executed text, its offset and how to name that file).
   */
  private place(
    script: string,
    line: number,
    column: number,
  ): { doc: SourceDoc; file: string; offset: number; generated?: { doc: SourceDoc; offset: number; file: string } } | Unmapped {
    const e = this.entry(script);
    if (e.early) return { reason: e.early };
    const locatedReason = e.located && 'reason' in e.located ? e.located.reason : undefined;
    if (!e.doc) return { reason: locatedReason ?? 'missing-file' };
    const offset = e.doc.offsetOf(line, column);
    if (offset === undefined) return { reason: 'out-of-range' };
    const genLocal = e.docIsLocal && e.located && !('reason' in e.located) ? e.located : undefined;
    if (!e.isTs) {
      const lm = this.mapOf(e);
      const op = lm ? originalPoint(lm, line, column) : undefined;
      if (lm && op) {
        const orig = this.locateSource(lm.location, op.source);
        if ('reason' in orig && orig.reason === 'node_modules') return orig;
        if (!('reason' in orig) && orig.inProject) {
          const doc = this.docAt(orig.file);
          const off2 = doc?.offsetOf(op.line, op.column);
          const genFile = genLocal?.inProject ? this.relative(genLocal.file) : e.docLocation;
          if (doc && off2 !== undefined) return { doc, file: orig.file, offset: off2, generated: { doc: e.doc, offset, file: genFile } };
        }
      }
    }
    if (genLocal?.inProject) return { doc: e.doc, file: genLocal.file, offset };
    return { reason: locatedReason ?? 'outside-project' };
  }

  private resolveUnsafe(script: string, line: number, column: number, hint?: ExpressionKind): ResolvedSite | Unmapped {
    const p = this.place(script, line, column);
    if ('reason' in p) return p;
    if (!p.generated) return this.siteIn(p.doc, p.file, p.offset, hint);
    // The executed code says what kind of expression V8 pointed at; the original may read otherwise.
    const genKind = expressionAt(p.generated.doc, p.generated.offset, hint)?.kind;
    const site = this.siteIn(p.doc, p.file, p.offset, hint ?? (genKind !== 'other' ? genKind : undefined));
    return { ...site, generated: { file: p.generated.file, line, column } };
  }

  private siteIn(doc: SourceDoc, file: string, offset: number, hint: ExpressionKind | undefined): Omit<ResolvedSite, 'generated'> {
    const ex = expressionAt(doc, offset, hint);
    const start = ex?.start ?? offset;
    let end = ex?.end;
    if (end === undefined) {
      const m = /^[\w$]+/.exec(doc.text.slice(offset, offset + 200));
      end = offset + (m ? m[0].length : 1);
    }
    const region = doc.regionOf(start, end);
    const at = doc.positionOf(offset);
    return {
      file: this.relative(file),
      ...region,
      functionName: ex?.functionName ?? '',
      snippet: doc.text.slice(start, Math.min(end, start + 200)),
      at,
      expression: ex?.kind ?? 'other',
    };
  }

  private relative(abs: string): string {
    return path.relative(this.baseDir, abs).split(path.sep).join('/');
  }

  private entry(script: string): ScriptEntry {
    let e = this.scripts.get(script);
    if (!e) {
      e = this.makeEntry(script);
      this.scripts.set(script, e);
    }
    return e;
  }

  private makeEntry(script: string): ScriptEntry {
    const id: ScriptIdentity = scriptIdentity(script);
    const base = { docIsLocal: false, docLocation: script, isTs: false };
    if (id.kind === 'internal') return { ...base, early: 'internal' };
    if (id.kind === 'eval') return { ...base, early: 'eval' };
    if (id.kind === 'url') return { ...base, early: 'outside-project' };
    const located = this.locator.locate(id);
    if ('reason' in located && located.reason === 'node_modules') return { ...base, early: 'node_modules' };
    const entry: ScriptEntry = { ...base, identity: id, located, isTs: TS_EXT.test(id.path) };
    if (!('reason' in located)) {
      const doc = this.docAt(located.file);
      if (doc) {
        entry.doc = doc;
        entry.docIsLocal = true;
        entry.docLocation = located.file;
        return entry;
      }
      entry.located = { reason: 'unreadable' };
    }
    const logged = safeCall(() => this.opts.scriptSources?.(script));
    if (typeof logged === 'string' && logged.length && !isBinary(logged)) {
      entry.doc = new SourceDoc(logged, id.path);
      entry.docLocation = id.path;
    }
    return entry;
  }

  private docAt(file: string): SourceDoc | undefined {
    if (!this.docs.has(file)) {
      let doc: SourceDoc | null = null;
      try {
        const st = fs.statSync(file);
        if (st.isFile() && st.size <= MAX_TEXT) {
          const text = fs.readFileSync(file, 'utf8');
          if (!isBinary(text)) doc = new SourceDoc(text, file);
        }
      } catch {
        doc = null;
      }
      this.docs.set(file, doc);
    }
    return this.docs.get(file) ?? undefined;
  }

  private mapOf(e: ScriptEntry): LoadedMap | undefined {
    if (e.map === undefined) e.map = this.loadMap(e) ?? null;
    return e.map ?? undefined;
  }

  private loadMap(e: ScriptEntry): LoadedMap | undefined {
    if (!e.doc) return undefined;
    const url = sourceMappingUrl(e.doc.text);
    if (!url) return undefined;
    if (url.startsWith('data:')) {
      const json = decodeDataUrl(url);
      return json ? parseMap(json, e.docLocation) : undefined;
    }
    let ref = url;
    try {
      ref = decodeURIComponent(url);
    } catch {
      // keep it as written
    }
    const refId = /^file:/i.test(ref) ? scriptIdentity(ref) : /^[A-Za-z][A-Za-z0-9+.-]+:/.test(ref) ? undefined : scriptIdentity(ref);
    if (refId && refId.kind !== 'path') return undefined;
    const absRef = refId && (refId.path.startsWith('/') || /^[A-Za-z]:\//.test(refId.path));
    if (e.docIsLocal) {
      const local = refId ? (absRef ? path.normalize(refId.path) : path.resolve(path.dirname(e.docLocation), refId.path)) : undefined;
      const json = local ? readMapFile(local) : undefined;
      if (json) return parseMap(json, local!);
    }
    // A script known from its logged source, or a map that moved: find the map like a script.
    if (!refId || !e.identity) return undefined;
    const recorded = absRef ? refId.path : normalizeRecorded(`${dirOf(e.identity.path)}/${refId.path}`);
    const found = this.locator.locate({ path: recorded, windows: e.identity.windows || refId.windows });
    if ('reason' in found) return undefined;
    const json = readMapFile(found.file);
    return json ? parseMap(json, found.file) : undefined;
  }

  /** Locates a map source: `file://` URLs, absolute paths, `webpack://` style URLs, or paths relative to the map. */
  private locateSource(mapLocation: string, source: string): Located {
    let id: { path: string; windows: boolean };
    if (/^file:/i.test(source)) {
      const s = scriptIdentity(source);
      if (s.kind !== 'path') return { reason: 'outside-project' };
      id = s;
    } else if (/^[A-Za-z][A-Za-z0-9+.-]+:/.test(source) && !/^[A-Za-z]:[\\/]/.test(source)) {
      // webpack://name/./src/a.ts, vite and similar: a path relative to the project.
      const rest = source.replace(/^[A-Za-z][A-Za-z0-9+.-]+:(?:\/\/[^/]*)?/, '').replace(/^\/+/, '').replace(/^(?:\.\/)+/, '');
      if (!rest || /^(?:webpack|external|node:)/.test(rest)) return { reason: 'internal' };
      id = { path: rest.replace(/[?#].*$/, ''), windows: false };
    } else {
      const s = scriptIdentity(source);
      if (s.kind !== 'path') return { reason: s.kind === 'eval' ? 'eval' : 'internal' };
      const abs = s.path.startsWith('/') || /^[A-Za-z]:\//.test(s.path);
      if (abs) id = s;
      else {
        const loc = scriptIdentity(mapLocation);
        const locPath = loc.kind === 'path' ? loc.path : mapLocation.replace(/\\/g, '/');
        id = { path: normalizeRecorded(`${dirOf(locPath)}/${s.path}`), windows: s.windows || (loc.kind === 'path' && loc.windows) };
      }
    }
    return this.locator.locate(id);
  }
}

function dirOf(p: string): string {
  const i = p.lastIndexOf('/');
  return i < 0 ? '.' : i === 0 ? '/' : p.slice(0, i);
}

function isBinary(text: string): boolean {
  return text.slice(0, 8192).includes('\u0000');
}

function safeCall<T>(f: () => T): T | undefined {
  try {
    return f();
  } catch {
    return undefined;
  }
}
