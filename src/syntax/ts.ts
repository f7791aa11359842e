// The TypeScript syntax API the rules walk with: `ts.isCallExpression`, `ts.SyntaxKind`, the
// flags enums. Rules are written once against TypeScript 6's typings; at run time `ts` is the
// implementation of the engine in use (issue 16):
//
// - ts6: TypeScript 6 itself (ts-morph's), loaded on first use.
// - tsgo: TypeScript 7's JavaScript AST API over the nodes its server sends
//   (src/types/tsgo/syntax.ts), so that a tsgo run never loads or parses with TypeScript 6:
//   loading it alone costs about as much time and memory as TypeScript 7 needs to check rxjs.
//
// `ts` is a live binding: `useSyntax` swaps it, and importers see the new value on their next
// read. Nothing may read it while a module is evaluated (the engine is not chosen yet).
import { createRequire } from 'node:module';
import type { ts as T } from 'ts-morph';

type Syntax = typeof T;

let ts6: Syntax | undefined;
/** TypeScript 6, loaded on first use (a tsgo run never loads it). */
export function typescript6(): Syntax {
  ts6 ??= (createRequire(import.meta.url)('ts-morph') as { ts: Syntax }).ts;
  return ts6;
}

/** Until an engine chooses, the first read loads TypeScript 6 (tests, the library API). */
const defaultSyntax = new Proxy({} as Syntax, {
  get(_, key) {
    ts = typescript6();
    return (ts as unknown as Record<PropertyKey, unknown>)[key];
  },
});

export let ts: Syntax = defaultSyntax;

/** Makes `impl` the syntax API every rule reads from now on. */
export function useSyntax(impl: Syntax): void {
  ts = impl;
}

/** Whether TypeScript 6 has been loaded in this process (a tsgo run must not). */
export function typescript6Loaded(): boolean {
  return ts6 !== undefined;
}

// The TypeScript 6 types rules name as `ts.X` (types only: no value is read from here).
// eslint-disable-next-line @typescript-eslint/no-namespace
export declare namespace ts {
  export type ArrayLiteralExpression = T.ArrayLiteralExpression;
  export type ArrowFunction = T.ArrowFunction;
  export type AsExpression = T.AsExpression;
  export type BinaryExpression = T.BinaryExpression;
  export type BindingName = T.BindingName;
  export type CallExpression = T.CallExpression;
  export type ClassLikeDeclaration = T.ClassLikeDeclaration;
  export type ConstructorDeclaration = T.ConstructorDeclaration;
  export type Declaration = T.Declaration;
  export type DeleteExpression = T.DeleteExpression;
  export type DiagnosticWithLocation = T.DiagnosticWithLocation;
  export type DoStatement = T.DoStatement;
  export type ElementAccessExpression = T.ElementAccessExpression;
  export type Expression = T.Expression;
  export type ForInStatement = T.ForInStatement;
  export type ForOfStatement = T.ForOfStatement;
  export type ForStatement = T.ForStatement;
  export type FunctionDeclaration = T.FunctionDeclaration;
  export type FunctionExpression = T.FunctionExpression;
  export type FunctionLikeDeclaration = T.FunctionLikeDeclaration;
  export type GetAccessorDeclaration = T.GetAccessorDeclaration;
  export type Identifier = T.Identifier;
  export type IndexInfo = T.IndexInfo;
  export type InterfaceDeclaration = T.InterfaceDeclaration;
  export type MethodDeclaration = T.MethodDeclaration;
  export type ModifierFlags = T.ModifierFlags;
  export type NewExpression = T.NewExpression;
  export type Node = T.Node;
  export type NodeFlags = T.NodeFlags;
  export type NonNullExpression = T.NonNullExpression;
  export type ObjectFlags = T.ObjectFlags;
  export type ObjectLiteralExpression = T.ObjectLiteralExpression;
  export type ObjectType = T.ObjectType;
  export type ParameterDeclaration = T.ParameterDeclaration;
  export type ParenthesizedExpression = T.ParenthesizedExpression;
  export type Program = T.Program;
  export type PropertyAccessExpression = T.PropertyAccessExpression;
  export type SatisfiesExpression = T.SatisfiesExpression;
  export type SetAccessorDeclaration = T.SetAccessorDeclaration;
  export type Signature = T.Signature;
  export type SignatureDeclaration = T.SignatureDeclaration;
  export type SourceFile = T.SourceFile;
  export type Statement = T.Statement;
  export type StringLiteralLike = T.StringLiteralLike;
  export type Symbol = T.Symbol;
  export type SymbolFlags = T.SymbolFlags;
  export type SyntaxKind = T.SyntaxKind;
  export type Type = T.Type;
  export type TypeAssertion = T.TypeAssertion;
  export type TypeChecker = T.TypeChecker;
  export type TypeFlags = T.TypeFlags;
  export type TypeFormatFlags = T.TypeFormatFlags;
  export type TypeNode = T.TypeNode;
  export type TypePredicate = T.TypePredicate;
  export type TypeReference = T.TypeReference;
  export type VariableDeclaration = T.VariableDeclaration;
  export type WhileStatement = T.WhileStatement;
}

/** A module-level value computed from `ts` (kinds, flag masks): recomputed when the engine's syntax changes. */
export function perSyntax<V>(make: () => V): () => V {
  let madeFor: Syntax | undefined;
  let value!: V;
  return () => {
    if (madeFor !== ts) {
      madeFor = ts;
      value = make();
    }
    return value;
  };
}
