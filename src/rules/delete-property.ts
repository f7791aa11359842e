// STUB: to be implemented (see docs/rules/delete-property.md).
import type { StaticRule } from './types.js';

export const rule: StaticRule = {
  meta: {
    id: 'delete-property',
    name: 'DeleteProperty',
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
