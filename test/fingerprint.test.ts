import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { lineHashes } from '../src/report/fingerprint.js';

// Vectors computed like GitHub's upload action computes primaryLocationLineHash.
test('empty file: line 1', () => {
  assert.equal(lineHashes('')[0], 'c129715d7a2bc9a3:1');
});

test('" a\\nb\\n  \\t\\tc\\n d"', () => {
  assert.equal(lineHashes(' a\nb\n  \t\tc\n d'), ['271789c17abda88f:1', '54703d4cd895b18:1', '180aee12dab6264:1', 'a23a3dc5e078b07b:1']);
});

test('CRLF and LF endings hash alike', () => {
  assert.equal(lineHashes('x\r\ny\r\n'), lineHashes('x\ny\n'));
});

test('lines whose 100-character windows are equal are numbered', () => {
  const h = lineHashes('a\n'.repeat(300));
  assert.is(h.length, 301);
  assert.is(h[1]!.split(':')[0], h[0]!.split(':')[0]);
  assert.equal([h[0]!.split(':')[1], h[1]!.split(':')[1], h[2]!.split(':')[1]], ['1', '2', '3']);
});

test.run();
