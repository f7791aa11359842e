// Small pieces of wording and counting shared by the runtime rules.
import type { OptimizingTier, RuntimeModel } from '../../runtime/model.js';

export const TIER_NAME: Record<OptimizingTier, string> = { maglev: 'Maglev', turbofan: 'Turbofan' };

/** " in Maglev and Turbofan", or "" when no tier is known. */
export function tierText(tiers: Iterable<string>): string {
  const names = [...tiers].filter(Boolean).map((t) => TIER_NAME[t as OptimizingTier] ?? t);
  return names.length ? ` in ${names.join(' and ')}` : '';
}

export function times(n: number): string {
  return n === 1 ? 'once' : `${n} times`;
}

export function displayName(name: string): string {
  return name || '(anonymous)';
}

export function functionNameOf(model: RuntimeModel, key: string | undefined): string {
  if (!key) return '';
  return model.functions.get(key)?.name ?? '';
}

/**
 * Largest per-input count of the events in a group: files given together are views of the same
 * run (trace text and v8.log of one process print the same deopts), so counts do not add up.
 */
export function maxPerSource<T extends { source: number }>(events: readonly T[], weight: (e: T) => number = () => 1): number {
  const per = new Map<number, number>();
  for (const e of events) per.set(e.source, (per.get(e.source) ?? 0) + weight(e));
  let max = 0;
  for (const n of per.values()) if (n > max) max = n;
  return max;
}

/** Appends to the list under `key`, creating it. */
export function addTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/**
 * The fix a deopt reason points to, in a few words (the mechanism is in the rule's help).
 * By V8's reason text, which is stable across Node 18-26 for these families.
 */
export function deoptHint(reason: string): string {
  if (/wrong map|wrong instance type|not a (?:JSReceiver|String|Symbol|BigInt)|wrong name|wrong value/i.test(reason)) return 'keep one object shape at this site';
  if (/Smi|heap ?number|not a Number|lost precision|overflow|minus zero|NaN|division/i.test(reason)) return 'keep one numeric kind here (small integers or doubles)';
  if (/insufficient type feedback/i.test(reason)) return 'this path had not run before V8 optimized; harmless unless it repeats';
  if (/out of bounds|hole|elements/i.test(reason)) return 'keep arrays packed and indexes in range';
  if (/call target|unexpected function|wrong feedback cell/i.test(reason)) return 'call one function here';
  return 'keep the values reaching this site of one type and shape';
}

/** What to do when V8 would not inline a callee, when the reason says; "" otherwise. */
export function inliningHint(reason: string): string {
  if (/bytecode limit|too big|size/i.test(reason)) return ': move the rarely run part of it into another function';
  if (/budget/i.test(reason)) return ': the caller had no inlining budget left; keep hot callees small';
  if (/optimization disabled/i.test(reason)) return ': V8 will not optimize it, so nothing inlines it';
  return '';
}
