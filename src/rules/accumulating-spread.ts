// accumulating-spread: an accumulator copied into a new array or object on every step of a
// reduce or a loop (`[...acc, x]`, `{...acc, [k]: v}`, `acc.concat(x)`, `Object.assign({}, acc, …)`).
// Each step copies everything accumulated so far: O(n²) copies for n steps.
import type { RuleChecker } from '../types/checker.js';
import { ts } from '../syntax/ts.js';
import { ALLOCATION, defineStaticRule } from './types.js';
import { calleeMethodOfCallback, enclosingFunction, isFunctionNode, outermostParentheses, skipOuterExpressions, walkTree } from '../analyze/ast.js';
import {
  accumulatingIteration, enclosingIterations, isArrayType, referenceKey, referenceRoot, within,
} from './util/accumulators.js';
import { nameOfFunction, runFrequency, setupCode, smallFixedIterable } from './util/run-frequency.js';
import { declarationByName, initializerOf } from './util/syntax-scope.js';

const REDUCE_NAMES: ReadonlySet<string> = new Set(['reduce', 'reduceRight']);

type Form = 'arraySpread' | 'objectSpread' | 'concat' | 'objectAssign';

/** A copy of `source` into a new array/object: the candidate construct and the copied expression. */
interface Copy {
  form: Form;
  node: ts.Expression;
  source: ts.Expression;
}

/** An object literal that adds keys beyond a fixed set: computed keys, or spreads of something else. */
function objectGrows(lit: ts.ObjectLiteralExpression, source: ts.Expression | undefined): boolean {
  return lit.properties.some((p) => {
    if (ts.isSpreadAssignment(p)) return source === undefined || skipOuterExpressions(p.expression) !== source;
    const name = p.name;
    return !!name && ts.isComputedPropertyName(name) && !ts.isStringLiteralLike(skipOuterExpressions(name.expression)) && !ts.isNumericLiteral(skipOuterExpressions(name.expression));
  });
}

/** The copy constructs at `node` (array/object literal, call), one per copied operand. */
function copiesAt(node: ts.Node): Copy[] {
  const out: Copy[] = [];
  if (ts.isArrayLiteralExpression(node)) {
    for (const el of node.elements) if (ts.isSpreadElement(el)) out.push({ form: 'arraySpread', node, source: skipOuterExpressions(el.expression) });
  } else if (ts.isObjectLiteralExpression(node)) {
    for (const p of node.properties) {
      if (!ts.isSpreadAssignment(p)) continue;
      const source = skipOuterExpressions(p.expression);
      // A fixed set of keys does not grow: copying it each step is linear overall.
      if (objectGrows(node, source)) out.push({ form: 'objectSpread', node, source });
    }
  } else if (ts.isCallExpression(node)) {
    const callee = skipOuterExpressions(node.expression);
    if (!ts.isPropertyAccessExpression(callee)) return out;
    if (callee.name.text === 'concat') out.push({ form: 'concat', node, source: skipOuterExpressions(callee.expression) });
    else if (callee.name.text === 'assign' && ts.isIdentifier(callee.expression) && callee.expression.text === 'Object') {
      const [first, ...rest] = node.arguments;
      const target = first && skipOuterExpressions(first);
      if (!target || !ts.isObjectLiteralExpression(target)) return out;
      for (const a of rest) {
        const source = skipOuterExpressions(a);
        if (ts.isObjectLiteralExpression(source)) continue;
        // The result grows only if something else adds keys beyond a fixed set.
        const grows = objectGrows(target, undefined) || rest.some((o) => o !== a && !isFixedLiteral(o));
        if (grows) out.push({ form: 'objectAssign', node, source });
      }
    }
  }
  return out;
}

function isFixedLiteral(e: ts.Expression): boolean {
  const x = skipOuterExpressions(e);
  return ts.isObjectLiteralExpression(x) && !objectGrows(x, undefined);
}

/** The reduce callback whose first parameter is `id`, if `id` names one (checker: TypeScript only). */
function reduceAccumulatorOf(id: ts.Identifier, checker: RuleChecker | undefined): ts.FunctionLikeDeclaration | undefined {
  const decl = checker ? checker.getSymbolAtLocation(id)?.valueDeclaration : declarationByName(id);
  if (!decl || !ts.isParameter(decl) || !ts.isIdentifier(decl.name)) return undefined;
  const fn = decl.parent;
  if (!(ts.isArrowFunction(fn) || ts.isFunctionExpression(fn)) || fn.parameters[0] !== decl) return undefined;
  // `xs.reduce(fn, init)`, `reduce(fn, seed)` (operators), `A.reduce(xs, init, fn)` (data-first helpers).
  const arg = outermostParentheses(fn);
  const call = arg.parent;
  if (!call || !ts.isCallExpression(call) || !call.arguments.includes(arg as ts.Expression)) return undefined;
  const method = calleeMethodOfCallback(fn)?.method;
  const callee = skipOuterExpressions(call.expression);
  const name = method ?? (ts.isIdentifier(callee) ? callee.text : undefined);
  return name !== undefined && REDUCE_NAMES.has(name) ? fn : undefined;
}

