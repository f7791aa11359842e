// STUB: to be implemented (see docs/rules/accumulating-spread.md).
import type { StaticRule } from './types.js';

export const rule: StaticRule = {
  meta: {
    id: 'accumulating-spread',
    name: 'AccumulatingSpread',
    kind: 'static',
    shortDescription: 'TODO',
    fullDescription: 'TODO',
    defaultLevel: 'error',
    tags: ['performance'],
    precision: 'medium',
    helpMarkdown: 'TODO',
    messages: {},
  },
  visits: [],
  create() {
    return { visit() {} };
  },
};
