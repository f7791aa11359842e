// Inputs far larger than the fixtures: a log with hundreds of thousands of
// megamorphic sites gives one file that many findings, and places each in a
// program with tens of thousands of statements. These once overflowed the stack
// (a spread into push / Math.max) and scanned every statement per event.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Finding } from '../src/model.js';
import { formatStylish } from '../src/report/stylish.js';
import { SourceDoc, expressionAt } from '../src/sites/expressions.js';
import { ModelBuilder } from '../src/runtime/builder.js';
import { emptyModel } from '../src/runtime/model.js';
import { runRuntimeRules } from '../src/rules/runtime/run.js';
import { defaultRuntimeRules } from '../src/rules/index.js';
import { analyzeText } from '../src/analyze/virtual.js';

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

test('a function seen first in trace text with a 300,000-entry timeline merges into its v8.log position', () => {
  const b = new ModelBuilder();
  const fromTrace = b.fnBySfi('0x10', 'hot');
  for (let i = 0; i < 300_000; i++) fromTrace.timeline.push({ kind: 'optimized', tier: 'turbofan', osr: false, source: 0 });
  const fn = b.fnByPosition({ script: '/app/a.js', line: 3, column: 10 }, 'hot', '0x10');
  assert.is(fn.timeline.length, 300_000);
  assert.equal([...b.model.functions.keys()], ['/app/a.js:3:10']);
});

test('200,000 deopts of one function at one site: one deopt and one deopt-loop finding', () => {
  const model = emptyModel();
  const position = { script: '/app/a.js', line: 3, column: 10 };
  model.functions.set('f', { key: 'f', name: 'hot', position, sfis: new Set(), timeline: [] });
  for (let i = 0; i < 200_000; i++) {
    model.deopts.push({ fn: 'f', kind: 'deopt-eager', reason: i % 2 ? 'wrong map' : 'not a Smi', tier: 'turbofan', site: { position: { ...position, column: 20 }, inlinedAt: [] }, source: 0 });
  }
  const out = runRuntimeRules(model, defaultRuntimeRules()).map((f) => `${f.ruleId}:${f.messageId} ${f.line}:${f.column} ${f.message}`);
  assert.equal(out, [
    'deopt-loop:loop 3:10 hot was deoptimized and optimized again 200000 times (not a Smi; wrong map): feed it values of stable types and shapes.',
    'deopt:here 3:20 hot was deoptimized 200000 times here (deopt-eager: not a Smi ×100000; deopt-eager: wrong map ×100000) in Turbofan: keep one numeric kind here (small integers or doubles).',
  ]);
});

test('an expression of 3,000 terms (tsc accepts it) is analyzed, not a stack overflow', () => {
  const code = `export const y = ${Array.from({ length: 3000 }, () => '1').join(' + ')};\nexport function f(o: { p?: number }) { delete o.p; }\n`;
  const found = analyzeText(code, 'deep.ts').map((f) => `${f.ruleId}:${f.messageId} ${f.line}:${f.column}`);
  assert.equal(found, ['delete-property:fixedKey 2:40']);
});

test.run();
