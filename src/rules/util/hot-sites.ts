// Helpers for any-boxing and megamorphic-call-site: expression positions, loop hotness,
// and how many object shapes a TypeScript type stands for.
import type { RuleChecker } from '../../types/checker.js';
import { ts } from '../../syntax/ts.js';
import {
  calleeMethodOfCallback,
  isFunctionNode,
  isImmediatelyInvoked,
  isLoop,
  outermostParentheses,
  skipParentheses,
  SYNC_ARRAY_CALLBACK_METHODS,
  walkTree,
  type FunctionNode,
} from '../../analyze/ast.js';

export function isMemberAccess(e: ts.Node): e is ts.PropertyAccessExpression | ts.ElementAccessExpression {
  return ts.isPropertyAccessExpression(e) || ts.isElementAccessExpression(e);
}

/** The whole chain a member access belongs to: `a.b` in `a.b.c[0].d()` gives the full call. */
export function outermostChain(node: ts.Expression): ts.Expression {
  let cur: ts.Expression = node;
  for (;;) {
    const p = cur.parent;
    if (!p) return cur;
    if ((isMemberAccess(p) || ts.isCallExpression(p) || ts.isNonNullExpression(p)) && p.expression === cur) cur = p;
    else return cur;
  }
}

/** Is the member access the target of a plain `=` assignment (a store, not a read)? */
export function isWriteTarget(node: ts.Expression): boolean {
  const cur = outermostParentheses(node);
  const p = cur.parent;
  if (!p) return false;
  if (ts.isBinaryExpression(p) && p.left === cur && p.operatorToken.kind === ts.SyntaxKind.EqualsToken) return true;
  if (ts.isDeleteExpression(p)) return true;
  // Destructuring targets: `[o.a] = …`, `({ x: o.a } = …)`.
  if ((ts.isArrayLiteralExpression(p) || ts.isPropertyAssignment(p) || ts.isShorthandPropertyAssignment(p)) && isAssignmentPattern(p)) return true;
  return false;
}

function isAssignmentPattern(node: ts.Node): boolean {
  let cur = node;
  while (cur.parent && (ts.isArrayLiteralExpression(cur.parent) || ts.isObjectLiteralExpression(cur.parent) || ts.isPropertyAssignment(cur.parent) || ts.isSpreadElement(cur.parent))) cur = cur.parent;
  const p = cur.parent;
  return !!p && ts.isBinaryExpression(p) && p.left === cur && p.operatorToken.kind === ts.SyntaxKind.EqualsToken;
}

/** Is `child` (a direct child of `loop`) a part of the loop header that runs once? */
function runsOnce(loop: ts.Node, child: ts.Node): boolean {
  return (
    (ts.isForStatement(loop) && child === loop.initializer) ||
    ((ts.isForOfStatement(loop) || ts.isForInStatement(loop)) && (child === loop.expression || child === loop.initializer))
  );
}

/** Decides whether a function is the callback of a synchronous array method (a loop). */
type CallbackTest = (fn: ts.Node) => boolean;

/** By method name only: `Effect.map(…)` or `Option.flatMap(…)` would count too. */
function isSyncArrayCallback(fn: ts.Node): boolean {
  const cb = calleeMethodOfCallback(fn);
  return !!cb && SYNC_ARRAY_CALLBACK_METHODS.has(cb.method);
}

/** An identifier naming an import, namespace, enum, class or function: never an array value. */
export function isNamespaceLike(e: ts.Expression, checker: RuleChecker): boolean {
  const id = skipParentheses(e);
  if (!ts.isIdentifier(id)) return false;
  let sym = checker.getSymbolAtLocation(id);
  if (sym && sym.flags & ts.SymbolFlags.Alias) sym = checker.getAliasedSymbol(sym);
  if (!sym) return false;
  return (sym.flags & (ts.SymbolFlags.Module | ts.SymbolFlags.Enum | ts.SymbolFlags.Class | ts.SymbolFlags.Function)) !== 0 && !(sym.flags & ts.SymbolFlags.Variable);
}

/**
 * Cheap, type-free test that an expression is certainly not `any`: a namespace or class name,
 * a literal, or a variable/parameter declared with a type that is not `any`/`unknown`.
 */
export function certainlyNotAny(e: ts.Expression, checker: RuleChecker): boolean {
  const x = skipParentheses(e);
  switch (x.kind) {
    case ts.SyntaxKind.StringLiteral:
    case ts.SyntaxKind.NumericLiteral:
    case ts.SyntaxKind.NoSubstitutionTemplateLiteral:
    case ts.SyntaxKind.TemplateExpression:
    case ts.SyntaxKind.ArrayLiteralExpression:
    case ts.SyntaxKind.ObjectLiteralExpression:
    case ts.SyntaxKind.RegularExpressionLiteral:
    case ts.SyntaxKind.ThisKeyword:
    case ts.SyntaxKind.SuperKeyword:
      return true;
    default:
      break;
  }
  if (!ts.isIdentifier(x)) return false;
  if (isNamespaceLike(x, checker)) return true;
  const decl = checker.getSymbolAtLocation(x)?.valueDeclaration;
  if (!decl || !(ts.isVariableDeclaration(decl) || ts.isParameter(decl) || ts.isPropertyDeclaration(decl))) return false;
  const type = decl.type;
  if (!type) return false;
  // An annotation other than `any`/`unknown` decides the type (an alias of `any` would slip
  // through: rare enough to save the checker call on every annotated receiver).
  return type.kind !== ts.SyntaxKind.AnyKeyword && type.kind !== ts.SyntaxKind.UnknownKeyword;
}

