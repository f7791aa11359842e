// closure-in-loop: a function created on every iteration of a loop that captures a binding
// of the loop or escapes the iteration. Each such iteration allocates a JSFunction and, when
// it captures a per-iteration binding, a block Context as well.
import type { RuleChecker } from '../types/checker.js';
import { ts } from '../syntax/ts.js';
import { ALLOCATION, defineStaticRule } from './types.js';
import {
  calleeMethodOfCallback,
  isFunctionNode,
  isImmediatelyInvoked,
  isLoop,
  outermostOuterExpression,
  skipOuterExpressions,
  STOP,
  SYNC_ARRAY_CALLBACK_METHODS,
  walkTree,
  type FunctionNode,
  type LoopNode,
} from '../analyze/ast.js';
import { isSmallArrayLiteral, runFrequency } from './util/run-frequency.js';
import { declarationByName } from './util/syntax-scope.js';

/** Calls that keep a function they are given beyond the current iteration. */
const TIMER_FUNCTIONS = new Set(['setTimeout', 'setInterval', 'setImmediate', 'queueMicrotask', 'nextTick', 'requestAnimationFrame']);
const KEEPING_METHODS = new Set([
  'then', 'catch', 'finally', 'push', 'unshift', 'set', 'add', 'addEventListener', 'on', 'once',
  'addListener', 'prependListener', 'prependOnceListener', 'subscribe', 'setTimeout', 'setInterval', 'setImmediate', 'nextTick',
]);

type Form = 'callback' | 'timer' | 'kept' | 'plain';

interface LoopSite {
  /** The innermost loop whose iterations create the function. */
  loop: LoopNode;
  /** The outermost loop of the same function around it: loop bindings are declared inside it. */
  outer: LoopNode;
}

/** The loops (within the same function) whose iterations each create `fn`, or undefined. */
function loopSite(fn: ts.Node): LoopSite | undefined {
  let inner: LoopNode | undefined;
  let outer: LoopNode | undefined;
  let child: ts.Node = fn;
  // A method's function is created when its object literal or class is evaluated.
  if (ts.isMethodDeclaration(fn) || ts.isAccessor(fn) || ts.isConstructorDeclaration(fn)) {
    if (!fn.parent) return undefined;
    child = fn.parent;
  }
  for (let p = child.parent; p; child = p, p = p.parent) {
    if (isFunctionNode(p) || ts.isSourceFile(p) || ts.isClassStaticBlockDeclaration(p)) break;
    // `return …` and `throw …` leave the loop: what they create is created once, not per iteration.
    if ((ts.isReturnStatement(p) || ts.isThrowStatement(p)) && !inner) return undefined;
    if (isLoop(p)) {
      // Parts of a loop header that run once do not create a function per iteration.
      const once =
        (ts.isForStatement(p) && child === p.initializer) ||
        ((ts.isForOfStatement(p) || ts.isForInStatement(p)) && (child === p.expression || child === p.initializer));
      if (once) continue;
      inner ??= p;
      outer = p;
    }
  }
  return inner && outer ? { loop: inner, outer } : undefined;
}

/** Names declared block-scoped (per iteration) inside `loop`, outside `fn`. */
function loopBindingNames(outer: LoopNode, fn: ts.Node): Set<string> {
  const names = new Set<string>();
  const addBinding = (name: ts.BindingName) => {
    if (ts.isIdentifier(name)) names.add(name.text);
    else for (const el of name.elements) if (!ts.isOmittedExpression(el)) addBinding(el.name);
  };
  walkTree(outer, (node) => {
    if (node === fn) return false;
    if (ts.isVariableDeclarationList(node) && node.flags & (ts.NodeFlags.Let | ts.NodeFlags.Const | ts.NodeFlags.Using | ts.NodeFlags.AwaitUsing)) {
      for (const d of node.declarations) addBinding(d.name);
    } else if ((ts.isClassDeclaration(node) || ts.isFunctionDeclaration(node)) && node.name) {
      names.add(node.name.text);
    } else if (ts.isCatchClause(node) && node.variableDeclaration) {
      addBinding(node.variableDeclaration.name);
    }
    // Functions nested in the loop have their own scopes, and their bindings are not per iteration.
    if (isFunctionNode(node)) {
      if (ts.isFunctionDeclaration(node) && node.name) names.add(node.name.text);
      return false;
    }
    return true;
  });
  return names;
}

