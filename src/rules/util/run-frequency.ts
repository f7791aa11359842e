// How often does the code at a site run? Static signals, read from the syntax only (no checker,
// so they work on JavaScript files too), that a site runs once per setup step, once per tooling
// invocation, or only on failure. Allocation and complexity rules (closure-in-loop,
// accumulating-spread, string-concat-in-loop) use them to lower or drop findings whose cost
// cannot matter (bench/precision/README.md: issue 14's false-positive classes).
//
// - setup: a constructor, a function named for registration or configuration (`register*`,
//   `use`, `define*`, `configure*`, `install*`, `setup*`, `init*`, `extend*`, `bootstrap*`), an
//   accessor or value of the descriptor passed to `Object.defineProperty(ies)`, or a named factory
//   that ends by returning `new X(…)` (schema and AST constructors). `add*`, `make*`, `create*`
//   and `from*` are left out on purpose: `add(x)` per event and `fromIterable(xs)` are hot as often as not.
// - tooling: one-shot conversions and code generation, by function name (`toJSONSchema`,
//   `codegen`, `compile*`, `generate*`, `emit*`, `toCode`, `OpenApi`, `parseMarbles`) or file path
//   (`testing/`, `arbitrary/`, `json-schema`, `codegen`, `openapi`).
// - cold: inside a `catch` clause, the operand of `throw`, a branch that ends in `throw`, a
//   function whose name says it formats or reports errors (`format`, `error`, `treeify`,
//   `prettify`, `expected`, `getMessage`…), or a loop or callback over `.issues` / `.errors`.
// - smallFixedIterable: a loop or iteration callback over an array literal of at most 4
//   elements (`for (const k of ["anyOf", "oneOf"] as const)`, `[A, B].forEach(…)`): n is fixed.
//
// Function names are taken from every enclosing function, innermost first: a callback created in
// `register()` runs as part of the registration.
import { ts } from '../../syntax/ts.js';
import { calleeMethodOfCallback, isFunctionNode, skipOuterExpressions } from '../../analyze/ast.js';

export type RunKind = 'setup' | 'tooling' | 'cold';

export interface RunFrequency {
  kind: RunKind;
  /** Why, in a few words: "in a catch clause", "in 'register'". */
  why: string;
}

export const SETUP_NAME = /^(register|use|define|configure|install|setup|setUp|init|initialize|extend|bootstrap|plugin)([A-Z_$\d]|$)/;
export const TOOLING_NAME = /^(to|from)(JSON|Json)?Schema|JSONSchema|JsonSchema|codegen|CodeGen|^compile|^generate|^emit|^toCode|OpenApi|parseMarbles/;
export const TOOLING_PATH = /(^|[\\/])(testing|arbitrary)[\\/]|json-schema|jsonschema|codegen|openapi/i;
export const COLD_NAME = /format|error|treeify|prettify|expected|^(get|build|make|create|to|format)\w*Message/i;
const COLD_COLLECTIONS = new Set(['issues', 'errors']);

/** The name a function is known by: its own, or the variable, property or method it is assigned to. */
export function nameOfFunction(fn: ts.Node): string | undefined {
  const own = (fn as { name?: ts.Node }).name;
  if (own && (ts.isIdentifier(own) || ts.isStringLiteral(own) || ts.isPrivateIdentifier(own))) return own.text;
  let n: ts.Node = fn;
  while (n.parent && (ts.isParenthesizedExpression(n.parent) || ts.isAsExpression(n.parent) || ts.isSatisfiesExpression(n.parent))) n = n.parent;
  const p = n.parent;
  if (!p) return undefined;
  if ((ts.isVariableDeclaration(p) || ts.isPropertyAssignment(p) || ts.isPropertyDeclaration(p)) && p.initializer === n && ts.isIdentifier(p.name)) return p.name.text;
  if (ts.isBinaryExpression(p) && p.right === n && p.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
    const left = skipOuterExpressions(p.left);
    if (ts.isIdentifier(left)) return left.text;
    if (ts.isPropertyAccessExpression(left)) return left.name.text;
  }
  return undefined;
}

/** Names of the functions around `node`, innermost first. */
function enclosingFunctionNames(node: ts.Node): string[] {
  const out: string[] = [];
  for (let p = node.parent; p; p = p.parent) {
    if (isFunctionNode(p)) {
      const name = nameOfFunction(p);
      if (name !== undefined) out.push(name);
    }
  }
  return out;
}

function isDefinePropertyCall(call: ts.Node | undefined): boolean {
  if (!call || !ts.isCallExpression(call)) return false;
  const callee = skipOuterExpressions(call.expression);
  return ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.expression) &&
    (callee.expression.text === 'Object' || callee.expression.text === 'Reflect') &&
    (callee.name.text === 'defineProperty' || callee.name.text === 'defineProperties');
}

/** Whether `stmt` is a `throw`, or a block whose last statement is one. */
function endsInThrow(stmt: ts.Node): boolean {
  if (ts.isThrowStatement(stmt)) return true;
  if (ts.isBlock(stmt)) {
    const last = stmt.statements[stmt.statements.length - 1];
    return !!last && ts.isThrowStatement(last);
  }
  return false;
}

