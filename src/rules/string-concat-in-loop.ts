// STUB: to be implemented (see docs/rules/string-concat-in-loop.md).
import type { StaticRule } from './types.js';

export const rule: StaticRule = {
  meta: {
    id: 'string-concat-in-loop',
    name: 'StringConcatInLoop',
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
