// The type questions a static rule may ask, and the engines that answer them.
//
// Design (issue 16): rules walk the TypeScript AST parsed in-process (TypeScript 6's parser,
// through ts-morph) whatever the engine. Every type question goes through `RuleChecker`: the
// part of `ts.TypeChecker` the rules use, over in-process nodes. Two engines implement it:
//
// - `ts6`: the TypeScript 6 checker of a ts.Program, as is (src/types/ts6.ts).
// - `tsgo`: the TypeScript 7 checker in its own process, through `typescript7/unstable/sync`
//   (src/types/tsgo/). A node is found on the TypeScript 7 side by file, position, end and kind
//   (the two parsers give the same ranges); answers come back as objects with the members of
//   ts.Type / ts.Symbol / ts.Signature listed in `TYPE_MEMBERS` below, flags renumbered to
//   TypeScript 6's enums, declarations mapped back to in-process nodes. Queries a rule makes in
//   bulk are prefetched once per file (`prefetchTypes`); a query the server fails on is split out
//   of its batch and answered "nothing known" (the site is skipped) and counted in one note.
//
// One rule source for both engines: a rule that reads a member not listed here gets `undefined`
// from tsgo; the parity test (test/engine-parity.test.ts) runs every fixture through both.
import type { ts } from 'ts-morph';

export type EngineName = 'ts6' | 'tsgo';
export const ENGINES: readonly EngineName[] = ['ts6', 'tsgo'];

/** The checker calls rules make. ts.TypeChecker satisfies it; so does the TypeScript 7 facade. */
export type RuleChecker = Pick<
  ts.TypeChecker,
  | 'getAliasedSymbol'
  | 'getBaseConstraintOfType'
  | 'getContextualType'
  | 'getDeclaredTypeOfSymbol'
  | 'getIndexInfosOfType'
  | 'getPropertiesOfType'
  | 'getResolvedSignature'
  | 'getShorthandAssignmentValueSymbol'
  | 'getSignatureFromDeclaration'
  | 'getSymbolAtLocation'
  | 'getTypeArguments'
  | 'getTypeAtLocation'
  | 'getTypeOfSymbol'
  | 'getTypeOfSymbolAtLocation'
  | 'getTypePredicateOfSignature'
  | 'isArrayLikeType'
  | 'isArrayType'
  | 'isTupleType'
  | 'typeToString'
> & {
  /** Whether each query has a cost worth batching for (tsgo): rules then collect their sites first. */
  readonly batches: boolean;
  /** A hint: the types of these nodes will be asked for. tsgo fetches them in one batch; ts6 ignores it. */
  prefetchTypes(nodes: readonly ts.Node[]): void;
  /** A hint: the symbols at these nodes will be asked for. */
  prefetchSymbols(nodes: readonly ts.Node[]): void;
  /**
   * The files a symbol's declarations are in, without the declaration nodes (tsgo: no transfer or
   * parse of a library file to learn that a declaration is in it).
   */
  declarationFiles(symbol: ts.Symbol): readonly string[];
};

/** The members of types, symbols and signatures the rules read (what tsgo's objects provide). */
export const TYPE_MEMBERS = {
  type: ['flags', 'objectFlags', 'isUnion', 'isIntersection', 'isStringLiteral', 'isNumberLiteral', 'isLiteral', 'isTypeParameter', 'value', 'types', 'symbol', 'getSymbol', 'aliasSymbol', 'aliasTypeArguments', 'target', 'typeArguments', 'intrinsicName', 'getCallSignatures', 'getConstructSignatures', 'getProperty', 'getProperties'],
  symbol: ['flags', 'name', 'escapedName', 'getName', 'declarations', 'valueDeclaration'],
  signature: ['getDeclaration', 'parameters'],
} as const;

/** The project's own source files, as rules see them (no ts.Program on the tsgo side). */
export interface ProjectFiles {
  /** Non-declaration sources of the program outside node_modules, parsed in-process. */
  sourceFiles(): readonly ts.SourceFile[];
  /** A file of a package (node_modules), not the user's code. */
  isExternal(sf: ts.SourceFile): boolean;
}

/** What the pipeline gets from an engine: the files to analyze and the type questions about them. */
export interface TypeEngine {
  readonly name: EngineName;
  readonly checker: RuleChecker;
  readonly project: ProjectFiles;
  /** Remarks for the report (failed queries, by count). */
  notes(): string[];
  /** Stops the server, if any. */
  close(): void;
}
