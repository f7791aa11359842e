/** Fills `{{name}}` placeholders; unknown placeholders are left visible so tests catch them. */
export function formatMessage(template: string, data: Record<string, string | number> | undefined): string {
  if (!data) return template;
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (whole, key: string) => (key in data ? String(data[key]) : whole));
}

const ORDER = ['note', 'warning', 'error'] as const;
export type LevelName = (typeof ORDER)[number];

export function levelRank(level: LevelName): number {
  return ORDER.indexOf(level);
}

/** Moves `level` by `steps` (negative = quieter), clamped to note..error. */
export function stepLevel(level: LevelName, steps: number): LevelName {
  const i = Math.min(ORDER.length - 1, Math.max(0, levelRank(level) + steps));
  return ORDER[i]!;
}
