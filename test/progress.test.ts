import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Progress } from '../src/pipeline/progress.js';

function fakeStream(isTTY: boolean) {
  const writes: string[] = [];
  const stream = { isTTY, columns: 60, write: (s: string) => (writes.push(s), true) } as unknown as NodeJS.WriteStream;
  return { stream, writes };
}

test('on a terminal: one rewritten line with phase and counts, cleared at the end', () => {
  const saved = process.env['CI'];
  delete process.env['CI'];
  try {
    const { stream, writes } = fakeStream(true);
    const p = new Progress(stream);
    p.update('loading project');
    p.update('analyzing', 0, 500);
    p.clear();
    assert.equal(writes, ['\r\x1b[Kjitlint: loading project', '\r\x1b[Kjitlint: analyzing 0/500 files', '\r\x1b[K']);
  } finally {
    if (saved !== undefined) process.env['CI'] = saved;
  }
});

test('not a terminal, or in CI: nothing is written', () => {
  const { stream, writes } = fakeStream(false);
  const p = new Progress(stream);
  p.update('analyzing', 1, 2);
  p.clear();
  const saved = process.env['CI'];
  process.env['CI'] = 'true';
  try {
    const tty = fakeStream(true);
    const q = new Progress(tty.stream);
    q.update('analyzing', 1, 2);
    q.clear();
    assert.equal(tty.writes, []);
  } finally {
    if (saved === undefined) delete process.env['CI'];
    else process.env['CI'] = saved;
  }
  assert.equal(writes, []);
});

test.run();
