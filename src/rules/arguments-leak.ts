// arguments-leak: `arguments` copied into an array by a slow generic path, or read in a
// sloppy-mode function with formal parameters (a mapped arguments object). Strict
// `arguments[i]` / `arguments.length` and `f.apply(this, arguments)` cost the same as rest
// parameters on modern V8 (see bench/evidence/arguments-leak.mjs) and are not flagged.
import { ts } from '../syntax/ts.js';
import { ALLOCATION, defineStaticRule } from './types.js';
import { enclosingFunction, functionName, isFunctionNode, outermostOuterExpression, skipOuterExpressions, walkTree } from '../analyze/ast.js';

/** Functions that own an `arguments` binding (arrows do not). */
type ArgumentsOwner =
  | ts.FunctionDeclaration
  | ts.FunctionExpression
  | ts.MethodDeclaration
  | ts.GetAccessorDeclaration
  | ts.SetAccessorDeclaration
  | ts.ConstructorDeclaration;

/** Every function but an arrow has its own `arguments`. */
function isArgumentsOwner(node: ts.Node): node is ArgumentsOwner {
  return isFunctionNode(node) && !ts.isArrowFunction(node);
}

/** The function whose `arguments` this is; undefined at top level, in class fields and static blocks. */
function ownerOf(node: ts.Node): ArgumentsOwner | undefined {
  for (let p = node.parent; p; p = p.parent) {
    if (isArgumentsOwner(p)) return p;
    if (ts.isPropertyDeclaration(p) || ts.isClassStaticBlockDeclaration(p) || ts.isSourceFile(p)) return undefined;
  }
  return undefined;
}

/** Is `id` an expression reference to `arguments` (not a property name, label or declaration)? */
function isArgumentsReference(id: ts.Identifier): boolean {
  if (id.text !== 'arguments') return false;
  const p = id.parent;
  if (ts.isPropertyAccessExpression(p) && p.name === id) return false;
  if ((ts.isPropertyAssignment(p) || ts.isMethodDeclaration(p) || ts.isPropertyDeclaration(p) || ts.isPropertySignature(p) || ts.isAccessor(p)) && p.name === id) return false;
  if (ts.isVariableDeclaration(p) || ts.isParameter(p) || ts.isBindingElement(p) || ts.isFunctionDeclaration(p) || ts.isFunctionExpression(p) || ts.isLabeledStatement(p) || ts.isBreakOrContinueStatement(p)) {
    return false;
  }
  if (ts.isQualifiedName(p) || ts.isTypeReferenceNode(p) || ts.isTypeQueryNode(p) || ts.isImportSpecifier(p) || ts.isExportSpecifier(p)) return false;
  return true;
}

function isArrayPrototype(e: ts.Expression): boolean {
  e = skipOuterExpressions(e);
  return ts.isPropertyAccessExpression(e) && e.name.text === 'prototype' && ts.isIdentifier(skipOuterExpressions(e.expression)) && (skipOuterExpressions(e.expression) as ts.Identifier).text === 'Array';
}

/** What the rule needs to know of the file's bindings, from syntax (no checker: JavaScript is not type-checked). */
interface FileBindings {
  /** Variables of the file by name, with their initializers (`var slice = [].slice`). */
  initializers: Map<string, ts.Expression[]>;
  /** Functions (and blocks) that declare a binding named `arguments` (sloppy JS allows it). */
  argumentsScopes: Set<ts.Node>;
}

function fileBindings(sf: ts.SourceFile): FileBindings {
  const initializers = new Map<string, ts.Expression[]>();
  const argumentsScopes = new Set<ts.Node>();
  walkTree(sf, (n) => {
    if (ts.isVariableDeclaration(n) && ts.isIdentifier(n.name)) {
      if (n.initializer) {
        const list = initializers.get(n.name.text);
        if (list) list.push(n.initializer);
        else initializers.set(n.name.text, [n.initializer]);
      }
      if (n.name.text === 'arguments') argumentsScopes.add(enclosingFunction(n) ?? sf);
    } else if ((ts.isParameter(n) || ts.isBindingElement(n)) && ts.isIdentifier(n.name) && n.name.text === 'arguments') {
      argumentsScopes.add(enclosingFunction(n) ?? sf);
    } else if (ts.isFunctionDeclaration(n) && n.name?.text === 'arguments') {
      argumentsScopes.add(enclosingFunction(n) ?? sf);
    }
  });
  return { initializers, argumentsScopes };
}

