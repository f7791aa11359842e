// IC aggregation across code moves, and the hash index it runs on. The rows are
// hand-made (the shape of Node 20's rows): the committed real logs have no
// code-move rows, so these pin down how entries made before and after a move merge.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { ModelBuilder } from '../../src/runtime/builder.js';
import type { IcSite } from '../../src/runtime/index.js';
import { NumberIndex } from '../../src/runtime/v8log/number-index.js';
import { V8LogParser } from '../../src/runtime/v8log/parser.js';

function parse(rows: string[]): { ics: IcSite[]; sites: number; transitions: number } {
  const b = new ModelBuilder();
  const p = new V8LogParser(b, 0);
  for (const row of rows) {
    const bytes = Buffer.from(row);
    p.lineBytes(bytes, 0, bytes.length);
  }
  p.finish();
  const { sites, transitions } = p.icCounts;
  return { ics: b.finish().ics, sites, transitions };
}

const brief = (s: IcSite) =>
  `${s.icKind} ${s.position.script}:${s.position.line}:${s.position.column} ${s.fn ?? '-'} ${s.maxState} x${s.transitions} maps=${s.maps} keys=${s.keys.join('|')} first=${s.firstMaxTransition.oldState}->${s.firstMaxTransition.newState}:${s.firstMaxTransition.key}`;

const CODE = 'code-creation,JS,10,100,0x1000,256,readX /app/a.js:1:1,0x5000,~';
/** <pc>,<µs>,<line>,<column>,<old>,<new>,<map>,<key> */
const load = (pc: string, line: number, col: number, from: string, to: string, map: string, key: string) => `LoadIC,${pc},1,${line},${col},${from},${to},${map},${key},,`;

test('an IC site seen before and after a code move is one site: counts add, maps are the most one entry saw', () => {
  const { ics, sites, transitions } = parse([
    CODE,
    load('0x1010', 2, 10, '0', '1', '0xa01', 'x'),
    load('0x1010', 2, 10, '1', 'P', '0xa02', 'x'),
    load('0x1010', 2, 10, 'P', 'P', '0xa03', 'x'),
    'code-move,0x1000,0x2000',
    // The same IC at its new address; map addresses are only comparable between moves.
    load('0x2010', 2, 10, 'P', 'P', '0xb01', 'y'),
    load('0x2010', 2, 10, 'P', 'N', '0xb02', 'x'),
    // A monomorphic site: counted, not kept.
    load('0x2020', 3, 5, '0', '1', '0xb01', 'z'),
  ]);
  assert.equal(ics.map(brief), ['LoadIC /app/a.js:2:10 /app/a.js:1:1 N x5 maps=3 keys=x|y first=P->N:x']);
  assert.is(sites, 2);
  assert.is(transitions, 6);
});

test('entries of two code objects at one position merge; on a tie in state the first-seen entry names the transition', () => {
  const { ics } = parse([
    CODE,
    'code-creation,JS,12,200,0x3000,256,readX /app/a.js:1:1,0x5000,*',
    load('0x1010', 2, 10, '0', '1', '0xa01', 'x'),
    load('0x3010', 2, 10, '1', 'P', '0xa02', 'y'),
    load('0x1010', 2, 10, '1', 'P', '0xa03', 'x'),
  ]);
  assert.equal(ics.map(brief), ['LoadIC /app/a.js:2:10 /app/a.js:1:1 P x3 maps=2 keys=x|y first=1->P:x']);
});

test('a pc outside every code object keeps its position with no script', () => {
  const { ics } = parse([CODE, load('0x9000', 7, 1, '1', 'N', '0xa01', 'k')]);
  assert.equal(ics.map(brief), ['LoadIC :7:1 - N x1 maps=1 keys=k first=1->N:k']);
});

test('rows with too few fields are malformed, not IC transitions', () => {
  const b = new ModelBuilder();
  const p = new V8LogParser(b, 0);
  p.line('LoadIC,0x1010,1,2,10,0,1');
  p.finish();
  assert.is(p.unknown, 0);
  assert.is(p.skipped.malformed, 1);
  assert.equal(p.icCounts, { sites: 0, transitions: 0 });
});

test('NumberIndex: set, replace, miss, grow past its initial size, clear', () => {
  const ix = new NumberIndex(16);
  const big = 2 ** 45 + 7;
  for (let i = 0; i < 5000; i++) ix.set(big + i * 16, i % 7, i);
  assert.is(ix.size, 5000);
  assert.is(ix.get(big + 16 * 4321, 4321 % 7), 4321);
  assert.is(ix.get(big + 16 * 4321, 0), -1);
  ix.set(big, 0, 99);
  assert.is(ix.get(big, 0), 99);
  assert.is(ix.size, 5000);
  ix.clear();
  assert.is(ix.size, 0);
  assert.is(ix.get(big, 0), -1);
});

test('NumberIndex: a cleared small table forgets old entries and takes new ones at the same keys', () => {
  const ix = new NumberIndex();
  for (let round = 0; round < 3; round++) {
    for (let i = 0; i < 100; i++) assert.is(ix.get(i, 1), -1);
    for (let i = 0; i < 100; i++) ix.set(i, 1, i + round);
    for (let i = 0; i < 100; i++) assert.is(ix.get(i, 1), i + round);
    ix.clear();
  }
  ix.reserve(10_000);
  for (let i = 0; i < 10_000; i++) ix.set(i, 2, i);
  assert.is(ix.get(9_999, 2), 9_999);
  assert.is(ix.get(9_999, 1), -1);
});

test.run();
