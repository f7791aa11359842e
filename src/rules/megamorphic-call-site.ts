// megamorphic-call-site: a property read or method call whose receiver type admits 5 or more
// distinct object shapes. V8's inline caches keep at most 4 maps per site
// (`max_valid_polymorphic_map_count = 4`); the 5th makes the site megamorphic: a generic
// stub-cache lookup on every access and no inlining of the called method.
import type { ProjectFiles, RuleChecker } from '../types/checker.js';
import { perSyntax, ts } from '../syntax/ts.js';
import { prefetchMemberSites } from './util/prefetch.js';
import { defineStaticRule } from './types.js';
import { Hotness, isWriteTarget } from './util/hot-sites.js';
import { enclosingFunction, skipParentheses, walkTree } from '../analyze/ast.js';

const MAX_POLYMORPHIC = 4;
const SHOWN = 3;

/** Receivers that are namespaces or singletons: one shape, never worth a checker call. */
const SINGLETON_GLOBALS = new Set([
  'Math', 'JSON', 'Reflect', 'Atomics', 'Intl', 'console', 'process', 'globalThis', 'window', 'document',
  'Object', 'Array', 'Number', 'String', 'Boolean', 'Symbol', 'BigInt', 'Promise', 'Date', 'RegExp', 'Error',
  'Map', 'Set', 'WeakMap', 'WeakSet', 'Buffer', 'module', 'exports', 'require', 'navigator', 'performance',
]);

interface Shape {
  key: string;
  name: string;
}

// ---- implementing classes: one syntactic scan of the program, on first need -------------

interface Hierarchy {
  /** Classes whose `extends`/`implements` names the symbol. */
  classesOf: Map<ts.Symbol, ts.ClassLikeDeclaration[]>;
  /** Interfaces whose `extends` names the symbol. */
  interfacesOf: Map<ts.Symbol, ts.InterfaceDeclaration[]>;
}

const hierarchies = new WeakMap<ProjectFiles, Hierarchy>();

function resolve(sym: ts.Symbol | undefined, checker: RuleChecker): ts.Symbol | undefined {
  if (sym && sym.flags & ts.SymbolFlags.Alias) return checker.getAliasedSymbol(sym);
  return sym;
}

function hierarchy(project: ProjectFiles, checker: RuleChecker): Hierarchy {
  let h = hierarchies.get(project);
  if (h) return h;
  h = { classesOf: new Map(), interfacesOf: new Map() };
  const { classesOf, interfacesOf } = h;
  // One walk of the program for the declarations with heritage clauses, in document order.
  // Classes are statements or expressions; they do not hide inside types.
  const decls: Array<ts.ClassLikeDeclaration | ts.InterfaceDeclaration> = [];
  for (const sf of project.sourceFiles()) {
    walkTree(sf, (node) => {
      if ((ts.isClassDeclaration(node) || ts.isClassExpression(node) || ts.isInterfaceDeclaration(node)) && node.heritageClauses) decls.push(node);
      return !ts.isTypeNode(node);
    });
  }
  if (checker.batches) {
    // One batch for every heritage clause of the program (tsgo), before they are asked one by one.
    const names: ts.Node[] = [];
    for (const node of decls) {
      for (const clause of node.heritageClauses!) for (const t of clause.types) names.push(t.expression);
      if (node.name) names.push(node.name);
    }
    checker.prefetchSymbols(names);
  }
  for (const node of decls) {
    for (const clause of node.heritageClauses!) {
      for (const t of clause.types) {
        const sym = resolve(checker.getSymbolAtLocation(t.expression), checker);
        if (!sym) continue;
        if (ts.isInterfaceDeclaration(node)) {
          const list = interfacesOf.get(sym) ?? [];
          list.push(node);
          interfacesOf.set(sym, list);
        } else {
          const list = classesOf.get(sym) ?? [];
          list.push(node);
          classesOf.set(sym, list);
        }
      }
    }
  }
  hierarchies.set(project, h);
  return h;
}

function isAbstract(decl: ts.ClassLikeDeclaration): boolean {
  return (ts.getCombinedModifierFlags(decl) & ts.ModifierFlags.Abstract) !== 0;
}

/** Concrete classes of the program that implement or extend `sym`, transitively. */
function implementers(sym: ts.Symbol, project: ProjectFiles, checker: RuleChecker): ts.ClassLikeDeclaration[] {
  const h = hierarchy(project, checker);
  const seen = new Set<ts.Symbol>([sym]);
  const out = new Set<ts.ClassLikeDeclaration>();
  const queue: ts.Symbol[] = [sym];
  while (queue.length > 0) {
    const s = queue.pop()!;
    for (const c of h.classesOf.get(s) ?? []) {
      if (!isAbstract(c)) out.add(c);
      const cs = c.name ? checker.getSymbolAtLocation(c.name) : (c as { symbol?: ts.Symbol }).symbol;
      if (cs && !seen.has(cs)) {
        seen.add(cs);
        queue.push(cs);
      }
    }
    for (const i of h.interfacesOf.get(s) ?? []) {
      const is = checker.getSymbolAtLocation(i.name);
      if (is && !seen.has(is)) {
        seen.add(is);
        queue.push(is);
      }
    }
  }
  return [...out];
}

