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
export function maxPerSource<T extends { source: number }>(events: readonly T[]): number {
  const per = new Map<number, number>();
  for (const e of events) per.set(e.source, (per.get(e.source) ?? 0) + 1);
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
