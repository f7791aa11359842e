// A log of code made, moved and collected over and over (scripts/gen-churn-fixture.mjs):
// the parser keeps the live code, not every code object the log ever named, and joins
// each IC to the code that holds it now.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { ModelBuilder } from '../../src/runtime/builder.js';
import { forEachRawLine } from '../../src/runtime/lines.js';
import { loadRuntime } from '../../src/runtime/index.js';
import { CodeTable } from '../../src/runtime/v8log/code-table.js';
import { SfiOwners } from '../../src/runtime/v8log/sfi-owners.js';
import { V8LogParser } from '../../src/runtime/v8log/parser.js';
import { fixturePath } from '../helpers.js';

const CHURN = fixturePath('v8', 'churn', 'churn.v8.log.gz');

test('churn log: code entries bounded by the live code, SFIs by the current addresses', async () => {
  const b = new ModelBuilder();
  const p = new V8LogParser(b, 0);
  const stats = await forEachRawLine(CHURN, (buf, s, e) => p.lineBytes(buf, s, e));
  p.finish();
  assert.is(stats.lines, 41374);
  // 3666 code-creation rows; the log showed 1125 of those objects dead (page released, also a pooled
  // page released again, or memory reused).
  assert.is(p.codes.size, 2482);
  assert.is(p.codes.dropped, 1125);
  let sfis = 0;
  for (const fn of b.model.functions.values()) sfis += fn.sfis.size;
  // 18094 sfi-move rows: each function keeps the addresses its live SFIs have now, not every one they
  // had; 484 SFIs were left on pages the GC released (dead), 440 live ones remain.
  assert.is(p.sfiOwners.dropped, 484);
  assert.is(p.sfiOwners.size, 440);
  assert.is(sfis, 440);
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
    ['(top) 1:1 optimized ×0 sfis 2', 'churn 1:16 optimized ×28 sfis 2'],
  );
  assert.is(model.deopts.filter((d) => d.site?.position.script.startsWith('churn/')).length, 88);
});

test('churn log: SFIs left on a released page are dropped, those alive when the heap is torn down at exit are kept', async () => {
  const { model } = await loadRuntime([CHURN]);
  const sfisOf = (key: string): string[] => [...model.functions.get(key)!.sfis].sort();
  // Made on page 0x1a4479380000 (line 2423), never moved, the page released mid-run (line 7166): dead.
  assert.equal(sfisOf('node:internal/main/run_main_module:1:1'), []);
  // 0x2be49d6a1a10 moved (line 30361) onto a pooled page (released at line 26149, handed out again with
  // no `new` row) that is released again (line 31398): dead. The last two were alive until the log's
  // closing page releases (lines 41355-41358), which drop nothing.
  assert.equal(sfisOf('churn/module-0.js:1:1'), ['0xd00ddda4060', '0xeb8f187eb60']);
  assert.equal(sfisOf('churn/module-0.js:1:16'), ['0xd00ddda4120', '0xeb8f187ec20']);
});

test('SFI owners: moves, reuse, and releases of whole and partial pages', () => {
  const o = new SfiOwners<string>();
  const page = 2 ** 18;
  const base = 0x2be49d680000;
  o.set(base + 0x10, 'a');
  o.set(base + page - 8, 'b');
  o.set(base + page + 0x20, 'c');
  assert.is(o.set(base + 0x10, 'd'), 'a'); // the address taken by another
  assert.is(o.delete(base + page + 0x20), 'c'); // moved away ...
  o.set(base + 2 * page + 0x30, 'c'); // ... to here
  assert.is(o.size, 3);
  const dropped: string[] = [];
  // A release that ends inside the second page: only what is below its end goes.
  o.release(base, base + page + 0x10, (x) => dropped.push(x));
  assert.equal(dropped.sort(), ['b', 'd']);
  assert.is(o.get(base + 0x10), undefined);
  assert.is(o.get(base + 2 * page + 0x30), 'c');
  assert.equal([...o.entries()], [[base + 2 * page + 0x30, 'c']]);
  assert.is(o.size, 1);
  assert.is(o.dropped, 2);
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
  assert.is(t.chunkDeleted(0x90000), undefined);
  assert.is(t.size, 2);
  // A released page handed out again from V8's pool (no `new` row) and released again: its code goes too.
  assert.is(t.chunkDeleted(0x10000), 0x1000);
  t.add({ start: 0x10800, size: 0x10 });
  assert.is(t.chunkDeleted(0x10000), 0x1000);
  assert.is(t.at(0x10804), undefined);
  assert.is(t.at(0x10404), undefined);
  assert.is(t.size, 1);
  assert.is(t.dropped, 4);
});

test('code table: runs of unchanged entries kept whole between a delete, new code over old, and a released page', () => {
  const t = new CodeTable();
  t.chunkCreated(0x40000, 0x200);
  // Ten objects of 0x100 at 0x10000, 0x10100, ...; 0x40000 and 0x40100 on the page.
  for (let k = 0; k < 10; k++) t.add({ start: 0x10000 + k * 0x100, size: 0x100 });
  t.add({ start: 0x40000, size: 0x100 });
  t.add({ start: 0x40100, size: 0x100 });
  assert.is(t.at(0x10550)?.start, 0x10500); // compacted: one sorted list
  t.delete(0x10500);
  t.add({ start: 0x107f0, size: 0x20 }); // over the end of 0x10700 and the start of 0x10800
  t.chunkDeleted(0x40000);
  const starts = [0x10000, 0x10150, 0x10450, 0x10550, 0x10650, 0x10750, 0x107f8, 0x10850, 0x10950, 0x40050, 0x40150].map((pc) => t.at(pc)?.start);
  assert.equal(starts, [0x10000, 0x10100, 0x10400, undefined, 0x10600, undefined, 0x107f0, undefined, 0x10900, undefined, undefined]);
  assert.is(t.size, 8);
  assert.is(t.dropped, 4);
});

test.run();
