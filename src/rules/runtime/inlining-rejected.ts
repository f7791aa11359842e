// STUB: metadata to be completed with the runtime ingestion.
import type { RuntimeRule } from '../types.js';

export const rule: RuntimeRule = {
  meta: {
    id: 'inlining-rejected',
    name: 'InliningRejected',
    kind: 'runtime',
    shortDescription: 'TODO',
    fullDescription: 'TODO',
    defaultLevel: 'note',
    tags: ['performance', 'runtime'],
    precision: 'medium',
    helpMarkdown: 'TODO',
    messages: {},
  },
};
