// STUB: metadata to be completed with the runtime ingestion.
import type { RuntimeRule } from '../types.js';

export const rule: RuntimeRule = {
  meta: {
    id: 'deopt-loop',
    name: 'DeoptLoop',
    kind: 'runtime',
    shortDescription: 'TODO',
    fullDescription: 'TODO',
    defaultLevel: 'error',
    tags: ['performance', 'runtime'],
    precision: 'medium',
    helpMarkdown: 'TODO',
    messages: {},
  },
};