/** Whether `node` is in `fn`'s own body (not inside a nested function). */
function directlyIn(node: ts.Node, fn: ts.Node): boolean {
  for (let p = node.parent; p; p = p.parent) {
    if (p === fn) return true;
    if (isFunctionNode(p)) return false;
  }
  return false;
}

/** `target = <node>` with `node` the value assigned (through parentheses and `cond ? … : …` branches). */
function assignedTo(node: ts.Node): ts.Expression | undefined {
  let n = node;
  for (;;) {
    const p = n.parent;
    if (!p) return undefined;
    if (ts.isParenthesizedExpression(p) || ts.isAsExpression(p) || ts.isSatisfiesExpression(p) || ts.isNonNullExpression(p) || ts.isTypeAssertionExpression(p)) { n = p; continue; }
    if (ts.isConditionalExpression(p) && p.condition !== n) { n = p; continue; }
    if (ts.isBinaryExpression(p) && p.right === n && p.operatorToken.kind === ts.SyntaxKind.EqualsToken) return skipOuterExpressions(p.left);
    return undefined;
  }
}

/** Names of merged options objects: `{ ...this.defaults, ...opts }` merges configuration, once. */
const OPTIONS_NAME = /^(opts|options|config|configuration|settings|defaults|overrides|params)$/i;

function isOptionsMerge(copy: Copy): boolean {
  if (copy.form !== 'objectSpread' || !ts.isObjectLiteralExpression(copy.node)) return false;
  const names: string[] = [];
  for (const p of copy.node.properties) {
    if (!ts.isSpreadAssignment(p)) return false;
    const e = skipOuterExpressions(p.expression);
    const name = ts.isIdentifier(e) ? e.text : ts.isPropertyAccessExpression(e) ? e.name.text : undefined;
    if (name === undefined) return false;
    names.push(name);
  }
  return names.some((n) => OPTIONS_NAME.test(n) || /Options$|Config$|Defaults$/.test(n));
}

/**
 * Whether `name` is reset to an empty literal inside `iteration`, or in a function nested in
 * `scope` (a `flush()` helper): the accumulation is then bounded by the resets (TextDiff's runs).
 */
function resetDuring(scope: ts.Node, iteration: ts.Node, name: string): boolean {
  let found = false;
  const isEmpty = (e: ts.Expression) => {
    const x = skipOuterExpressions(e);
    return (ts.isArrayLiteralExpression(x) && x.elements.length === 0) || (ts.isObjectLiteralExpression(x) && x.properties.length === 0);
  };
  walkTree(scope, (n) => {
    if (found) return false;
    if (ts.isBinaryExpression(n) && n.operatorToken.kind === ts.SyntaxKind.EqualsToken && referenceKey(skipOuterExpressions(n.left)) === name && isEmpty(n.right)) {
      if (within(n, iteration) || enclosingFunction(n) !== scope) found = true;
    }
    return true;
  });
  return found;
}

/** A method (or a function-valued class field) of a class, outside its constructor, in which `node` runs on each call. */
function enclosingMethod(node: ts.Node): ts.Node | undefined {
  for (let p = node.parent; p; p = p.parent) {
    if (ts.isConstructorDeclaration(p)) return undefined;
    if (ts.isMethodDeclaration(p) || ts.isSetAccessorDeclaration(p)) return ts.isClassLike(p.parent) ? p : undefined;
    if ((ts.isArrowFunction(p) || ts.isFunctionExpression(p)) && p.parent && ts.isPropertyDeclaration(p.parent) && p.parent.initializer === p) return p;
    if (isFunctionNode(p)) return undefined;
  }
  return undefined;
}

const DISPLAY: Record<Form, string> = {
  arraySpread: '[...{{name}}, …]',
  objectSpread: '{ ...{{name}}, … }',
  concat: '{{name}}.concat(…)',
  objectAssign: 'Object.assign({}, {{name}}, …)',
};

