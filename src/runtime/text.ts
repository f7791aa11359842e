// Words for notes and errors about inputs. Input text quoted in a message goes to a
// terminal: control characters in it (escape sequences, bells, carriage returns)
// are written as \xHH / \uHHHH so that a damaged or hostile log cannot drive the
// terminal or break the one-line message.

// C0, DEL, C1, and the line/paragraph separators and bidirectional controls that reorder or split text.
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

const hex = (c: string, width: number) => c.charCodeAt(0).toString(16).padStart(width, '0');

/** The text with control characters escaped (a backslash itself is left as is). */
export function escapeControl(text: string): string {
  return text.replace(CONTROL, (c) => (c.charCodeAt(0) < 0x100 ? `\\x${hex(c, 2)}` : `\\u${hex(c, 4)}`));
}

/** Input text for a message: escaped, in quotes, cut to `max` characters. */
export function quote(text: string, max = 80): string {
  const cut = text.length > max ? `${text.slice(0, max)}…` : text;
  return `"${escapeControl(cut)}"`;
}

/** "1 row", "3 rows": `n` and the word, singular or plural. */
export function count(n: number, singular: string, plural = `${singular}s`): string {
  return `${n} ${n === 1 ? singular : plural}`;
}