// ---- shapes of a type ---------------------------------------------------------------------

const NON_OBJECT = perSyntax(() =>
  ts.TypeFlags.StringLike | ts.TypeFlags.NumberLike | ts.TypeFlags.BooleanLike | ts.TypeFlags.BigIntLike |
  ts.TypeFlags.ESSymbolLike | ts.TypeFlags.EnumLike | ts.TypeFlags.Null | ts.TypeFlags.Undefined |
  ts.TypeFlags.Void | ts.TypeFlags.Never | ts.TypeFlags.NonPrimitive);

function displayName(t: ts.Type, props: readonly ts.Symbol[]): string {
  const alias = t.aliasSymbol?.name;
  if (alias) return alias;
  const sym = t.getSymbol();
  if (sym && sym.name !== '__type' && sym.name !== '__object' && !sym.name.startsWith('__')) return sym.name;
  const names = props.slice(0, 3).map((p) => p.name);
  return `{ ${names.join(', ')}${props.length > 3 ? ', …' : ''} }`;
}

interface ShapeCount {
  shapes: Shape[];
  /** The shapes are classes implementing an interface or abstract class named here. */
  via?: string;
}

/**
 * The distinct object shapes a receiver of type `type` can have, or undefined when the type
 * says nothing (any, unknown, unconstrained type parameter). Primitives are not counted.
 */
/**
 * The declaration of method `prop` that instances of class `c` run: its own, else the one it
 * inherits. Subclasses that inherit one method call the same code: they count once.
 */
function methodDeclarationOf(c: ts.ClassLikeDeclaration, prop: string, checker: RuleChecker): ts.Node | undefined {
  const sym = c.name ? checker.getSymbolAtLocation(c.name) : (c as { symbol?: ts.Symbol }).symbol;
  if (!sym) return undefined;
  const member = checker.getDeclaredTypeOfSymbol(sym).getProperty(prop);
  return member?.declarations?.find((d) => !ts.isPropertySignature(d) && !ts.isMethodSignature(d) && !(ts.isMethodDeclaration(d) && !d.body));
}

function shapesOf(type: ts.Type, prop: string | undefined, ctx: { project: ProjectFiles; checker: RuleChecker }): ShapeCount | undefined {
  const isCall = prop !== undefined;
  const { checker } = ctx;
  const shapes = new Map<string, Shape>();
  let via: string | undefined;
  /** One shape per key; of the types that share it, the name that sorts first (not the first met: union order is the checker's). */
  const put = (key: string, name: string): void => {
    const had = shapes.get(key);
    if (!had || byName(name, had.name) < 0) shapes.set(key, { key, name });
  };
  const add = (t: ts.Type, depth: number): boolean => {
    if (t.flags & ts.TypeFlags.TypeParameter) {
      const c = checker.getBaseConstraintOfType(t);
      // An unconstrained T says nothing about shapes.
      if (!c || c === t || c.flags & (ts.TypeFlags.Unknown | ts.TypeFlags.Any)) return true;
      return add(c, depth + 1);
    }
    if (t.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown)) return false;
    if (t.flags & NON_OBJECT()) return true;
    if (t.isUnion()) {
      for (const m of t.types) if (!add(m, depth + 1)) return false;
      return true;
    }
    if (!(t.flags & (ts.TypeFlags.Object | ts.TypeFlags.Intersection))) return true;
    const sym = t.getSymbol();
    if (sym && sym.flags & (ts.SymbolFlags.Class | ts.SymbolFlags.Interface) && isCall && depth < 4) {
      // A method call on an interface or an abstract class: the classes that implement it.
      const decl = sym.declarations?.find((d) => ts.isClassLike(d) || ts.isInterfaceDeclaration(d));
      const abstractOrInterface = decl && (ts.isInterfaceDeclaration(decl) || (ts.isClassLike(decl) && isAbstract(decl)));
      if (abstractOrInterface) {
        const impls = implementers(sym, ctx.project, checker);
        if (impls.length >= 2) {
          via ??= sym.name;
          for (const c of impls) {
            const name = c.name?.text ?? '(anonymous class)';
            // Count the classes that declare the method; a subclass inheriting it runs the same code.
            const m = methodDeclarationOf(c, prop!, checker);
            const at = m ?? c;
            const key = `method:${at.pos}:${at.getSourceFile().fileName}`;
            put(key, name);
          }
          return true;
        }
      }
    }
    if (sym && sym.flags & ts.SymbolFlags.Class) {
      const decl = sym.declarations?.[0];
      shapes.set(`class:${decl ? `${decl.pos}:${decl.getSourceFile().fileName}` : sym.name}`, { key: sym.name, name: sym.name });
      return true;
    }
    if (checker.isArrayType(t) || checker.isTupleType(t)) {
      shapes.set('array', { key: 'array', name: 'Array' });
      return true;
    }
    const props = checker.getPropertiesOfType(t);
    if (props.length === 0 && t.getCallSignatures().length > 0) {
      shapes.set('function', { key: 'function', name: 'function' });
      return true;
    }
    // Same property names in the same order: the same hidden class when built the same way.
    const key = `props:${props.map((p) => p.name).join(',')}`;
    put(key, displayName(t, props));
    return true;
  };
  if (!add(type, 0)) return undefined;
  return via ? { shapes: [...shapes.values()], via } : { shapes: [...shapes.values()] };
}