/** Is this `arguments` a user binding of that name, declared in an enclosing scope? */
function isShadowed(id: ts.Identifier, b: FileBindings): boolean {
  if (b.argumentsScopes.size === 0) return false;
  for (let p: ts.Node | undefined = id.parent; p; p = p.parent) if (b.argumentsScopes.has(p)) return true;
  return false;
}

/** `Array.prototype.slice`, `[].slice`, or a variable initialized with one of them (`var slice = [].slice`). */
function isArraySlice(e: ts.Expression, b: FileBindings, depth = 0): boolean {
  e = skipOuterExpressions(e);
  if (ts.isPropertyAccessExpression(e) && e.name.text === 'slice') {
    const obj = skipOuterExpressions(e.expression);
    return isArrayPrototype(obj) || (ts.isArrayLiteralExpression(obj) && obj.elements.length === 0);
  }
  if (ts.isIdentifier(e) && depth < 2) {
    const inits = b.initializers.get(e.text);
    return !!inits && inits.length > 0 && inits.every((i) => isArraySlice(i, b, depth + 1));
  }
  return false;
}

function isGlobalCall(callee: ts.Expression, object: string, method: string): boolean {
  const c = skipOuterExpressions(callee);
  return ts.isPropertyAccessExpression(c) && c.name.text === method && ts.isIdentifier(skipOuterExpressions(c.expression)) && (skipOuterExpressions(c.expression) as ts.Identifier).text === object;
}

type Form = 'slice' | 'arrayFrom' | 'spread' | 'passed' | 'stored' | 'fine';

/** What the code does with one `arguments` reference. */
function classify(ref: ts.Identifier, b: FileBindings): { form: Form; node: ts.Node; detail?: string } {
  const v = outermostOuterExpression(ref);
  const parent = v.parent;
  if (ts.isSpreadElement(parent)) {
    const outer = parent.parent;
    if (ts.isArrayLiteralExpression(outer)) return { form: 'spread', node: outer };
    // f(...arguments) and new C(...arguments) take a fast path in CallWithSpread.
    return { form: 'fine', node: v };
  }
  if ((ts.isCallExpression(parent) || ts.isNewExpression(parent)) && parent.arguments?.includes(v as ts.Expression)) {
    const index = parent.arguments.indexOf(v as ts.Expression);
    const callee = skipOuterExpressions(parent.expression);
    if (ts.isCallExpression(parent) && ts.isPropertyAccessExpression(callee) && (callee.name.text === 'call' || callee.name.text === 'apply')) {
      if (index === 0 && isArraySlice(callee.expression, b)) return { form: 'slice', node: parent, detail: callee.getText() };
      // f.apply(thisArg, arguments): V8 forwards without copying; measured as fast as f(...rest).
      if (callee.name.text === 'apply' && index === 1) return { form: 'fine', node: v };
    }
    if (ts.isCallExpression(parent) && index === 0 && isGlobalCall(parent.expression, 'Array', 'from')) return { form: 'arrayFrom', node: parent };
    // Reflect.apply(f, t, arguments) / Reflect.construct(C, arguments): forwarding, like apply.
    if (ts.isCallExpression(parent) && ((index === 2 && isGlobalCall(parent.expression, 'Reflect', 'apply')) || (index === 1 && isGlobalCall(parent.expression, 'Reflect', 'construct')))) {
      return { form: 'fine', node: v };
    }
    return { form: 'passed', node: v };
  }
  // Stored on the heap: a property, an element, a literal, or returned to the caller.
  if (ts.isBinaryExpression(parent) && parent.right === v && parent.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
    const target = skipOuterExpressions(parent.left);
    if (ts.isPropertyAccessExpression(target) || ts.isElementAccessExpression(target)) return { form: 'stored', node: v };
  }
  if (ts.isPropertyAssignment(parent) && parent.initializer === v) return { form: 'stored', node: v };
  if (ts.isShorthandPropertyAssignment(parent)) return { form: 'stored', node: v };
  if (ts.isArrayLiteralExpression(parent)) return { form: 'stored', node: v };
  if (ts.isReturnStatement(parent) || ts.isYieldExpression(parent)) return { form: 'stored', node: v };
  return { form: 'fine', node: v };
}

