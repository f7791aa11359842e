// The RuleChecker of the tsgo engine: TypeScript 7's checker behind objects shaped like the
// TypeScript 6 ones the rules read (members in TYPE_MEMBERS of ../checker.ts), over the nodes the
// server sent (declarations resolved from their handles). Types, symbols and signatures are interned by their
// server ids, so identity comparisons in rules (`c === t`, `sym !== symbol`) keep their meaning.
//
// Failure policy: the API is unstable and the server can panic on a query (on effect 4.1.0,
// 3 of 79,019 getTypeAtLocation calls: "interface conversion: checker.TypeData is
// *checker.TypeReference, not *checker.TupleType"). A failed batch is split until the failing
// nodes are alone; each failing query answers "nothing known" (an error type, no symbol), so the
// rule skips that site, and is counted: one note per run says how many sites were skipped.
import { ts } from '../../syntax/ts.js';
import type { Timing } from '../../analyze/timing.js';
import type { RuleChecker } from '../checker.js';
import type * as Sync from 'typescript7/unstable/sync';

type Remote = typeof import('typescript7/unstable/sync');
type Node7 = import('typescript7/unstable/ast').Node;
/** The members of the server's type objects (TypeObject in the API) read here. */
interface RemoteType extends Sync.Type {
  objectFlags: number;
  symbol: number;
  aliasSymbol: number;
  aliasTypeArguments: readonly number[];
  target: number;
  getTypes(): readonly Sync.Type[] | undefined;
  getSymbol(): Sync.Symbol | undefined;
  getAliasSymbol(): Sync.Symbol | undefined;
  getAliasTypeArguments(): readonly Sync.Type[];
  getTarget(): Sync.Type;
}

/** Nodes the rules hold, as the server knows them, and back. */
export interface NodeResolver {
  toRemote(node: ts.Node): Node7 | undefined;
  fromHandle(handle: Sync.NodeHandle): ts.Node | undefined;
}

export interface FacadeDeps {
  mod: Remote;
  checker: Sync.Checker;
  nodes: NodeResolver;
  timing: Timing;
  typeFlags: (f: number) => number;
  objectFlags: (f: number) => number;
  symbolFlags: (f: number) => number;
  /** TypeScript 6 SymbolFlags → TypeScript 7 (for resolveName-like calls; unused today). */
}

const BATCH = 2000;
const IMPORT_QUALIFIER = /import\("(?:[^"\\]|\\.)*"\)\./g;

export class QueryStats {
  queries = 0;
  /** Queries by checker method (shown by --timing). */
  readonly byMethod = new Map<string, number>();
  batches = 0;
  failed = 0;
  firstError: string | undefined;
}

/** What a failed type query answers: a type with no flags, members or signatures. */
const UNKNOWN_TYPE = {
  flags: 0,
  objectFlags: 0,
  isUnion: () => false,
  isIntersection: () => false,
  getSymbol: () => undefined,
  getCallSignatures: () => [],
  getConstructSignatures: () => [],
  getProperty: () => undefined,
  getProperties: () => [],
  intrinsicName: 'error',
} as unknown as ts.Type;

