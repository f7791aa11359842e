// The ts6 engine: the TypeScript 6 checker of the ts.Program jitlint builds (ts-morph).
import type { ts } from 'ts-morph';
import { typescript6, useSyntax } from '../syntax/ts.js';
import type { ProjectFiles, RuleChecker, TypeEngine } from './checker.js';

export function programFiles(program: ts.Program): ProjectFiles {
  let files: ts.SourceFile[] | undefined;
  return {
    sourceFiles: () => (files ??= program.getSourceFiles().filter((sf) => !sf.isDeclarationFile && !program.isSourceFileFromExternalLibrary(sf))),
    isExternal: (sf) => program.isSourceFileFromExternalLibrary(sf),
  };
}

export function ts6Checker(checker: ts.TypeChecker): RuleChecker {
  const c = checker as unknown as RuleChecker;
  if (!('prefetchTypes' in checker)) {
    const declarationFiles = (s: ts.Symbol) => (s.declarations ?? []).map((d) => d.getSourceFile().fileName);
    Object.assign(checker, { batches: false, prefetchTypes() {}, prefetchSymbols() {}, declarationFiles });
  }
  return c;
}

export function ts6Engine(program: ts.Program, checker: ts.TypeChecker = program.getTypeChecker()): TypeEngine {
  // The rules walk TypeScript 6's nodes: its syntax API with them (a tsgo run may have come first).
  useSyntax(typescript6());
  return { name: 'ts6', checker: ts6Checker(checker), project: programFiles(program), notes: () => [], close() {} };
}
