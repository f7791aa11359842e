// accumulating-spread: an accumulator copied into a new array or object on every step of a
// reduce or a loop (`[...acc, x]`, `{...acc, [k]: v}`, `acc.concat(x)`, `Object.assign({}, acc, …)`).
// Each step copies everything accumulated so far: O(n²) copies for n steps.
import { ts } from 'ts-morph';
import { ALLOCATION, defineStaticRule } from './types.js';
import { calleeMethodOfCallback, isFunctionNode, outermostParentheses, skipOuterExpressions } from '../analyze/ast.js';
import {
  accumulatingIteration, enclosingIterations, isArrayType, referenceKey, referenceRoot,
} from './util/accumulators.js';

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

/** The reduce callback whose first parameter is `id`, if `id` names one. */
function reduceAccumulatorOf(id: ts.Identifier, checker: ts.TypeChecker): ts.FunctionLikeDeclaration | undefined {
  const symbol = checker.getSymbolAtLocation(id);
  const decl = symbol?.valueDeclaration;
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

const DISPLAY: Record<Form, string> = {
  arraySpread: '[...{{name}}, …]',
  objectSpread: '{ ...{{name}}, … }',
  concat: '{{name}}.concat(…)',
  objectAssign: 'Object.assign({}, {{name}}, …)',
};

export const rule = defineStaticRule({
  meta: {
    id: 'accumulating-spread',
    name: 'AccumulatingSpread',
    shortDescription: 'An accumulator copied into a new array or object on every step of a reduce or a loop: quadratic.',
    fullDescription:
      'Flags `[...acc, x]`, `{ ...acc, [k]: v }`, `acc.concat(x)` (arrays only) and `Object.assign({}, acc, …)` where `acc` is the accumulator of a `reduce`/`reduceRight` callback (its first parameter), or a variable declared outside a loop and assigned the copy inside it. Every step copies everything accumulated so far, so n steps cost O(n²): measured on Node 20, 40 to 320x slower than pushing for arrays of 250 to 4,000 elements, 33 to 4,600x for objects of 100 to 2,000 keys. Object spreads that only overwrite a fixed set of keys do not grow and are not flagged, nor are spreads of other values, `concat` on strings, and one-off copies outside loops.',
    defaultLevel: 'error',
    tags: ['performance', 'allocation', 'complexity'],
    precision: 'high',
    helpMarkdown: [
      'Copying the accumulator on every step (`(acc, x) => [...acc, x]`, `({ ...acc, [x.id]: x })`, `acc = acc.concat(x)`, `Object.assign({}, acc, …)`) makes a reduce or loop of n steps do O(n²) work and allocate O(n²) memory. Measured on Node 20: arrays 40 to 320x slower than `push` at 250 to 4,000 elements (`concat` in a loop: 70 to 1,900x); objects 33 to 3,100x (spread) and 260 to 4,600x (`Object.assign({}, …)`) at 100 to 2,000 keys.',
      '',
      '**Fix**: mutate the accumulator, which the reduce owns anyway: `acc.push(x); return acc;`, `acc[k] = v; return acc;`, `Object.assign(acc, …)`. For objects keyed by data, note that adding many keys to one object likely moves it to dictionary mode (slower property reads afterwards, though still linear overall): a `Map` (`acc.set(k, v)`) is the better accumulator for dynamic keys.',
    ].join('\n'),
  },
  messages: {
    arraySpread:
      '`{{what}}` copies the accumulator `{{name}}` into a new array on every {{step}}: O(n²) element copies for n steps (40 to 320x slower than `push` at 250 to 4,000 elements, measured on Node 20). Push into the accumulator instead: `{{name}}.push(x){{ret}}`.',
    concat:
      '`{{what}}` copies the array `{{name}}` on every {{step}}: O(n²) element copies for n steps (70 to 1,900x slower than `push` at 250 to 4,000 elements, measured on Node 20). Push into it instead: `{{name}}.push(x){{ret}}` (or `push(...xs)` for short `xs`).',
    objectSpread:
      '`{{what}}` copies every property of the accumulator `{{name}}` into a new object on every {{step}}, and the object keeps growing: O(n²) property copies (33 to 3,100x slower than assigning at 100 to 2,000 keys, measured on Node 20). Assign into it instead (`{{name}}[k] = v{{ret}}`); with keys that come from data the object will likely go to dictionary mode (slower reads), so a `Map` is the better accumulator.',
    objectAssign:
      '`{{what}}` copies every property of `{{name}}` into a new object on every {{step}}: O(n²) property copies (260 to 4,600x slower than assigning at 100 to 2,000 keys, measured on Node 20). Assign into it instead (`Object.assign({{name}}, …)` or `{{name}}[k] = v{{ret}}`); with keys that come from data the object will likely go to dictionary mode (slower reads), so a `Map` is the better accumulator.',
  },
  create(ctx) {
    const checker = ctx.checker;
    const reported = new Set<ts.Node>();
    // An allocation rule: bytes allocated at the copy (or CPU time there) confirm it, not ICs.
    const report = (copy: Copy, name: string, step: string, ret: string, _iteration: ts.Node) => {
      if (reported.has(copy.node)) return;
      reported.add(copy.node);
      ctx.report({ node: copy.node, messageId: copy.form, data: { what: DISPLAY[copy.form].replace('{{name}}', name), name, step, ret }, confirm: { by: ALLOCATION, at: [copy.node] } });
    };
    const isArrayValued = (e: ts.Expression) => isArrayType(checker.getTypeAtLocation(e), checker);
    const visit = (node: ts.ArrayLiteralExpression | ts.ObjectLiteralExpression | ts.CallExpression): void => {
        const copies = copiesAt(node);
        if (copies.length === 0) return;
        for (const copy of copies) {
          const { source } = copy;
          // 1. The accumulator of a reduce callback.
          if (ts.isIdentifier(source)) {
            const fn = reduceAccumulatorOf(source, checker);
            if (fn && directlyIn(copy.node, fn)) {
              if (copy.form === 'concat' && !isArrayValued(source)) continue;
              report(copy, source.text, 'call of the reduce callback', `; return ${source.text}`, fn);
              continue;
            }
          }
          // 2. `acc = copy(acc)` in a loop, `acc` declared outside it.
          const key = referenceKey(source);
          if (key === undefined) continue;
          const target = assignedTo(copy.node);
          if (!target || referenceKey(target) !== key) continue;
          const iterations = enclosingIterations(copy.node);
          if (iterations.length === 0) continue;
          const root = referenceRoot(source);
          if (ts.isIdentifier(root)) {
            const symbol = checker.getSymbolAtLocation(root);
            const decl = symbol?.valueDeclaration ?? symbol?.declarations?.[0];
            if (!decl) continue;
            if (decl.getSourceFile() === ctx.sourceFile && !accumulatingIteration(iterations, decl)) continue;
          }
          if (copy.form === 'concat' && !isArrayValued(source)) continue;
          report(copy, key, ts.isFunctionLike(iterations[0]!) ? 'call of the callback' : 'iteration', '', iterations[0]!);
        }
    };
    return { [ts.SyntaxKind.ArrayLiteralExpression]: visit, [ts.SyntaxKind.ObjectLiteralExpression]: visit, [ts.SyntaxKind.CallExpression]: visit };
  },
});