function byName(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Cheap syntactic reasons to leave a receiver alone without asking the checker. */
function obviouslySingleShape(receiver: ts.Expression): boolean {
  const r = skipParentheses(receiver);
  switch (r.kind) {
    case ts.SyntaxKind.SuperKeyword:
    case ts.SyntaxKind.StringLiteral:
    case ts.SyntaxKind.NoSubstitutionTemplateLiteral:
    case ts.SyntaxKind.TemplateExpression:
    case ts.SyntaxKind.NumericLiteral:
    case ts.SyntaxKind.ArrayLiteralExpression:
    case ts.SyntaxKind.ObjectLiteralExpression:
    case ts.SyntaxKind.NewExpression:
    case ts.SyntaxKind.RegularExpressionLiteral:
    case ts.SyntaxKind.MetaProperty:
      return true;
    case ts.SyntaxKind.Identifier:
      return SINGLETON_GLOBALS.has((r as ts.Identifier).text);
    case ts.SyntaxKind.ThisKeyword: {
      // `this` in a concrete class is that class (subclasses aside); in an abstract one it may be many.
      for (let p = r.parent; p; p = p.parent) {
        if (ts.isClassLike(p)) return !isAbstract(p);
        if (ts.isFunctionDeclaration(p) || ts.isFunctionExpression(p)) return false;
      }
      return true;
    }
    default:
      return false;
  }
}

/**
 * A stable text for receivers that name the same value throughout a function (`def`,
 * `this.node`, `a.b.c`): reads of one such receiver are one finding. Calls and element reads
 * with computed keys may name a different value each time: not grouped.
 */
function receiverKey(e: ts.Expression): string | undefined {
  const r = skipParentheses(e);
  if (ts.isIdentifier(r)) return r.text;
  if (r.kind === ts.SyntaxKind.ThisKeyword) return 'this';
  if (ts.isPropertyAccessExpression(r) && !ts.isPrivateIdentifier(r.name)) {
    const base = receiverKey(r.expression);
    return base === undefined ? undefined : `${base}.${r.name.text}`;
  }
  if (ts.isNonNullExpression(r)) return receiverKey(r.expression);
  return undefined;
}

interface Site {
  node: ts.PropertyAccessExpression;
  data: Record<string, string | number>;
  group: string | undefined;
}

export const rule = defineStaticRule({
  meta: {
    id: 'megamorphic-call-site',
    name: 'MegamorphicCallSite',
    shortDescription: 'A property read or method call whose receiver can take 5 or more object shapes: beyond V8\'s 4-map inline cache limit.',
    fullDescription:
      'In loops, callbacks of synchronous array methods and functions called from a loop of the same file, counts the distinct object shapes the receiver of a property read or method call can have from its type: members of a union with different property sets (object literal types, interfaces, classes), and for a method call on an interface or abstract class, the concrete classes of the program that declare the called method (subclasses that inherit it run the same code and count once). V8 keeps at most 4 maps in a polymorphic inline cache (`max_valid_polymorphic_map_count = 4`): with 5 or more the site likely goes megamorphic (generic lookup, no inlining), measured on Node 20 at about 9 to 18x a monomorphic read and about 13x a monomorphic method call; 2 to 4 shapes cost 1.0 to 1.5x and are not reported. One finding per receiver and function: further reads of the same receiver (`def.type === "a" || def.type === "b"`) are counted in its message. Primitives, `any`/`unknown` and unconstrained type parameters are not counted; union members with the same properties in the same order count once. JavaScript files are not type-checked and not analysed.',
    defaultLevel: 'note',
    tags: ['performance', 'inline-cache', 'polymorphism'],
    precision: 'medium',
    helpMarkdown: [
      'V8 caches property lookups per site for up to 4 object shapes (maps). A site that sees a 5th goes megamorphic: every access becomes a generic lookup and the called method can no longer be inlined. Measured on Node 20: a read over 5 shapes is about 9x a monomorphic read (18x at 8 shapes), a method call over 5 classes about 13x; 2 to 4 shapes cost 1.0 to 1.5x, so they are not reported. The rule counts shapes from the receiver type; V8 decides from what actually flows, so the message says "likely". Reads of the same receiver in one function are one finding, at the first read; the message says how many more there are.',
      '',
      '**Fix**: build all variants with the same properties in the same order (one class or one factory, absent fields set to `undefined`), or split the hot site by type (`switch (x.kind)` with one access per case) so each site sees few shapes.',
    ].join('\n'),
  },
  messages: {
    megamorphic:
      '`{{text}}` reads a receiver of {{count}} object shapes ({{shapes}}){{more}}: likely megamorphic (V8 caches 4). Give the variants one shape, or switch on the kind once.',
    classes:
      '`{{text}}` calls a method declared by {{count}} classes implementing {{via}} ({{shapes}}){{more}}: likely megamorphic (V8 caches 4). Dispatch by type before the hot path.',
  },
  create(ctx) {
    // JavaScript is read, not type-checked: shapes come from types.
    if (ctx.isJavaScript) return {};
    const hotness = Hotness.of(ctx.sourceFile, ctx.checker);
    prefetchMemberSites(ctx.sourceFile, ctx.checker);
    const sites: Site[] = [];
    return {
      [ts.SyntaxKind.PropertyAccessExpression](pae) {
        if (ts.isPrivateIdentifier(pae.name)) return; // #x: only instances of one class
        if (pae.parent && ts.isExpressionWithTypeArguments(pae.parent)) return; // `extends a.B`
        if (obviouslySingleShape(pae.expression)) return;
        // Stores have their own inline caches, but the rule is about reads and calls.
        if (isWriteTarget(pae)) return;
        // Only sites that run repeatedly matter, and asking the checker everywhere would cost
        // a large part of a full type check: loops, array callbacks, functions called from loops.
        if (!hotness.of(pae)) return;
        const isCall = !!pae.parent && ts.isCallExpression(pae.parent) && pae.parent.expression === pae;
        const receiverType = ctx.checker.getTypeAtLocation(pae.expression);
        const count = shapesOf(receiverType, isCall ? pae.name.text : undefined, ctx);
        // 2 to 4 shapes cost 1.0 to 1.5x a monomorphic site: nothing to act on.
        if (!count || count.shapes.length <= MAX_POLYMORPHIC) return;
        const n = count.shapes.length;
        // By name: the order of a union's members is the checker's (TypeScript 6 and 7 differ).
        const names = count.shapes.map((s) => s.name).sort(byName).slice(0, SHOWN);
        const shapes = `${names.join(', ')}${n > SHOWN ? `, ${n - SHOWN} more` : ''}`;
        const recvText = pae.expression.getText(ctx.sourceFile).replace(/\s+/g, ' ');
        const text = `${recvText.length > 30 ? `${recvText.slice(0, 29)}…` : recvText}.${pae.name.text}`;
        const key = receiverKey(pae.expression);
        const fn = enclosingFunction(pae);
        const group = key === undefined ? undefined : `${fn ? fn.pos : -1}:${key}`;
        sites.push({ node: pae, data: count.via ? { text, count: n, shapes, via: count.via } : { text, count: n, shapes }, group });
      },
      end() {
        const groups = new Map<string, Site[]>();
        const order: Site[][] = [];
        for (const s of sites) {
          if (s.group === undefined) {
            order.push([s]);
            continue;
          }
          let g = groups.get(s.group);
          if (!g) {
            g = [];
            groups.set(s.group, g);
            order.push(g);
          }
          g.push(s);
        }
        for (const g of order) {
          const first = g[0]!;
          const rest = g.length - 1;
          const recv = skipParentheses(first.node.expression).getText(ctx.sourceFile).replace(/\s+/g, ' ');
          const more = rest === 0 ? '' : `, as do ${rest} more read${rest === 1 ? '' : 's'} of \`${recv}\` here`;
          // Evidence at any read of the group confirms it: they are the same receiver.
          ctx.report({ node: first.node, messageId: first.data.via ? 'classes' : 'megamorphic', data: { ...first.data, more }, confirm: { by: ['ic', 'deopt'], at: g.map((s) => s.node) } });
        }
      },
    };
  },
});
