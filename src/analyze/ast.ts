// Small AST helpers over the raw TypeScript API, shared by rules.
import { ts } from 'ts-morph';

export type FunctionNode =
  | ts.FunctionDeclaration
  | ts.FunctionExpression
  | ts.ArrowFunction
  | ts.MethodDeclaration
  | ts.GetAccessorDeclaration
  | ts.SetAccessorDeclaration
  | ts.ConstructorDeclaration;

export function isFunctionNode(node: ts.Node): node is FunctionNode {
  switch (node.kind) {
    case ts.SyntaxKind.FunctionDeclaration:
    case ts.SyntaxKind.FunctionExpression:
    case ts.SyntaxKind.ArrowFunction:
    case ts.SyntaxKind.MethodDeclaration:
    case ts.SyntaxKind.GetAccessor:
    case ts.SyntaxKind.SetAccessor:
    case ts.SyntaxKind.Constructor:
      return true;
    default:
      return false;
  }
}

export type LoopNode =
  | ts.ForStatement
  | ts.ForOfStatement
  | ts.ForInStatement
  | ts.WhileStatement
  | ts.DoStatement;

export function isLoop(node: ts.Node): node is LoopNode {
  switch (node.kind) {
    case ts.SyntaxKind.ForStatement:
    case ts.SyntaxKind.ForOfStatement:
    case ts.SyntaxKind.ForInStatement:
    case ts.SyntaxKind.WhileStatement:
    case ts.SyntaxKind.DoStatement:
      return true;
    default:
      return false;
  }
}

/** The nearest function that contains `node` (not `node` itself), or undefined at top level. */
export function enclosingFunction(node: ts.Node): FunctionNode | undefined {
  for (let p = node.parent; p; p = p.parent) if (isFunctionNode(p)) return p;
  return undefined;
}

/** A readable name for a function: its own name, the variable/property it is assigned to, or "(anonymous)". */
export function functionName(fn: ts.Node): string {
  const named = fn as { name?: ts.Node };
  if (named.name && (ts.isIdentifier(named.name) || ts.isPrivateIdentifier(named.name) || ts.isStringLiteral(named.name))) {
    const own = named.name.text;
    const cls = fn.parent && (ts.isClassDeclaration(fn.parent) || ts.isClassExpression(fn.parent)) ? fn.parent.name?.text : undefined;
    return cls ? `${cls}.${own}` : own;
  }
  if (fn.kind === ts.SyntaxKind.Constructor) {
    const cls = fn.parent && ts.isClassLike(fn.parent) ? fn.parent.name?.text : undefined;
    return cls ? `${cls}.constructor` : 'constructor';
  }
  const parent = fn.parent;
  if (parent) {
    if (ts.isVariableDeclaration(parent) && ts.isIdentifier(parent.name)) return parent.name.text;
    if (ts.isPropertyAssignment(parent) && (ts.isIdentifier(parent.name) || ts.isStringLiteral(parent.name))) return parent.name.text;
    if (ts.isPropertyDeclaration(parent) && ts.isIdentifier(parent.name)) return parent.name.text;
    if (ts.isBinaryExpression(parent) && parent.right === fn) return parent.left.getText();
  }
  return '(anonymous)';
}

/** Name of the function enclosing `node`, "" at top level. */
export function enclosingFunctionName(node: ts.Node): string {
  const fn = enclosingFunction(node);
  return fn ? functionName(fn) : '';
}

/** Skips parentheses, `as`/`satisfies`/non-null and type assertions. */
export function skipOuterExpressions(node: ts.Expression): ts.Expression {
  let e = node;
  for (;;) {
    if (ts.isParenthesizedExpression(e) || ts.isAsExpression(e) || ts.isNonNullExpression(e) || ts.isSatisfiesExpression(e) || ts.isTypeAssertionExpression(e)) {
      e = e.expression;
    } else return e;
  }
}

/** Array methods that call their callback synchronously and do not keep it. */
export const SYNC_ARRAY_CALLBACK_METHODS: ReadonlySet<string> = new Set([
  'map', 'forEach', 'filter', 'reduce', 'reduceRight', 'some', 'every', 'find', 'findIndex',
  'findLast', 'findLastIndex', 'flatMap', 'sort', 'toSorted',
]);

/** If `fn` is passed directly as an argument to `recv.method(...)`, returns the call and the method name. */
export function calleeMethodOfCallback(fn: ts.Node): { call: ts.CallExpression; method: string } | undefined {
  let arg: ts.Node = fn;
  while (arg.parent && ts.isParenthesizedExpression(arg.parent)) arg = arg.parent;
  const call = arg.parent;
  if (!call || !ts.isCallExpression(call) || !call.arguments.includes(arg as ts.Expression)) return undefined;
  const callee = skipOuterExpressions(call.expression);
  if (ts.isPropertyAccessExpression(callee)) return { call, method: callee.name.text };
  if (ts.isElementAccessExpression(callee) && ts.isStringLiteralLike(callee.argumentExpression)) {
    return { call, method: callee.argumentExpression.text };
  }
  return undefined;
}
