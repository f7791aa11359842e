// Metadata of the runtime rule `megamorphic-ic`; findings come from src/runtime/findings.ts.
import type { RuntimeRule } from '../types.js';

export const rule: RuntimeRule = {
  meta: {
    id: 'megamorphic-ic',
    name: 'MegamorphicIc',
    kind: 'runtime',
    shortDescription: 'An inline cache went megamorphic.',
    fullDescription:
      'The inline cache (IC) at this property access, store or call saw more object shapes (maps) than a polymorphic inline cache holds (4), or, for a keyed access, more than one property name, and went to state N (megamorphic): every execution now takes a generic, much slower lookup, and optimized code cannot specialise the access.',
    defaultLevel: 'warning',
    tags: ['performance', 'runtime', 'inline-caches'],
    precision: 'high',
    helpMarkdown:
      'From `--log-ic` rows in a v8.log (`LoadIC`, `StoreIC`, `KeyedLoadIC`, `KeyedStoreIC`, … with the new state `N`). Give the objects reaching this site one shape (same properties, same order, created by one constructor or factory), split the code path per shape, or use a `Map` for dictionary-like keys.' +
      '\n\nSee docs/rules/megamorphic-ic.md.',
    messages: {
      default: 'This {{what}} went megamorphic: its {{icKind}} saw {{maps}} maps.',
    },
  },
};
