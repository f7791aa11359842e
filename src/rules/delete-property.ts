// delete-property: `delete o.p` on an ordinary object. Unless `p` is the last property added,
// V8 drops the object's hidden class and moves it to dictionary mode: every later property
// read on it is a hash lookup instead of an inline-cached offset load.
import { ts } from 'ts-morph';
import { defineStaticRule } from './types.js';
import { enclosingFunction, isLoop, skipOuterExpressions, walkTree } from '../analyze/ast.js';
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
function fixedKey(target: ts.PropertyAccessExpression | ts.ElementAccessExpression, checker: ts.TypeChecker): string | undefined {
  if (ts.isPropertyAccessExpression(target)) return target.name.text;
  const arg = skipOuterExpressions(target.argumentExpression);
  if (ts.isStringLiteralLike(arg) || ts.isNumericLiteral(arg)) return arg.text;
  const type = checker.getTypeAtLocation(arg);
  if (type.isStringLiteral() || type.isNumberLiteral()) return String(type.value);
  if (type.flags & ts.TypeFlags.UniqueESSymbol) return `[${arg.getText()}]`;
  return undefined;
}

/** The receiver is typed as a dictionary (`Record<string, T>`, an index signature) and `key` is not a declared property. */
function isDictionaryTyped(type: ts.Type, key: string, checker: ts.TypeChecker): boolean {
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

export const rule = defineStaticRule({
  meta: {
    id: 'delete-property',
    name: 'DeleteProperty',
    shortDescription: '`delete` of an object property: the object likely leaves fast mode.',
    fullDescription:
      'Flags `delete o.p` and `delete o[\'p\']` on ordinary objects. Unless `p` is the last property added to `o`, V8 gives up the object\'s hidden class and keeps it in dictionary mode: later property reads on it are hash lookups (measured 11 to 24x slower per read on Node 20). Deletes with a computed key (`delete o[k]`) are notes: the object is used as a dictionary, which is what `Map` is for. `delete` of an array element is a note (it leaves a hole). `Map`/`Set` receivers, `process.env` and the global object are not flagged.',
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
      '`{{text}}` deletes a property of an ordinary object: unless `{{key}}` is the last property added to it, V8 likely moves the object to dictionary mode, and every later property read on it becomes a hash lookup (11 to 24x slower per read measured on Node 20). Assign `undefined` instead (keeps the hidden class and costs nothing; `in`/`Object.keys` still see the key), or build a copy without it (`const { {{key}}: _, ...rest } = …`). Deleting the last-added property is free: if that is the case here, suppress this finding.',
    dynamicKey:
      '`{{text}}` deletes a computed key: the object is used as a dictionary, and after the delete V8 likely keeps it in dictionary mode (slower property reads). If the keys come from data, a `Map` with `map.delete(key)` is made for this.',
    dictionaryType:
      '`{{text}}` deletes a key of an object typed as a dictionary (index signature): after the delete V8 likely keeps it in dictionary mode (slower property reads). A `Map` with `map.delete(key)` is made for this.',
    arrayElement:
      '`{{text}}` deletes an array element: it leaves a hole (the length does not change) and moves the array to a HOLEY elements kind for good, so reads must check for holes. Use `splice(i, 1)` to remove the element, or assign `undefined` to clear it.',
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
        const text = del.getText(ctx.sourceFile).replace(/\s+/g, ' ');
        // Reads of the same object after the delete see its dictionary-mode map: only they confirm.
        const confirm = { by: ['ic', 'dictionary'] satisfies EvidenceKind[], at: readsAfter(del, receiver, ctx.sourceFile) };
        const type = checker.getTypeAtLocation(receiver);
        if (isInstanceOf(type, COLLECTIONS)) return;
        if (isArrayType(type, checker)) {
          ctx.report({ node: del, messageId: 'arrayElement', data: { text }, level: 'note', confirm });
          return;
        }
        const key = fixedKey(target, checker);
        if (key === undefined) {
          ctx.report({ node: del, messageId: 'dynamicKey', data: { text }, level: 'note', confirm });
          return;
        }
        if (!(type.flags & ts.TypeFlags.Any) && isDictionaryTyped(type, key, checker)) {
          ctx.report({ node: del, messageId: 'dictionaryType', data: { text }, level: 'note', confirm });
          return;
        }
        ctx.report({ node: del, messageId: 'fixedKey', data: { text, key: /^[A-Za-z_$][\w$]*$/.test(key) ? key : `'${key}'` }, confirm });
      },
    };
  },
});
