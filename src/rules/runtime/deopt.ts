// Metadata of the runtime rule `deopt`; findings come from src/runtime/findings.ts.
import type { RuntimeRule } from '../types.js';

export const rule: RuntimeRule = {
  meta: {
    id: 'deopt',
    name: 'Deopt',
    kind: 'runtime',
    shortDescription: 'A function was deoptimized at this site.',
    fullDescription:
      'V8 threw away optimized (Maglev or Turbofan) code for this function because an assumption it compiled in failed here: a map check, a Smi check, missing type feedback. Execution fell back to the interpreter; repeated deopts cost the compile time and the speed of optimized code.',
    defaultLevel: 'warning',
    tags: ['performance', 'runtime', 'deoptimization'],
    precision: 'high',
    helpMarkdown:
      'Captured with `--trace-deopt-verbose` (trace text) or `--log-deopt` (v8.log). V8 compiled the function with assumptions taken from type feedback; the check at this position failed, so V8 *deoptimized*: it discarded the optimized code and resumed in the interpreter.\n\nCommon reasons: `wrong map` (an object of another shape reached the site: create objects with the same properties in the same order, initialise all fields in the constructor), `not a Smi` / `not a Number` (mixed integer/double/other values: keep one numeric kind), `Insufficient type feedback` (a branch never ran before optimization: usually harmless once, a problem if repeated). `deopt-lazy` / `dependency-change` mean a fact the code depended on changed (a prototype or a global was reassigned, a field changed representation): avoid mutating prototypes and globals after startup.' +
      '\n\nSee docs/rules/deopt.md.',
    messages: {
      default: '{{function}} was deoptimized {{count}} here ({{causes}}){{tier}}.',
    },
  },
};
