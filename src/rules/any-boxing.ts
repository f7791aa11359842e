// any-boxing: in code that runs per loop iteration (or in a function called from a loop of the
// same file), an object of a concrete type flowing into an `any`/`unknown` slot, an `as any`
// cast, or a member read/call on an `any` receiver. Types are erased, so nothing is boxed at
// run time: the finding says that type information is lost here and that the site may see
// many shapes (bench/evidence/any-boxing.mjs: free at 1 to 4 shapes, about 10x at 6+).
import type { ProjectFiles, RuleChecker } from '../types/checker.js';
import { ts } from '../syntax/ts.js';
import { prefetchMemberSites } from './util/prefetch.js';
import { defineStaticRule } from './types.js';
import { certainlyNotAny, Hotness, mayBeObjectArgument, inCatchClause, isAnyType, isMemberAccess, isWriteTarget, outermostChain } from './util/hot-sites.js';
import { outermostParentheses, skipParentheses, walkTree } from '../analyze/ast.js';

function isAnyKeywordCast(node: ts.Node): node is ts.AsExpression | ts.TypeAssertion {
  return (ts.isAsExpression(node) || ts.isTypeAssertionExpression(node)) && node.type.kind === ts.SyntaxKind.AnyKeyword;
}

/** Is `t` an object type a shape can be lost for (not a primitive, function, any or unknown)? */
function isConcreteObject(t: ts.Type, checker: RuleChecker): boolean {
  if (t.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown | ts.TypeFlags.TypeParameter | ts.TypeFlags.NonPrimitive)) return false;
  if (t.isUnion()) return t.types.some((m) => isConcreteObject(m, checker));
  if (!(t.flags & (ts.TypeFlags.Object | ts.TypeFlags.Intersection))) return false;
  // Functions have no data shape worth tracking; `{}` (narrowed `unknown`) says nothing either.
  if (checker.getPropertiesOfType(t).length === 0 && (t.getCallSignatures().length > 0 || t.getConstructSignatures().length === 0)) return false;
  return true;
}

function isLooseSlot(t: ts.Type | undefined): t is ts.Type {
  return !!t && (isAnyType(t) || (t.flags & ts.TypeFlags.Unknown) !== 0);
}

/** Declared in this project (not a .d.ts): the loose parameter is something the user can type. */
function declaredInProject(decl: ts.Node | undefined, project: ProjectFiles): boolean {
  if (!decl) return false;
  const sf = decl.getSourceFile();
  return !sf.isDeclarationFile && !project.isExternal(sf);
}

/** By name, as declaredInProject decides by file: not a declaration file, not in a package. */
function isProjectFileName(f: string): boolean {
  return !/\.d\.[cm]?ts$|\.d\.[^.]+\.ts$/i.test(f) && !f.split(/[\\/]/).includes('node_modules');
}

const isLooseTypeNode = (t: ts.TypeNode | undefined): boolean =>
  !t || t.kind === ts.SyntaxKind.AnyKeyword || t.kind === ts.SyntaxKind.UnknownKeyword ||
  (ts.isArrayTypeNode(t) && isLooseTypeNode(t.elementType));

/**
 * Cheap pre-filter before overload resolution: does some declaration of the callee have a
 * parameter written as `any`/`unknown` (or left unannotated, an implicit `any`)?
 */
function mayHaveLooseParameter(callee: ts.Expression, checker: RuleChecker, cache: Map<ts.Symbol, boolean>): boolean {
  const at = ts.isPropertyAccessExpression(callee) ? callee.name : callee;
  let sym = checker.getSymbolAtLocation(at);
  if (sym && sym.flags & ts.SymbolFlags.Alias) sym = checker.getAliasedSymbol(sym);
  if (!sym) return false;
  let known = cache.get(sym);
  if (known === undefined) {
    // Only callees declared in the project are reported (declaredInProject below): a library
    // function's parameters (console.log's any[]) need not be read, nor its .d.ts parsed.
    known = checker.declarationFiles(sym).some(isProjectFileName) && declaresLooseParameter(sym);
    cache.set(sym, known);
  }
  return known;
}

