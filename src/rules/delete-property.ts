// delete-property: `delete o.p` on an ordinary object. Unless `p` is the last property added,
// V8 drops the object's hidden class and moves it to dictionary mode: every later property
// read on it is a hash lookup instead of an inline-cached offset load.
import type { RuleChecker } from '../types/checker.js';
import { ts } from '../syntax/ts.js';
import { defineStaticRule } from './types.js';
import { enclosingFunction, functionName, isLoop, skipOuterExpressions, walkTree } from '../analyze/ast.js';
import type { EvidenceKind } from '../model.js';
import { isArrayType, isInstanceOf } from './util/accumulators.js';

/** Collections whose own properties are not the data: `delete m.x` on them is something else. */
const COLLECTIONS: ReadonlySet<string> = new Set(['Map', 'WeakMap', 'Set', 'WeakSet', 'ReadonlyMap', 'ReadonlySet']);
/** The global object is always in dictionary mode: deleting from it costs nothing more. */
const GLOBAL_OBJECTS: ReadonlySet<string> = new Set(['globalThis', 'global', 'window', 'self']);

/** `process.env` (and `globalThis.process.env`): an exotic object backed by the environment, exempt. */
function isProcessEnv(expr: ts.Expression): boolean {
  const e = skipOuterExpressions(expr);
  if (!ts.isPropertyAccessExpression(e) || e.name.text !== 'env') return false;
  const base = skipOuterExpressions(e.expression);
  if (ts.isIdentifier(base)) return base.text === 'process';
  if (!ts.isPropertyAccessExpression(base) || base.name.text !== 'process') return false;
  const root = skipOuterExpressions(base.expression);
  return ts.isIdentifier(root) && GLOBAL_OBJECTS.has(root.text);
}

/** The key as written, when it is fixed: `o.p`, `o['p']`, `o[0]`, `o[KEY]` with a literal or unique-symbol type. */
function fixedKey(target: ts.PropertyAccessExpression | ts.ElementAccessExpression, checker: RuleChecker): string | undefined {
  if (ts.isPropertyAccessExpression(target)) return target.name.text;
  const arg = skipOuterExpressions(target.argumentExpression);
  if (ts.isStringLiteralLike(arg) || ts.isNumericLiteral(arg)) return arg.text;
  const type = checker.getTypeAtLocation(arg);
  if (type.isStringLiteral() || type.isNumberLiteral()) return String(type.value);
  if (type.flags & ts.TypeFlags.UniqueESSymbol) return `[${arg.getText()}]`;
  return undefined;
}

/** The receiver is typed as a dictionary (`Record<string, T>`, an index signature) and `key` is not a declared property. */
function isDictionaryTyped(type: ts.Type, key: string, checker: RuleChecker): boolean {
  if (!checker.getIndexInfosOfType(type).some((i) => i.keyType.flags & (ts.TypeFlags.String | ts.TypeFlags.Number | ts.TypeFlags.TemplateLiteral))) return false;
  return type.getProperty(key) === undefined;
}

/** The enclosing function, else the enclosing loop, else the file. */
function deleteScope(del: ts.Node): ts.Node {
  const fn = enclosingFunction(del);
  if (fn) return fn;
  for (let p = del.parent; p; p = p.parent) if (isLoop(p)) return p;
  return del.getSourceFile();
}

/**
 * Property reads of the same receiver (by its text: `o`, `this.cache`) after the delete, in the
 * delete's function: the inline caches there are what sees the object in dictionary mode.
 */
function readsAfter(del: ts.DeleteExpression, receiver: ts.Expression, sf: ts.SourceFile): ts.Node[] {
  const text = receiver.getText(sf);
  const out: ts.Node[] = [];
  walkTree(deleteScope(del), (n) => {
    if (n.pos < del.end && n.end <= del.end) return false;
    if ((ts.isPropertyAccessExpression(n) || ts.isElementAccessExpression(n)) && n.getStart(sf) >= del.end && skipOuterExpressions(n.expression).getText(sf) === text) out.push(n);
    return true;
  });
  return out;
}

/** Functions whose job is to remove a key: the delete is the behaviour asked for. */
const REMOVER_NAME = /^_?(?:delete|remove|unset|clear|exclude|omit)(?:[A-Z_$\d]|$)/;

/**
 * Is the delete the behaviour the code implements: a Proxy `deleteProperty` trap, or a
 * function or method named delete, remove, unset, clear…, exclude or omit (`delete_`, `removeKey`)?
 */
