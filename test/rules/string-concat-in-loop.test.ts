import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { lint } from '../helpers.js';

const check = (code: string, fileName = 'test.ts') => lint('string-concat-in-loop', code, fileName);

// ---- invalid: append and content read in the same loop (warning) ---------------------

test('for…of: append, then endsWith on the accumulator', () => {
  const code = 'declare const xs: string[];\nlet s = \'\';\nfor (const x of xs) {\n  s += x;\n  if (s.endsWith(\'\\n\')) s += \'>\';\n}\n';
  assert.equal(check(code), ['string-concat-in-loop 4:3-4:9 warning']);
});

test('for: s = s + x with a charCodeAt read', () => {
  const code = 'let s = \'\';\nlet n = 0;\nfor (let i = 0; i < 100; i++) {\n  s = s + String(i) + \',\';\n  if (s.charCodeAt(s.length - 1) === 44) n++;\n}\n';
  assert.equal(check(code), ['string-concat-in-loop 4:3-4:26 warning']);
});

test('regex test on the accumulator', () => {
  const code = 'declare const xs: string[];\nlet out = \'\';\nfor (const x of xs) {\n  out += x;\n  if (/;$/.test(out)) break;\n}\n';
  assert.equal(check(code), ['string-concat-in-loop 4:3-4:11 warning']);
});

test('accumulator passed to a call in the loop', () => {
  const code = 'declare function write(s: string): void;\ndeclare const xs: string[];\nlet log = \'\';\nfor (const x of xs) {\n  log += x;\n  write(log);\n}\n';
  assert.equal(check(code), ['string-concat-in-loop 5:3-5:11 warning']);
});

test('read in a callback run inside the loop', () => {
  const code = 'declare const xs: string[];\ndeclare const stop: string[];\nlet s = \'\';\nfor (const x of xs) {\n  s += x;\n  if (stop.some((w) => s.includes(w))) break;\n}\n';
  assert.equal(check(code), ['string-concat-in-loop 5:3-5:9 warning']);
});

test('nested loops: inner appends, read once per outer iteration', () => {
  const code = 'declare const rows: string[][];\nlet s = \'\';\nfor (const row of rows) {\n  for (const c of row) s += c;\n  if (s.indexOf(\'x\') >= 0) s += \'!\';\n}\n';
  assert.equal(check(code), ['string-concat-in-loop 4:24-4:30 warning']);
});

test('return inside a callback in the loop does not leave the loop', () => {
  const code = 'declare const xs: string[];\nlet s = \'\';\nfor (const x of xs) {\n  s += x;\n  xs.find((w) => {\n    return s.startsWith(w);\n  });\n}\n';
  assert.equal(check(code), ['string-concat-in-loop 4:3-4:9 warning']);
});

// ---- invalid: plain appends (note) ------------------------------------------------------

test('for…of plain append is a note', () => {
  const code = 'declare const xs: string[];\nlet s = \'\';\nfor (const x of xs) s += x;\nconsole.log(s);\n';
  assert.equal(check(code), ['string-concat-in-loop 3:21-3:27 note']);
});

test('template append in a while loop', () => {
  const code = 'let s = \'\';\nlet i = 0;\nwhile (i < 10) {\n  s = `${s}<li>${i}</li>`;\n  i++;\n}\n';
  assert.equal(check(code), ['string-concat-in-loop 4:3-4:26 note']);
});

test('do…while append', () => {
  const code = 'let s = \'\';\nlet i = 0;\ndo {\n  s += i;\n} while (++i < 3);\n';
  assert.equal(check(code), ['string-concat-in-loop 4:3-4:9 note']);
});

test('for…in append', () => {
  const code = 'declare const o: Record<string, number>;\nlet keys = \'\';\nfor (const k in o) keys += k;\n';
  assert.equal(check(code), ['string-concat-in-loop 3:20-3:29 note']);
});

test('forEach callback appending to an outer string', () => {
  const code = 'declare const xs: string[];\nlet s = \'\';\nxs.forEach((x) => {\n  s += x;\n});\n';
  assert.equal(check(code), ['string-concat-in-loop 4:3-4:9 note']);
});

