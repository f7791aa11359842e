// How often does this code run? Syntactic signals that a site runs rarely, or a bounded number
// of times, whatever the size of the program's data. Shared by the allocation rules
// (closure-in-loop, accumulating-spread, string-concat-in-loop), which lower or drop a finding
// on such code: a per-iteration cost only matters on a path that runs often over many items.
//
// Three families of signals, each read from the code itself (names, statements), never from the
// type checker, so they work on JavaScript files too:
//
// - setup: code that runs once per registration, construction or module load: a constructor or
//   class static block, a module's top-level statements, a function named for setup (`register`,
//   `use`, `define…`, `configure`, `install`, `init…`, `make…`, `create…`, `extend…`), and functions
//   created as accessors of a property descriptor (`Object.defineProperty(o, k, { get() {…} })`).
// - tooling: one-shot conversions and code generation (a function named `toJSONSchema`,
//   `…JsonSchema…`, `codegen`, `compile…`, `generate…`, `toCode`, `…OpenApi…`, `parseMarbles`, or a
//   file under `testing/`, `arbitrary/`, or named for JSON Schema, codegen or OpenAPI).
// - cold: failure and formatting paths: inside a `catch`, the operand of a `throw`, a block that
//   ends in `throw` (a failed-check branch), a loop over `.issues`/`.errors`, a function whose
//   name says it formats or reports errors (`format`, `error`, `treeify`, `prettify`, `expected`,
//   `message`).
//
// And one about trip counts: a loop over an array literal of at most four elements
// (`for (const k of ["anyOf", "oneOf"])`, `[A, B].forEach(…)`) runs a fixed, small number of times.
//
// "The function that owns a node" is the nearest enclosing function that is not an argument of a
// call (an argument callback such as `xs.forEach(f)`, `Effect.gen(function* () {…})` or
// `doc.indented((d) => …)` runs during that call, as part of the function around it) and is not
// immediately invoked. A function that is returned or stored runs later, on its own schedule: its
// name is what decides, never the name of the function that created it.
import path from 'node:path';
import { ts } from 'ts-morph';
import { functionName, isFunctionNode, isImmediatelyInvoked, isLoop, outermostOuterExpression, skipOuterExpressions, type FunctionNode } from '../../analyze/ast.js';

export type RunFrequencyKind = 'setup' | 'tooling' | 'cold';

/** Why a site runs rarely: the family and a short human reason ("in a catch clause"). */
export interface RarelyRuns {
  kind: RunFrequencyKind;
  reason: string;
}

/** The last segment of a function name (`Registry.register` → `register`). */
function baseName(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot >= 0 ? name.slice(dot + 1) : name;
}

// `add`, `from`, `with` and `build` are left out on purpose: `add(x)` per event, `fromIterable(xs)`
// over user data and `withLatestFrom` are hot as often as not.
const SETUP_NAME = /^(?:register|use|define|configure|setup|setUp|install|init|initialize|bootstrap|make|create|extend|plugin)(?:[A-Z0-9_$]|$)/;
const TOOLING_NAME = /(?:json_?schema|codegen|^compile|^generate|^emit(?:Code|Source|Types|Declaration)|^toCode|^printCode|openapi|^parseMarbles)/i;
const TOOLING_FILE = /(?:^|\/)(?:testing|arbitrary|codegen|__tests__)\/|json-?schema|codegen|openapi|\.(?:test|spec)\.[cm]?[jt]sx?$/i;
const COLD_NAME = /format|error|treeify|prettify|expected|message/i;
const COLD_COLLECTION = /^(?:issues|errors|failures|diagnostics|problems)$/;

/** Whether a function's name says it sets things up (register, use, define…, configure, make…, create…). */
export function isSetupName(name: string): boolean {
  return SETUP_NAME.test(baseName(name));
}

/** Whether a function's name says it is a one-shot converter or code generator. */
export function isToolingName(name: string): boolean {
  return TOOLING_NAME.test(baseName(name));
}

/** Whether a function's name says it formats or reports failures. */
export function isColdName(name: string): boolean {
  return COLD_NAME.test(baseName(name));
}

/** Whether a file (path relative to the project, "/" separators) is test or generation tooling. */
export function isToolingFile(relativePath: string): boolean {
  return TOOLING_FILE.test(relativePath.split(path.sep).join('/'));
}

/** A function passed as an argument of a call: it runs as part of that call (or is kept by it). */
function isArgumentFunction(fn: ts.Node): boolean {
  const node = outermostOuterExpression(fn);
  const p = node.parent;
  return !!p && (ts.isCallExpression(p) || ts.isNewExpression(p)) && !!p.arguments && p.arguments.includes(node as ts.Expression);
}

/**
 * The function that owns `node` at run time: the nearest enclosing function, seen through
 * argument callbacks and IIFEs. Undefined at module top level (or in a class static block, which
 * `inStaticBlock` tells).
 */
