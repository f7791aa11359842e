// STUB: to be implemented (see docs/rules/closure-in-loop.md).
import type { StaticRule } from './types.js';

export const rule: StaticRule = {
  meta: {
    id: 'closure-in-loop',
    name: 'ClosureInLoop',
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
