// The type questions a static rule may ask, and the engines that answer them.
//
// Design (issue 16): one rule source, two engines. Rules are written against TypeScript 6's
// typings and read the syntax API through src/syntax/ts.ts, whose `ts` is the engine's:
//
// - `ts6`: ts-morph's TypeScript 6 parses the program in-process; its checker answers as is
//   (src/types/ts6.ts).
// - `tsgo`: the TypeScript 7 server parses and checks (typescript7/unstable/sync). The rules walk
//   the ASTs it sends (RemoteNode) through TypeScript 7's JavaScript AST API in TypeScript 6's
//   shape (src/types/tsgo/syntax.ts), and its checker answers about those same nodes, behind
//   objects with the members of ts.Type / ts.Symbol / ts.Signature listed in `TYPE_MEMBERS`
//   below. TypeScript 6 is never loaded: loading it alone costs about what TypeScript 7 needs to
//   check rxjs. Queries a rule makes in bulk are prefetched once per file (`prefetchTypes`); a
//   query the server fails on is split out of its batch, answered "nothing known" (the site is
//   skipped), and counted in one note.
//
// A rule that reads a member not listed here gets `undefined` from tsgo; the parity test
// (test/engine-parity.test.ts) runs every fixture through both, and `JITLINT_TEST_ENGINE=tsgo`
// runs the rule suites and their docs examples on tsgo.
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
  /** Non-declaration sources of the program outside node_modules, as the engine parsed them (ts6: in-process; tsgo: sent by the server). */
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
