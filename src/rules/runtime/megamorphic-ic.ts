// STUB: metadata to be completed with the runtime ingestion.
import type { RuntimeRule } from '../types.js';

export const rule: RuntimeRule = {
  meta: {
    id: 'megamorphic-ic',
    name: 'MegamorphicIc',
    kind: 'runtime',
    shortDescription: 'TODO',
    fullDescription: 'TODO',
    defaultLevel: 'warning',
    tags: ['performance', 'runtime'],
    precision: 'medium',
    helpMarkdown: 'TODO',
    messages: {},
  },
};