test('reduce callback appending to an outer string', () => {
  const code = 'declare const xs: string[];\nlet s = \'\';\nconst n = xs.reduce((count, x) => {\n  s += x;\n  return count + 1;\n}, 0);\n';
  assert.equal(check(code), ['string-concat-in-loop 4:3-4:9 note']);
});

test('prepend s = x + s', () => {
  const code = 'declare const xs: string[];\nlet s = \'\';\nfor (const x of xs) s = x + s;\n';
  assert.equal(check(code), ['string-concat-in-loop 3:21-3:30 note']);
});

test('several appends in one loop: one finding, at the first', () => {
  const code = 'declare const xs: string[];\nlet s = \'\';\nfor (const x of xs) {\n  s += \'<\';\n  s += x;\n  s += \'>\';\n}\n';
  assert.equal(check(code), ['string-concat-in-loop 4:3-4:11 note']);
});

test('a string parameter grown in a loop', () => {
  const code = 'function pad(s: string, n: number): string {\n  for (let i = 0; i < n; i++) s += \' \';\n  return s;\n}\n';
  assert.equal(check(code), ['string-concat-in-loop 2:31-2:39 note']);
});

test('JavaScript: inferred string accumulator', () => {
  const code = 'let s = \'\';\nfor (let i = 0; i < 10; i++) s += i;\nmodule.exports = s;\n';
  assert.equal(check(code, 'a.cjs'), ['string-concat-in-loop 2:30-2:36 note']);
});

// ---- reads that do not flatten: still notes ------------------------------------------------

test('.length is kept in the rope: reading it is not a flattening read', () => {
  const code = 'declare const xs: string[];\nlet s = \'\';\nfor (const x of xs) {\n  if (s.length > 80) break;\n  s += x;\n}\n';
  assert.equal(check(code), ['string-concat-in-loop 5:3-5:9 note']);
});

test('truthiness, typeof, comparison with \'\' and return do not flatten', () => {
  const code = 'declare const xs: string[];\nfunction f() {\n  let s = \'\';\n  for (const x of xs) {\n    if (s && typeof s === \'string\' && s !== \'\') s += \',\';\n    s += x;\n    if (x === \'end\') return s;\n  }\n  return s;\n}\n';
  assert.equal(check(code), ['string-concat-in-loop 5:49-5:57 note']);
});

test('content read with a reset in the loop is a note', () => {
  const code = 'declare const words: string[];\nconst lines: string[] = [];\nlet line = \'\';\nfor (const w of words) {\n  if (line.endsWith(\'.\')) {\n    lines.push(line);\n    line = \'\';\n  }\n  line += w;\n}\n';
  assert.equal(check(code), ['string-concat-in-loop 9:3-9:12 note']);
});

test('a read followed by break runs once: note', () => {
  const code = 'declare const xs: string[];\nlet s = \'\';\nfor (const x of xs) {\n  s += x;\n  if (x === \'\') {\n    console.log(s.trim());\n    break;\n  }\n}\n';
  assert.equal(check(code), ['string-concat-in-loop 4:3-4:9 note']);
});

test('a read followed by a break of an inner switch is still per iteration', () => {
  const code = 'declare const xs: string[];\nlet s = \'\';\nfor (const x of xs) {\n  s += x;\n  switch (x) {\n    case \'a\':\n      console.log(s.trim());\n      break;\n  }\n}\n';
  assert.equal(check(code), ['string-concat-in-loop 4:3-4:9 warning']);
});

// ---- valid ------------------------------------------------------------------------------

test('number accumulator', () => {
  assert.equal(check('declare const xs: number[];\nlet n = 0;\nfor (const x of xs) n += x;\n'), []);
});

test('number accumulator with n = n + x', () => {
  assert.equal(check('declare const xs: string[];\nlet n = 0;\nfor (const x of xs) n = n + x.length;\n'), []);
});

