// Compiler hosts whose default library files come from ts-morph's in-memory copy: the
// compiler bundled in ts-morph has no lib.*.d.ts files on disk next to it.
import path from 'node:path';
import { createRequire } from 'node:module';
import type { ts } from 'ts-morph';
import { typescript6 } from '../syntax/ts.js';

// Loaded on first use: a tsgo run never loads TypeScript 6.
type Common = typeof import('@ts-morph/common');
let common: Common | undefined;
const tsMorphCommon = (): Common => (common ??= createRequire(import.meta.url)('@ts-morph/common') as Common);
const libDir = (): string => tsMorphCommon().libFolderInMemoryPath;
let libTexts: Map<string, string> | undefined;
const libSourceFiles = new Map<string, ts.SourceFile>();

function libs(): Map<string, string> {
  libTexts ??= new Map(tsMorphCommon().getLibFiles().map((f) => [path.posix.join(libDir(), f.fileName), f.text]));
  return libTexts;
}

function libKey(fileName: string): string | undefined {
  const normalized = fileName.replace(/\\/g, '/');
  return normalized.startsWith(libDir() + '/') && libs().has(normalized) ? normalized : undefined;
}

/** A host that reads the project from disk and the default libraries from memory (parsed once per process). */
export function createCompilerHost(options: ts.CompilerOptions): ts.CompilerHost {
  const t6 = typescript6();
  const LIB_DIR = libDir();
  const host = t6.createCompilerHost(options, true);
  const { fileExists, readFile, getSourceFile, directoryExists } = host;
  host.getDefaultLibLocation = () => LIB_DIR;
  host.getDefaultLibFileName = (o) => path.posix.join(LIB_DIR, t6.getDefaultLibFileName(o));
  host.fileExists = (f) => libKey(f) !== undefined || fileExists.call(host, f);
  host.readFile = (f) => {
    const key = libKey(f);
    return key ? libs().get(key) : readFile.call(host, f);
  };
  host.directoryExists = (d) => d.replace(/\\/g, '/') === LIB_DIR || (directoryExists ? directoryExists.call(host, d) : t6.sys.directoryExists(d));
  host.getSourceFile = (fileName, languageVersion, onError, shouldCreate) => {
    const key = libKey(fileName);
    if (!key) return getSourceFile.call(host, fileName, languageVersion, onError, shouldCreate);
    const target = typeof languageVersion === 'object' ? languageVersion.languageVersion : languageVersion;
    const cacheKey = `${key}|${target}`;
    let sf = libSourceFiles.get(cacheKey);
    if (!sf) {
      sf = t6.createSourceFile(key, libs().get(key)!, languageVersion, true);
      libSourceFiles.set(cacheKey, sf);
    }
    return sf;
  };
  return host;
}