function isBlockScopedDeclaration(decl: ts.Declaration): boolean {
  if (ts.isVariableDeclaration(decl)) return (ts.getCombinedNodeFlags(decl) & ts.NodeFlags.BlockScoped) !== 0;
  if (ts.isBindingElement(decl)) {
    let root: ts.Node = decl;
    while (ts.isBindingElement(root) || ts.isArrayBindingPattern(root) || ts.isObjectBindingPattern(root)) root = root.parent;
    return ts.isVariableDeclaration(root) && (ts.getCombinedNodeFlags(root) & ts.NodeFlags.BlockScoped) !== 0;
  }
  return ts.isClassDeclaration(decl) || ts.isFunctionDeclaration(decl);
}

function within(node: ts.Node, container: ts.Node): boolean {
  return node.pos >= container.pos && node.end <= container.end;
}

/** Names declared anywhere inside `fn` (parameters, variables, functions, classes): they may shadow a loop binding. */
function namesDeclaredIn(fn: ts.Node): Set<string> {
  const names = new Set<string>();
  const add = (name: ts.BindingName) => {
    if (ts.isIdentifier(name)) names.add(name.text);
    else for (const el of name.elements) if (!ts.isOmittedExpression(el)) add(el.name);
  };
  walkTree(fn, (node) => {
    if (ts.isVariableDeclaration(node) || ts.isParameter(node) || ts.isBindingElement(node)) { if (ts.isIdentifier(node.name)) names.add(node.name.text); else add(node.name); }
    else if ((ts.isFunctionDeclaration(node) || ts.isClassDeclaration(node) || ts.isFunctionExpression(node) || ts.isClassExpression(node)) && node.name && node !== fn) names.add(node.name.text);
    return true;
  });
  return names;
}

/**
 * The first loop binding `fn` refers to, resolved through the checker; without one (JavaScript,
 * which is read, not type-checked) by name, where `fn` does not declare the same name itself.
 */
function capturedLoopBinding(fn: ts.Node, site: LoopSite, checker: RuleChecker | undefined): string | undefined {
  const candidates = loopBindingNames(site.outer, fn);
  if (candidates.size === 0) return undefined;
  if (!checker) for (const name of namesDeclaredIn(fn)) candidates.delete(name);
  if (candidates.size === 0) return undefined;
  let found: string | undefined;
  // Parameters' default values are evaluated per call, like the body.
  walkTree(fn, (node) => {
    if (node === fn) return;
    if (ts.isIdentifier(node) && candidates.has(node.text)) {
      const parent = node.parent;
      const isPropertyName =
        (ts.isPropertyAccessExpression(parent) && parent.name === node) ||
        (ts.isPropertyAssignment(parent) && parent.name === node) ||
        ((ts.isMethodDeclaration(parent) || ts.isPropertyDeclaration(parent) || ts.isAccessor(parent)) && parent.name === node);
      if (!isPropertyName && !checker) {
        found = node.text;
        return STOP;
      }
      if (!isPropertyName && checker) {
        const symbol = ts.isShorthandPropertyAssignment(parent) ? checker.getShorthandAssignmentValueSymbol(parent) : checker.getSymbolAtLocation(node);
        const decl = symbol?.declarations?.[0];
        if (decl && within(decl, site.outer) && !within(decl, fn) && isBlockScopedDeclaration(decl)) {
          found = node.text;
          return STOP;
        }
      }
    }
    return;
  });
  return found;
}

function calleeName(call: ts.CallExpression | ts.NewExpression): string | undefined {
  const callee = skipOuterExpressions(call.expression);
  if (ts.isIdentifier(callee)) return callee.text;
  if (ts.isPropertyAccessExpression(callee)) return callee.name.text;
  return undefined;
}

/** How a function that captures nothing of the loop still outlives the iteration, if it does. */
function escape(fn: ts.Node, site: LoopSite): { how: string; form: Form } | undefined {
  const node = outermostOuterExpression(fn);
  const parent = node.parent;
  if (!parent) return undefined;
  if (ts.isCallExpression(parent) && parent.arguments.includes(node as ts.Expression)) {
    const name = calleeName(parent);
    if (!name) return undefined;
    const isMethod = ts.isPropertyAccessExpression(skipOuterExpressions(parent.expression));
    if (!isMethod && TIMER_FUNCTIONS.has(name)) return { how: `passed to ${name}`, form: 'timer' };
    if (isMethod && KEEPING_METHODS.has(name)) return { how: `passed to .${name}()`, form: 'kept' };
    return undefined;
  }
  if (ts.isBinaryExpression(parent) && parent.right === node && parent.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
    const target = skipOuterExpressions(parent.left);
    if (ts.isPropertyAccessExpression(target) || ts.isElementAccessExpression(target)) return { how: 'stored in a property', form: 'kept' };
    if (ts.isIdentifier(target)) return { how: `assigned to '${target.text}'`, form: 'kept' };
  }
  if (ts.isArrayLiteralExpression(parent) || ts.isPropertyAssignment(parent)) {
    // Stored in a literal that itself escapes: one level of `push({ handler: () => … })`.
    const container = ts.isPropertyAssignment(parent) ? parent.parent : parent;
    const outer = escape(container, site);
    if (outer) return { how: `stored in a literal ${outer.how}`, form: 'kept' };
  }
  return undefined;
}