export function owningFunction(node: ts.Node): { fn: FunctionNode | undefined; staticBlock: boolean } {
  for (let p = node.parent; p; p = p.parent) {
    if (ts.isClassStaticBlockDeclaration(p)) return { fn: undefined, staticBlock: true };
    if (!isFunctionNode(p)) continue;
    if (isImmediatelyInvoked(p) || isArgumentFunction(p)) continue;
    return { fn: p, staticBlock: false };
  }
  return { fn: undefined, staticBlock: false };
}

/** Functions from `node` outwards, up to and including its owning function. */
function functionsUpToOwner(node: ts.Node): FunctionNode[] {
  const out: FunctionNode[] = [];
  for (let p = node.parent; p; p = p.parent) {
    if (ts.isClassStaticBlockDeclaration(p)) break;
    if (!isFunctionNode(p)) continue;
    out.push(p);
    if (!isImmediatelyInvoked(p) && !isArgumentFunction(p)) break;
  }
  return out;
}

/** The function is an accessor or value of a property descriptor: `Object.defineProperty(o, k, { get() {…} })`. */
export function isDescriptorFunction(fn: ts.Node): boolean {
  const node = outermostOuterExpression(fn);
  const prop = ts.isPropertyAssignment(node.parent) && node.parent.initializer === node ? node.parent : node;
  const literal = prop.parent;
  if (!literal || !ts.isObjectLiteralExpression(literal) || !literal.properties.includes(prop as ts.ObjectLiteralElementLike)) return false;
  const name = prop && (prop as { name?: ts.Node }).name;
  if (!name || !ts.isIdentifier(name) || !['get', 'set', 'value'].includes(name.text)) return false;
  let arg: ts.Node = outermostOuterExpression(literal);
  // `defineProperties(o, { k: { get() {…} } })`: one more object level.
  if (ts.isPropertyAssignment(arg.parent) && arg.parent.initializer === arg && ts.isObjectLiteralExpression(arg.parent.parent)) arg = outermostOuterExpression(arg.parent.parent);
  const call = arg.parent;
  if (!call || !ts.isCallExpression(call) || !call.arguments.includes(arg as ts.Expression)) return false;
  const callee = skipOuterExpressions(call.expression);
  const method = ts.isPropertyAccessExpression(callee) ? callee.name.text : ts.isIdentifier(callee) ? callee.text : '';
  return method === 'defineProperty' || method === 'defineProperties' || method === 'create' || method === '__defineGetter__';
}

/** The owning function's body ends by constructing its result: `return new Objects(…)` (a factory, as schema constructors are). */
function returnsConstructed(fn: FunctionNode): boolean {
  const body = fn.body;
  if (!body) return false;
  if (!ts.isBlock(body)) return ts.isNewExpression(skipOuterExpressions(body));
  const last = body.statements[body.statements.length - 1];
  return !!last && ts.isReturnStatement(last) && !!last.expression && ts.isNewExpression(skipOuterExpressions(last.expression));
}

/**
 * Whether the file is written as a module (an import or export statement). Not
 * `ts.isExternalModule`: with `moduleDetection: "force"` every file is one, scripts included.
 */
export function hasModuleSyntax(sf: ts.SourceFile): boolean {
  return sf.statements.some(
    (s) =>
      ts.isImportDeclaration(s) || ts.isImportEqualsDeclaration(s) || ts.isExportDeclaration(s) || ts.isExportAssignment(s) ||
      (ts.canHaveModifiers(s) && !!ts.getModifiers(s)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword)),
  );
}

/** Setup: constructor, static block, module top level, a setup-named owning function, or a factory returning `new X(…)`. */
export function setupReason(node: ts.Node): string | undefined {
  const { fn, staticBlock } = owningFunction(node);
  if (staticBlock) return 'in a class static block';
  if (!fn) {
    const sf = node.getSourceFile();
    // A module's top level runs once, at import; a script's top level is the program itself.
    return sf && hasModuleSyntax(sf) ? 'at module top level' : undefined;
  }
  if (ts.isConstructorDeclaration(fn)) return 'in a constructor';
  const name = functionName(fn);
  if (isSetupName(name)) return `in '${baseName(name)}' (setup)`;
  if (returnsConstructed(fn)) return `in '${baseName(name)}' (a factory returning new …)`;
  return undefined;
}

/** Tooling: a converter/code-generator function around the node, or a tooling file. */
export function toolingReason(node: ts.Node, relativePath: string): string | undefined {
  if (isToolingFile(relativePath)) return 'in a test or code-generation file';
  for (const fn of functionsUpToOwner(node)) {
    const name = functionName(fn);
    if (isToolingName(name)) return `in '${baseName(name)}' (one-shot conversion)`;
  }
  return undefined;
}

/** A loop or iteration callback over `.issues`/`.errors`: empty on the success path. */
function iteratesFailures(p: ts.Node, child: ts.Node): boolean {
  let collection: ts.Expression | undefined;
  if ((ts.isForOfStatement(p) || ts.isForInStatement(p)) && child === p.statement) collection = p.expression;
  if (!collection) return false;
  const e = skipOuterExpressions(collection);
  const last = ts.isPropertyAccessExpression(e) ? e.name.text : ts.isIdentifier(e) ? e.text : undefined;
  return last !== undefined && COLD_COLLECTION.test(last);
}

