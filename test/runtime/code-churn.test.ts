// A log of code made, moved and collected over and over (scripts/gen-churn-fixture.mjs):
// the parser keeps the live code, not every code object the log ever named, and joins
// each IC to the code that holds it now.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { ModelBuilder } from '../../src/runtime/builder.js';
import { forEachRawLine } from '../../src/runtime/lines.js';
import { loadRuntime } from '../../src/runtime/index.js';
import { CodeTable } from '../../src/runtime/v8log/code-table.js';
import { V8LogParser } from '../../src/runtime/v8log/parser.js';
import { fixturePath } from '../helpers.js';

const CHURN = fixturePath('v8', 'churn', 'churn.v8.log.gz');

test('churn log: code entries bounded by the live code, SFIs by the current addresses', async () => {
  const b = new ModelBuilder();
  const p = new V8LogParser(b, 0);
  const stats = await forEachRawLine(CHURN, (buf, s, e) => p.lineBytes(buf, s, e));
  p.finish();
  assert.is(stats.lines, 41374);
  // 3666 code-creation rows; the log showed 1081 of those objects dead (page released or memory reused).
  assert.is(p.codes.size, 2526);
  assert.is(p.codes.dropped, 1081);
  let sfis = 0;
  for (const fn of b.model.functions.values()) sfis += fn.sfis.size;
  // 18094 sfi-move rows: each function keeps the addresses its SFIs have now, not every one they had.
  assert.is(sfis, 924);
  assert.is(b.model.functions.size, 419);
  assert.is(b.model.deopts.length, 98);
});

test('churn log: every IC joins the code that holds it now (the three reads of each loop counted alike)', async () => {
  const { model, notes } = await loadRuntime([CHURN]);
  assert.equal(notes, []);
  const per = new Map<string, string[]>();
  for (const ic of model.ics) {
    if (!ic.position.script.startsWith('churn/')) continue;
    per.set(ic.position.script, [...(per.get(ic.position.script) ?? []), `${ic.position.line}:${ic.position.column} ${ic.maxState} ×${ic.transitions}`]);
  }
  assert.equal(Object.fromEntries(per), {
    'churn/module-0.js': ['3:39 N ×186', '3:51 N ×186', '3:66 N ×72', '4:17 N ×186'],
    'churn/module-1.js': ['3:39 N ×152', '3:51 N ×152', '3:66 N ×50', '4:17 N ×152'],
    'churn/module-2.js': ['3:39 N ×150', '3:51 N ×150', '3:66 N ×48', '4:17 N ×150'],
    'churn/module-3.js': ['3:39 N ×145', '3:51 N ×145', '3:66 N ×49', '4:17 N ×145'],
    'churn/module-4.js': ['3:39 N ×135', '3:51 N ×135', '3:66 N ×50', '4:17 N ×135'],
    'churn/module-5.js': ['3:39 N ×147', '3:51 N ×147', '3:66 N ×51', '4:17 N ×147'],
    'churn/module-6.js': ['3:39 N ×135', '3:51 N ×135', '3:66 N ×51', '4:17 N ×135'],
    'churn/module-7.js': ['3:39 N ×141', '3:51 N ×141', '3:66 N ×51', '4:17 N ×141'],
    'churn/module-8.js': ['3:39 N ×146', '3:51 N ×146', '3:66 N ×50', '4:17 N ×146'],
    'churn/module-9.js': ['3:39 N ×150', '3:51 N ×150', '3:66 N ×48', '4:17 N ×150'],
  });
  const churnFns = [...model.functions.values()].filter((f) => f.position?.script === 'churn/module-0.js');
  assert.equal(
    churnFns.map((f) => `${f.name || '(top)'} ${f.position!.line}:${f.position!.column} optimized ×${f.timeline.filter((t) => t.kind === 'optimized').length} sfis ${f.sfis.size}`),
    ['(top) 1:1 optimized ×0 sfis 24', 'churn 1:16 optimized ×28 sfis 24'],
  );
  assert.is(model.deopts.filter((d) => d.site?.position.script.startsWith('churn/')).length, 88);
});

test('code table: memory taken by later code, a released page, a move, a delete', () => {
  const t = new CodeTable();
  t.chunkCreated(0x10000, 0x1000);
  t.add({ start: 0x10100, size: 0x40 });
  t.add({ start: 0x10200, size: 0x80 });
  t.add({ start: 0x20000, size: 0x100 });
  assert.is(t.at(0x10210)?.start, 0x10200);
  // New code over the second object: that memory was free, so the old object is gone.
  t.add({ start: 0x101f0, size: 0x40 });
  assert.is(t.at(0x10210)?.start, 0x101f0);
  assert.is(t.at(0x10240), undefined);
  // The first object moves off the page, which is then released: nothing stays on it.
  t.move(0x10100, 0x20200);
  t.chunkDeleted(0x10000);
  assert.is(t.at(0x101f8), undefined);
  assert.is(t.at(0x20210)?.start, 0x20200);
  // Code made on the page after its release (the page reused) is alive.
  t.chunkCreated(0x10000, 0x1000);
  t.add({ start: 0x10400, size: 0x10 });
  assert.is(t.at(0x10404)?.start, 0x10400);
  t.delete(0x20000);
  assert.is(t.at(0x20010), undefined);
  assert.is(t.size, 2);
  assert.is(t.dropped, 2);
  // A release of a page the log never saw made changes nothing.
  t.chunkDeleted(0x90000);
  assert.is(t.size, 2);
});

test.run();
