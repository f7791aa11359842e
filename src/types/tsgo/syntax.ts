// TypeScript 7's JavaScript AST API (typescript7/unstable/ast) in the shape of TypeScript 6's `ts`
// namespace, as far as the rules use it: the rules then walk the nodes the TypeScript 7 server
// sends (RemoteNode: same property names, same parent links and node identity, TypeScript 7's
// kind and flag numbers, which the enums here match). What TypeScript 7 names differently or
// lacks is defined here with TypeScript 6's meaning.
import type { ts as T } from 'ts-morph';

type Syntax = typeof T;
type Node = T.Node;
type Module = Record<string, unknown>;

export interface Ts7Modules {
  ast: Module;
  sync: Module;
}

export function ts7Syntax({ ast, sync }: Ts7Modules): Syntax {
  const K = ast['SyntaxKind'] as Record<string, number>;
  const is = (kind: number) => (n: Node | undefined): boolean => n?.kind === (kind as T.SyntaxKind);
  const anyOf = (...kinds: number[]) => {
    const set = new Set(kinds);
    return (n: Node | undefined): boolean => !!n && set.has(n.kind);
  };
  // A hole of an array binding pattern (`[, v]`) is a BindingElement without a name in TypeScript 7
  // and an OmittedExpression in TypeScript 6, which rules expect: it is answered as the latter.
  const isHole = (n: Node) => n.kind === K['BindingElement'] && !(n as unknown as { name?: Node }).name;
  const isBindingElement = (n: Node | undefined): boolean => !!n && n.kind === K['BindingElement'] && !isHole(n);
  const combined = (node: Node, flagsOf: (n: Node) => number): number => {
    let n: Node | undefined = node;
    if (isBindingElement(n)) {
      // Up through binding patterns to the declaration that holds them.
      n = n.parent;
      while (n && isBindingElement(n.parent)) n = n.parent.parent;
      n = n?.parent;
      if (!n) return 0;
    }
    let flags = flagsOf(n);
    if (n.kind === K['VariableDeclaration']) n = n.parent;
    if (n && n.kind === K['VariableDeclarationList']) {
      flags |= flagsOf(n);
      n = n.parent;
    }
    if (n && n.kind === K['VariableStatement']) flags |= flagsOf(n);
    return flags;
  };
  const own: Record<string, unknown> = {
    SyntaxKind: K,
    NodeFlags: ast['NodeFlags'],
    ModifierFlags: ast['ModifierFlags'],
    ScriptKind: ast['ScriptKind'],
    ScriptTarget: ast['ScriptTarget'],
    ModuleKind: sync['ModuleKind'],
    TypeFlags: sync['TypeFlags'],
    ObjectFlags: sync['ObjectFlags'],
    SymbolFlags: sync['SymbolFlags'],
    // TypeScript 7's typeToString takes TypeScript 6's TypeFormatFlags values.
    TypeFormatFlags: { NoTruncation: 1 },
    forEachChild: <R>(node: Node, cb: (n: Node) => R, cbs?: (ns: T.NodeArray<Node>) => R) => (node as unknown as { forEachChild(a: unknown, b?: unknown): R }).forEachChild(cb, cbs),
    getCombinedNodeFlags: (node: Node) => combined(node, (n) => n.flags),
    getCombinedModifierFlags: (node: Node) => combined(node, (n) => (n as unknown as { modifierFlags?: number }).modifierFlags ?? 0),
    flattenDiagnosticMessageText: (m: string | { messageText: string } | undefined) => (typeof m === 'string' ? m : (m?.messageText ?? '')),
    isAccessor: anyOf(K['GetAccessor']!, K['SetAccessor']!),
    isGetAccessor: is(K['GetAccessor']!),
    isClassLike: anyOf(K['ClassDeclaration']!, K['ClassExpression']!),
    // TypeScript 6's isFunctionLike: declarations and signatures (types included).
    isFunctionLike: anyOf(
      ...['FunctionDeclaration', 'MethodDeclaration', 'Constructor', 'GetAccessor', 'SetAccessor', 'FunctionExpression', 'ArrowFunction',
        'MethodSignature', 'CallSignature', 'JSDocSignature', 'ConstructSignature', 'IndexSignature', 'FunctionType', 'JSDocFunctionType', 'ConstructorType']
        .map((k) => K[k]).filter((k): k is number => k !== undefined),
    ),
    isMethodSignature: is(K['MethodSignature']!),
    isParameter: is(K['Parameter']!),
    isPropertySignature: is(K['PropertySignature']!),
    isStringLiteralLike: anyOf(K['StringLiteral']!, K['NoSubstitutionTemplateLiteral']!),
    isTypeAssertionExpression: is(K['TypeAssertionExpression']!),
    isBindingElement,
    isOmittedExpression: (n: Node | undefined) => !!n && (n.kind === K['OmittedExpression'] || isHole(n)),
  };
  // TypeScript 7's guards read `node.kind` of what they are given; TypeScript 7 leaves optional
  // children out where TypeScript 6 has a node: a guard of nothing answers false.
  const guards: Record<string, unknown> = {};
  for (const [name, fn] of Object.entries(ast)) {
    if (!/^is[A-Z]/.test(name) || typeof fn !== 'function') continue;
    const f = fn as (...a: unknown[]) => boolean;
    // A one-argument guard (all but three) without a rest array: rules call these per node.
    guards[name] = f.length <= 1 ? (n: Node | undefined) => n !== undefined && f(n) : (n: Node | undefined, ...rest: unknown[]) => n !== undefined && f(n, ...rest);
  }
  return { ...ast, ...guards, ...own } as unknown as Syntax;
}
