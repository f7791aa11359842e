// inlining-rejected: a call site whose callee V8 refused to inline, with V8's reason.
import { positionKey, type InliningDecision } from '../../runtime/model.js';
import { defineRuntimeRule } from '../types.js';
import { TIER_NAME, addTo, displayName, functionNameOf, inliningHint, tierText } from './words.js';

export const rule = defineRuntimeRule({
  meta: {
    id: 'inlining-rejected',
    name: 'InliningRejected',
    shortDescription: 'V8 refused to inline a hot callee.',
    fullDescription:
      'An optimizing compiler considered inlining the callee at a hot call site and refused, with the reason V8 printed (for example its bytecode exceeds the inlining limit, or optimization is disabled for it). The call stays a real call in optimized code.',
    defaultLevel: 'note',
    tags: ['performance', 'runtime', 'inlining'],
    precision: 'medium',
    helpMarkdown:
      'From `--trace-turbo-inlining` (Turbofan: `Cannot consider … for inlining (reason: …)`; Node 18-24 print a number, `SharedFunctionInfo::Inlineability`, shown here in words) and `--trace-maglev-inlining` (Maglev). `exceeds bytecode limit`: split the function so that the hot path is small (Turbofan inlines functions up to 460 bytes of bytecode). `has optimization disabled`: the callee cannot be optimized at all; find out why (`--trace-opt`). Reported at the call site when a v8.log gives it, else at the callee.' +
      '\n\nSee docs/rules/inlining-rejected.md.',
  },
  messages: {
    rejected: 'V8 did not inline {{callee}}{{into}}: {{reason}}{{tier}}{{hint}}.',
  },
  check(model, ctx) {
    const groups = new Map<string, InliningDecision[]>();
    for (const d of model.inlining) if (!d.inlined) addTo(groups, `${d.callee}|${d.callSite ? positionKey(d.callSite) : ''}|${d.reason ?? ''}`, d);
    for (const g of groups.values()) {
      const d = g[0]!;
      const callee = model.functions.get(d.callee);
      const site = d.callSite ?? callee?.position;
      if (!ctx.keep(site)) continue;
      const callers = [...new Set(g.filter((x) => x.caller).map((x) => displayName(functionNameOf(model, x.caller))))];
      const tiers = new Set(g.map((x) => x.tier));
      const reason = d.reason ?? 'no reason printed';
      ctx.report({
        at: site,
        // At the call site the event is about the call; at the callee (no call site printed), its name.
        ...(d.callSite ? { expression: 'call' as const } : {}),
        messageId: 'rejected',
        data: { callee: displayName(callee?.name ?? ''), into: callers.length ? ` into ${callers.join(', ')}` : '', reason, tier: tierText(tiers), hint: inliningHint(reason) },
        functionName: callee?.name ?? '',
        evidence: g.map((x) => ({ kind: 'inlining' as const, message: `not inlined (${reason}) in ${TIER_NAME[x.tier]}`, reason, tier: TIER_NAME[x.tier] })),
        properties: { callee: callee?.name ?? '', callers, reason, tiers: [...tiers], atCallee: !d.callSite },
      });
    }
  },
});