export function createTsgoChecker(d: FacadeDeps, stats: QueryStats): RuleChecker {
  const { mod, checker: c7, nodes, timing } = d;
  const types = new Map<number, ts.Type>();
  const symbols = new Map<number, ts.Symbol>();
  const signatures = new Map<number, ts.Signature>();
  const typeAt = new Map<ts.Node, ts.Type>();
  const symbolAt = new Map<ts.Node, ts.Symbol | undefined>();
  const remoteOf = new WeakMap<object, Sync.Type | Sync.Symbol | Sync.Signature>();

  const fail = (e: unknown): void => {
    stats.failed++;
    stats.firstError ??= (e instanceof Error ? e.message : String(e)).split('\n')[0];
  };
  /** One server call: counted, timed, and never thrown through a rule. */
  const ask = <T>(method: string, fn: () => T, fallback: T): T => {
    stats.queries++;
    stats.byMethod.set(method, (stats.byMethod.get(method) ?? 0) + 1);
    try {
      return timing.measure('tsgo: queries', fn);
    } catch (e) {
      fail(e);
      return fallback;
    }
  };

  const wrapType = (t0: Sync.Type | undefined): ts.Type | undefined => {
    if (!t0) return undefined;
    const t = t0 as RemoteType;
    let w = types.get(t.id);
    if (w) return w;
    const flags = d.typeFlags(t.flags);
    const self: Record<string, unknown> = {
      flags,
      objectFlags: d.objectFlags(t.objectFlags ?? 0),
      intrinsicName: (t as { intrinsicName?: string }).intrinsicName,
      isUnion: () => (flags & ts.TypeFlags.Union) !== 0,
      isIntersection: () => (flags & ts.TypeFlags.Intersection) !== 0,
      isStringLiteral: () => (flags & ts.TypeFlags.StringLiteral) !== 0,
      isNumberLiteral: () => (flags & ts.TypeFlags.NumberLiteral) !== 0,
      isLiteral: () => (flags & (ts.TypeFlags.StringLiteral | ts.TypeFlags.NumberLiteral | ts.TypeFlags.BigIntLiteral)) !== 0,
      isTypeParameter: () => (flags & ts.TypeFlags.TypeParameter) !== 0,
      value: (t as { value?: unknown }).value,
      getCallSignatures: () => remember(self, 'call', () => signaturesOf(t, mod.SignatureKind.Call)),
      getConstructSignatures: () => remember(self, 'construct', () => signaturesOf(t, mod.SignatureKind.Construct)),
      getProperty: (name: string) => remember(self, `property:${name}`, () => wrapSymbol(ask('getPropertyOfType', () => c7.getPropertyOfType(t, name), undefined))),
      getProperties: () => remember(self, 'getPropertiesOfType', () => ask('getPropertiesOfType', () => c7.getPropertiesOfType(t), []).map((s) => wrapSymbol(s)!)),
      getSymbol: () => self['symbol'],
    };
    lazy(self, 'types', () => (flags & (ts.TypeFlags.Union | ts.TypeFlags.Intersection) ? ask('getTypes', () => t.getTypes() ?? [], [] as readonly Sync.Type[]).map((m) => wrapType(m)!) : undefined));
    lazy(self, 'symbol', () => (t.symbol ? wrapSymbol(ask('getSymbol', () => t.getSymbol(), undefined)) : undefined));
    lazy(self, 'aliasSymbol', () => (t.aliasSymbol ? wrapSymbol(ask('getAliasSymbol', () => t.getAliasSymbol(), undefined)) : undefined));
    lazy(self, 'aliasTypeArguments', () => (t.aliasTypeArguments?.length ? ask('getAliasTypeArguments', () => t.getAliasTypeArguments(), []).map((m) => wrapType(m)!) : undefined));
    lazy(self, 'target', () => (t.target ? wrapType(ask('getTarget', () => t.getTarget(), undefined)) : undefined));
    lazy(self, 'typeArguments', () => (self['objectFlags'] as number) & ts.ObjectFlags.Reference ? ask('getTypeArguments', () => c7.getTypeArguments(t as Sync.TypeReference), []).map((m) => wrapType(m)!) : undefined);
    w = self as unknown as ts.Type;
    types.set(t.id, w);
    remoteOf.set(w, t);
    return w;
  };
  const signaturesOf = (t: Sync.Type, kind: Sync.SignatureKind): ts.Signature[] =>
    ask('getSignaturesOfType', () => c7.getSignaturesOfType(t, kind), []).map((s) => wrapSignature(s)!);

  const wrapSymbol = (s: Sync.Symbol | undefined): ts.Symbol | undefined => {
    if (!s) return undefined;
    let w = symbols.get(s.id);
    if (w) return w;
    const self: Record<string, unknown> = {
      flags: d.symbolFlags(s.flags),
      name: s.name,
      escapedName: s.escapedName,
      getName: () => s.name,
    };
    lazy(self, 'declarations', () => (s.declarations.length ? s.declarations.map((h) => nodes.fromHandle(h)).filter((n): n is ts.Node => !!n) : undefined));
    lazy(self, 'valueDeclaration', () => (s.valueDeclaration ? nodes.fromHandle(s.valueDeclaration) : undefined));
    w = self as unknown as ts.Symbol;
    symbols.set(s.id, w);
    remoteOf.set(w, s);
    return w;
  };

  const wrapSignature = (s: Sync.Signature | undefined): ts.Signature | undefined => {
    if (!s) return undefined;
    let w = signatures.get(s.id);
    if (w) return w;
    const self: Record<string, unknown> = {
      getDeclaration: () => (s.declaration ? nodes.fromHandle(s.declaration) : undefined),
    };
    lazy(self, 'parameters', () => ask('getParameters', () => s.getParameters(), []).map((p) => wrapSymbol(p)!));
    w = self as unknown as ts.Signature;
    signatures.set(s.id, w);
    remoteOf.set(w, s);
    return w;
  };

  const remoteType = (t: ts.Type): Sync.Type | undefined => remoteOf.get(t) as Sync.Type | undefined;
  const remoteSymbol = (s: ts.Symbol): Sync.Symbol | undefined => remoteOf.get(s) as Sync.Symbol | undefined;
  const remoteSignature = (s: ts.Signature): Sync.Signature | undefined => remoteOf.get(s) as Sync.Signature | undefined;
  /** A type question on a type: the error type's answers when the type is the failed-query stand-in. */
  // Answers about a type are the same every time it is asked (types are interned by id): kept per
  // type and question. Rules ask the same few types over and over (a union of 20 classes at every
  // site that reads it): one round trip each, not one per site.
  const answers = new WeakMap<object, Map<string, unknown>>();
  const remember = <T>(o: object, key: string, get: () => T): T => {
    let m = answers.get(o);
    if (!m) answers.set(o, (m = new Map()));
    if (m.has(key)) return m.get(key) as T;
    const v = get();
    m.set(key, v);
    return v;
  };
  const onType = <T>(method: string, t: ts.Type, fn: (r: Sync.Type) => T, fallback: T): T => {
    const r = remoteType(t);
    return r ? remember(t, method, () => ask(method, () => fn(r), fallback)) : fallback;
  };
  // isArrayType and isTupleType read only a type reference's target (TypeScript's definitions:
  // Reference in the object flags, then the target is Array/ReadonlyArray, or a tuple target):
  // false without a round trip for other types, and asked once per target (every `T[]` shares
  // Array's). On effect 4.1.0: 5,388 round trips, 0.85 s, before this.
  const answerOfTarget = new Map<string, boolean>();
  const byTarget = (method: string, t: ts.Type, fn: (r: Sync.Type) => boolean): boolean => {
    const r = remoteType(t) as RemoteType | undefined;
    if (!r || !(r.flags & ts.TypeFlags.Object) || !((r.objectFlags ?? 0) & ts.ObjectFlags.Reference) || !r.target) return false;
    const key = `${method}:${r.target}`;
    let v = answerOfTarget.get(key);
    if (v === undefined) answerOfTarget.set(key, (v = ask(method, () => fn(r), false)));
    return v;
  };
  const node7 = (n: ts.Node) => nodes.toRemote(n);

  /**
   * Asks `batchFn` for many nodes at once; a failing batch is halved until each failure is alone.
   * `one` answers a failing single node.
   */
  const batched = <R>(method: string, list: readonly ts.Node[], batchFn: (ns: Node7[]) => R[], store: (n: ts.Node, r: R | undefined) => void): void => {
    const pairs: Array<[ts.Node, Node7]> = [];
    for (const n of list) {
      const r = node7(n);
      if (r) pairs.push([n, r]);
      else store(n, undefined);
    }
    const run = (part: Array<[ts.Node, Node7]>): void => {
      if (part.length === 0) return;
      stats.batches++;
      stats.queries += part.length;
      stats.byMethod.set(method, (stats.byMethod.get(method) ?? 0) + part.length);
      try {
        const out = timing.measure('tsgo: queries', () => batchFn(part.map((p) => p[1])));
        part.forEach((p, i) => store(p[0], out[i]));
      } catch (e) {
        if (part.length === 1) {
          fail(e);
          store(part[0]![0], undefined);
          return;
        }
        const mid = part.length >> 1;
        run(part.slice(0, mid));
        run(part.slice(mid));
      }
    };
    for (let i = 0; i < pairs.length; i += BATCH) run(pairs.slice(i, i + BATCH));
  };

  const facade: RuleChecker = {
    batches: true,
    prefetchTypes(list) {
      const todo = list.filter((n) => !typeAt.has(n));
      batched(
        'getTypeAtLocation',
        todo,
        (ns) => c7.getTypeAtLocation(ns),
        (n, t) => typeAt.set(n, wrapType(t) ?? UNKNOWN_TYPE),
      );
    },
    prefetchSymbols(list) {
      const todo = list.filter((n) => !symbolAt.has(n));
      batched('getSymbolAtLocation', todo, (ns) => c7.getSymbolAtLocation(ns), (n, s) => symbolAt.set(n, wrapSymbol(s)));
    },
    getTypeAtLocation(n) {
      let t = typeAt.get(n);
      if (!t) {
        facade.prefetchTypes([n]);
        t = typeAt.get(n)!;
      }
      return t;
    },
    getSymbolAtLocation(n) {
      if (!symbolAt.has(n)) facade.prefetchSymbols([n]);
      return symbolAt.get(n);
    },
    declarationFiles(s) {
      const r = remoteSymbol(s);
      return r ? r.declarations.map((h) => h.path as string) : (s.declarations ?? []).map((d) => d.getSourceFile().fileName);
    },
    getAliasedSymbol(s) {
      const r = remoteSymbol(s);
      return (r && remember(s, 'getAliasedSymbol', () => wrapSymbol(ask('getAliasedSymbol', () => c7.getAliasedSymbol(r), undefined)))) ?? s;
    },
    getBaseConstraintOfType: (t) => wrapType(onType('getBaseConstraintOfType', t, (r) => c7.getBaseConstraintOfType(r), undefined)),
    getContextualType(n) {
      const r = node7(n);
      return r ? wrapType(ask('getContextualType', () => c7.getContextualType(r as Node7 as never), undefined)) : undefined;
    },
    getDeclaredTypeOfSymbol(s) {
      const r = remoteSymbol(s);
      return (r && remember(s, 'getDeclaredTypeOfSymbol', () => wrapType(ask('getDeclaredTypeOfSymbol', () => c7.getDeclaredTypeOfSymbol(r), undefined)))) ?? UNKNOWN_TYPE;
    },
    getIndexInfosOfType: (t) =>
      onType('getIndexInfosOfType', t, (r) => c7.getIndexInfosOfType(r), []).map((i) => ({ keyType: wrapType(i.keyType as Sync.Type) ?? UNKNOWN_TYPE, type: wrapType(i.valueType as Sync.Type) ?? UNKNOWN_TYPE, isReadonly: !!i.isReadonly }) as unknown as ts.IndexInfo),
    getPropertiesOfType: (t) => remember(t, 'properties', () => onType('getPropertiesOfType', t, (r) => c7.getPropertiesOfType(r), []).map((s) => wrapSymbol(s)!)),
    getResolvedSignature(n) {
      const r = node7(n);
      return r ? wrapSignature(ask('getResolvedSignature', () => c7.getResolvedSignature(r), undefined)) : undefined;
    },
    getShorthandAssignmentValueSymbol(n) {
      const r = n && node7(n);
      return r ? wrapSymbol(ask('getShorthandAssignmentValueSymbol', () => c7.getShorthandAssignmentValueSymbol(r), undefined)) : undefined;
    },
    getSignatureFromDeclaration(n) {
      const r = node7(n);
      return r ? wrapSignature(ask('getSignatureFromDeclaration', () => c7.getSignatureFromDeclaration(r), undefined)) : undefined;
    },
    getTypeArguments: (t) => onType('getTypeArguments', t, (r) => c7.getTypeArguments(r as Sync.TypeReference), []).map((m) => wrapType(m)!),
    getTypeOfSymbol(s) {
      const r = remoteSymbol(s);
      return (r && remember(s, 'getTypeOfSymbol', () => wrapType(ask('getTypeOfSymbol', () => c7.getTypeOfSymbol(r), undefined)))) ?? UNKNOWN_TYPE;
    },
    getTypeOfSymbolAtLocation(s, n) {
      const r = remoteSymbol(s);
      const at = node7(n);
      return (r && at && wrapType(ask('getTypeOfSymbolAtLocation', () => c7.getTypeOfSymbolAtLocation(r, at), undefined))) ?? UNKNOWN_TYPE;
    },
    getTypePredicateOfSignature(s) {
      const r = remoteSignature(s);
      return (r ? ask('getTypePredicateOfSignature', () => c7.getTypePredicateOfSignature(r), undefined) : undefined) as ts.TypePredicate | undefined;
    },
    isArrayLikeType: (t) => onType('isArrayLikeType', t, (r) => c7.isArrayLikeType(r), false),
    isArrayType: (t) => byTarget('isArrayType', t, (r) => c7.isArrayType(r)),
    isTupleType: (t) => byTarget('isTupleType', t, (r) => c7.isTupleType(r)),
    // Printed from nowhere, as the rules ask TypeScript 6 (enclosingDeclaration undefined): TypeScript 7
    // then qualifies declared names as import("/abs/file").Name, where TypeScript 6 prints Name.
    typeToString: (t, _at, flags) => onType(`typeToString:${flags ?? 0}`, t, (r) => c7.typeToString(r, undefined, flags), 'error').replace(IMPORT_QUALIFIER, ''),
  };
  return facade;
}

/** A property computed on first read (most wrapper members are never read: no server call for them). */
function lazy(o: Record<string, unknown>, key: string, get: () => unknown): void {
  Object.defineProperty(o, key, {
    configurable: true,
    enumerable: true,
    get() {
      const v = get();
      Object.defineProperty(o, key, { value: v, enumerable: true });
      return v;
    },
  });
}
