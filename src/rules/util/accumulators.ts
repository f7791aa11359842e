// Helpers for rules about values that grow across the iterations of a loop: string
// accumulators, accumulating spreads, and the receivers of `delete`.
import type { RuleChecker } from '../../types/checker.js';
import { perSyntax, ts } from '../../syntax/ts.js';
import { calleeMethodOfCallback, isFunctionNode, isLoop, PER_ELEMENT_CALLBACK_METHODS } from '../../analyze/ast.js';

/** A loop statement, or a function passed as the callback of an iteration method. */
export type Iteration = ts.Node;

/** Whether `fn` is the callback of an iteration method (`xs.forEach(fn)`, `xs.reduce(fn, init)`). */
export function isIterationCallback(fn: ts.Node): boolean {
  const cb = calleeMethodOfCallback(fn);
  return !!cb && PER_ELEMENT_CALLBACK_METHODS.has(cb.method);
}

/**
 * The loops and iteration callbacks around `node` whose iterations each evaluate it, innermost
 * first. The walk stops at the first function that is not an iteration callback: code inside
 * it runs when it is called, not per iteration of an outer loop.
 */
export function enclosingIterations(node: ts.Node): Iteration[] {
  const out: Iteration[] = [];
  let child = node;
  for (let p = node.parent; p; child = p, p = p.parent) {
    if (ts.isSourceFile(p) || ts.isClassStaticBlockDeclaration(p) || ts.isClassLike(p)) break;
    if (isFunctionNode(p)) {
      if (!(ts.isArrowFunction(p) || ts.isFunctionExpression(p)) || !isIterationCallback(p)) break;
      out.push(p);
      continue;
    }
    if (isLoop(p)) {
      // Parts of a loop header that run once are not part of the iteration.
      const once =
        (ts.isForStatement(p) && child === p.initializer) ||
        ((ts.isForOfStatement(p) || ts.isForInStatement(p)) && child === p.expression);
      if (!once) out.push(p);
    }
  }
  return out;
}

export function within(node: ts.Node, container: ts.Node): boolean {
  return node.pos >= container.pos && node.end <= container.end;
}

/** Whether `node` runs once per iteration of `iteration` (inside it, not in its run-once header parts). */
export function inIterationBody(node: ts.Node, iteration: Iteration): boolean {
  if (!within(node, iteration)) return false;
  if (ts.isForStatement(iteration) && iteration.initializer && within(node, iteration.initializer)) return false;
  if ((ts.isForOfStatement(iteration) || ts.isForInStatement(iteration)) && within(node, iteration.expression)) return false;
  return true;
}

/**
 * The outermost of `iterations` (innermost first) that does not contain `decl`: the loop across
 * whose iterations a binding declared at `decl` keeps its value. Undefined when the innermost
 * one already contains it (a per-iteration binding).
 */
export function accumulatingIteration(iterations: readonly Iteration[], decl: ts.Node): Iteration | undefined {
  let found: Iteration | undefined;
  for (const it of iterations) {
    if (within(decl, it)) break;
    found = it;
  }
  return found;
}

/** The symbol an identifier reads, through shorthand properties (`{ s }`). */
export function referencedSymbol(id: ts.Identifier, checker: RuleChecker): ts.Symbol | undefined {
  const parent = id.parent;
  if (parent && ts.isShorthandPropertyAssignment(parent) && parent.name === id) return checker.getShorthandAssignmentValueSymbol(parent);
  return checker.getSymbolAtLocation(id);
}

/** Whether an identifier occurrence is a name position (property name, declaration name), not a reference. */
export function isNamePosition(id: ts.Identifier): boolean {
  const p = id.parent;
  if (!p) return false;
  if (ts.isPropertyAccessExpression(p) && p.name === id) return true;
  if (ts.isQualifiedName(p)) return true;
  if ((ts.isPropertyAssignment(p) || ts.isMethodDeclaration(p) || ts.isPropertyDeclaration(p) || ts.isAccessor(p) || ts.isPropertySignature(p)) && p.name === id) return true;
  if (ts.isBindingElement(p) && p.propertyName === id) return true;
  if (ts.isJsxAttribute(p)) return true;
  return false;
}

const NULLISH = perSyntax(() => ts.TypeFlags.Null | ts.TypeFlags.Undefined | ts.TypeFlags.Void);

/** Every non-nullish constituent of `type` satisfies `pred` (and there is at least one). */
function allConstituents(type: ts.Type, pred: (t: ts.Type) => boolean): boolean {
  const parts = type.isUnion() ? type.types : [type];
  let seen = false;
  for (const t of parts) {
    if (t.flags & NULLISH()) continue;
    if (!pred(t)) return false;
    seen = true;
  }
  return seen;
}

/** A string type (string, string literals, template literal types); `any` and `unknown` are not. */
export function isStringType(type: ts.Type): boolean {
  return allConstituents(type, (t) => (t.flags & ts.TypeFlags.StringLike) !== 0);
}

/** An array or tuple type, mutable or readonly. */
export function isArrayType(type: ts.Type, checker: RuleChecker): boolean {
  return allConstituents(type, (t) => checker.isArrayType(t) || checker.isTupleType(t));
}


/** Whether every constituent of `type` is an instance of one of the named classes (`Map<K, V> & X` counts). */
export function isInstanceOf(type: ts.Type, names: ReadonlySet<string>): boolean {
  const named = (t: ts.Type): boolean => {
    if (t.isIntersection()) return t.types.some(named);
    const name = t.getSymbol()?.getName();
    return name !== undefined && names.has(name);
  };
  return allConstituents(type, named);
}

/** `a`, `this`, `a.b.c`, `this.a.b`: a reference that can be compared structurally, as text without spaces. */
export function referenceKey(expr: ts.Expression): string | undefined {
  if (ts.isIdentifier(expr)) return expr.text;
  if (expr.kind === ts.SyntaxKind.ThisKeyword) return 'this';
  if (ts.isPropertyAccessExpression(expr) && ts.isIdentifier(expr.name)) {
    const base = referenceKey(expr.expression);
    return base === undefined ? undefined : `${base}.${expr.name.text}`;
  }
  if (ts.isParenthesizedExpression(expr)) return referenceKey(expr.expression);
  return undefined;
}

/** The leftmost identifier (or `this`) of a reference like `a.b.c`. */
export function referenceRoot(expr: ts.Expression): ts.Expression {
  let e = expr;
  while (ts.isPropertyAccessExpression(e) || ts.isParenthesizedExpression(e)) e = e.expression;
  return e;
}

/** Operands of a left-associated `+` chain (`a + b + c` → [a, b, c]), parentheses kept as written. */
export function plusOperands(expr: ts.Expression): ts.Expression[] {
  // Iterative: `a + b + …` of thousands of terms is a left-deep tree thousands of levels deep.
  const out: ts.Expression[] = [];
  const stack: ts.Expression[] = [expr];
  while (stack.length > 0) {
    const e = stack.pop()!;
    if (ts.isBinaryExpression(e) && e.operatorToken.kind === ts.SyntaxKind.PlusToken) stack.push(e.right, e.left);
    else out.push(e);
  }
  return out;
}
