// megamorphic-ic: an inline cache that went megamorphic (state N) at a property access or call.
import { positionKey } from '../../runtime/model.js';
import { defineRuntimeRule } from '../types.js';
import { functionNameOf } from './words.js';

export const rule = defineRuntimeRule({
  meta: {
    id: 'megamorphic-ic',
    name: 'MegamorphicIc',
    shortDescription: 'An inline cache went megamorphic.',
    fullDescription:
      'The inline cache (IC) at this property access, store or call saw more object shapes (maps) than a polymorphic inline cache holds (4), or, for a keyed access, more than one property name, and went to state N (megamorphic): every execution now takes a generic, much slower lookup, and optimized code cannot specialise the access.',
    defaultLevel: 'warning',
    tags: ['performance', 'runtime', 'inline-caches'],
    precision: 'high',
    helpMarkdown:
      'From `--log-ic` rows in a v8.log (`LoadIC`, `StoreIC`, `KeyedLoadIC`, `KeyedStoreIC`, … with the new state `N`). Give the objects reaching this site one shape (same properties, same order, created by one constructor or factory), split the code path per shape, or use a `Map` for dictionary-like keys.' +
      '\n\nSee docs/rules/megamorphic-ic.md.',
  },
  // Past 4 maps an IC is megamorphic by shapes; with fewer, a keyed IC went megamorphic because
  // it saw many different keys (V8 caches one name per keyed IC): the message says which it was.
  messages: {
    maps: 'This {{what}} went megamorphic: its {{icKind}} saw {{maps}} maps{{keys}}, more than the 4 a polymorphic cache holds: give the objects reaching it one shape.',
    keys: 'This {{what}} went megamorphic: its {{icKind}} saw {{keyCount}} keys on {{maps}} map{{mapsPlural}}{{keys}}: use a Map for keys that vary.',
    gaveUp: 'This {{what}} went megamorphic: its {{icKind}} gave up on specialized handlers ({{maps}} map{{mapsPlural}} logged){{keys}}: give the objects reaching it one shape.',
  },
  check(model, ctx) {
    const seen = new Set<string>();
    for (const ic of model.ics) {
      if (ic.maxState !== 'N' || !ctx.keep(ic.position) || !ic.position.script) continue;
      const k = `${ic.icKind}|${positionKey(ic.position)}`;
      if (seen.has(k)) continue;
      seen.add(k);
      const name = functionNameOf(model, ic.fn);
      const keyed = ic.icKind.startsWith('Keyed');
      const store = ic.icKind.includes('Store');
      const messageId = ic.maps > 4 ? 'maps' : keyed && ic.keys.length > 1 ? 'keys' : 'gaveUp';
      ctx.report({
        at: ic.position,
        // Global loads and stores have no receiver expression: the position names the variable.
        ...(ic.icKind.includes('Global') ? {} : { expression: store ? ('assignment' as const) : ('member' as const) }),
        messageId,
        data: {
          what: keyed ? 'keyed access' : store ? 'property store' : 'property access',
          icKind: ic.icKind,
          maps: ic.maps,
          mapsPlural: ic.maps === 1 ? '' : 's',
          keyCount: ic.keys.length,
          keys: ic.keys.length ? ` (keys: ${ic.keys.slice(0, 4).join(', ')})` : '',
        },
        functionName: name,
        evidence: [{ kind: 'ic', message: `${ic.icKind} ${ic.firstMaxTransition.oldState} → N after ${ic.transitions} transitions`, state: 'N', count: ic.transitions }],
        properties: { icKind: ic.icKind, maps: ic.maps, keys: ic.keys, transitions: ic.transitions },
      });
    }
  },
});
