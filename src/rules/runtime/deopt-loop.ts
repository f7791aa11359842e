// Metadata of the runtime rule `deopt-loop`; findings come from src/runtime/findings.ts.
import type { RuntimeRule } from '../types.js';

export const rule: RuntimeRule = {
  meta: {
    id: 'deopt-loop',
    name: 'DeoptLoop',
    kind: 'runtime',
    shortDescription: 'A function was deoptimized and re-optimized repeatedly.',
    fullDescription:
      'The same function went through optimize → deoptimize several times (3 by default). Each round costs a compile and time in the interpreter, and V8 eventually stops optimizing the function altogether.',
    defaultLevel: 'error',
    tags: ['performance', 'runtime', 'deoptimization'],
    precision: 'medium',
    helpMarkdown:
      'Counted from the deopts of one function in `--trace-deopt` output or a v8.log (`code-deopt` rows), excluding OSR hand-overs and dependency deopts. Fix the cause of the individual deopts (see the `deopt` findings at the same function): usually a site that sees objects of several shapes or values of several numeric kinds over time.' +
      '\n\nSee docs/rules/deopt-loop.md.',
    messages: {
      default: '{{function}} was deoptimized {{count}} times and optimized again each time ({{reasons}}).',
    },
  },
};
