// What a parser skipped: rows of a known kind whose fields do not parse
// (malformed), and rows of kinds it does not know, by kind. Counted, never fatal;
// the first malformed row is described so the note can point at it.
import { count, escapeControl, quote } from './text.js';

/** Distinct unknown kinds named in a note; more are counted as "others". */
const MAX_KINDS = 8;

export class Skipped {
  malformed = 0;
  unknown = 0;
  /** 1-based number of the line being read (the parser keeps it current). */
  line = 0;
  private first: string | undefined;
  private readonly kinds = new Map<string, number>();
  private otherKinds = 0;

  /** A row of kind `kind` whose `what` field reads `value`: skipped. */
  bad(kind: string, what: string, value: string): void {
    if (this.malformed++ === 0) this.first = `line ${this.line}, ${kind}: ${what} ${quote(value)}`;
  }

  /** A row of a kind the parser does not read; `kind` names it in the note when given. */
  unknownRow(kind?: string): void {
    this.unknown++;
    if (kind === undefined) return;
    const n = this.kinds.get(kind);
    if (n !== undefined) this.kinds.set(kind, n + 1);
    else if (this.kinds.size < MAX_KINDS) this.kinds.set(kind, 1);
    else this.otherKinds++;
  }

  /** "3 malformed rows skipped (first: line 4, code-creation: bad code start "0x3zz0")", or undefined. */
  malformedNote(unit: 'row' | 'line'): string | undefined {
    return this.malformed ? `${count(this.malformed, `malformed ${unit}`)} skipped (first: ${this.first})` : undefined;
  }

  /** The unknown kinds with their counts, most frequent first: "foo ×2, bar ×1". */
  kindList(): string {
    const parts = [...this.kinds].sort((a, b) => b[1] - a[1]).map(([k, n]) => `${escapeControl(k.length > 40 ? `${k.slice(0, 40)}…` : k)} ×${n}`);
    if (this.otherKinds) parts.push(`${count(this.otherKinds, 'other')}`);
    return parts.join(', ');
  }
}