/**
 * A type as the messages print it. A union without an alias lists its members sorted (`null` and
 * `undefined` last): the checker's own order is its internal one, and TypeScript 6 and 7 differ.
 */
function typeText(t: ts.Type, checker: RuleChecker): string {
  const print = (x: ts.Type) => checker.typeToString(x, undefined, ts.TypeFormatFlags.NoTruncation);
  if (!t.isUnion() || t.aliasSymbol) return print(t);
  let parts = [...new Set(t.types.map(print))];
  // `true | false` is printed `boolean`.
  if (parts.includes('true') && parts.includes('false')) parts = [...parts.filter((p) => p !== 'true' && p !== 'false'), 'boolean'];
  const rank = (p: string) => (p === 'null' ? 1 : p === 'undefined' ? 2 : 0);
  parts.sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0));
  return parts.join(' | ');
}

function declaresLooseParameter(sym: ts.Symbol): boolean {
  for (const d of sym.declarations ?? []) {
    let fn: ts.Node = d;
    if ((ts.isVariableDeclaration(d) || ts.isPropertyDeclaration(d) || ts.isPropertySignature(d)) && d.type && ts.isFunctionTypeNode(d.type)) fn = d.type;
    else if ((ts.isVariableDeclaration(d) || ts.isPropertyDeclaration(d) || ts.isPropertyAssignment(d)) && d.initializer) fn = skipParentheses(d.initializer);
    if (ts.isClassDeclaration(d)) {
      if (d.members.some((m) => ts.isConstructorDeclaration(m) && m.parameters.some((p) => isLooseTypeNode(p.type) && !p.initializer))) return true;
      continue;
    }
    if (ts.isFunctionLike(fn) && fn.parameters.some((p) => isLooseTypeNode(p.type) && !(p.initializer && !p.type))) return true;
  }
  return false;
}

const looseCaches = new WeakMap<ProjectFiles, Map<ts.Symbol, boolean>>();
/** Per project: does a callee symbol declare an `any`/`unknown` parameter? */
function looseParameterCache(project: ProjectFiles): Map<ts.Symbol, boolean> {
  let c = looseCaches.get(project);
  if (!c) {
    c = new Map();
    looseCaches.set(project, c);
  }
  return c;
}

/** The receiver of a member access, through parentheses and `!`. */
function receiverOf(e: ts.PropertyAccessExpression | ts.ElementAccessExpression): ts.Expression {
  return skipParentheses(e.expression);
}

/** Does an `any` chain already run through `e` (so the site is reported at its root)? */
function continuesAnyChain(e: ts.Expression, isAny: (e: ts.Expression) => boolean): boolean {
  const inner = ts.isCallExpression(e) ? skipParentheses(e.expression) : e;
  if (!isMemberAccess(inner)) return false;
  return isAny(receiverOf(inner));
}

/** The places a parameter is read in its function: the member access on it, or the identifier; a destructuring parameter itself. */
function parameterUses(param: ts.ParameterDeclaration, checker: RuleChecker): ts.Node[] {
  if (!ts.isIdentifier(param.name)) return [param];
  const fn = param.parent;
  const symbol = checker.getSymbolAtLocation(param.name);
  const name = param.name.text;
  const out: ts.Node[] = [];
  const body = (fn as { body?: ts.Node }).body;
  if (!body || !symbol) return out;
  walkTree(body, (n) => {
    if (!ts.isIdentifier(n) || n.text !== name || checker.getSymbolAtLocation(n) !== symbol) return;
    const p = n.parent;
    out.push(p && (ts.isPropertyAccessExpression(p) || ts.isElementAccessExpression(p)) && p.expression === n ? p : n);
  });
  return out;
}

// ---- false-positive classes: where the code says no concrete type is lost -----------------