/** Does the statement list start with a "use strict" directive? */
function hasUseStrict(statements: readonly ts.Statement[] | undefined): boolean {
  if (!statements) return false;
  for (const s of statements) {
    if (!ts.isExpressionStatement(s) || !ts.isStringLiteral(s.expression)) return false;
    // The directive must be written without escapes: compare the raw text.
    const raw = s.expression.getText().slice(1, -1);
    if (raw === 'use strict') return true;
  }
  return false;
}

/** Is the function's code sloppy mode? (`isStrictFile` covers modules and a file-level directive.) */
function isSloppy(fn: ArgumentsOwner): boolean {
  for (let n: ts.Node | undefined = fn; n; n = n.parent) {
    if (ts.isClassLike(n)) return false;
    if ((ts.isFunctionDeclaration(n) || ts.isFunctionExpression(n) || ts.isArrowFunction(n) || ts.isMethodDeclaration(n) || ts.isAccessor(n) || ts.isConstructorDeclaration(n)) && n.body && ts.isBlock(n.body) && hasUseStrict(n.body.statements)) {
      return false;
    }
  }
  return true;
}

/**
 * Is the file an ES module at run time (always strict)? `ctx.isModule` cannot tell: with
 * module detection TypeScript marks every .js/.cjs file a module (`externalModuleIndicator ===
 * true`), though Node runs CommonJS in sloppy mode. Real module syntax sets a node there.
 */
function isEsModule(sf: ts.SourceFile): boolean {
  if (/\.m[jt]s$/i.test(sf.fileName)) return true;
  if (sf.impliedNodeFormat === ts.ModuleKind.ESNext) return true;
  const indicator = (sf as unknown as { externalModuleIndicator?: unknown }).externalModuleIndicator;
  return typeof indicator === 'object' && indicator !== null;
}

/** Mapped arguments exist only for simple parameter lists (no defaults, rest or patterns). */
function hasSimpleFormals(fn: ArgumentsOwner): boolean {
  return fn.parameters.length > 0 && fn.parameters.every((p) => ts.isIdentifier(p.name) && !p.initializer && !p.dotDotDotToken && !(ts.isIdentifier(p.name) && p.name.text === 'this'));
}

