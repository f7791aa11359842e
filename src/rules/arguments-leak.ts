// STUB: to be implemented (see docs/rules/arguments-leak.md).
import type { StaticRule } from './types.js';

export const rule: StaticRule = {
  meta: {
    id: 'arguments-leak',
    name: 'ArgumentsLeak',
    kind: 'static',
    shortDescription: 'TODO',
    fullDescription: 'TODO',
    defaultLevel: 'warning',
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
