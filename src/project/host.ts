// Compiler hosts whose default library files come from ts-morph's in-memory copy: the
// compiler bundled in ts-morph has no lib.*.d.ts files on disk next to it.
import path from 'node:path';
import { getLibFiles, libFolderInMemoryPath } from '@ts-morph/common';
import { ts } from 'ts-morph';

const LIB_DIR = libFolderInMemoryPath;
let libTexts: Map<string, string> | undefined;
const libSourceFiles = new Map<string, ts.SourceFile>();

function libs(): Map<string, string> {
  libTexts ??= new Map(getLibFiles().map((f) => [path.posix.join(LIB_DIR, f.fileName), f.text]));
  return libTexts;
}

function libKey(fileName: string): string | undefined {
  const normalized = fileName.replace(/\\/g, '/');
  return normalized.startsWith(LIB_DIR + '/') && libs().has(normalized) ? normalized : undefined;
}

/** A host that reads the project from disk and the default libraries from memory (parsed once per process). */
export function createCompilerHost(options: ts.CompilerOptions): ts.CompilerHost {
  const host = ts.createCompilerHost(options, true);
  const { fileExists, readFile, getSourceFile, directoryExists } = host;
  host.getDefaultLibLocation = () => LIB_DIR;
  host.getDefaultLibFileName = (o) => path.posix.join(LIB_DIR, ts.getDefaultLibFileName(o));
  host.fileExists = (f) => libKey(f) !== undefined || fileExists.call(host, f);
  host.readFile = (f) => {
    const key = libKey(f);
    return key ? libs().get(key) : readFile.call(host, f);
  };
  host.directoryExists = (d) => d.replace(/\\/g, '/') === LIB_DIR || (directoryExists ? directoryExists.call(host, d) : ts.sys.directoryExists(d));
  host.getSourceFile = (fileName, languageVersion, onError, shouldCreate) => {
    const key = libKey(fileName);
    if (!key) return getSourceFile.call(host, fileName, languageVersion, onError, shouldCreate);
    const target = typeof languageVersion === 'object' ? languageVersion.languageVersion : languageVersion;
    const cacheKey = `${key}|${target}`;
    let sf = libSourceFiles.get(cacheKey);
    if (!sf) {
      sf = ts.createSourceFile(key, libs().get(key)!, languageVersion, true);
      libSourceFiles.set(cacheKey, sf);
    }
    return sf;
  };
  return host;
}
