// Code without a script name (scripts/gen-eval-fixture.mjs: a function made by a direct eval
// and one by `new Function`, optimized, then deoptimized): it is in the model as eval'd code,
// named "<eval>" with no source file, and its deopts are attributed to it, not dropped.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { loadRuntime } from '../../src/runtime/index.js';
import { scriptIdentity } from '../../src/sites/index.js';
import { fixturePath } from '../helpers.js';

for (const major of ['20', '24']) {
  test(`Node ${major}: eval and new Function code are functions of "<eval>", with their optimizations and deopts`, async () => {
    const { model, notes } = await loadRuntime([fixturePath('v8', 'eval', `eval-${major}.v8.log.gz`)]);
    assert.equal(notes, []);
    const evals = [...model.functions.values()].filter((f) => f.position?.script === '<eval>');
    assert.equal(
      evals.map((f) => `${f.key} ${f.name || '(anonymous)'} ${f.timeline.map((t) => (t.kind === 'optimized' ? `optimized ${t.tier}` : t.kind === 'deoptimized' ? `deopt ${t.reason}` : t.kind)).join(', ')}`),
      [
        // Each eval's top-level code (the two scripts start at 1:1: one function).
        '<eval>:1:1 (anonymous) ',
        '<eval>:1:19 evalGetX optimized turbofan, deopt wrong map',
        '<eval>:1:20 (anonymous) optimized turbofan, deopt wrong map',
      ],
    );
    const site = (p?: { script: string; line: number; column: number }): string => (p ? `${p.script}:${p.line}:${p.column}` : '-');
    assert.equal(
      model.deopts.filter((d) => d.fn.startsWith('<eval>')).map((d) => `${d.fn} ${d.kind} ${d.reason} ${d.tier} ${site(d.site?.position)}`),
      ['<eval>:1:19 deopt-eager wrong map turbofan <eval>:2:12', '<eval>:1:20 deopt-eager wrong map turbofan <eval>:3:10'],
    );
    // The ICs in that code are placed in "<eval>" too, and joined to its functions.
    assert.equal(
      model.ics.filter((ic) => ic.position.script === '<eval>').map((ic) => `${ic.icKind} ${site(ic.position)} ${ic.maxState} in ${ic.fn}`),
      ['LoadIC <eval>:2:12 P in <eval>:1:19', 'LoadIC <eval>:3:10 P in <eval>:1:20'],
    );
  });
}

test('"<eval>" is eval code to the site resolver (never a file)', () => {
  assert.equal(scriptIdentity('<eval>'), { kind: 'eval' });
});

test.run();