export const rule = defineStaticRule({
  meta: {
    id: 'arguments-leak',
    name: 'ArgumentsLeak',
    shortDescription: '`arguments` copied into an array by a slow generic path, or read in a sloppy-mode function with parameters.',
    fullDescription:
      'Flags `Array.prototype.slice.call(arguments)` / `[].slice.call(arguments)` (about 30 to over 100x a rest parameter on Node 20), `Array.from(arguments)` and `[...arguments]` (iterator protocol over the arguments object: 300x and more), and sloppy-mode functions with simple formal parameters that use `arguments` (a mapped arguments object aliasing the parameters: about 3 to 5x). `arguments` passed to another call in sloppy-mode code, or stored in an object, is a note: the object is materialized, at the same measured cost as a rest array; strict `arguments` passed straight on (`pipeArguments(this, arguments)`) is not reported. Strict `arguments[i]`, `arguments.length`, `f.apply(this, arguments)` and `f(...arguments)` are not flagged: they are as fast as rest parameters on modern V8.',
    defaultLevel: 'note',
    tags: ['performance', 'arguments'],
    precision: 'high',
    helpMarkdown: [
      'Copying `arguments` into an array with `Array.prototype.slice.call(arguments)` goes through the generic `slice` builtin on an array-like: measured on Node 20 at about 30 to over 100x a rest parameter, which escape analysis often removes entirely. `Array.from(arguments)` and `[...arguments]` run the iterator protocol over the arguments object: 300x and more. In a sloppy-mode function with simple parameters, `arguments` is a *mapped* object aliasing the parameters, about 3 to 5x slower to read than in strict mode.',
      '',
      '**Fix**: use a rest parameter (`function f(...args)`), or `"use strict"` / an ES module for the sloppy case. `f.apply(this, arguments)`, `f(...arguments)`, and strict `arguments[i]` / `arguments.length` are fine and not flagged.',
    ].join('\n'),
  },
  messages: {
    slice:
      '`{{callee}}(arguments)` copies `arguments` through the generic slice path, far slower than a rest parameter. Declare `...args` instead.',
    arrayFrom:
      '`Array.from(arguments)` runs the iterator protocol over `arguments`, far slower than a rest parameter. Declare `...args` instead.',
    spread:
      '`[...arguments]` runs the iterator protocol over `arguments`, far slower than a rest parameter. Declare `...args` instead.',
    passed:
      '`arguments` of sloppy-mode code is passed on, so V8 materializes the mapped arguments object. Declare `...args`, or add "use strict".',
    stored:
      '`arguments` is stored or returned, so it is materialized on the heap (as cheap as a rest array). Declare `...args` and store that: a real Array.',
    sloppy:
      '\'{{fn}}\' is sloppy-mode code with parameters that reads `arguments`: a mapped object, likely slower to read. Add "use strict" or use `...args`.',
  },
  options: {
    escapes: { type: 'boolean', default: true, description: 'Report `arguments` passed on to another call in sloppy-mode code, or stored (notes; measured as cheap).' },
  },
  create(ctx) {
    const reportEscapes = ctx.options.escapes;
    const sloppyFile = ctx.isJavaScript && !isEsModule(ctx.sourceFile) && !hasUseStrict(ctx.sourceFile.statements);
    // Sloppy functions: the first `arguments` read not already flagged as a copy.
    const sloppyUses = new Map<ArgumentsOwner, ts.Node | undefined>();
    let bindings: FileBindings | undefined;
    return {
      [ts.SyntaxKind.Identifier](id) {
        if (!isArgumentsReference(id)) return;
        const owner = ownerOf(id);
        if (!owner) return;
        // A user binding named `arguments` (sloppy JS allows it) is not the arguments object.
        bindings ??= fileBindings(ctx.sourceFile);
        if (isShadowed(id, bindings)) return;
        const { form, node: at, detail } = classify(id, bindings);
        // Strict code: `arguments` passed straight on measured as fast as a rest array: nothing to say.
        const strict = !sloppyFile || !isSloppy(owner);
        switch (form) {
          case 'slice':
            ctx.report({ node: at, messageId: 'slice', data: { callee: detail ?? 'slice.call' }, confirm: { by: ALLOCATION, at: [at] } });
            break;
          case 'arrayFrom':
            ctx.report({ node: at, messageId: 'arrayFrom', confirm: { by: ALLOCATION, at: [at] } });
            break;
          case 'spread':
            ctx.report({ node: at, messageId: 'spread', confirm: { by: ALLOCATION, at: [at] } });
            break;
          case 'passed':
            if (reportEscapes && !strict) ctx.report({ node: at, messageId: 'passed', level: 'note', confirm: { by: ALLOCATION, at: [at] } });
            break;
          case 'stored':
            if (reportEscapes) ctx.report({ node: at, messageId: 'stored', level: 'note', confirm: { by: ALLOCATION, at: [at] } });
            break;
          default:
            break;
        }
        if (sloppyFile && hasSimpleFormals(owner)) {
          const copied = form === 'slice' || form === 'arrayFrom' || form === 'spread';
          if (!sloppyUses.has(owner)) sloppyUses.set(owner, copied ? undefined : id);
          else if (!copied && sloppyUses.get(owner) === undefined) sloppyUses.set(owner, id);
        }
      },
      end() {
        for (const [fn, use] of sloppyUses) {
          if (!use || !isSloppy(fn)) continue;
          ctx.report({ node: use, messageId: 'sloppy', data: { fn: functionName(fn) }, confirm: { by: ALLOCATION, at: [use] } });
        }
      },
    };
  },
});