/** Primitives, enums and unions of them: a cast of one loses no object shape. */
function isPrimitiveLike(t: ts.Type): boolean {
  if (t.isUnion()) return t.types.every(isPrimitiveLike);
  return (t.flags & (ts.TypeFlags.StringLike | ts.TypeFlags.NumberLike | ts.TypeFlags.BooleanLike | ts.TypeFlags.BigIntLike | ts.TypeFlags.ESSymbolLike | ts.TypeFlags.EnumLike | ts.TypeFlags.Null | ts.TypeFlags.Undefined | ts.TypeFlags.Void)) !== 0;
}

/** The generic a type instantiates (`Exit<A, E>` → Exit), for the variance-cast test. */
function genericOrigin(t: ts.Type): ts.Symbol | undefined {
  if (t.aliasSymbol && t.aliasTypeArguments?.length) return t.aliasSymbol;
  const ref = t as ts.TypeReference;
  if (t.flags & ts.TypeFlags.Object && (t as ts.ObjectType).objectFlags & ts.ObjectFlags.Reference && ref.target !== t && ref.typeArguments?.length) return ref.target.getSymbol();
  return undefined;
}

const GLOBAL_NAMES: ReadonlySet<string> = new Set(['globalThis', 'window', 'global', 'self']);

/** `(globalThis as any)`: the global object, one object. */
function isGlobalObjectCast(e: ts.Expression): boolean {
  const x = skipParentheses(e);
  if (!isAnyKeywordCast(x)) return false;
  const inner = skipParentheses(x.expression);
  return ts.isIdentifier(inner) && GLOBAL_NAMES.has(inner.text);
}

/** Is `d` a `declare const X: any` (an ambient declaration: one object the environment provides)? */
function isAmbientAny(d: ts.VariableDeclaration): boolean {
  if (!d.type || d.type.kind !== ts.SyntaxKind.AnyKeyword) return false;
  // `declare let` may be reassigned: only a constant is always the same object.
  if (!(d.parent.flags & ts.NodeFlags.Const)) return false;
  const stmt = d.parent?.parent;
  return d.getSourceFile().isDeclarationFile || (!!stmt && ts.isVariableStatement(stmt) && (ts.getCombinedModifierFlags(d) & ts.ModifierFlags.Ambient) !== 0);
}

/**
 * Is `recv` `any` only because it is a global: `(globalThis as any).x`, a const initialized
 * from one, or a `declare const X: any`, read through fixed names (`process.cwd()`)? It is the
 * same object every time: one shape, nothing lost.
 */
function isDeclaredAnyGlobal(recv: ts.Expression, checker: RuleChecker, depth = 0): boolean {
  let x = skipParentheses(recv);
  // Through fixed-name property reads: `process.versions.node`, not `rows[i]` or calls.
  while (ts.isPropertyAccessExpression(x) || ts.isNonNullExpression(x)) x = skipParentheses(x.expression);
  if (isGlobalObjectCast(x)) return true;
  if (!ts.isIdentifier(x) || depth > 2) return false;
  const d = checker.getSymbolAtLocation(x)?.valueDeclaration;
  if (!d || !ts.isVariableDeclaration(d)) return false;
  if (isAmbientAny(d)) return true;
  const list = d.parent;
  if (!ts.isVariableDeclarationList(list) || !(list.flags & ts.NodeFlags.Const) || !d.initializer) return false;
  return isDeclaredAnyGlobal(d.initializer, checker, depth + 1);
}

/** Does the chain `node` belongs to read an element above it (`host.rows[i].name`): values that vary? */
function hasElementAccessAbove(node: ts.Expression): boolean {
  for (let cur: ts.Node = node, p = node.parent; p; cur = p, p = p.parent) {
    if (ts.isElementAccessExpression(p) && p.expression === cur) return true;
    if (!((ts.isPropertyAccessExpression(p) || ts.isCallExpression(p) || ts.isNonNullExpression(p) || ts.isParenthesizedExpression(p)) && (p as { expression?: ts.Node }).expression === cur)) return false;
  }
  return false;
}