/** Whether a function body ends by returning `new X(…)`: a factory that constructs one object. */
function returnsNew(fn: ts.Node): boolean {
  const body = (fn as { body?: ts.Node }).body;
  if (!body) return false;
  let result: ts.Expression | undefined;
  if (ts.isBlock(body)) {
    const last = body.statements[body.statements.length - 1];
    if (last && ts.isReturnStatement(last)) result = last.expression;
  } else result = body as ts.Expression;
  return !!result && ts.isNewExpression(skipOuterExpressions(result));
}

/** The name of a collection expression (`r.issues` → "issues", `errors` → "errors"). */
function collectionName(e: ts.Expression): string | undefined {
  const x = skipOuterExpressions(e);
  return ts.isPropertyAccessExpression(x) ? x.name.text : ts.isIdentifier(x) ? x.text : undefined;
}

/** The cold-path signal at `node`, if any (see the module comment). */
export function coldPath(node: ts.Node): string | undefined {
  let child: ts.Node = node;
  for (let p = node.parent; p; child = p, p = p.parent) {
    if (ts.isCatchClause(p)) return 'in a catch clause';
    if (ts.isThrowStatement(p)) return 'in the operand of throw';
    if (ts.isIfStatement(p) && child !== p.expression && endsInThrow(child)) return 'in a branch that ends in throw';
    if ((ts.isForOfStatement(p) || ts.isForInStatement(p)) && child === p.statement) {
      const name = collectionName(p.expression);
      if (name !== undefined && COLD_COLLECTIONS.has(name)) return `in a loop over ${name}`;
    }
    if (isFunctionNode(p)) {
      const cb = calleeMethodOfCallback(p);
      const callee = cb && skipOuterExpressions(cb.call.expression);
      const name = callee && ts.isPropertyAccessExpression(callee) ? collectionName(callee.expression) : undefined;
      if (name !== undefined && COLD_COLLECTIONS.has(name)) return `in a callback over ${name}`;
      const fname = nameOfFunction(p);
      if (fname !== undefined && COLD_NAME.test(fname)) return `in '${fname}'`;
    }
  }
  return undefined;
}

/** The setup signal at `node`, if any (see the module comment). */
export function setupCode(node: ts.Node): string | undefined {
  for (let p = node.parent; p; p = p.parent) {
    if (ts.isObjectLiteralExpression(p) && p.parent) {
      const direct = isDefinePropertyCall(p.parent);
      // Object.defineProperties(o, { k: { get() {…} } }): one level of descriptor map.
      const inMap = ts.isPropertyAssignment(p.parent) && ts.isObjectLiteralExpression(p.parent.parent) && isDefinePropertyCall(p.parent.parent.parent);
      if (direct || inMap) return 'in a property descriptor passed to Object.defineProperty';
    }
    if (!isFunctionNode(p)) continue;
    if (ts.isConstructorDeclaration(p)) return 'in a constructor';
    const name = nameOfFunction(p);
    if (name !== undefined && SETUP_NAME.test(name)) return `in '${name}'`;
    if (name !== undefined && returnsNew(p)) return `in the factory '${name}'`;
  }
  return undefined;
}

/** The tooling signal at `node`, if any (see the module comment). */
export function toolingCode(node: ts.Node, sourceFile: ts.SourceFile): string | undefined {
  // Only the part of the path inside the project's src/ or lib/ (a checkout that happens to sit in a folder named testing is not tooling).
  const file = sourceFile.fileName.replace(/\\/g, '/');
  const cut = Math.max(file.lastIndexOf('/src/'), file.lastIndexOf('/lib/'));
  if (TOOLING_PATH.test(cut >= 0 ? file.slice(cut) : (file.split('/').pop() ?? file))) return 'in a tooling file';
  for (const name of enclosingFunctionNames(node)) if (TOOLING_NAME.test(name)) return `in '${name}'`;
  return undefined;
}

/** The first of cold, tooling and setup that applies at `node`. */
export function runFrequency(node: ts.Node, sourceFile: ts.SourceFile): RunFrequency | undefined {
  const cold = coldPath(node);
  if (cold) return { kind: 'cold', why: cold };
  const tooling = toolingCode(node, sourceFile);
  if (tooling) return { kind: 'tooling', why: tooling };
  const setup = setupCode(node);
  if (setup) return { kind: 'setup', why: setup };
  return undefined;
}

/** An array literal of at most `max` elements and no spreads (through `as const`, parentheses). */
export function isSmallArrayLiteral(expr: ts.Expression, max = 4): boolean {
  const e = skipOuterExpressions(expr);
  return ts.isArrayLiteralExpression(e) && e.elements.length <= max && !e.elements.some(ts.isSpreadElement);
}

/**
 * Whether `iteration` (a loop or an iteration callback) runs over a fixed small literal:
 * `for (const k of ["a", "b"])`, `[A, B].forEach(fn)`, `[a, b].reduce(fn, init)`.
 */
export function smallFixedIterable(iteration: ts.Node): boolean {
  if (ts.isForOfStatement(iteration)) return isSmallArrayLiteral(iteration.expression);
  if (isFunctionNode(iteration)) {
    const cb = calleeMethodOfCallback(iteration);
    const callee = cb && skipOuterExpressions(cb.call.expression);
    return !!callee && ts.isPropertyAccessExpression(callee) && isSmallArrayLiteral(callee.expression);
  }
  return false;
}
