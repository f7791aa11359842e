// STUB: metadata to be completed with the runtime ingestion.
import type { RuntimeRule } from '../types.js';

export const rule: RuntimeRule = {
  meta: {
    id: 'deopt',
    name: 'Deopt',
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
