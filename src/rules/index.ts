// The rule catalogue. One file per rule; order here is the order of `jitlint rules`.
import type { RuleMeta } from '../model.js';
import type { OptionsSchema, RuntimeRule, StaticRule } from './types.js';
import type { ActiveRuntimeRule } from './runtime/run.js';
import { INTERNAL_RULES } from './internal.js';
import { rule as closureInLoop } from './closure-in-loop.js';
import { rule as stringConcatInLoop } from './string-concat-in-loop.js';
import { rule as anyBoxing } from './any-boxing.js';
import { rule as megamorphicCallSite } from './megamorphic-call-site.js';
import { rule as accumulatingSpread } from './accumulating-spread.js';
import { rule as deleteProperty } from './delete-property.js';
import { rule as argumentsLeak } from './arguments-leak.js';
import { rule as deopt } from './runtime/deopt.js';
import { rule as deoptLoop } from './runtime/deopt-loop.js';
import { rule as inliningRejected } from './runtime/inlining-rejected.js';
import { rule as megamorphicIc } from './runtime/megamorphic-ic.js';
import { rule as inlined } from './runtime/inlined.js';
import { rule as optimized } from './runtime/optimized.js';

export const STATIC_RULES: readonly StaticRule[] = [
  closureInLoop,
  stringConcatInLoop,
  anyBoxing,
  megamorphicCallSite,
  accumulatingSpread,
  deleteProperty,
  argumentsLeak,
];

export const RUNTIME_RULES: readonly RuntimeRule[] = [
  deopt,
  deoptLoop,
  inliningRejected,
  megamorphicIc,
];

/** V8's positive decisions (`analyze --decisions`): runtime rules that run only when asked for. */
export const DECISION_RULES: readonly RuntimeRule[] = [inlined, optimized];

export const DECISION_RULE_IDS: ReadonlySet<string> = new Set(DECISION_RULES.map((r) => r.meta.id));

/** Every rule id a user may configure, with its metadata. */
export const ALL_RULES: readonly RuleMeta[] = [...STATIC_RULES.map((r) => r.meta), ...RUNTIME_RULES.map((r) => r.meta), ...DECISION_RULES.map((r) => r.meta), ...INTERNAL_RULES];

const byId = new Map(ALL_RULES.map((m) => [m.id, m]));

export function ruleMeta(id: string): RuleMeta | undefined {
  return byId.get(id);
}

const schemas = new Map<string, OptionsSchema>([...STATIC_RULES, ...RUNTIME_RULES, ...DECISION_RULES].map((r) => [r.meta.id, r.optionsSchema]));

/** The options a rule takes (empty for rules without options and for internal ones). */
export function optionsSchemaOf(id: string): OptionsSchema {
  return schemas.get(id) ?? {};
}

/** Every runtime rule at its default level and options (tests, and callers without configuration). */
export function defaultRuntimeRules(): ActiveRuntimeRule[] {
  return RUNTIME_RULES.map((rule) => ({ rule, level: rule.meta.defaultLevel, options: Object.fromEntries(Object.entries(rule.optionsSchema).map(([k, o]) => [k, o.default])) }));
}