/** The fix per form, for a copy in a reduce callback (`ret` = "; return acc") or a loop. */
const FIX: Record<Form, string> = {
  arraySpread: 'Push into it instead: `{{name}}.push(x){{ret}}`.',
  concat: 'Push into it instead: `{{name}}.push(...x){{ret}}` (or a loop of `push` for long `x`).',
  objectSpread: 'Assign into it instead (`{{name}}[k] = v{{ret}}`), or use a `Map`.',
  objectAssign: 'Assign into it instead: `Object.assign({{name}}, …){{ret}}`, or use a `Map`.',
};

export const rule = defineStaticRule({
  meta: {
    id: 'accumulating-spread',
    name: 'AccumulatingSpread',
    shortDescription: 'An accumulator copied into a new array or object on every step of a reduce or a loop: quadratic.',
    fullDescription:
      'Flags `[...acc, x]`, `{ ...acc, [k]: v }`, `acc.concat(x)` (arrays only) and `Object.assign({}, acc, …)` where `acc` is the accumulator of a `reduce`/`reduceRight` callback (its first parameter), or a variable declared outside a loop and assigned the copy inside it; and `this.items = [...this.items, x]` in a class method, where the loop is the callers calling the method once per event (warning). Every step copies everything accumulated so far, so n steps cost O(n²): measured on Node 20, 40 to 320x slower than pushing for arrays of 250 to 4,000 elements, 33 to 4,600x for objects of 100 to 2,000 keys. Object spreads that only overwrite a fixed set of keys do not grow and are not flagged, nor are spreads of other values, `concat` on strings, one-off copies outside loops, and loops over an array literal of at most 4 elements (n is fixed). Accumulations that run once per setup step, in tooling, on a failure path, or that the loop resets (bounded runs) are notes.',
    defaultLevel: 'error',
    tags: ['performance', 'allocation', 'complexity'],
    precision: 'high',
    helpMarkdown: [
      'Copying the accumulator on every step (`(acc, x) => [...acc, x]`, `({ ...acc, [x.id]: x })`, `acc = acc.concat(x)`, `Object.assign({}, acc, …)`) makes a reduce or loop of n steps do O(n²) work and allocate O(n²) memory. Measured on Node 20: arrays 40 to 320x slower than `push` at 250 to 4,000 elements (`concat` in a loop: 70 to 1,900x); objects 33 to 3,100x (spread) and 260 to 4,600x (`Object.assign({}, …)`) at 100 to 2,000 keys.',
      '',
      '`this.items = [...this.items, x]` in a method has the same cost over the object\'s lifetime when the method is called once per event (warning: the loop is in the callers).',
      '',
      'Lowered to a note: in a constructor, a registration or configuration method (`register*`, `use`, `define*`, `configure*`, `init*`…), a factory that returns `new X(…)`, merged options (`{ ...this.defaults, ...opts }`), tooling (`toJSONSchema`, `codegen`, `compile*`, `generate*`, `testing/`), failure paths (`catch`, `throw`, a branch ending in `throw`, error formatting, loops over `.issues`/`.errors`), and accumulators reset in the loop (`flush()` sets them to `[]`). Not reported: loops over an array literal of at most 4 elements.',
      '',
      '**Fix**: mutate the accumulator, which the reduce owns anyway: `acc.push(x); return acc;`, `acc[k] = v; return acc;`, `Object.assign(acc, …)`. For objects keyed by data, note that adding many keys to one object likely moves it to dictionary mode (slower property reads afterwards, though still linear overall): a `Map` (`acc.set(k, v)`) is the better accumulator for dynamic keys.',
    ].join('\n'),
  },
  messages: {
    arraySpread: '`{{what}}` copies the accumulator `{{name}}` on every {{step}} (quadratic). {{fix}}',
    concat: '`{{what}}` copies the array `{{name}}` on every {{step}} (quadratic). {{fix}}',
    objectSpread: '`{{what}}` copies every key of the growing accumulator `{{name}}` on every {{step}} (quadratic). {{fix}}',
    objectAssign: '`{{what}}` copies every key of the growing `{{name}}` on every {{step}} (quadratic). {{fix}}',
    memberAccumulator: '`{{what}}` copies `{{name}}` on every call of \'{{method}}\': quadratic over calls if it is called per event. {{fix}}',
  },
  create(ctx) {
    // JavaScript is read, not type-checked: names resolve from the syntax there.
    const checker = ctx.isJavaScript ? undefined : ctx.checker;
    const reported = new Set<ts.Node>();
    // An allocation rule: bytes allocated at the copy (or CPU time there) confirm it, not ICs.
    const report = (copy: Copy, name: string, step: string, ret: string, level?: 'note' | 'warning', messageId: Form | 'memberAccumulator' = copy.form, extra: Record<string, string> = {}) => {
      if (reported.has(copy.node)) return;
      reported.add(copy.node);
      const fix = FIX[copy.form].replaceAll('{{name}}', name).replace('{{ret}}', ret);
      ctx.report({
        node: copy.node, messageId, data: { what: DISPLAY[copy.form].replace('{{name}}', name), name, step, fix, ...extra },
        ...(level ? { level } : {}), confirm: { by: ALLOCATION, at: [copy.node] },
      });
    };
    /** Array-valued: the checker's type in TypeScript; in JavaScript, a variable initialised with an array literal. */
    const isArrayValued = (e: ts.Expression, reduceSeed?: ts.Expression) => {
      if (checker) return isArrayType(checker.getTypeAtLocation(e), checker);
      const seed = reduceSeed ?? (ts.isIdentifier(e) ? initializerOf(declarationByName(e)) : undefined);
      return !!seed && ts.isArrayLiteralExpression(skipOuterExpressions(seed));
    };
    const declarationOf = (root: ts.Identifier): ts.Node | undefined => {
      if (!checker) return declarationByName(root);
      const symbol = checker.getSymbolAtLocation(root);
      return symbol?.valueDeclaration ?? symbol?.declarations?.[0];
    };
    /** Note when the site runs once per setup step, in tooling, on a failure path, or merges options. */
    const lowered = (copy: Copy): 'note' | undefined =>
      runFrequency(copy.node, ctx.sourceFile) || isOptionsMerge(copy) ? 'note' : undefined;
    const visit = (node: ts.ArrayLiteralExpression | ts.ObjectLiteralExpression | ts.CallExpression): void => {
        const copies = copiesAt(node);
        if (copies.length === 0) return;
        for (const copy of copies) {
          const { source } = copy;
          // 1. The accumulator of a reduce callback.
          if (ts.isIdentifier(source)) {
            const fn = reduceAccumulatorOf(source, checker);
            if (fn && directlyIn(copy.node, fn)) {
              if (smallFixedIterable(fn)) continue;
              const call = fn.parent && ts.isCallExpression(fn.parent) ? fn.parent : undefined;
              if (copy.form === 'concat' && !isArrayValued(source, call?.arguments[call.arguments.indexOf(fn as ts.Expression) + 1])) continue;
              report(copy, source.text, 'call of the reduce callback', `; return ${source.text}`, lowered(copy));
              continue;
            }
          }
          // 2. `acc = copy(acc)` in a loop, `acc` declared outside it.
          const key = referenceKey(source);
          if (key === undefined) continue;
          const target = assignedTo(copy.node);
          if (!target || referenceKey(target) !== key) continue;
          const iterations = enclosingIterations(copy.node);
          const root = referenceRoot(source);
          if (iterations.length === 0) {
            // 3. `this.items = [...this.items, x]` in a method: the loop is the callers.
            if (root.kind !== ts.SyntaxKind.ThisKeyword || key === 'this') continue;
            const method = enclosingMethod(copy.node);
            if (!method || setupCode(copy.node) || runFrequency(copy.node, ctx.sourceFile) || isOptionsMerge(copy)) continue;
            if (copy.form === 'concat' && !isArrayValued(source)) continue;
            report(copy, key, 'call', '', 'warning', 'memberAccumulator', { method: nameOfFunction(method) ?? 'this method' });
            continue;
          }
          let decl: ts.Node | undefined;
          let accumulating: ts.Node | undefined = iterations[iterations.length - 1];
          if (ts.isIdentifier(root)) {
            decl = declarationOf(root);
            if (!decl && checker) continue;
            if (decl && decl.getSourceFile() === ctx.sourceFile) {
              accumulating = accumulatingIteration(iterations, decl);
              if (!accumulating) continue;
            }
          }
          // A loop over a literal of a few elements: n is fixed, the copies cannot add up.
          if (accumulating && smallFixedIterable(accumulating)) continue;
          if (copy.form === 'concat' && !isArrayValued(source)) continue;
          const scope = (decl && decl.getSourceFile() === ctx.sourceFile ? enclosingFunction(decl) : enclosingFunction(accumulating!)) ?? ctx.sourceFile;
          const bounded = accumulating !== undefined && resetDuring(scope, accumulating, key);
          report(copy, key, ts.isFunctionLike(iterations[0]!) ? 'call of the callback' : 'iteration', '', bounded ? 'note' : lowered(copy));
        }
    };
    return { [ts.SyntaxKind.ArrayLiteralExpression]: visit, [ts.SyntaxKind.ObjectLiteralExpression]: visit, [ts.SyntaxKind.CallExpression]: visit };
  },
});
