// STUB: to be implemented (see docs/rules/any-boxing.md).
import type { StaticRule } from './types.js';

export const rule: StaticRule = {
  meta: {
    id: 'any-boxing',
    name: 'AnyBoxing',
    kind: 'static',
    shortDescription: 'TODO',
    fullDescription: 'TODO',
    defaultLevel: 'note',
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