/** By method name and an array-like receiver type (one checker call per candidate callback). */
export function arrayCallbackTest(checker: RuleChecker): CallbackTest {
  const cache = new Map<ts.Node, boolean>();
  return (fn) => {
    let known = cache.get(fn);
    if (known !== undefined) return known;
    const cb = calleeMethodOfCallback(fn);
    known = false;
    if (cb && SYNC_ARRAY_CALLBACK_METHODS.has(cb.method)) {
      const callee = skipParentheses(cb.call.expression);
      const receiver = ts.isPropertyAccessExpression(callee) || ts.isElementAccessExpression(callee) ? callee.expression : undefined;
      // `Effect.map(f)`, `Option.flatMap(f)`: a namespace or class receiver is no array, and
      // asking its type through a long pipe chain is the expensive part of this rule.
      if (receiver && !isNamespaceLike(receiver, checker)) {
        const t = checker.getTypeAtLocation(receiver);
        known = checker.isArrayLikeType(t) || (t.isUnion() && t.types.every((m) => checker.isArrayLikeType(m)));
      }
    }
    cache.set(fn, known);
    return known;
  };
}

/**
 * Does `node` run per iteration of a loop of its own function (seen through IIFEs), or inside a
 * synchronous array callback (itself a loop over the array)? If not, its enclosing function.
 */
export function loopContext(node: ts.Node, isCallback: CallbackTest = isSyncArrayCallback): { hot: true } | { hot: false; fn: FunctionNode | undefined } {
  let child: ts.Node = node;
  for (let p = node.parent; p; child = p, p = p.parent) {
    if (isLoop(p) && !runsOnce(p, child)) return { hot: true };
    if (isFunctionNode(p)) {
      if (isImmediatelyInvoked(p)) continue;
      if (isCallback(p)) return { hot: true };
      return { hot: false, fn: p };
    }
    if (ts.isClassStaticBlockDeclaration(p) || ts.isSourceFile(p)) return { hot: false, fn: undefined };
  }
  return { hot: false, fn: undefined };
}

interface NamedFunctions {
  byName: Map<string, ts.Node[]>;
  byMethod: Map<string, ts.Node[]>;
}
const namedByFile = new WeakMap<ts.SourceFile, NamedFunctions>();

/** The functions a call of the file could name, by name and by method name (syntax: one walk per file, shared by each Hotness). */
function namedFunctions(sf: ts.SourceFile): NamedFunctions {
  let found = namedByFile.get(sf);
  if (found) return found;
  // The functions a call could name: declarations, `const f = () => …`, methods, arrow fields.
  const byName = new Map<string, ts.Node[]>();
  const byMethod = new Map<string, ts.Node[]>();
  const add = (m: Map<string, ts.Node[]>, name: string, fn: ts.Node) => {
    const list = m.get(name);
    if (list) list.push(fn);
    else m.set(name, [fn]);
  };
  walkTree(sf, (node) => {
    if (ts.isFunctionDeclaration(node) && node.name && node.body) add(byName, node.name.text, node);
    else if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.initializer) {
      const init = skipParentheses(node.initializer);
      if (ts.isArrowFunction(init) || ts.isFunctionExpression(init)) add(byName, node.name.text, init);
    } else if ((ts.isMethodDeclaration(node) || ts.isGetAccessor(node)) && node.body && (ts.isIdentifier(node.name) || ts.isPrivateIdentifier(node.name))) {
      add(byMethod, node.name.text, node);
    } else if (ts.isPropertyDeclaration(node) && ts.isIdentifier(node.name) && node.initializer) {
      const init = skipParentheses(node.initializer);
      if (ts.isArrowFunction(init) || ts.isFunctionExpression(init)) add(byMethod, node.name.text, init);
    }
  });
  namedByFile.set(sf, (found = { byName, byMethod }));
  return found;
}

/**
 * Functions of the file called from a loop of the same file (one level): by name for plain
 * calls (`f()`), by method name for `this.m()`. Syntactic, computed once per file; the callback
 * test (which may ask the checker) runs only for callbacks that contain a call to one of them.
 */
