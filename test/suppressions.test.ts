// Inline suppressions (src/analyze/suppressions.ts, applied by the engine): what each comment
// form hides, and the `unused-suppression` notes for comments that hid nothing.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { analyzeText } from '../src/analyze/virtual.js';
import type { VirtualOptions } from '../src/analyze/virtual.js';

/** `rule line:col-endLine:endCol messageId` of every finding, in the engine's order. */
function run(code: string, opts: VirtualOptions = {}): string[] {
  return analyzeText(code, 'test.ts', { rules: ['delete-property', 'arguments-leak'], ...opts })
    .map((f) => `${f.ruleId} ${f.line}:${f.column}-${f.endLine}:${f.endColumn} ${f.messageId}`);
}

// Line 1 of every case; `delete o.a;` then reports `delete-property … fixedKey` on its line.
const DECL = 'declare const o: { a?: number; b?: number };\n';

test('without a comment both deletes are reported (the baseline of the cases below)', () => {
  assert.equal(run(DECL + 'delete o.a;\ndelete o.b;\n'), ['delete-property 2:1-2:11 fixedKey', 'delete-property 3:1-3:11 fixedKey']);
});

// ---- jitlint-disable-next-line ---------------------------------------------------------------

test('disable-next-line <id> suppresses the next line only', () => {
  assert.equal(run(DECL + '// jitlint-disable-next-line delete-property\ndelete o.a;\ndelete o.b;\n'), ['delete-property 4:1-4:11 fixedKey']);
});

test('disable-next-line <id> does not reach past a blank line (and is then unused)', () => {
  assert.equal(run(DECL + '// jitlint-disable-next-line delete-property\n\ndelete o.a;\n'), [
    'delete-property 4:1-4:11 fixedKey',
    'unused-suppression 2:1-2:45 unused',
  ]);
});

test('disable-next-line <id> suppresses every finding of that rule on the line', () => {
  assert.equal(run(DECL + '// jitlint-disable-next-line delete-property\ndelete o.a; delete o.b;\n'), []);
});

test('disable-next-line <other id> leaves the finding (and is unused)', () => {
  assert.equal(run(DECL + '// jitlint-disable-next-line arguments-leak\ndelete o.a;\n'), [
    'delete-property 3:1-3:11 fixedKey',
    'unused-suppression 2:1-2:44 unused',
  ]);
});

test('disable-next-line a, b: each id suppresses its own rule; the id that hid nothing is unused', () => {
  assert.equal(run(DECL + '// jitlint-disable-next-line delete-property, arguments-leak\ndelete o.a;\n'), ['unused-suppression 2:1-2:61 unused']);
});

test('disable-next-line a, b suppresses findings of both rules on the line', () => {
  const code = DECL + 'function f(x: number) {\n  // jitlint-disable-next-line delete-property, arguments-leak\n  delete o.a; return Array.from(arguments);\n}\nf(1);\n';
  assert.equal(run(code, { rules: ['delete-property', 'arguments-leak'] }), []);
  assert.equal(run(code.replace('// jitlint', '// x-jitlint')), ['delete-property 4:3-4:13 fixedKey', 'arguments-leak 4:22-4:43 arrayFrom']);
});

test('disable-next-line <id> -- reason: the reason is not an id', () => {
  assert.equal(run(DECL + '// jitlint-disable-next-line delete-property -- cold path, runs once\ndelete o.a;\n'), []);
});

test('disable-next-line a, b -- reason: the unused note spans the whole comment, reason included', () => {
  assert.equal(run(DECL + '// jitlint-disable-next-line delete-property, arguments-leak -- both\ndelete o.a;\n'), ['unused-suppression 2:1-2:69 unused']);
});

// ---- jitlint-disable-line --------------------------------------------------------------------

test('disable-line <id> suppresses its own line only', () => {
  assert.equal(run(DECL + 'delete o.a; // jitlint-disable-line delete-property\ndelete o.b;\n'), ['delete-property 3:1-3:11 fixedKey']);
});

test('disable-line <other id> leaves the finding; the note is at the comment\'s column', () => {
  assert.equal(run(DECL + 'delete o.a; // jitlint-disable-line arguments-leak\n'), [
    'delete-property 2:1-2:11 fixedKey',
    'unused-suppression 2:13-2:51 unused',
  ]);
});

// ---- file-level /* jitlint-disable */ ---------------------------------------------------------

test('/* jitlint-disable <id> */ suppresses that rule in the whole file', () => {
  assert.equal(run('/* jitlint-disable delete-property */\n' + DECL + 'delete o.a;\ndelete o.b;\n'), []);
});

test('/* jitlint-disable <id> */ after the findings still covers the whole file', () => {
  assert.equal(run(DECL + 'delete o.a;\ndelete o.b;\n/* jitlint-disable delete-property */\n'), []);
});

test('/* jitlint-disable <id> */ leaves other rules', () => {
  const code = '/* jitlint-disable delete-property */\n' + DECL + 'function f(x: number) {\n  delete o.a;\n  return Array.from(arguments);\n}\nf(1);\n';
  assert.equal(run(code), ['arguments-leak 5:10-5:31 arrayFrom']);
});

test('/* jitlint-disable a, b */ with one unused id: one note at the comment', () => {
  assert.equal(run('  /* jitlint-disable arguments-leak, delete-property */\n' + DECL + 'delete o.a;\n'), ['unused-suppression 1:3-1:56 unused']);
});