/** Cold: catch clause, throw operand, failed-check branch, loop over failures, error/format function. */
export function coldReason(node: ts.Node): string | undefined {
  let child: ts.Node = node;
  for (let p = node.parent; p; child = p, p = p.parent) {
    if (ts.isCatchClause(p)) return 'in a catch clause';
    if (ts.isThrowStatement(p)) return 'in a throw';
    if (ts.isBlock(p) && p.parent && ts.isIfStatement(p.parent)) {
      const last = p.statements[p.statements.length - 1];
      if (last && ts.isThrowStatement(last)) return 'in a branch that throws';
    }
    if (iteratesFailures(p, child)) return 'in a loop over failures';
    if (isFunctionNode(p)) {
      const name = functionName(p);
      if (isColdName(name)) return `in '${baseName(name)}' (error path)`;
      if (!isImmediatelyInvoked(p) && !isArgumentFunction(p)) break;
      // An argument callback of `issues.forEach(…)` is a loop over failures.
      const call = outermostOuterExpression(p).parent as ts.CallExpression;
      const callee = skipOuterExpressions(call.expression);
      if (ts.isPropertyAccessExpression(callee)) {
        const recv = skipOuterExpressions(callee.expression);
        const last = ts.isPropertyAccessExpression(recv) ? recv.name.text : ts.isIdentifier(recv) ? recv.text : undefined;
        if (last !== undefined && COLD_COLLECTION.test(last)) return 'in a loop over failures';
      }
    }
  }
  return undefined;
}

/**
 * The first reason found that `node` runs rarely, in the order cold, tooling, setup (or
 * undefined). `relativePath` is the file's path relative to the project root.
 */
export function rarelyRuns(node: ts.Node, relativePath: string): RarelyRuns | undefined {
  const cold = coldReason(node);
  if (cold) return { kind: 'cold', reason: cold };
  const tooling = toolingReason(node, relativePath);
  if (tooling) return { kind: 'tooling', reason: tooling };
  const setup = setupReason(node);
  if (setup) return { kind: 'setup', reason: setup };
  return undefined;
}

/** The most elements an array literal may have to count as a small fixed trip count. */
export const SMALL_LITERAL_MAX = 4;

export function isSmallArrayLiteral(e: ts.Expression): boolean {
  const x = skipOuterExpressions(e);
  return ts.isArrayLiteralExpression(x) && x.elements.length <= SMALL_LITERAL_MAX && !x.elements.some(ts.isSpreadElement);
}

/**
 * Whether a loop (or an iteration callback) runs over an array literal of at most four
 * elements: `for (const k of ["anyOf", "oneOf"] as const)`, `[A, B].forEach(…)`.
 */
export function isSmallLiteralIteration(iteration: ts.Node): boolean {
  if (ts.isForOfStatement(iteration) || ts.isForInStatement(iteration)) return isSmallArrayLiteral(iteration.expression);
  if (isLoop(iteration)) return false;
  if (!isFunctionNode(iteration)) return false;
  const node = outermostOuterExpression(iteration);
  const call = node.parent;
  if (!call || !ts.isCallExpression(call)) return false;
  const callee = skipOuterExpressions(call.expression);
  return ts.isPropertyAccessExpression(callee) && isSmallArrayLiteral(callee.expression);
}

/** Whether every one of `iterations` runs over a small literal (so their product is small too). */
export function allSmallLiteralIterations(iterations: readonly ts.Node[]): boolean {
  return iterations.length > 0 && iterations.every(isSmallLiteralIteration);
}

/**
 * The part of a file's path that says what the file is: from its last `src/` or `lib/` segment
 * on, else its directory name and base name (an absolute checkout path such as
 * `/home/me/testing/app` must not make every file "testing").
 */
export function meaningfulPath(fileName: string): string {
  const p = fileName.split(path.sep).join('/');
  const m = /.*\/(?:src|lib)\//.exec(p);
  if (m) return p.slice(m[0].length);
  const parts = p.split('/');
  return parts.slice(-2).join('/');
}

/** `rarelyRuns` for a node of `sf`, with the file judged by `meaningfulPath`. */
export function runFrequency(node: ts.Node, sf: ts.SourceFile): RarelyRuns | undefined {
  return rarelyRuns(node, meaningfulPath(sf.fileName));
}

/** Setup code (see `setupReason`). */
export function setupCode(node: ts.Node): string | undefined {
  return setupReason(node);
}

/** A loop or iteration callback over an array literal of at most four elements. */
export const smallFixedIterable = isSmallLiteralIteration;

/** A readable name for a function, or undefined when it has none. */
export function nameOfFunction(fn: ts.Node): string | undefined {
  const name = functionName(fn);
  return name === '(anonymous)' ? undefined : baseName(name);
}

/** The file's path relative to the program's directory, "/" separators (the absolute path when outside it). */
export function projectRelativePath(sf: ts.SourceFile, program: ts.Program): string {
  const rel = path.relative(program.getCurrentDirectory(), sf.fileName);
  return (rel.startsWith('..') || path.isAbsolute(rel) ? sf.fileName : rel).split(path.sep).join('/');
}
