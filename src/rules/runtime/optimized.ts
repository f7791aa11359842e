// optimized (with --decisions): a function V8 compiled to optimized code, per tier and OSR, and how often.
import type { OptimizingTier, RuntimeFunction, RuntimeModel, TimelineEntry } from '../../runtime/model.js';
import { defineRuntimeRule } from '../types.js';
import { TIER_NAME, displayName, times } from './words.js';

type Optimized = Extract<TimelineEntry, { kind: 'optimized' }>;

/**
 * The optimizations of a function as one input saw them. Trace text says which were OSR on
 * every Node; v8.log marks OSR code only from Node 26 on. So one input is read, not a sum:
 * trace text when it saw any, else the input that saw the most.
 */
function optimizationsOf(model: RuntimeModel, fn: RuntimeFunction): Optimized[] {
  const per = new Map<number, Optimized[]>();
  for (const t of fn.timeline) {
    if (t.kind !== 'optimized') continue;
    const list = per.get(t.source);
    if (list) list.push(t);
    else per.set(t.source, [t]);
  }
  let best: { trace: boolean; list: Optimized[] } | undefined;
  for (const [source, list] of per) {
    const trace = model.sources[source]?.format === 'trace';
    if (!best || (trace && !best.trace) || (trace === best.trace && list.length > best.list.length)) best = { trace, list };
  }
  return best?.list ?? [];
}

export const rule = defineRuntimeRule({
  meta: {
    id: 'optimized',
    name: 'Optimized',
    shortDescription: 'V8 optimized this function.',
    fullDescription:
      'V8 compiled this function to optimized machine code (Maglev, or Turbofan, the top tier), possibly on-stack replacement (OSR) while a long loop in it was running, and how many times. A decision, not a problem: listed with --decisions, like `go build -gcflags=-m` lists its decisions. A function optimized many times was deoptimized in between (see `deopt` and `deopt-loop`).',
    defaultLevel: 'note',
    tags: ['performance', 'runtime', 'optimization', 'decision'],
    precision: 'medium',
    helpMarkdown:
      'From `--trace-opt` (`[completed optimizing …]`, `[completed compiling … (target MAGLEV)]`, ` OSR` when the code was entered on the stack) and, without trace text, from optimized `code-creation` rows of a v8.log (`*` Turbofan, `+` Maglev; v8.log marks OSR code only from Node 26 on). V8 decides at run time, from how hot the function was in this run: another workload can optimize other functions, or the same ones later.' +
      '\n\nSee docs/rules/optimized.md.',
  },
  messages: {
    optimized: '{{function}} was optimized{{tier}}{{osr}}, {{count}}.',
  },
  check(model, ctx) {
    for (const fn of model.functions.values()) {
      if (!ctx.keep(fn.position)) continue;
      const groups = new Map<string, { tier: OptimizingTier; osr: boolean; n: number }>();
      for (const t of optimizationsOf(model, fn)) {
        const k = `${t.tier}|${t.osr}`;
        const g = groups.get(k) ?? { tier: t.tier, osr: t.osr, n: 0 };
        g.n++;
        groups.set(k, g);
      }
      for (const g of groups.values()) {
        ctx.report({
          at: fn.position,
          expression: 'function',
          messageId: 'optimized',
          data: { function: displayName(fn.name), tier: ` by ${TIER_NAME[g.tier]}`, osr: g.osr ? ' on stack replacement (OSR)' : '', count: times(g.n) },
          functionName: fn.name,
          evidence: [{ kind: 'optimization', message: `optimized by ${TIER_NAME[g.tier]}${g.osr ? ' (OSR)' : ''} ×${g.n}`, tier: TIER_NAME[g.tier], count: g.n }],
          properties: { decision: 'optimized', function: fn.name, tier: g.tier, osr: g.osr, count: g.n },
        });
      }
    }
  },
});
