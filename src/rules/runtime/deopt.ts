// deopt: a function deoptimized at a site, grouped per (function, site, inlining chain).
import { isOsrDeopt } from '../../runtime/deopt-kinds.js';
import { positionKey, type DeoptEvent, type RuntimeModel, type SourcePosition } from '../../runtime/model.js';
import { defineRuntimeRule } from '../types.js';
import { TIER_NAME, addTo, deoptHint, displayName, functionNameOf, maxPerSource, tierText, times } from './words.js';

interface PlacedDeopt {
  d: DeoptEvent;
  site: SourcePosition;
  inlinedAt: SourcePosition[];
  atFunctionStart: boolean;
}

/** Actionable deopts with a site; events without one fall back to the function start when no input placed them. */
function placedDeopts(model: RuntimeModel): PlacedDeopt[] {
  const placed = new Set<string>();
  for (const d of model.deopts) if (d.site) placed.add(`${d.fn}|${d.kind}|${d.reason}`);
  const out: PlacedDeopt[] = [];
  for (const d of model.deopts) {
    if (isOsrDeopt(d)) continue;
    if (d.site) out.push({ d, site: d.site.position, inlinedAt: d.site.inlinedAt, atFunctionStart: d.kind === 'dependency-change' });
    else {
      const fn = model.functions.get(d.fn);
      if (fn?.position && !placed.has(`${d.fn}|${d.kind}|${d.reason}`)) out.push({ d, site: fn.position, inlinedAt: [], atFunctionStart: true });
    }
  }
  return out;
}

export const rule = defineRuntimeRule({
  meta: {
    id: 'deopt',
    name: 'Deopt',
    shortDescription: 'A function was deoptimized at this site.',
    fullDescription:
      'V8 threw away optimized (Maglev or Turbofan) code for this function because an assumption it compiled in failed here: a map check, a Smi check, missing type feedback. Execution fell back to the interpreter; repeated deopts cost the compile time and the speed of optimized code.',
    defaultLevel: 'warning',
    tags: ['performance', 'runtime', 'deoptimization'],
    precision: 'high',
    helpMarkdown:
      'Captured with `--trace-deopt-verbose` (trace text) or `--log-deopt` (v8.log). V8 compiled the function with assumptions taken from type feedback; the check at this position failed, so V8 *deoptimized*: it discarded the optimized code and resumed in the interpreter.\n\nCommon reasons: `wrong map` (an object of another shape reached the site: create objects with the same properties in the same order, initialise all fields in the constructor), `not a Smi` / `not a Number` (mixed integer/double/other values: keep one numeric kind), `Insufficient type feedback` (a branch never ran before optimization: harmless once, reported as a note then; a problem if repeated). `deopt-lazy` / `dependency-change` mean a fact the code depended on changed (a prototype or a global was reassigned, a field changed representation): avoid mutating prototypes and globals after startup. V8 logs these at the start of the function whose code was thrown away, not at the change that caused them.' +
      '\n\nSee docs/rules/deopt.md.',
  },
  messages: {
    here: '{{function}} was deoptimized {{count}} here ({{causes}}){{tier}}: {{hint}}.',
    dependency: '{{function}} was deoptimized {{count}} after code it depends on changed ({{causes}}){{tier}}: avoid changing prototypes, globals or field types after startup.',
  },
  check(model, ctx) {
    const groups = new Map<string, PlacedDeopt[]>();
    for (const p of placedDeopts(model)) {
      if (!ctx.keep(p.site)) continue;
      addTo(groups, `${p.d.fn}|${positionKey(p.site)}|${p.inlinedAt.map(positionKey).join('<')}`, p);
    }
    for (const g of groups.values()) {
      const first = g[0]!;
      const name = functionNameOf(model, first.d.fn);
      const byCause = new Map<string, DeoptEvent[]>();
      for (const { d } of g) addTo(byCause, `${d.kind}: ${d.reason}`, d);
      const causes = [...byCause.entries()].map(([cause, evs]) => ({ cause, count: maxPerSource(evs), evs }));
      causes.sort((a, b) => b.count - a.count || a.cause.localeCompare(b.cause));
      const total = causes.reduce((s, c) => s + c.count, 0);
      const tiers = new Set(g.map((p) => p.d.tier ?? ''));
      const onlyDependency = causes.every((c) => c.evs[0]!.kind === 'dependency-change');
      const reasons = causes.map((c) => c.evs[0]!.reason);
      // One deopt for feedback a path had not collected yet is how V8 learns a new branch: a note.
      const firstFeedback = total === 1 && reasons.every((r) => /insufficient type feedback/i.test(r));
      // A deopt at a call or construct site is about the call, not the callee name V8 points at.
      const expression = first.atFunctionStart ? undefined : /\bconstruct\b/i.test(reasons.join(' ')) ? 'new' : /\bcall\b/i.test(reasons.join(' ')) ? 'call' : undefined;
      ctx.report({
        at: first.site,
        ...(expression ? { expression } : {}),
        messageId: onlyDependency ? 'dependency' : 'here',
        data: {
          function: displayName(name),
          count: times(total),
          causes: causes.map((c) => (c.count > 1 ? `${c.cause} ×${c.count}` : c.cause)).join('; '),
          tier: tierText(tiers),
          hint: deoptHint(causes[0]!.evs[0]!.reason),
        },
        ...(onlyDependency || firstFeedback ? { level: 'note' as const } : {}),
        functionName: name,
        evidence: causes.map((c) => {
          const d = c.evs[0]!;
          const tier = d.tier ? TIER_NAME[d.tier] : undefined;
          return { kind: 'deopt' as const, message: `${d.kind} (${d.reason}) ×${c.count}${tier ? ` in ${tier}` : ''}`, line: first.site.line, column: first.site.column, count: c.count, reason: d.reason, tier };
        }),
        inlinedAt: first.inlinedAt.map((p, i, all) => ({ ...p, ...(i === all.length - 1 ? { functionName: name } : {}) })),
        properties: {
          count: total,
          kinds: [...new Set(causes.map((c) => c.evs[0]!.kind))],
          reasons,
          tiers: [...tiers].filter(Boolean),
          atFunctionStart: first.atFunctionStart,
        },
      });
    }
  },
});
