// deopt-loop: the same function deoptimized and optimized again, round after round.
import { isOsrDeopt } from '../../runtime/deopt-kinds.js';
import { positionKey, type DeoptEvent, type RuntimeFunction, type SourcePosition } from '../../runtime/model.js';
import { defineRuntimeRule } from '../types.js';
import { addTo, displayName, maxPerSource } from './words.js';

function countOptimizations(fn: RuntimeFunction): number {
  const per = new Map<number, number>();
  for (const t of fn.timeline) if (t.kind === 'optimized') per.set(t.source, (per.get(t.source) ?? 0) + 1);
  let max = 0;
  for (const n of per.values()) if (n > max) max = n;
  return max;
}

function mostFrequentSite(evs: readonly DeoptEvent[]): SourcePosition | undefined {
  const counts = new Map<string, { p: SourcePosition; n: number }>();
  for (const e of evs) {
    if (!e.site) continue;
    const k = positionKey(e.site.position);
    const c = counts.get(k) ?? { p: e.site.position, n: 0 };
    c.n++;
    counts.set(k, c);
  }
  let best: { p: SourcePosition; n: number } | undefined;
  for (const c of counts.values()) if (!best || c.n > best.n) best = c;
  return best?.p;
}

export const rule = defineRuntimeRule({
  meta: {
    id: 'deopt-loop',
    name: 'DeoptLoop',
    shortDescription: 'A function was deoptimized and re-optimized repeatedly.',
    fullDescription:
      'The same function went through optimize → deoptimize several times (3 by default). Each round costs a compile and time in the interpreter, and V8 eventually stops optimizing the function altogether.',
    defaultLevel: 'error',
    tags: ['performance', 'runtime', 'deoptimization'],
    precision: 'medium',
    helpMarkdown:
      'Counted from the deopts of one function in `--trace-deopt` output or a v8.log (`code-deopt` rows), excluding OSR hand-overs and dependency deopts. Fix the cause of the individual deopts (see the `deopt` findings at the same function): usually a site that sees objects of several shapes or values of several numeric kinds over time.' +
      '\n\nSee docs/rules/deopt-loop.md.',
  },
  messages: {
    loop: '{{function}} was deoptimized and optimized again {{count}} times ({{reasons}}): feed it values of stable types and shapes.',
  },
  options: {
    threshold: { type: 'integer', default: 3, minimum: 1, description: 'Deopts of one function from which the rule fires.' },
  },
  check(model, ctx) {
    const byFn = new Map<string, DeoptEvent[]>();
    for (const d of model.deopts) if (!isOsrDeopt(d) && d.kind !== 'dependency-change') addTo(byFn, d.fn, d);
    for (const [key, evs] of byFn) {
      const count = maxPerSource(evs);
      if (count < ctx.options.threshold) continue;
      const fn = model.functions.get(key);
      const site = fn?.position ?? mostFrequentSite(evs);
      if (!ctx.keep(site)) continue;
      const reoptimized = fn ? countOptimizations(fn) : 0;
      const name = fn?.name ?? '';
      ctx.report({
        at: site,
        messageId: 'loop',
        data: { function: displayName(name), count, reasons: [...new Set(evs.map((e) => e.reason))].join('; ') },
        functionName: name,
        evidence: [{ kind: 'optimization', message: `${count} deopts, ${reoptimized} optimizations`, count }],
        properties: { deopts: count, optimizations: reoptimized },
      });
    }
  },
});