/** Calls whose callback is a per-item continuation or a per-source handler: it must carry the item. */
const CONTINUATION_METHODS = new Set(['then', 'catch', 'finally']);
const HANDLER_CALLEE = /^(subscribe|addObserver|addEventListener|addListener|prependListener|once|on|on[A-Z]\w*|create\w*Subscriber|operate|observe|listen)$/;

/**
 * Why `fn` must carry per-iteration state, if it must: a promise continuation (`r.then((v) => out[i] = v)`),
 * a subscriber, observer or listener (passed to `subscribe`, `create*Subscriber`, `addEventListener`,
 * `on*`), or assigned to an `on*` handler property (`req.onsuccess = …`). Hoisting does not apply:
 * one closure per item or source is what the API asks for.
 */
function unavoidable(fn: ts.Node, site: LoopSite): string | undefined {
  let node = outermostOuterExpression(fn);
  // `{ next: (v) => …, error: … }` passed to subscribe: one level of observer literal.
  if (node.parent && (ts.isPropertyAssignment(node.parent) || ts.isMethodDeclaration(node)) && ts.isObjectLiteralExpression(ts.isMethodDeclaration(node) ? node.parent : node.parent.parent)) {
    node = outermostOuterExpression(ts.isMethodDeclaration(node) ? node.parent : node.parent.parent);
  }
  const parent = node.parent;
  if (!parent) return undefined;
  if ((ts.isCallExpression(parent) || ts.isNewExpression(parent)) && parent.arguments?.includes(node as ts.Expression)) {
    const name = calleeName(parent);
    const isMethod = ts.isPropertyAccessExpression(skipOuterExpressions(parent.expression));
    if (name && isMethod && CONTINUATION_METHODS.has(name)) {
      // A continuation of a promise made in the iteration carries its item; one promise from
      // before the loop (`p.then(() => id)`) could be chained once instead.
      const recv = skipOuterExpressions((skipOuterExpressions(parent.expression) as ts.PropertyAccessExpression).expression);
      if (ts.isIdentifier(recv)) {
        const decl = declarationByName(recv);
        if (!decl || !within(decl, site.outer)) return undefined;
      }
      return 'a promise continuation';
    }
    if (name && HANDLER_CALLEE.test(name)) return 'a handler';
    return undefined;
  }
  if (ts.isBinaryExpression(parent) && parent.right === node && parent.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
    const target = skipOuterExpressions(parent.left);
    if (ts.isPropertyAccessExpression(target) && /^on[a-z]/.test(target.name.text)) return 'an event handler';
  }
  return undefined;
}

/** Loops from `site.loop` out to `site.outer` that all iterate an array literal of at most 4 elements. */
function overSmallLiterals(site: LoopSite): boolean {
  for (let p: ts.Node | undefined = site.loop; p; p = p.parent) {
    if (isLoop(p) && !(ts.isForOfStatement(p) && isSmallArrayLiteral(p.expression))) return false;
    if (p === site.outer) return true;
  }
  return false;
}

function describe(fn: ts.Node): string {
  const name = (fn as { name?: ts.Node }).name;
  const text = name && (ts.isIdentifier(name) || ts.isStringLiteral(name) || ts.isPrivateIdentifier(name)) ? name.text : undefined;
  const prefix = (ts.getCombinedModifierFlags(fn as ts.Declaration) & ts.ModifierFlags.Async) !== 0 ? 'async ' : '';
  const star = (fn as { asteriskToken?: ts.Node }).asteriskToken ? 'generator ' : '';
  switch (fn.kind) {
    case ts.SyntaxKind.ArrowFunction:
      return `${prefix}arrow function`;
    case ts.SyntaxKind.GetAccessor:
      return `getter '${text}'`;
    case ts.SyntaxKind.SetAccessor:
      return `setter '${text}'`;
    case ts.SyntaxKind.Constructor:
      return 'constructor';
    case ts.SyntaxKind.MethodDeclaration:
      return `${prefix}${star}method '${text}'`;
    default:
      return text ? `${prefix}${star}function '${text}'` : `${prefix}${star}function`;
  }
}

