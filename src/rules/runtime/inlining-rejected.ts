// Metadata of the runtime rule `inlining-rejected`; findings come from src/runtime/findings.ts.
import type { RuntimeRule } from '../types.js';

export const rule: RuntimeRule = {
  meta: {
    id: 'inlining-rejected',
    name: 'InliningRejected',
    kind: 'runtime',
    shortDescription: 'V8 refused to inline a hot callee.',
    fullDescription:
      'An optimizing compiler considered inlining the callee at a hot call site and refused, with the reason V8 printed (for example its bytecode exceeds the inlining limit, or optimization is disabled for it). The call stays a real call in optimized code.',
    defaultLevel: 'note',
    tags: ['performance', 'runtime', 'inlining'],
    precision: 'medium',
    helpMarkdown:
      'From `--trace-turbo-inlining` (Turbofan: `Cannot consider … for inlining (reason: …)`; Node 18-24 print a number, `SharedFunctionInfo::Inlineability`, shown here in words) and `--trace-maglev-inlining` (Maglev). `exceeds bytecode limit`: split the function so that the hot path is small (Turbofan inlines functions up to 460 bytes of bytecode). `has optimization disabled`: the callee cannot be optimized at all; find out why (`--trace-opt`). Reported at the call site when a v8.log gives it, else at the callee.' +
      '\n\nSee docs/rules/inlining-rejected.md.',
    messages: {
      default: 'V8 did not inline {{callee}} into {{caller}}: {{reason}}{{tier}}.',
    },
  },
};
