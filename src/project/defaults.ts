import type { ts } from 'ts-morph';
import { typescript6 } from '../syntax/ts.js';

/** Compiler options used when no tsconfig.json is found: JavaScript is read but not type-checked. */
export function defaultCompilerOptions(): ts.CompilerOptions {
  const ts = typescript6();
  return {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    allowJs: true,
    checkJs: false,
    jsx: ts.JsxEmit.Preserve,
    strict: true,
    skipLibCheck: true,
    noEmit: true,
    types: [],
  };
}

/** The same options as tsconfig.json text, for TypeScript 7 (which reads them by name). */
export const DEFAULT_TSCONFIG_OPTIONS = {
  target: 'ES2022',
  module: 'NodeNext',
  moduleResolution: 'nodenext',
  allowJs: true,
  checkJs: false,
  jsx: 'preserve',
  strict: true,
  skipLibCheck: true,
  noEmit: true,
  types: [],
} as const;

export const SOURCE_EXTENSIONS = ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs'] as const;
