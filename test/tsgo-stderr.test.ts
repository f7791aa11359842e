import { spawn } from 'node:child_process';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { withServerStderr } from '../src/types/tsgo/stderr.js';

test('the server\'s stderr: the known close line is dropped, anything else is passed on', async () => {
  const written: string[] = [];
  // As the TypeScript 7 package spawns its server: stderr inherited.
  const { value: child, stderr } = withServerStderr(
    () => spawn(process.execPath, ['-e', 'console.error("panic: something real"); console.error("context canceled")'], { stdio: ['pipe', 'pipe', 'inherit'] }),
    (s) => void written.push(s),
  );
  await new Promise((resolve) => child.on('exit', resolve));
  stderr.finish();
  stderr.finish();
  assert.equal(written, ['panic: something real\n']);
});

test('spawn is restored after the server starts', () => {
  const { stderr } = withServerStderr(() => undefined, () => {});
  stderr.finish();
  const c = spawn(process.execPath, ['-e', ''], { stdio: ['ignore', 'ignore', 'inherit'] });
  assert.ok(c.pid);
});

test.run();