const KEY_LIST_CALLS: ReadonlySet<string> = new Set(['keys', 'ownKeys', 'getOwnPropertyNames', 'getOwnPropertySymbols', 'apiOwnKeys', 'entries']);

/** `Object.keys(o)`, `Reflect.ownKeys(o)`, `keys(o)`, `o.entries()`: a list of keys of user data. */
function isKeyListCall(e: ts.Expression | undefined): boolean {
  if (!e) return false;
  const x = skipParentheses(e);
  if (!ts.isCallExpression(x)) return false;
  const c = skipParentheses(x.expression);
  const name = ts.isIdentifier(c) ? c.text : ts.isPropertyAccessExpression(c) ? c.name.text : undefined;
  return !!name && KEY_LIST_CALLS.has(name);
}

/** A key list: the call itself, or a `const` initialized with one (`const keys = Object.keys(b)`). */
function isKeyList(e: ts.Expression, checker: RuleChecker): boolean {
  const x = skipParentheses(e);
  if (isKeyListCall(x)) return true;
  if (!ts.isIdentifier(x)) return false;
  const d = checker.getSymbolAtLocation(x)?.valueDeclaration;
  return !!d && ts.isVariableDeclaration(d) && isKeyListCall(d.initializer ?? undefined);
}

/**
 * Is `key` a key taken from a walk over some object's own keys (`for…in`, `for…of
 * Object.keys(o)`, `keys[i]` of such a list, the parameter of `Object.keys(o).forEach(k => …)`,
 * the key of `for (const [k, v] of m.entries())`), or an element of a parameter (`path[i]`: a
 * user-given path)? A read with such a key is a generic walk over user data: no concrete type
 * exists for the receiver.
 */
function isDataWalkKey(key: ts.Expression, checker: RuleChecker): boolean {
  const k = skipParentheses(key);
  if (ts.isElementAccessExpression(k)) {
    const base = skipParentheses(k.expression);
    if (isKeyList(base, checker)) return true;
    const d = ts.isIdentifier(base) ? checker.getSymbolAtLocation(base)?.valueDeclaration : undefined;
    return !!d && ts.isParameter(d);
  }
  if (!ts.isIdentifier(k)) return false;
  const d = checker.getSymbolAtLocation(k)?.valueDeclaration;
  if (!d) return false;
  let decl: ts.Node = d;
  // `const [key, value]` of a for-of: the first element.
  if (ts.isBindingElement(decl)) {
    const pattern = decl.parent;
    if (!ts.isArrayBindingPattern(pattern) || pattern.elements[0] !== decl) return false;
    decl = pattern.parent;
  }
  if (ts.isVariableDeclaration(decl)) {
    const stmt = decl.parent?.parent;
    if (stmt && ts.isForInStatement(stmt)) return true;
    if (stmt && ts.isForOfStatement(stmt)) return isKeyList(stmt.expression, checker) || ts.isArrayBindingPattern(decl.name);
    // `const key = keys[i]`
    if (decl.initializer && ts.isElementAccessExpression(skipParentheses(decl.initializer))) return isKeyList((skipParentheses(decl.initializer) as ts.ElementAccessExpression).expression, checker);
    return false;
  }
  if (ts.isParameter(decl)) {
    // `Object.keys(o).forEach((key) => …)`: the first parameter of a callback over a key list.
    const fn = decl.parent;
    if (fn.parameters[0] !== decl) return false;
    const call = fn.parent;
    if (!call || !ts.isCallExpression(call) || !call.arguments.includes(fn as ts.Expression)) return false;
    const callee = skipParentheses(call.expression);
    return ts.isPropertyAccessExpression(callee) && isKeyList(callee.expression, checker);
  }
  return false;
}