function isRequiredDelete(del: ts.Node): 'trap' | 'remover' | undefined {
  const fn = enclosingFunction(del);
  if (!fn) return undefined;
  // `Cls.method`: the method's own name decides.
  const name = functionName(fn).split('.').pop() ?? '';
  if (name === 'deleteProperty') return 'trap';
  return REMOVER_NAME.test(name.replace(/^#/, '')) ? 'remover' : undefined;
}

/**
 * The omit pattern: `const copy = { ...o }` (or `Object.assign({}, o)`) a few statements above
 * in the same function, then `delete copy.k`, then the copy is returned. The object is fresh
 * and leaves as a value: there are no later reads in this code to slow down.
 */
function isFreshCopyReturned(receiver: ts.Expression, del: ts.Node, sf: ts.SourceFile): boolean {
  if (!ts.isIdentifier(receiver)) return false;
  const fn = enclosingFunction(del);
  const body = fn && (fn as { body?: ts.Node }).body;
  if (!body) return false;
  const name = receiver.text;
  let fresh = false;
  let returned = false;
  walkTree(body, (n) => {
    if (ts.isVariableDeclaration(n) && ts.isIdentifier(n.name) && n.name.text === name && n.initializer && n.end <= del.getStart(sf)) {
      const init = skipOuterExpressions(n.initializer);
      if (ts.isObjectLiteralExpression(init) && init.properties.some(ts.isSpreadAssignment)) fresh = true;
      if (ts.isCallExpression(init) && ts.isPropertyAccessExpression(init.expression) && init.expression.name.text === 'assign' && init.arguments[0] && ts.isObjectLiteralExpression(skipOuterExpressions(init.arguments[0]))) fresh = true;
    }
    if (ts.isReturnStatement(n) && n.expression && n.pos >= del.end) {
      // `return out`, or handed on whole: `return rebuild(stack, out)`.
      const r = skipOuterExpressions(n.expression);
      if (ts.isIdentifier(r) && r.text === name) returned = true;
      if (ts.isCallExpression(r) && r.arguments.some((a) => { const x = skipOuterExpressions(a); return ts.isIdentifier(x) && x.text === name; })) returned = true;
    }
    // Nested functions have their own returns.
    return n === body || !(ts.isFunctionDeclaration(n) || ts.isFunctionExpression(n) || ts.isArrowFunction(n) || ts.isMethodDeclaration(n));
  });
  return fresh && returned;
}

export const rule = defineStaticRule({
  meta: {
    id: 'delete-property',
    name: 'DeleteProperty',
    shortDescription: '`delete` of an object property: the object likely leaves fast mode.',
    fullDescription:
      'Flags `delete o.p` and `delete o[\'p\']` on ordinary objects. Unless `p` is the last property added to `o`, V8 gives up the object\'s hidden class and keeps it in dictionary mode: later property reads on it are hash lookups (measured 11 to 24x slower per read on Node 20). Deletes with a computed key (`delete o[k]`) are notes: the object is used as a dictionary, which is what `Map` is for. `delete` of an array element is a note (it leaves a hole). `Map`/`Set` receivers, `process.env` and the global object are not flagged; nor are deletes that are the behaviour asked for: in a Proxy `deleteProperty` trap or a function named delete/remove/unset/clear/exclude/omit (unless the store is typed as a dictionary), `delete o.__proto__` guards, and the omit pattern (a fresh `{ ...o }` copy trimmed and returned).',
    defaultLevel: 'note',
    tags: ['performance', 'hidden-classes', 'dictionary-mode'],
    precision: 'medium',
    helpMarkdown: [
      'V8 stores an object\'s properties at fixed offsets described by its hidden class (map), which is what makes inline-cached property reads fast. `delete o.p` of any property but the last one added cannot be described by a map transition, so V8 moves `o` to dictionary mode: its properties live in a hash table from then on. Measured on Node 20: each later property read on such an object is 11 to 24x slower (4 to 16 properties), and the delete itself costs 200 to 350 ns. Deleting the last-added property is free (V8 goes back to the parent map).',
      '',
      '**Fix**: `o.p = undefined` keeps the hidden class and costs nothing (but `\'p\' in o` and `Object.keys(o)` still see `p`); to drop the key, build a copy without it: `const { p, ...rest } = o`. If `p` is known to be the last property added, the delete is fine: suppress the finding. For computed keys (`delete o[k]`), use a `Map` and `map.delete(k)`.',
    ].join('\n'),
  },
  messages: {
    fixedKey:
      '`{{text}}` likely moves the object to dictionary mode (slower reads after it) unless `{{key}}` was added last. Assign `undefined`, or copy without it: `const { {{key}}: _, ...rest } = o`.',
    dynamicKey:
      '`{{text}}` deletes a computed key: the object is used as a dictionary and likely stays in dictionary mode. Use a `Map` and `map.delete(key)`.',
    dictionaryType:
      '`{{text}}` deletes a key of an object typed as a dictionary: it likely stays in dictionary mode. Use a `Map` and `map.delete(key)`.',
    arrayElement:
      '`{{text}}` leaves a hole in the array (HOLEY elements for good; the length does not change). Use `splice(i, 1)`, or assign `undefined`.',
  },
  create(ctx) {
    const checker = ctx.checker;
    return {
      [ts.SyntaxKind.DeleteExpression](del) {
        const target = skipOuterExpressions(del.expression);
        if (!ts.isPropertyAccessExpression(target) && !ts.isElementAccessExpression(target)) return;
        const receiver = skipOuterExpressions(target.expression);
        if (isProcessEnv(receiver)) return;
        if (ts.isIdentifier(receiver) && GLOBAL_OBJECTS.has(receiver.text)) return;
        // `delete o.__proto__` is a prototype-pollution guard: required, and runs only on hostile input.
        const literalKey = ts.isPropertyAccessExpression(target) ? target.name.text : ts.isStringLiteralLike(skipOuterExpressions(target.argumentExpression)) ? (skipOuterExpressions(target.argumentExpression) as ts.StringLiteralLike).text : undefined;
        if (literalKey === '__proto__') return;
        // The delete is what the function is for (a `deleteProperty` trap, `remove(key)`), or
        // it trims a fresh copy that is returned (omit): nothing to change.
        // A remover over a store typed as a dictionary keeps its note: a Map would do the job.
        if (isFreshCopyReturned(receiver, del, ctx.sourceFile)) return;
        const required = isRequiredDelete(del);
        if (required === 'trap') return;
        const text = del.getText(ctx.sourceFile).replace(/\s+/g, ' ');
        // Reads of the same object after the delete see its dictionary-mode map: only they confirm.
        const confirm = { by: ['ic', 'dictionary'] satisfies EvidenceKind[], at: readsAfter(del, receiver, ctx.sourceFile) };
        // JavaScript is read, not type-checked: the key form decides, from syntax alone.
        if (ctx.isJavaScript) {
          if (required) return;
          const arg = ts.isElementAccessExpression(target) ? skipOuterExpressions(target.argumentExpression) : undefined;
          const key = ts.isPropertyAccessExpression(target) ? target.name.text : arg && (ts.isStringLiteralLike(arg) || ts.isNumericLiteral(arg)) ? arg.text : undefined;
          if (key === undefined) ctx.report({ node: del, messageId: 'dynamicKey', data: { text }, level: 'note', confirm });
          else ctx.report({ node: del, messageId: 'fixedKey', data: { text, key: /^[A-Za-z_$][\w$]*$/.test(key) ? key : `'${key}'` }, confirm });
          return;
        }
        const type = checker.getTypeAtLocation(receiver);
        if (isInstanceOf(type, COLLECTIONS)) return;
        if (isArrayType(type, checker)) {
          ctx.report({ node: del, messageId: 'arrayElement', data: { text }, level: 'note', confirm });
          return;
        }
        const key = fixedKey(target, checker);
        if (key === undefined && !required) {
          ctx.report({ node: del, messageId: 'dynamicKey', data: { text }, level: 'note', confirm });
          return;
        }
        if (required) {
          // `remove(key)` on a dictionary-typed store: a Map is made for this. On anything else
          // (a user's object, a draft) the delete is the behaviour asked for.
          if (key === undefined ? checker.getIndexInfosOfType(type).length > 0 : !(type.flags & ts.TypeFlags.Any) && isDictionaryTyped(type, key, checker)) {
            ctx.report({ node: del, messageId: key === undefined ? 'dynamicKey' : 'dictionaryType', data: { text }, level: 'note', confirm });
          }
          return;
        }
        if (key === undefined) return;
        if (!(type.flags & ts.TypeFlags.Any) && isDictionaryTyped(type, key, checker)) {
          ctx.report({ node: del, messageId: 'dictionaryType', data: { text }, level: 'note', confirm });
          return;
        }
        ctx.report({ node: del, messageId: 'fixedKey', data: { text, key: /^[A-Za-z_$][\w$]*$/.test(key) ? key : `'${key}'` }, confirm });
      },
    };
  },
});
