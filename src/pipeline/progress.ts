// A single progress line on stderr, only for a person watching a terminal.
export class Progress {
  private last = 0;
  private lastPhase = '';
  private shown = false;
  readonly enabled: boolean;

  constructor(stream: NodeJS.WriteStream = process.stderr) {
    this.stream = stream;
    this.enabled = Boolean(stream.isTTY) && !process.env['CI'];
  }

  private readonly stream: NodeJS.WriteStream;

  update(phase: string, done?: number, total?: number): void {
    if (!this.enabled) return;
    const now = Date.now();
    // Counts within one phase are throttled; a new phase is always shown.
    if (phase === this.lastPhase && done !== undefined && total !== undefined && done < total && now - this.last < 80) return;
    this.last = now;
    this.lastPhase = phase;
    const count = done !== undefined && total !== undefined ? ` ${done}/${total} files` : '';
    const text = `jitlint: ${phase}${count}`;
    const width = this.stream.columns ? this.stream.columns - 1 : 80;
    this.stream.write(`\r\x1b[K${text.slice(0, width)}`);
    this.shown = true;
  }

  clear(): void {
    if (this.shown) this.stream.write('\r\x1b[K');
    this.shown = false;
  }
}