export const rule = defineStaticRule({
  meta: {
    id: 'any-boxing',
    name: 'AnyBoxing',
    shortDescription: 'Type information lost in hot code: an object passed into an `any`/`unknown` slot, an `as any` cast, or member access on an `any` receiver inside a loop.',
    fullDescription:
      'Inside loop bodies, callbacks of synchronous array methods, and functions called from a loop of the same file, flags: an object of a concrete type passed to an `any`/`unknown` parameter of a function of the project, assigned to an `any` variable, property or array element, or spread into an `any[]`; an explicit `as any` cast of a concrete value; and a member read or call on an `any` receiver (one finding per chain). TypeScript types are erased, so nothing is boxed at run time: the type no longer documents how many object shapes reach the site, and such sites may be polymorphic (measured on Node 20: free up to 4 shapes, about 10x at 6 shapes, 14x at 8). Catch bindings, compiler error types, primitives and JavaScript files are not flagged; nor are `as any` casts of primitives and enums, variance casts into a slot of the same generic type, reads of a global through `any` by fixed names (`(globalThis as any).process.cwd()`, `declare const X: any`), and computed reads keyed by a walk over an object\'s own keys (`for (const k in o) f(o[k])`): generic utilities over user data have no concrete type to give.',
    defaultLevel: 'note',
    tags: ['performance', 'types', 'polymorphism'],
    precision: 'low',
    helpMarkdown: [
      'TypeScript erases types: `any` costs nothing by itself at run time. But an `any` in hot code means the type no longer says which object shapes reach the site, and that is how polymorphic and megamorphic sites go unnoticed. Measured on Node 20: a loop reading two fields is as fast over `any` objects as over a class while at most 4 shapes flow in, and about 10x slower at 6 shapes (14x at 8).',
      '',
      '**Fix**: give the slot a concrete type (or a generic parameter), and normalize data from loose sources (JSON, external APIs) into one class or factory once, outside the hot loop.',
    ].join('\n'),
  },
  messages: {
    receiver:
      'Member access on an `any` value in {{where}}: the type no longer says which shapes reach this site. Type the value, or normalize it once before the loop.',
    castReceiver:
      '`as any` used for member access in {{where}}: the shapes reaching this site are no longer known. Access the member through a typed interface.',
    cast:
      '`as any` cast of a \'{{type}}\' value in {{where}}: sites that use it may be polymorphic. Use a precise type or a type parameter.',
    param:
      'A \'{{type}}\' object is passed to the {{slot}} parameter of \'{{callee}}\' in {{where}}: reads of it there may be polymorphic. Type the parameter or make it generic.',
    spread:
      '\'{{type}}\' elements are spread into an `{{slot}}` in {{where}}: reads of them may be polymorphic. Give the array a concrete element type.',
    assign:
      'A \'{{type}}\' object is stored into an `{{slot}}` {{target}} in {{where}}: reads of it may be polymorphic. Give the {{target}} a concrete type.',
  },
  create(ctx) {
    // JavaScript has no type information to lose.
    if (ctx.isJavaScript) return {};
    const { checker, project } = ctx;
    prefetchMemberSites(ctx.sourceFile, ctx.checker);
    const hotness = Hotness.of(ctx.sourceFile, checker);
    const looseBySymbol = looseParameterCache(project);
    const singleSignature = (callee: ts.Expression): ts.Signature | undefined => {
      const at = ts.isPropertyAccessExpression(callee) ? callee.name : callee;
      let sym = checker.getSymbolAtLocation(at);
      if (sym && sym.flags & ts.SymbolFlags.Alias) sym = checker.getAliasedSymbol(sym);
      const decls = sym?.declarations;
      if (!decls || decls.length !== 1) return undefined;
      const d = decls[0]!;
      if (!(ts.isFunctionDeclaration(d) || ts.isMethodDeclaration(d)) || !d.body || d.typeParameters) return undefined;
      return checker.getSignatureFromDeclaration(d);
    };
    const looseParameter = (callee: ts.Expression): boolean => {
      // Calls whose callee names no function of the program (`a.b().c()` chains on lib types)
      // are decided by the symbol; the cache spans files.
      return mayHaveLooseParameter(callee, checker, looseBySymbol);
    };
    const whereText = (node: ts.Node): string | undefined => {
      const h = hotness.of(node);
      if (!h || inCatchClause(node)) return undefined;
      return h === 'loop' ? 'a loop' : 'a function called from a loop';
    };
    const typeName = (t: ts.Type) => {
      const s = typeText(t, checker);
      return s.length > 40 ? `${s.slice(0, 39)}…` : s;
    };
    /** Reports a concrete object value `value` flowing into a slot of type `slotType`. */
    const checkFlow = (value: ts.Expression, where: string, report: (type: string, slot: string) => void): void => {
      const v = skipParentheses(value);
      if (isAnyKeywordCast(v)) return; // reported as a cast
      const t = checker.getTypeAtLocation(v);
      if (!isConcreteObject(t, checker)) return;
      report(typeName(t), '');
    };

    // Is this receiver `any`? Chains ask each link twice (as a receiver, and as the receiver of
    // the next link): once per node. Cheap syntactic answers first.
    const anyAt = new Map<ts.Node, boolean>();
    const isAnyAt = (e: ts.Expression): boolean => {
      let known = anyAt.get(e);
      if (known === undefined) {
        known = !certainlyNotAny(e, checker) && isAnyType(checker.getTypeAtLocation(e));
        anyAt.set(e, known);
      }
      return known;
    };
    // Member reads and calls on an `any` receiver: one finding per chain, at its root.
    const member = (node: ts.PropertyAccessExpression | ts.ElementAccessExpression): void => {
        {
          // Stores build the object: the rule is about reads and calls through `any`.
          if (isWriteTarget(node)) return;
          const recv = receiverOf(node);
          if (recv.kind === ts.SyntaxKind.ThisKeyword || recv.kind === ts.SyntaxKind.SuperKeyword) return;
          const where = whereText(node);
          if (!where) return;
          if (!isAnyAt(recv)) return;
          if (continuesAnyChain(recv, isAnyAt)) return;
          // A catch binding is `any` by the language (without useUnknownInCatchVariables).
          if (ts.isIdentifier(recv)) {
            const decl = checker.getSymbolAtLocation(recv)?.valueDeclaration;
            if (decl && ts.isVariableDeclaration(decl) && ts.isCatchClause(decl.parent)) return;
          }
          // A global read through `any` (`(globalThis as any).process`, `declare const X: any`)
          // is one object: nothing is lost, when the chain names fixed properties.
          if (ts.isPropertyAccessExpression(node) && isDeclaredAnyGlobal(recv, checker) && !hasElementAccessAbove(node)) return;
          // A generic walk over user data (`for (const k in o) f(o[k])`): no concrete type exists.
          if (ts.isElementAccessExpression(node) && isDataWalkKey(node.argumentExpression, checker)) return;
          const chain = outermostChain(node);
          const cast = isAnyKeywordCast(recv);
          ctx.report({ node: chain, messageId: cast ? 'castReceiver' : 'receiver', data: { where } });
        }
    };
    const anyCast = (node: ts.AsExpression | ts.TypeAssertion): void => {
        if (isAnyKeywordCast(node)) {
          // Used as a receiver: the member access reports it. `x as any as T` re-types the value.
          const outer = outermostParentheses(node);
          const p = outer.parent;
          if (p && ((isMemberAccess(p) && p.expression === outer) || ts.isAsExpression(p) || ts.isTypeAssertionExpression(p) || ts.isSatisfiesExpression(p))) return;
          const where = whereText(node);
          if (!where) return;
          const t = checker.getTypeAtLocation(node.expression);
          // Nothing to lose when the value was already `any`, `unknown` or an unconstrained `T`.
          if (t.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown)) return;
          if (t.flags & ts.TypeFlags.TypeParameter) {
            const c = checker.getBaseConstraintOfType(t);
            if (!c || c === t || c.flags & (ts.TypeFlags.Unknown | ts.TypeFlags.Any)) return;
          }
          // `key as any` on a string | number, an enum: no object shape involved.
          if (isPrimitiveLike(t)) return;
          // A variance cast: `exit as any` into a slot of the same generic (`Exit<A, E>` for
          // `Exit<unknown, unknown>`) only widens type arguments; the runtime objects are the same.
          const origin = genericOrigin(t);
          if (origin) {
            const slot = checker.getContextualType(outer as ts.Expression);
            // Any member of a union slot (not the first: the order of a union is the checker's).
            if (slot && (slot.isUnion() ? slot.types.some((m) => genericOrigin(m) === origin) : genericOrigin(slot) === origin)) return;
          }
          ctx.report({ node, messageId: 'cast', data: { where, type: typeName(t) } });
        }
    };
    const call = (node: ts.CallExpression | ts.NewExpression): void => {
        {
          const args = node.arguments;
          if (!args || args.length === 0) return;
          // Syntax first: literals, functions and arithmetic are never objects.
          if (!args.some(mayBeObjectArgument)) return;
          const callee = skipParentheses(node.expression);
          const isPush = ts.isCallExpression(node) && ts.isPropertyAccessExpression(callee) && ['push', 'unshift'].includes(callee.name.text);
          const where = whereText(node);
          if (!where) return;
          if (!isPush && !looseParameter(callee)) return;
          // One non-generic declaration: its signature is the one; no overload resolution or inference.
          const sig = singleSignature(callee) ?? checker.getResolvedSignature(node);
          const decl = sig?.getDeclaration();
          // `anyArray.push(x)` stores into an any[]: an element store.
          if (isPush && ts.isPropertyAccessExpression(callee)) {
            const arrType = checker.getTypeAtLocation(callee.expression);
            if (checker.isArrayType(arrType)) {
              const elem = checker.getTypeArguments(arrType as ts.TypeReference)[0];
              if (isLooseSlot(elem)) {
                for (const a of args) {
                  const value = ts.isSpreadElement(a) ? a.expression : a;
                  if (ts.isSpreadElement(a)) {
                    const st = checker.getTypeAtLocation(a.expression);
                    const inner = checker.isArrayType(st) ? checker.getTypeArguments(st as ts.TypeReference)[0] : undefined;
                    if (inner && isConcreteObject(inner, checker)) ctx.report({ node: a, messageId: 'spread', data: { where, type: typeName(inner), slot: checker.typeToString(arrType) } });
                  } else {
                    checkFlow(value, where, (type) => ctx.report({ node: a, messageId: 'assign', data: { where, type, slot: checker.typeToString(arrType), target: 'array' } }));
                  }
                }
              }
              return;
            }
          }
          if (!sig || !decl || !declaredInProject(decl, project)) return;
          // Type guards (`isFunction(x: any): x is Function`) take loose input by design.
          if (checker.getTypePredicateOfSignature(sig)) return;
          const name = ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) ? callee.name.text : 'the callee';
          args.forEach((a, i) => {
            if (ts.isSpreadElement(a)) return;
            const param = sig.parameters[Math.min(i, sig.parameters.length - 1)];
            if (!param) return;
            const pdecl = param.valueDeclaration;
            let pt = checker.getTypeOfSymbol(param);
            if (pdecl && ts.isParameter(pdecl) && pdecl.dotDotDotToken) {
              if (!checker.isArrayType(pt)) return;
              pt = checker.getTypeArguments(pt as ts.TypeReference)[0]!;
            } else if (i >= sig.parameters.length) return;
            if (!isLooseSlot(pt)) return;
            const slot = isAnyType(pt) ? '`any`' : '`unknown`';
            // Site-exact: ICs where the callee reads the parameter confirm that it sees many shapes.
            checkFlow(a, where, (type) => ctx.report({ node: a, messageId: 'param', data: { where, type, slot, callee: name }, confirm: { by: ['ic', 'deopt'], at: pdecl && ts.isParameter(pdecl) ? parameterUses(pdecl, checker) : [a] } }));
          });
        }
    };
    const assignment = (node: ts.BinaryExpression): void => {
        {
          if (node.operatorToken.kind !== ts.SyntaxKind.EqualsToken) return;
          const left = skipParentheses(node.left);
          if (!(ts.isIdentifier(left) || isMemberAccess(left))) return;
          const where = whereText(node);
          if (!where) return;
          const lt = checker.getTypeAtLocation(left);
          if (!isLooseSlot(lt)) return;
          // Writes through an `any` receiver are member accesses on `any`: reported there.
          if (isMemberAccess(left) && isAnyType(checker.getTypeAtLocation(receiverOf(left)))) return;
          const target = ts.isIdentifier(left) ? 'variable' : ts.isElementAccessExpression(left) ? 'element' : 'property';
          checkFlow(node.right, where, (type) => ctx.report({ node: node.right, messageId: 'assign', data: { where, type, slot: isAnyType(lt) ? 'any' : 'unknown', target } }));
        }
    };
    const declaration = (node: ts.VariableDeclaration): void => {
        {
          // Only an explicit annotation is a slot: an inferred `any` comes from the initializer.
          if (!node.initializer || !node.type || (node.type.kind !== ts.SyntaxKind.AnyKeyword && node.type.kind !== ts.SyntaxKind.UnknownKeyword)) return;
          const where = whereText(node);
          if (!where) return;
          const slot = node.type.kind === ts.SyntaxKind.AnyKeyword ? 'any' : 'unknown';
          checkFlow(node.initializer, where, (type) => ctx.report({ node: node.initializer!, messageId: 'assign', data: { where, type, slot, target: 'variable' } }));
        }
    };
    const arrayLiteral = (node: ts.ArrayLiteralExpression): void => {
        {
          // `[...xs]` / `[x]` into an `any[]` (the literal's contextual type), when the literal
          // itself is not passed whole into an `any` slot (reported there).
          if (!node.elements.some((el) => !ts.isOmittedExpression(el) && mayBeObjectArgument(el))) return;
          const where = whereText(node);
          if (!where) return;
          const ct = checker.getContextualType(node);
          if (!ct || !checker.isArrayType(ct)) return;
          const elem = checker.getTypeArguments(ct as ts.TypeReference)[0];
          if (!isLooseSlot(elem)) return;
          for (const el of node.elements) {
            if (ts.isOmittedExpression(el)) continue;
            if (ts.isSpreadElement(el)) {
              const st = checker.getTypeAtLocation(el.expression);
              const inner = checker.isArrayType(st) ? checker.getTypeArguments(st as ts.TypeReference)[0] : undefined;
              if (inner && isConcreteObject(inner, checker)) {
                ctx.report({ node: el, messageId: 'spread', data: { where, type: typeName(inner), slot: checker.typeToString(ct) } });
              }
              continue;
            }
            checkFlow(el, where, (type) => ctx.report({ node: el, messageId: 'assign', data: { where, type, slot: checker.typeToString(ct), target: 'array' } }));
          }
        }
    };
    return {
      [ts.SyntaxKind.PropertyAccessExpression]: member,
      [ts.SyntaxKind.ElementAccessExpression]: member,
      [ts.SyntaxKind.AsExpression]: anyCast,
      [ts.SyntaxKind.TypeAssertionExpression]: anyCast,
      [ts.SyntaxKind.CallExpression]: call,
      [ts.SyntaxKind.NewExpression]: call,
      [ts.SyntaxKind.BinaryExpression]: assignment,
      [ts.SyntaxKind.VariableDeclaration]: declaration,
      [ts.SyntaxKind.ArrayLiteralExpression]: arrayLiteral,
    };
  },
});