/** The head of the function (up to its body), so the region does not cover the whole body. */
function headRange(fn: ts.Node, sf: ts.SourceFile): { start: number; end: number } {
  const start = fn.getStart(sf);
  if (ts.isArrowFunction(fn)) return { start, end: fn.equalsGreaterThanToken.getEnd() };
  const body = (fn as { body?: ts.Node }).body;
  if (body) {
    // End at the closing parenthesis or return type, before the body's whitespace.
    const text = sf.text.slice(start, body.getStart(sf)).trimEnd();
    return { start, end: start + text.length };
  }
  return { start, end: fn.getEnd() };
}

/** Keyed collections whose `forEach` V8 does not inline: a capturing callback is a real closure per call. */
const KEYED_COLLECTIONS = new Set(['Map', 'Set', 'ReadonlyMap', 'ReadonlySet']);

/**
 * The collection type when `fn` is the callback of `m.forEach(…)` on a Map or Set. Turbofan inlines
 * Array#forEach but not Map/Set#forEach, so such a callback that captures the loop binding is a
 * closure and a context per outer iteration, and the fix always applies: a hoisted callback given its
 * state as thisArg, or `for (const k of m.keys())`, allocates nothing once optimized, while
 * `for (const [k, v] of m)` allocates an entry per element (bench/evidence/closure-in-loop.mjs).
 */
function keyedForEachReceiver(fn: ts.Node, checker: RuleChecker): string | undefined {
  const cb = calleeMethodOfCallback(outermostOuterExpression(fn));
  if (!cb || cb.method !== 'forEach' || cb.call.arguments[0] !== outermostOuterExpression(fn)) return undefined;
  const callee = skipOuterExpressions(cb.call.expression);
  if (!ts.isPropertyAccessExpression(callee)) return undefined;
  const type = checker.getTypeAtLocation(callee.expression);
  const members = type.isUnion() ? type.types.filter((t) => !(t.flags & (ts.TypeFlags.Undefined | ts.TypeFlags.Null))) : [type];
  const names = new Set(members.map((t) => (t.aliasSymbol ?? t.getSymbol())?.getName()));
  if (names.size !== 1) return undefined;
  const [name] = names;
  return name && KEYED_COLLECTIONS.has(name) ? name.replace(/^Readonly/, '') : undefined;
}

/**
 * Whether an iteration between `site.loop` and `site.outer` waits (`await`, `yield`, `for await`):
 * such a loop runs at the pace of I/O or events (a polling loop), not of the data it walks.
 */
function loopWaits(site: LoopSite, fn: ts.Node): boolean {
  let waits = false;
  walkTree(site.outer, (node) => {
    if (node === fn || (node !== site.outer && isFunctionNode(node))) return false;
    if (ts.isAwaitExpression(node) || ts.isYieldExpression(node) || (ts.isForOfStatement(node) && node.awaitModifier)) {
      waits = true;
      return STOP;
    }
    return true;
  });
  return waits;
}

function formOf(fn: ts.Node): Form {
  const cb = calleeMethodOfCallback(outermostOuterExpression(fn));
  if (cb && SYNC_ARRAY_CALLBACK_METHODS.has(cb.method)) return 'callback';
  const parent = outermostOuterExpression(fn).parent;
  if (parent && ts.isCallExpression(parent)) {
    const name = calleeName(parent);
    if (name && TIMER_FUNCTIONS.has(name)) return 'timer';
  }
  return 'plain';
}

