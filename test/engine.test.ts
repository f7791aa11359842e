import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { analyzeText } from '../src/analyze/virtual.js';
import { brief } from './helpers.js';

test('syntax errors are reported as parse-error notes and analysis goes on', () => {
  const out = analyzeText('const a = ;\nfor (let i = 0; i < 3; i++) { setTimeout(() => i); }\n', 'bad.ts', { rules: [] });
  assert.equal(out.map(brief), ['parse-error 1:11-1:12 note']);
  assert.match(out[0]!.message, /Expression expected/);
});

test.run();