// ---- id-less forms: every rule ---------------------------------------------------------------

test('id-less disable-next-line suppresses every rule on the next line', () => {
  const code = DECL + 'function f(x: number) {\n  // jitlint-disable-next-line\n  delete o.a; return Array.from(arguments);\n  delete o.b;\n}\nf(1);\n';
  assert.equal(run(code), ['delete-property 5:3-5:13 fixedKey']);
});

test('id-less disable-line suppresses every rule on its line', () => {
  assert.equal(run(DECL + 'delete o.a; // jitlint-disable-line\ndelete o.b;\n'), ['delete-property 3:1-3:11 fixedKey']);
});

test('id-less /* jitlint-disable */ suppresses every rule in the file', () => {
  const code = '/* jitlint-disable */\n' + DECL + 'function f(x: number) {\n  delete o.a;\n  return Array.from(arguments);\n}\nf(1);\n';
  assert.equal(run(code), []);
});

test('id-less forms that hid nothing: one unusedAll note each', () => {
  assert.equal(run('/* jitlint-disable */\nconst x = 1;\n// jitlint-disable-next-line\nconst y = x;\nconst z = y; // jitlint-disable-line\n'), [
    'unused-suppression 1:1-1:22 unusedAll',
    'unused-suppression 3:1-3:29 unusedAll',
    'unused-suppression 5:14-5:37 unusedAll',
  ]);
});

test('unused notes carry their message', () => {
  const found = analyzeText(DECL + '// jitlint-disable-next-line arguments-leak\ndelete o.a;\n// jitlint-disable-next-line\nconst y = 1;\n', 'test.ts', {
    rules: ['delete-property', 'arguments-leak'],
  }).filter((f) => f.ruleId === 'unused-suppression');
  assert.equal(
    found.map((f) => ({ line: f.line, level: f.level, messageId: f.messageId, message: f.message, snippet: f.snippet })),
    [
      { line: 2, level: 'note', messageId: 'unused', message: 'Unused suppression: arguments-leak reported nothing here; remove the comment.', snippet: '// jitlint-disable-next-line arguments-leak' },
      { line: 4, level: 'note', messageId: 'unusedAll', message: 'Unused suppression: no rule reported anything here; remove the comment.', snippet: '// jitlint-disable-next-line' },
    ],
  );
});

test('no unused notes when they are not asked for', () => {
  assert.equal(run(DECL + '// jitlint-disable-next-line arguments-leak\ndelete o.a;\n', { reportUnusedSuppressions: false }), ['delete-property 3:1-3:11 fixedKey']);
});

// ---- not directives --------------------------------------------------------------------------

test('a directive inside a string literal is not a directive', () => {
  assert.equal(run(DECL + 'const s = "// jitlint-disable-next-line delete-property";\ndelete o.a;\n'), ['delete-property 3:1-3:11 fixedKey']);
  assert.equal(run(DECL + "const s = '/* jitlint-disable delete-property */';\ndelete o.a;\n"), ['delete-property 3:1-3:11 fixedKey']);
});

test('a directive inside a template literal is not a directive', () => {
  assert.equal(run(DECL + 'const s = `// jitlint-disable-next-line delete-property`;\ndelete o.a;\n'), ['delete-property 3:1-3:11 fixedKey']);
  assert.equal(run(DECL + 'const s = `${1} // jitlint-disable-next-line delete-property`;\ndelete o.a;\n'), ['delete-property 3:1-3:11 fixedKey']);
  assert.equal(run('const s = `/* jitlint-disable delete-property */`;\n' + DECL + 'delete o.a;\n'), ['delete-property 3:1-3:11 fixedKey']);
});

test('a real disable-line comment after a directive-like string on the same line still applies', () => {
  assert.equal(run(DECL + "const s = '// jitlint-disable-line x'; delete o.a; // jitlint-disable-line delete-property\n"), []);
});

test('a real file-level comment after a directive-like string still applies', () => {
  assert.equal(run(DECL + "const s = '/* jitlint-disable'; /* jitlint-disable delete-property */\ndelete o.a;\n"), []);
});

// ---- rules that did not run ------------------------------------------------------------------

test('a suppression naming a rule that is turned off (did not run) is not reported unused', () => {
  assert.equal(run(DECL + '// jitlint-disable-next-line closure-in-loop\ndelete o.a;\n'), ['delete-property 3:1-3:11 fixedKey']);
  assert.equal(run(DECL + '/* jitlint-disable closure-in-loop */\n'), []);
});

test('the same suppression is reported unused when its rule ran', () => {
  assert.equal(run(DECL + '// jitlint-disable-next-line closure-in-loop\ndelete o.a;\n', { rules: ['delete-property', 'closure-in-loop'] }), [
    'delete-property 3:1-3:11 fixedKey',
    'unused-suppression 2:1-2:45 unused',
  ]);
});

test('a, b where a did not run and b hid nothing: only b is reported', () => {
  assert.equal(run(DECL + '// jitlint-disable-next-line closure-in-loop, arguments-leak\ndelete o.a;\n'), [
    'delete-property 3:1-3:11 fixedKey',
    'unused-suppression 2:1-2:61 unused',
  ]);
});

test.run();