export const rule = defineStaticRule({
  meta: {
    id: 'closure-in-loop',
    name: 'ClosureInLoop',
    shortDescription: 'A function created on every loop iteration that captures a loop binding or outlives the iteration.',
    fullDescription:
      'Flags functions and arrows created inside a loop body that capture a per-iteration binding of the loop (a `let`/`const` of the loop head or a binding declared in the body) or escape the iteration (stored, pushed, passed to a timer or a promise). Each iteration then likely allocates a new JSFunction, and a block Context for the captured bindings: 2 to 12x the cost of a hoisted function (measured on Node 20) unless V8 inlines the call and nothing escapes. Immediately invoked functions and callbacks of synchronous array methods that capture nothing of the loop are not flagged. A capturing callback of `Map#forEach` or `Set#forEach` (not inlined by Turbofan) in a loop that does not await or yield is a warning; every other form is a note until a run confirms it. Nor are closures whose cost cannot matter: in loops over an array literal of at most 4 elements, in setup code (constructors, `register*`/`use`/`define*`/`configure*`/`init*` functions, `Object.defineProperty` descriptors, factories returning `new X(…)`), in tooling (`toJSONSchema`, `codegen`, `compile*`, `generate*`, `testing/`), on failure paths (`catch`, `throw`, branches ending in `throw`, error formatting), and per-item continuations or handlers that must carry the item (`.then(r => … key)`, subscribers, listeners, `on*` handlers).',
    defaultLevel: 'note',
    tags: ['performance', 'allocation', 'closures'],
    precision: 'high',
    helpMarkdown: [
      'A function expression, arrow or method inside a loop is a new closure object on every iteration. When it captures a per-iteration binding (`for (let i…)`, `for (const x of…)`, a `const` in the body), V8 also allocates a block context per iteration to hold that binding. Measured on Node 20: 2 to 12x slower than a hoisted function (`npm run bench:evidence -- closure-in-loop`), unless V8 inlines the call and nothing escapes.',
      '',
      'Not reported where the cost cannot matter: loops over a literal of at most 4 elements, setup and registration code, tooling, failure paths, and promise continuations, subscribers and listeners that capture the item they are made for (one closure per item is what the API asks for).',
      '',
      'Shown at warning without a run: a capturing `Map#forEach`/`Set#forEach` callback in a loop over data. Turbofan inlines `Array#forEach` but not these, so each outer iteration allocates the closure and its context (96 bytes measured, 1.3 to 2.3x the time of the fix); hoist the callback and pass its state as `forEach`\'s `thisArg`, or use `for (const k of m.keys())` (0 bytes; `for (const [k, v] of m)` allocates 192).',
      '',
      '**Fix**: hoist the function out of the loop and pass what it needs as arguments (timers take extra arguments: `setTimeout(fn, 0, i)`). For array callbacks that capture the loop item, a plain inner loop avoids the closure entirely.',
    ].join('\n'),
  },
  messages: {
    keyedForEach:
      'The {{collection}}#forEach callback captures the loop binding \'{{binding}}\': likely a closure and context per iteration. Hoist it and pass state as forEach\'s thisArg.',
    captures:
      'The {{what}} captures the loop binding \'{{binding}}\': each iteration likely allocates a new closure and context. {{fix}}',
    escapes:
      'The {{what}} is created on every iteration and outlives it ({{how}}). Create it once before the loop and reuse it.',
  },
  create(ctx) {
    const visit = (fn: FunctionNode): void => {
        const site = loopSite(fn);
        if (!site) return;
        if (isImmediatelyInvoked(fn)) return;
        // Cost that cannot matter: a fixed small loop, setup, tooling or failure code, or a closure the API requires per item.
        if (overSmallLiterals(site) || runFrequency(fn, ctx.sourceFile)) return;
        const what = describe(fn);
        // JavaScript is read, not type-checked: bindings resolve by name there.
        const binding = capturedLoopBinding(fn, site, ctx.isJavaScript ? undefined : ctx.checker);
        if (binding) {
          if (unavoidable(fn, site)) return;
          // Map/Set#forEach inside a loop over data: the one form whose cost and fix are certain.
          const collection = ctx.checker && !ctx.isJavaScript ? keyedForEachReceiver(fn, ctx.checker) : undefined;
          if (collection && !loopWaits(site, fn)) {
            ctx.report({ node: headRange(fn, ctx.sourceFile), messageId: 'keyedForEach', data: { collection, binding }, level: 'warning', confirm: { by: ALLOCATION, at: [fn] } });
            return;
          }
          const form = formOf(fn);
          const fix =
            form === 'callback'
              ? `Use a plain inner loop, or hoist the callback and pass '${binding}' through its arguments.`
              : form === 'timer'
                ? `Hoist the function and pass '${binding}' as the timer's extra argument (setTimeout(fn, ms, ${binding})).`
                : `Hoist the function out of the loop and pass '${binding}' as a parameter.`;
          ctx.report({ node: headRange(fn, ctx.sourceFile), messageId: 'captures', data: { what, binding, fix }, confirm: { by: ALLOCATION, at: [fn] } });
          return;
        }
        const esc = escape(fn, site);
        if (esc) ctx.report({ node: headRange(fn, ctx.sourceFile), messageId: 'escapes', data: { what, how: esc.how }, confirm: { by: ALLOCATION, at: [fn] } });
    };
    return {
      [ts.SyntaxKind.ArrowFunction]: visit,
      [ts.SyntaxKind.FunctionExpression]: visit,
      [ts.SyntaxKind.FunctionDeclaration]: visit,
      [ts.SyntaxKind.MethodDeclaration]: visit,
      [ts.SyntaxKind.GetAccessor]: visit,
      [ts.SyntaxKind.SetAccessor]: visit,
      [ts.SyntaxKind.Constructor]: visit,
    };
  },
});
