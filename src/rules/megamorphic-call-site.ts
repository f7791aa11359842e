// STUB: to be implemented (see docs/rules/megamorphic-call-site.md).
import type { StaticRule } from './types.js';

export const rule: StaticRule = {
  meta: {
    id: 'megamorphic-call-site',
    name: 'MegamorphicCallSite',
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
