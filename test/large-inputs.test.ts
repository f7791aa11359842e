// Inputs far larger than the fixtures: a log with hundreds of thousands of
// megamorphic sites gives one file that many findings, and places each in a
// program with tens of thousands of statements. These once overflowed the stack
// (a spread into push / Math.max) and scanned every statement per event.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Finding } from '../src/model.js';
import { formatStylish } from '../src/report/stylish.js';
import { SourceDoc, expressionAt } from '../src/sites/expressions.js';

test('stylish lists 300,000 findings of one file', () => {
  const findings: Finding[] = Array.from({ length: 300_000 }, (_, i) => ({
    ruleId: 'megamorphic-ic',
    level: 'warning',
    file: 'gen.js',
    line: i + 1,
    column: 3,
    endLine: i + 1,
    endColumn: 4,
    message: 'm',
    confirmed: false,
  }));
  const out = formatStylish(
    { toolVersion: '0', findings, rules: [], filesAnalyzed: 1, notifications: [], readSource: () => undefined, category: 'jitlint' },
    { color: false },
  );
  const lines = out.split('\n');
  assert.ok(lines.includes('  300000:3  warning  m  megamorphic-ic'), lines.slice(-6).join('\n'));
});

test('expressions are found in a program of 40,000 statements, first, middle and last', () => {
  const text = Array.from({ length: 40_000 }, (_, i) => `function f${i}(o) { return o.p${i}; }`).join('\n');
  const doc = new SourceDoc(text, 'gen.js');
  for (const i of [0, 20_000, 39_999]) {
    const offset = doc.offsetOf(i + 1, text.split('\n')[i]!.indexOf(`p${i}`) + 1)!;
    const ex = expressionAt(doc, offset);
    assert.equal(
      ex && { kind: ex.kind, text: text.slice(ex.start, ex.end), fn: ex.functionName },
      { kind: 'member', text: `o.p${i}`, fn: `f${i}` },
    );
  }
});

test.run();
