// megamorphic-call-site: a property read or method call whose receiver type admits 5 or more
// distinct object shapes. V8's inline caches keep at most 4 maps per site
// (`max_valid_polymorphic_map_count = 4`); the 5th makes the site megamorphic: a generic
// stub-cache lookup on every access and no inlining of the called method.
import { ts } from 'ts-morph';
import { defineStaticRule } from './types.js';
import { Hotness, isWriteTarget } from './util/hot-sites.js';
import { skipParentheses, walkTree } from '../analyze/ast.js';

const MAX_POLYMORPHIC = 4;
const SHOWN = 4;

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

const hierarchies = new WeakMap<ts.Program, Hierarchy>();

function resolve(sym: ts.Symbol | undefined, checker: ts.TypeChecker): ts.Symbol | undefined {
  if (sym && sym.flags & ts.SymbolFlags.Alias) return checker.getAliasedSymbol(sym);
  return sym;
}

function hierarchy(program: ts.Program, checker: ts.TypeChecker): Hierarchy {
  let h = hierarchies.get(program);
  if (h) return h;
  h = { classesOf: new Map(), interfacesOf: new Map() };
  const { classesOf, interfacesOf } = h;
  const visit = (node: ts.Node): boolean => {
    if ((ts.isClassDeclaration(node) || ts.isClassExpression(node) || ts.isInterfaceDeclaration(node)) && node.heritageClauses) {
      for (const clause of node.heritageClauses) {
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
    // Classes are statements or expressions; they do not hide inside types.
    return !ts.isTypeNode(node);
  };
  for (const sf of program.getSourceFiles()) {
    if (sf.isDeclarationFile || program.isSourceFileFromExternalLibrary(sf)) continue;
    walkTree(sf, visit);
  }
  hierarchies.set(program, h);
  return h;
}

function isAbstract(decl: ts.ClassLikeDeclaration): boolean {
  return (ts.getCombinedModifierFlags(decl) & ts.ModifierFlags.Abstract) !== 0;
}

/** Concrete classes of the program that implement or extend `sym`, transitively. */
function implementers(sym: ts.Symbol, program: ts.Program, checker: ts.TypeChecker): ts.ClassLikeDeclaration[] {
  const h = hierarchy(program, checker);
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

const NON_OBJECT =
  ts.TypeFlags.StringLike | ts.TypeFlags.NumberLike | ts.TypeFlags.BooleanLike | ts.TypeFlags.BigIntLike |
  ts.TypeFlags.ESSymbolLike | ts.TypeFlags.EnumLike | ts.TypeFlags.Null | ts.TypeFlags.Undefined |
  ts.TypeFlags.Void | ts.TypeFlags.Never | ts.TypeFlags.NonPrimitive;

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
function shapesOf(type: ts.Type, isCall: boolean, ctx: { program: ts.Program; checker: ts.TypeChecker }): ShapeCount | undefined {
  const { checker } = ctx;
  const shapes = new Map<string, Shape>();
  let via: string | undefined;
  const add = (t: ts.Type, depth: number): boolean => {
    if (t.flags & ts.TypeFlags.TypeParameter) {
      const c = checker.getBaseConstraintOfType(t);
      // An unconstrained T says nothing about shapes.
      if (!c || c === t || c.flags & (ts.TypeFlags.Unknown | ts.TypeFlags.Any)) return true;
      return add(c, depth + 1);
    }
    if (t.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown)) return false;
    if (t.flags & NON_OBJECT) return true;
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
        const impls = implementers(sym, ctx.program, checker);
        if (impls.length >= 2) {
          via ??= sym.name;
          for (const c of impls) {
            const name = c.name?.text ?? '(anonymous class)';
            shapes.set(`class:${c.pos}:${c.getSourceFile().fileName}`, { key: name, name });
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
    if (!shapes.has(key)) shapes.set(key, { key, name: displayName(t, props) });
    return true;
  };
  if (!add(type, 0)) return undefined;
  return via ? { shapes: [...shapes.values()], via } : { shapes: [...shapes.values()] };
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

export const rule = defineStaticRule({
  meta: {
    id: 'megamorphic-call-site',
    name: 'MegamorphicCallSite',
    shortDescription: 'A property read or method call whose receiver can take 5 or more object shapes: beyond V8\'s 4-map inline cache limit.',
    fullDescription:
      'In loops, callbacks of synchronous array methods and functions called from a loop of the same file, counts the distinct object shapes the receiver of a property read or method call can have from its type: members of a union with different property sets (object literal types, interfaces, classes), and for a method call on an interface or abstract class, the concrete classes of the program that implement it. V8 keeps at most 4 maps in a polymorphic inline cache (`max_valid_polymorphic_map_count = 4`): with 5 or more the site likely goes megamorphic (generic lookup, no inlining), measured on Node 20 at about 9 to 18x a monomorphic read and about 13x a monomorphic method call. Exactly 4 shapes is a note: one more makes it megamorphic. Primitives, `any`/`unknown` and unconstrained type parameters are not counted; union members with the same properties in the same order count once.',
    defaultLevel: 'note',
    tags: ['performance', 'inline-cache', 'polymorphism'],
    precision: 'medium',
    helpMarkdown: [
      'V8 caches property lookups per site for up to 4 object shapes (maps). A site that sees a 5th goes megamorphic: every access becomes a generic lookup and the called method can no longer be inlined. Measured on Node 20: a read over 5 shapes is about 9x a monomorphic read (18x at 8 shapes), a method call over 5 classes about 13x. The rule counts shapes from the receiver type; V8 decides from what actually flows, so the message says "likely".',
      '',
      '**Fix**: build all variants with the same properties in the same order (one class or one factory, absent fields set to `undefined`), or split the hot site by type (`switch (x.kind)` with one access per case) so each site sees few shapes.',
    ].join('\n'),
  },
  messages: {
    megamorphic:
      'The {{access}} \'{{prop}}\' has a receiver of {{count}} distinct object shapes ({{shapes}}): more than the 4 maps a V8 inline cache keeps (max_valid_polymorphic_map_count = 4), so this site likely goes megamorphic (generic lookup, no inlining; about 9 to 18x a monomorphic access on Node 20). {{fix}}',
    atLimit:
      'The {{access}} \'{{prop}}\' has a receiver of 4 distinct object shapes ({{shapes}}): at the 4-map limit of a V8 inline cache; one more shape makes it megamorphic (about 9x slower per access on Node 20). {{fix}}',
  },
  create(ctx) {
    const hotness = new Hotness(ctx.sourceFile, ctx.checker);
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
        const count = shapesOf(receiverType, isCall, ctx);
        if (!count || count.shapes.length < MAX_POLYMORPHIC) return;
        const n = count.shapes.length;
        const names = count.shapes.slice(0, SHOWN).map((s) => s.name);
        const shapes = `${names.join(', ')}${n > SHOWN ? `, and ${n - SHOWN} more` : ''}`;
        const access = isCall ? 'method call' : 'property read';
        const fix = count.via
          ? `'${count.via}' has ${n} implementing classes in the program: keep this hot call to fewer classes, or dispatch by type before the call so that each call site sees few classes.`
          : 'Give the variants the same properties in the same order (one class or one factory, absent fields set to undefined), or split the site by type (a switch on the discriminant with one access per case).';
        const data = { access, prop: pae.name.text, count: n, shapes: count.via ? `classes implementing ${count.via}: ${shapes}` : shapes, fix };
        if (n === MAX_POLYMORPHIC) ctx.report({ node: pae, messageId: 'atLimit', data, level: 'note' });
        else ctx.report({ node: pae, messageId: 'megamorphic', data });
      },
    };
  },
});
