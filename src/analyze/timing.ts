// Where time went, for `--timing`. Off by default: no clock reads on hot paths then.
export class Timing {
  private readonly totals = new Map<string, number>();
  constructor(readonly enabled: boolean) {}

  add(label: string, ms: number): void {
    this.totals.set(label, (this.totals.get(label) ?? 0) + ms);
  }

  measure<T>(label: string, fn: () => T): T {
    if (!this.enabled) return fn();
    const t0 = performance.now();
    try {
      return fn();
    } finally {
      this.add(label, performance.now() - t0);
    }
  }

  async measureAsync<T>(label: string, fn: () => Promise<T>): Promise<T> {
    if (!this.enabled) return fn();
    const t0 = performance.now();
    try {
      return await fn();
    } finally {
      this.add(label, performance.now() - t0);
    }
  }

  entries(): Array<[string, number]> {
    return [...this.totals];
  }

  /** A table for stderr: label, milliseconds, share of the total. */
  format(): string {
    const rows = this.entries();
    const total = rows.filter(([l]) => !l.includes(':')).reduce((s, [, ms]) => s + ms, 0) || 1;
    const width = Math.max(10, ...rows.map(([l]) => l.length));
    return rows
      .map(([label, ms]) => `${label.padEnd(width)}  ${ms.toFixed(1).padStart(9)} ms  ${((ms / total) * 100).toFixed(1).padStart(5)}%`)
      .join('\n');
  }
}
