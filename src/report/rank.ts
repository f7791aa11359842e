// What to keep when a report must be cut (GitHub shows 5,000 results per run): the most
// important first. Hotness (a CPU profile's share of the function) ranks first when an item
// carries it; without a profile, how often V8 made the decision; then the position, so that
// the cut is deterministic.

/** A profile's share of samples in a function (what the profile stage attaches). */
export interface Hotness {
  function: string;
  selfPercent: number;
  totalPercent: number;
}

export interface Rankable {
  file: string;
  line: number;
  column: number;
  hotness?: Hotness;
  /** How many times the event or decision was seen. */
  count?: number;
}

/** Sorts more important items first. */
export function byImportance(a: Rankable, b: Rankable): number {
  const ha = a.hotness?.totalPercent ?? -1;
  const hb = b.hotness?.totalPercent ?? -1;
  if (ha !== hb) return hb - ha;
  const sa = a.hotness?.selfPercent ?? -1;
  const sb = b.hotness?.selfPercent ?? -1;
  if (sa !== sb) return sb - sa;
  const ca = a.count ?? 0;
  const cb = b.count ?? 0;
  if (ca !== cb) return cb - ca;
  return a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || a.column - b.column;
}

/** The `limit` most important items, and how many were left out. */
export function mostImportant<T extends Rankable>(items: readonly T[], limit: number): { kept: T[]; leftOut: number } {
  if (items.length <= limit) return { kept: [...items], leftOut: 0 };
  return { kept: [...items].sort(byImportance).slice(0, limit), leftOut: items.length - limit };
}
