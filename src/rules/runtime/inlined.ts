// inlined (with --decisions): a callee V8 inlined into its caller, at the call site when a v8.log gives it.
import { positionKey, type InliningDecision } from '../../runtime/model.js';
import { defineRuntimeRule } from '../types.js';
import { TIER_NAME, addTo, displayName, functionNameOf, maxPerSource, times } from './words.js';

/** How often the decision was made: the largest per-input count (inputs of one run print the same decisions). */
const countOf = (ds: readonly InliningDecision[]): number => maxPerSource(ds, (d) => d.count);

export const rule = defineRuntimeRule({
  meta: {
    id: 'inlined',
    name: 'Inlined',
    shortDescription: 'V8 inlined the callee at this call site.',
    fullDescription:
      'An optimizing compiler (Turbofan or Maglev) copied the callee into the optimized code of the caller at this call site: the call costs nothing in optimized code, and the callee is specialised to what this caller passes. A decision, not a problem: listed with --decisions, like `go build -gcflags=-m` lists "inlining call to".',
    defaultLevel: 'note',
    tags: ['performance', 'runtime', 'inlining', 'decision'],
    precision: 'medium',
    helpMarkdown:
      'From the inlining tables of optimized code in a v8.log (`code-source-info` rows with `--log-code --log-source-code`: the call site of each inlined function), and from `--trace-turbo-inlining` (`Inlining CALLEE into CALLER`) and `--trace-maglev-inlining` (`greedy inlining CALLEE`) text, which name the functions but no position; such a decision is shown at the caller when no log gives its call site. V8 decides at run time, from the feedback of this run: another workload can inline differently. A call that stops being inlined (a callee that grew past the bytecode limit, a call site that became polymorphic) shows up as `inlining-rejected`.' +
      '\n\nSee docs/rules/inlined.md.',
  },
  messages: {
    site: '{{callee}} was inlined into {{caller}} at this call{{tier}}, {{count}}.',
    noSite: '{{callee}} was inlined into {{caller}}{{tier}}, {{count}} (V8 printed no call site: shown at {{caller}}).',
  },
  check(model, ctx) {
    const groups = new Map<string, InliningDecision[]>();
    for (const d of model.inlining) if (d.inlined) addTo(groups, `${d.caller ?? ''}|${d.callee}|${d.tier}|${d.callSite ? positionKey(d.callSite) : ''}`, d);
    // Trace text names no call site, and its caller is the function compiled (the outermost one);
    // a v8.log of the run lists every inlining of that tier with its call site and direct caller.
    // So a decision without a site is left to the log when the log placed that callee in that tier.
    const sited = new Set<string>();
    for (const d of model.inlining) if (d.inlined && d.callSite) sited.add(`${d.callee}|${d.tier}`);
    for (const g of groups.values()) {
      const d = g[0]!;
      if (!d.callSite && sited.has(`${d.callee}|${d.tier}`)) continue;
      const caller = d.caller ? model.functions.get(d.caller) : undefined;
      const callee = model.functions.get(d.callee);
      const site = d.callSite ?? caller?.position;
      if (!ctx.keep(site)) continue;
      const count = countOf(g);
      const callerName = functionNameOf(model, d.caller);
      ctx.report({
        at: site,
        ...(d.callSite ? { expression: 'call' as const } : { expression: 'function' as const }),
        messageId: d.callSite ? 'site' : 'noSite',
        data: { callee: displayName(callee?.name ?? ''), caller: displayName(callerName), tier: ` in ${TIER_NAME[d.tier]}`, count: times(count) },
        functionName: callerName,
        evidence: [{ kind: 'inlining', message: `inlined in ${TIER_NAME[d.tier]} ×${count}`, tier: TIER_NAME[d.tier], count }],
        properties: { decision: 'inlined', caller: callerName, callee: callee?.name ?? '', tier: d.tier, count, atCallSite: !!d.callSite },
      });
    }
  },
});