export function functionsCalledFromLoops(sf: ts.SourceFile, isCallback: CallbackTest = isSyncArrayCallback): Set<ts.Node> {
  const { byName, byMethod } = namedFunctions(sf);
  const hot = new Set<ts.Node>();
  if (byName.size === 0 && byMethod.size === 0) return hot;
  // Loop state per pending node: true/false, or the callback whose array-ness decides it (asked
  // only when a call inside it names a function of the file). Iterative: deep code must not overflow.
  type State = boolean | ts.Node;
  const stack: Array<{ node: ts.Node; state: State }> = [{ node: sf, state: false }];
  const decided = (st: State): boolean => (typeof st === 'boolean' ? st : isCallback(st));
  while (stack.length > 0) {
    const { node, state } = stack.pop()!;
    if (state !== false && ts.isCallExpression(node)) {
      const callee = skipParentheses(node.expression);
      const targets = ts.isIdentifier(callee)
        ? byName.get(callee.text)
        : ts.isPropertyAccessExpression(callee) && callee.expression.kind === ts.SyntaxKind.ThisKeyword
          ? byMethod.get(callee.name.text)
          : undefined;
      if (targets && targets.some((t) => !hot.has(t)) && decided(state)) for (const t of targets) hot.add(t);
    }
    // A synchronous array callback is a loop over the array; other functions start cold.
    let fnState: State | undefined;
    if (isFunctionNode(node) && !isImmediatelyInvoked(node)) fnState = isSyncArrayCallback(node) ? node : false;
    const loop = isLoop(node);
    ts.forEachChild(node, (c) => {
      stack.push({ node: c, state: fnState !== undefined ? fnState : loop && !runsOnce(node, c) ? true : state });
    });
  }
  return hot;
}

const shared = new WeakMap<ts.SourceFile, Map<RuleChecker | undefined, Hotness>>();

/** Lazily computed per-file hotness: in a loop, or in a function called from a loop of the file. */
export class Hotness {
  /** One per file and checker: the rules that ask share its answers (the walk over the file's calls is done once). */
  static of(sf: ts.SourceFile, checker?: RuleChecker): Hotness {
    let m = shared.get(sf);
    if (!m) shared.set(sf, (m = new Map()));
    let h = m.get(checker);
    if (!h) m.set(checker, (h = new Hotness(sf, checker)));
    return h;
  }

  private called: Set<ts.Node> | undefined;
  private readonly isCallback: CallbackTest;
  /** With a checker, array-method callbacks count only on array-like receivers. */
  constructor(private readonly sf: ts.SourceFile, checker?: RuleChecker) {
    this.isCallback = checker ? arrayCallbackTest(checker) : isSyncArrayCallback;
  }

  /** 'loop' when `node` runs per iteration of a loop, 'called' when its function is called from one. */
  of(node: ts.Node): 'loop' | 'called' | undefined {
    const ctx = loopContext(node, this.isCallback);
    if (ctx.hot) return 'loop';
    if (!ctx.fn) return undefined;
    this.called ??= functionsCalledFromLoops(this.sf, this.isCallback);
    return this.called.has(ctx.fn) ? 'called' : undefined;
  }
}

/** Is the node inside a `catch` block (cold, and its binding is `any`/`unknown` by the language)? */
export function inCatchClause(node: ts.Node): boolean {
  for (let p = node.parent; p; p = p.parent) {
    if (ts.isCatchClause(p)) return true;
    if (isFunctionNode(p)) return false;
  }
  return false;
}

export function isAnyType(t: ts.Type): boolean {
  return (t.flags & ts.TypeFlags.Any) !== 0 && (t as { intrinsicName?: string }).intrinsicName !== 'error';
}

/** Could this argument be an object at all? Literals, functions and templates cannot: no checker call for them. */
export function mayBeObjectArgument(a: ts.Expression): boolean {
  const x = skipParentheses(ts.isSpreadElement(a) ? a.expression : a);
  switch (x.kind) {
    case ts.SyntaxKind.StringLiteral:
    case ts.SyntaxKind.NumericLiteral:
    case ts.SyntaxKind.BigIntLiteral:
    case ts.SyntaxKind.NoSubstitutionTemplateLiteral:
    case ts.SyntaxKind.TemplateExpression:
    case ts.SyntaxKind.TrueKeyword:
    case ts.SyntaxKind.FalseKeyword:
    case ts.SyntaxKind.NullKeyword:
    case ts.SyntaxKind.ArrowFunction:
    case ts.SyntaxKind.FunctionExpression:
    case ts.SyntaxKind.TypeOfExpression:
    case ts.SyntaxKind.VoidExpression:
    case ts.SyntaxKind.PrefixUnaryExpression:
    case ts.SyntaxKind.PostfixUnaryExpression:
      return false;
    case ts.SyntaxKind.Identifier:
      return (x as ts.Identifier).text !== 'undefined';
    case ts.SyntaxKind.BinaryExpression: {
      const op = (x as ts.BinaryExpression).operatorToken.kind;
      // Arithmetic, comparisons and `+` give primitives; `??`, `||`, `&&`, `,` and `=` may give objects.
      return op === ts.SyntaxKind.QuestionQuestionToken || op === ts.SyntaxKind.BarBarToken || op === ts.SyntaxKind.AmpersandAmpersandToken || op === ts.SyntaxKind.CommaToken || op === ts.SyntaxKind.EqualsToken;
    }
    default:
      return true;
  }
}
