// Small AST helpers over the raw TypeScript API, shared by rules.
import { ts } from '../syntax/ts.js';

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

function isAssignmentOperator(kind: ts.SyntaxKind): boolean {
  return kind >= ts.SyntaxKind.FirstAssignment && kind <= ts.SyntaxKind.LastAssignment;
}

/** A name as written, when it is fixed: identifiers, `#private`, string and numeric literals (not computed keys). */
function staticName(name: ts.Node | undefined): string | undefined {
  if (!name) return undefined;
  if (ts.isIdentifier(name) || ts.isPrivateIdentifier(name) || ts.isStringLiteral(name) || ts.isNumericLiteral(name)) return name.text;
  return undefined;
}

/**
 * A readable name for a function: its own name (`Class.method`), the variable or property it
 * is assigned to (through parentheses and type assertions), or "(anonymous)". Runtime sites are
 * named the same way from Babel's tree (src/sites/expressions.ts): the two must agree.
 */
export function functionName(fn: ts.Node): string {
  const own = staticName((fn as { name?: ts.Node }).name);
  if (own !== undefined) {
    const cls = fn.parent && (ts.isClassDeclaration(fn.parent) || ts.isClassExpression(fn.parent)) ? fn.parent.name?.text : undefined;
    return cls ? `${cls}.${own}` : own;
  }
  if ((fn as { name?: ts.Node }).name) return '(anonymous)';
  if (fn.kind === ts.SyntaxKind.Constructor) {
    const cls = fn.parent && ts.isClassLike(fn.parent) ? fn.parent.name?.text : undefined;
    return cls ? `${cls}.constructor` : 'constructor';
  }
  const value = outermostOuterExpression(fn);
  const parent = value.parent;
  if (parent) {
    if (ts.isVariableDeclaration(parent) && parent.initializer === value && ts.isIdentifier(parent.name)) return parent.name.text;
    if ((ts.isPropertyAssignment(parent) || ts.isPropertyDeclaration(parent)) && parent.initializer === value) return staticName(parent.name) ?? '(anonymous)';
    if (ts.isBinaryExpression(parent) && parent.right === value && isAssignmentOperator(parent.operatorToken.kind)) return parent.left.getText();
  }
  return '(anonymous)';
}

/** Name of the function enclosing `node`, "" at top level. */
export function enclosingFunctionName(node: ts.Node): string {
  const fn = enclosingFunction(node);
  return fn ? functionName(fn) : '';
}

// Wrappers that do nothing at run time come in two strengths: parentheses and `!` keep the
// value's type; `as`, `satisfies` and `<T>` assertions also change what the checker says of it.
type ParenLike = ts.ParenthesizedExpression | ts.NonNullExpression;
type OuterExpression = ParenLike | ts.AsExpression | ts.SatisfiesExpression | ts.TypeAssertion;

function isParenLike(n: ts.Node): n is ParenLike {
  return ts.isParenthesizedExpression(n) || ts.isNonNullExpression(n);
}

function isOuterExpression(n: ts.Node): n is OuterExpression {
  return isParenLike(n) || ts.isAsExpression(n) || ts.isSatisfiesExpression(n) || ts.isTypeAssertionExpression(n);
}

/** Skips parentheses and non-null assertions (not type assertions: a cast changes the type). */
export function skipParentheses(node: ts.Expression): ts.Expression {
  let e = node;
  while (isParenLike(e)) e = e.expression;
  return e;
}

/** Skips parentheses, non-null assertions, `as`, `satisfies` and `<T>` assertions: the value as it runs. */
export function skipOuterExpressions(node: ts.Expression): ts.Expression {
  let e = node;
  while (isOuterExpression(e)) e = e.expression;
  return e;
}

/** The outermost parenthesized / non-null expression around `node` (itself when there is none). */
export function outermostParentheses(node: ts.Node): ts.Node {
  let n = node;
  while (n.parent && isParenLike(n.parent)) n = n.parent;
  return n;
}

/** The outermost run-time-transparent wrapper around `node`, type assertions included. */
export function outermostOuterExpression(node: ts.Node): ts.Node {
  let n = node;
  while (n.parent && isOuterExpression(n.parent)) n = n.parent;
  return n;
}

/** Called where it is created: `(function () {})()`, `(() => x)()`, `(function () {}).call(this)`. */
export function isImmediatelyInvoked(fn: ts.Node): boolean {
  const node = outermostOuterExpression(fn);
  const parent = node.parent;
  if (parent && ts.isCallExpression(parent) && parent.expression === node) return true;
  if (parent && ts.isPropertyAccessExpression(parent) && parent.expression === node && (parent.name.text === 'call' || parent.name.text === 'apply')) {
    return !!parent.parent && ts.isCallExpression(parent.parent) && parent.parent.expression === parent;
  }
  return false;
}

/** What a tree visitor returns: `false` skips the node's children, `STOP` ends the walk. */
export const STOP = Symbol('stop');

/**
 * Visits `root` and every descendant in document order, without recursion: valid code can nest
 * thousands deep (a 3,000-term `a + b + …`), which a recursive walk turns into a stack overflow.
 */
export function walkTree(root: ts.Node, visit: (node: ts.Node) => boolean | void | typeof STOP): void {
  const stack: ts.Node[] = [root];
  const push = (child: ts.Node) => void stack.push(child);
  while (stack.length > 0) {
    const node = stack.pop()!;
    const r = visit(node);
    if (r === STOP) return;
    if (r === false) continue;
    const from = stack.length;
    ts.forEachChild(node, push);
    // Children were pushed in order; reverse them so that the first is popped first.
    for (let i = from, j = stack.length - 1; i < j; i++, j--) {
      const t = stack[i]!;
      stack[i] = stack[j]!;
      stack[j] = t;
    }
  }
}

/** Array methods that call their callback synchronously and do not keep it. */
export const SYNC_ARRAY_CALLBACK_METHODS: ReadonlySet<string> = new Set([
  'map', 'forEach', 'filter', 'reduce', 'reduceRight', 'some', 'every', 'find', 'findIndex',
  'findLast', 'findLastIndex', 'flatMap', 'sort', 'toSorted',
]);

/** Of those, the ones that call it once per element: a callback passed to them is a loop body (not `sort`'s comparator). */
export const PER_ELEMENT_CALLBACK_METHODS: ReadonlySet<string> = new Set([...SYNC_ARRAY_CALLBACK_METHODS].filter((m) => m !== 'sort' && m !== 'toSorted'));

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