test('bigint accumulator', () => {
  assert.equal(check('let b = 0n;\nfor (let i = 0; i < 10; i++) b += 2n;\n'), []);
});

test('any accumulator is not flagged', () => {
  assert.equal(check('declare const xs: string[];\nlet s: any = \'\';\nfor (const x of xs) s += x;\n'), []);
});

test('string | number accumulator is not a string', () => {
  assert.equal(check('declare const xs: number[];\nlet s: string | number = 0;\nfor (const x of xs) s = s + x;\n'), []);
});

test('loop counter i += 2 in the for header', () => {
  assert.equal(check('for (let i = 0; i < 10; i += 2) console.log(i);\n'), []);
});

test('string declared inside the loop body', () => {
  const code = 'declare const rows: string[][];\nfor (const row of rows) {\n  let line = \'\';\n  line += row[0];\n  line += \';\';\n  console.log(line.trim());\n}\n';
  assert.equal(check(code), []);
});

test('string declared inside the callback', () => {
  assert.equal(check('declare const xs: string[];\nconst out = xs.map((x) => {\n  let s = \'<\';\n  s += x;\n  return s;\n});\n'), []);
});

test('append outside any loop', () => {
  assert.equal(check('declare const x: string;\nlet s = \'a\';\ns += x;\nif (s.endsWith(\'b\')) s += \'c\';\n'), []);
});

test('append in a timer callback created in a loop is not a loop append', () => {
  assert.equal(check('declare const xs: string[];\nlet s = \'\';\nfor (const x of xs) setTimeout(() => { s += x; }, 0);\n'), []);
});

test('assignment from another string is not an append', () => {
  const code = 'declare const xs: string[];\nlet s = \'\';\nlet last = \'\';\nfor (const x of xs) {\n  last = s + x;\n  s = x;\n}\n';
  assert.equal(check(code), []);
});

test('append in the run-once initializer of a for', () => {
  assert.equal(check('let s = \'\';\nfor (s += \'[\'; s.length < 3; ) break;\n'), []);
});

test('push + join', () => {
  const code = 'declare const xs: string[];\nconst parts: string[] = [];\nfor (const x of xs) parts.push(x);\nconst s = parts.join(\'\');\n';
  assert.equal(check(code), []);
});

test('a sort comparator is not an iteration callback', () => {
  const code = 'declare const xs: string[];\nlet trace = \'\';\nxs.sort((a, b) => {\n  trace += a;\n  return a < b ? -1 : 1;\n});\n';
  assert.equal(check(code), []);
});

// ---- false-positive classes of issue 14 (bench/precision/README.md) ----------------------

test('small literal loop: appends and reads over a 2-element literal are not reported', () => {
  const code = 'let s = \'\';\nfor (const x of [\'a\', \'b\']) {\n  s += x;\n  if (s.endsWith(\'a\')) s += \'>\';\n}\n';
  assert.equal(check(code), []);
});

test('cold path: append and read in an error formatter is a note', () => {
  const code = 'export function formatError(lines: string[]) {\n  let s = \'\';\n  for (const x of lines) {\n    s += x;\n    if (s.endsWith(\'\\n\')) s += \'>\';\n  }\n  return s;\n}\n';
  assert.equal(check(code), ['string-concat-in-loop 4:5-4:11 note']);
});

test('tooling: append and read in a code generator is a note', () => {
  const code = 'export function generateCode(parts: string[]) {\n  let s = \'\';\n  for (const x of parts) {\n    s += x;\n    if (s.endsWith(\'{\')) s += \'\\n\';\n  }\n  return s;\n}\n';
  assert.equal(check(code), ['string-concat-in-loop 4:5-4:11 note']);
});

test('JavaScript: a number accumulator is not a string (syntax only, no checker)', () => {
  const code = 'let n = 0;\nfor (const x of xs) n += x;\nlet s = \'\';\nfor (const x of xs) { s += x; if (s.endsWith(\'a\')) break; }\n';
  assert.equal(check(code, 'a.js'), ['string-concat-in-loop 4:23-4:29 warning']);
});

test.run();
