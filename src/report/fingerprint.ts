// Fingerprints that keep a finding's identity across pushes in GitHub code scanning.
import { createHash } from 'node:crypto';
import type { Finding } from '../model.js';

const WINDOW = 100;
const BASE = 37n;
const MASK = (1n << 64n) - 1n;
// BASE^WINDOW mod 2^64: the weight of the character that leaves the window.
const FIRST_WEIGHT = (() => {
  let w = 1n;
  for (let i = 0; i < WINDOW; i++) w = (w * BASE) & MASK;
  return w;
})();
const TAB = 9;
const LF = 10;
const CR = 13;
const SPACE = 32;
const EOF = 65535;

/**
 * `primaryLocationLineHash` for every line of `text` (index 0 = line 1), as GitHub's upload
 * action computes it: a rolling base-37 hash over the 100 characters starting at each line,
 * spaces and tabs skipped, CR and CRLF read as LF, then `:<n>` numbering repeated hashes.
 */
export function lineHashes(text: string): string[] {
  const window = new Array<number>(WINDOW).fill(0);
  const lineAt = new Array<number>(WINDOW).fill(-1);
  const out: string[] = [];
  const seen = new Map<string, number>();
  let hash = 0n;
  let index = 0;
  let line = 0;
  let atLineStart = true;
  let afterCR = false;

  const emit = () => {
    const hex = hash.toString(16);
    const n = (seen.get(hex) ?? 0) + 1;
    seen.set(hex, n);
    out[lineAt[index]! - 1] = `${hex}:${n}`;
    lineAt[index] = -1;
  };
  const push = (c: number) => {
    const leaving = window[index]!;
    window[index] = c;
    hash = (((hash * BASE) & MASK) + BigInt(c) - ((FIRST_WEIGHT * BigInt(leaving)) & MASK)) & MASK;
    index = (index + 1) % WINDOW;
  };
  const take = (code: number) => {
    let c = code;
    if (c === SPACE || c === TAB || (afterCR && c === LF)) {
      afterCR = false;
      return;
    }
    afterCR = c === CR;
    if (c === CR) c = LF;
    if (lineAt[index] !== -1) emit();
    if (atLineStart) {
      atLineStart = false;
      lineAt[index] = ++line;
    }
    if (c === LF) atLineStart = true;
    push(c);
  };

  for (let i = 0; i < text.length; i++) take(text.charCodeAt(i));
  take(EOF);
  for (let i = 0; i < WINDOW; i++) {
    if (lineAt[index] !== -1) emit();
    push(0);
  }
  return out;
}

/** `jitlint/v1`: rule, path, enclosing function and the pattern's text, so moved lines keep their identity. */
export function jitlintFingerprint(f: Finding): string {
  const snippet = (f.snippet ?? '').replace(/\s+/g, ' ').trim();
  return createHash('sha256')
    .update(`${f.ruleId}\0${f.file}\0${f.functionName ?? ''}\0${snippet}`)
    .digest('hex')
    .slice(0, 32);
}
