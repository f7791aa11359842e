// Issue 15, "Nothing lost": a bad field skips its row (counted), damaged gzip keeps what was read,
// UTF-16 is read, and every note that quotes input escapes control characters.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { loadRuntime, type RuntimeModel } from '../../src/runtime/index.js';
import { fixturePath } from '../helpers.js';
import { deopts, pos, v8Fixture } from './facts.js';

const malformed = (name: string) => fixturePath('v8', 'malformed', name);

/** A fresh temporary directory, removed after `fn`. */
async function inTmp<T>(fn: (dir: string) => Promise<T>): Promise<T> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jitlint-nothing-lost-'));
  try {
    return await fn(dir);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

// @types/node 20 and TypeScript 6 disagree on Buffer's buffer type: bytes as a plain Uint8Array.
const u8 = (b: Buffer): Uint8Array => b as unknown as Uint8Array;
const gunzip = (file: string) => zlib.gunzipSync(u8(fs.readFileSync(file))).toString('utf8');

function icSummary(model: RuntimeModel): string[] {
  return model.ics.map((i) => `${i.icKind} ${pos(i.position)} ${i.maxState} ×${i.transitions} maps ${i.maps} ${i.keys.join('|')}`);
}

test('a bad field in any v8.log row kind skips that row only, counted, first one quoted', async () => {
  const { model, notes } = await loadRuntime([malformed('bad-fields.handmade.log')]);
  assert.equal(
    model.deopts.map((d) => `${model.functions.get(d.fn)?.name} ${d.kind} ${d.reason} ${d.tier} ${d.site && pos(d.site.position)}`),
    ['f deopt-eager wrong map turbofan a.js:2:5', 'f deopt-eager not a Smi turbofan a.js:3:5'],
  );
  assert.equal(icSummary(model), ['LoadIC a.js:2:5 N ×5 maps 5 x']);
  assert.equal([...model.functions.values()].map((f) => `${f.name} ${f.position && pos(f.position)} ${[...f.sfis].join(',')}`), ['f a.js:1:10 0x2000']);
  assert.equal(model.sources[0]!.malformedLines, 11);
  assert.equal(model.sources[0]!.unknownLines, 0);
  assert.equal(notes, ['bad-fields.handmade.log: 11 malformed rows skipped (first: line 4, code-creation: bad code start "0x3zz0")']);
});

test('one corrupted address in a real log: the row is skipped, the log read, control characters escaped', async () => {
  const clean = await loadRuntime([v8Fixture('22', 'suite.v8.log.gz')]);
  await inTmp(async (dir) => {
    const lines = gunzip(v8Fixture('22', 'suite.v8.log.gz')).split('\n');
    // Line 3232: getX's Turbofan code, the code its wrong-map deopt names.
    assert.match(lines[3231]!, /^code-creation,JS,12,132619,0x7ff7dc003040,160,getX .*,0x154a540d39b0,\*$/);
    for (const [bad, quoted] of [
      ['0x3cQ64faa7408', '0x3cQ64faa7408'],
      ['0x3c\u001b[2J64\u0007', '0x3c\\x1b[2J64\\x07'],
    ] as const) {
      const copy = [...lines];
      copy[3231] = copy[3231]!.replace('0x154a540d39b0', bad);
      const file = path.join(dir, 'suite.v8.log');
      fs.writeFileSync(file, copy.join('\n'));
      const { model, notes } = await loadRuntime([file]);
      // Everything but getX's optimized code and its one deopt.
      assert.equal(deopts(model), deopts(clean.model).filter((d) => !d.startsWith('getX ')));
      assert.equal(icSummary(model), icSummary(clean.model));
      assert.equal(notes, [
        `suite.v8.log: 1 malformed row skipped (first: line 3232, code-creation: bad SFI address "${quoted}")`,
        'suite.v8.log: 1 deopt in code the log does not describe: not attributed to a function',
      ]);
      for (const n of notes) assert.not.match(n, /[\u0000-\u001f\u007f]/);
    }
  });
});

test('a malformed number in trace text skips that line, counted', async () => {
  await inTmp(async (dir) => {
    const file = path.join(dir, 'bad.trace.txt');
    fs.writeFileSync(
      file,
      [
        '[marking 0x1a01 <JSFunction f (sfi = 0x2b01)> for optimization to TURBOFAN, ConcurrencyMode::kConcurrent, reason: hot and stable]',
        '[compiling method 0x1a01 <JSFunction f (sfi = 0x2b01)> (target TURBOFAN), mode: ConcurrencyMode::kConcurrent]',
        '[completed compiling 0x1a01 <JSFunction f (sfi = 0x2b01)> (target TURBOFAN) - took 0.1.2, 0.3, 0.4 ms]',
        '[completed optimizing 0x1a01 <JSFunction f (sfi = 0x2b01)> (target TURBOFAN)]',
        '',
      ].join('\n'),
    );
    const { model, notes } = await loadRuntime([file]);
    assert.equal([...model.functions.values()][0]!.timeline.map((t) => t.kind), ['marked', 'compile-start', 'optimized']);
    assert.equal(notes, ['bad.trace.txt: 1 malformed line skipped (first: line 3, completed compiling: bad timing "0.1.2")']);
  });
});

test('a truncated gzip log keeps the rows decompressed before the damage, as a truncated plain log does', async () => {
  await inTmp(async (dir) => {
    const gz = u8(fs.readFileSync(v8Fixture('22', 'suite.v8.log.gz')));
    const cut = path.join(dir, 'cut.v8.log.gz');
    fs.writeFileSync(cut, gz.subarray(0, Math.floor(gz.length * 0.8)));
    // What survives: the bytes zlib gives back from the cut file, as a plain log cut at the same place.
    const prefix = u8(zlib.gunzipSync(u8(fs.readFileSync(cut)), { finishFlush: zlib.constants.Z_SYNC_FLUSH }));
    const plain = path.join(dir, 'cut.v8.log');
    fs.writeFileSync(plain, prefix);
    const a = await loadRuntime([cut]);
    const b = await loadRuntime([plain]);
    // The cut falls after the first four of the log's eight code-deopt rows.
    assert.is(prefix.length, 1931548);
    assert.is(a.model.deopts.length, 4);
    assert.equal(deopts(a.model), deopts(b.model));
    assert.equal(icSummary(a.model), icSummary(b.model));
    assert.is(a.model.sources[0]!.lines, b.model.sources[0]!.lines);
    // The cut row is one field short: counted as malformed, as in the plain file.
    const cutRow = 'malformed row skipped (first: line 5036, code-creation: too few fields in "code-creation,JS,10,169257,0x7ff7dc004140,25")';
    assert.equal(a.notes, [
      `cut.v8.log.gz: 1 ${cutRow}`,
      `cut.v8.log.gz: gzip data ends early (unexpected end of file) after ${prefix.length} bytes: the rows before are read`,
      'cut.v8.log.gz: last line truncated',
    ]);
    assert.equal(b.notes, [`cut.v8.log: 1 ${cutRow}`, 'cut.v8.log: last line truncated']);
  });
});

test('corrupt gzip data mid-file: read up to where zlib stops, never fatal, one note', async () => {
  await inTmp(async (dir) => {
    const gz = u8(fs.readFileSync(v8Fixture('22', 'suite.v8.log.gz')));
    for (let i = Math.floor(gz.length / 2); i < Math.floor(gz.length / 2) + 64; i++) gz[i] = 0xff;
    const file = path.join(dir, 'bad.v8.log.gz');
    fs.writeFileSync(file, gz);
    const { model, notes } = await loadRuntime([file]);
    // Deflate has no check of its own before the end: the garbled rows are read (as unknown rows) up to the CRC.
    assert.is(model.sources[0]!.lines, 6489);
    assert.is(model.sources[0]!.unknownLines, 3875);
    assert.is(notes.length, 4);
    assert.match(notes[0]!, /^bad\.v8\.log\.gz: 3875 unknown rows skipped \(/);
    assert.equal(notes.slice(1), [
      "bad.v8.log.gz: 7 deopts in code the log does not describe: not attributed to a function",
      'bad.v8.log.gz: gzip data damaged (incorrect data check) after 2097152 bytes: the rows before are read, and may be garbled',
      'bad.v8.log.gz: last line truncated',
    ]);
  });
});

test('UTF-16 trace text and v8.log (with BOM, as PowerShell writes them) are read after transcoding, with one note', async () => {
  await inTmp(async (dir) => {
    for (const [fixture, name] of [
      ['suite.trace.txt', 'ps.trace.txt'],
      ['suite.v8.log.gz', 'ps.v8.log'],
    ] as const) {
      const src = v8Fixture('22', fixture);
      const text = fixture.endsWith('.gz') ? gunzip(src) : fs.readFileSync(src, 'utf8');
      const le = path.join(dir, name);
      fs.writeFileSync(le, u8(Buffer.concat([u8(Buffer.from([0xff, 0xfe])), u8(Buffer.from(text, 'utf16le'))])));
      const utf8 = await loadRuntime([src]);
      const got = await loadRuntime([le]);
      assert.equal(deopts(got.model), deopts(utf8.model));
      assert.equal(icSummary(got.model), icSummary(utf8.model));
      assert.equal(got.notes, [`${name}: UTF-16LE text, read after transcoding to UTF-8`, ...utf8.notes.map((n) => n.replace(path.basename(src), name))]);
    }
    // Big-endian, without a BOM: told by its zero bytes.
    const be = path.join(dir, 'be.trace.txt');
    const swapped = Buffer.from(fs.readFileSync(v8Fixture('22', 'suite.trace.txt'), 'utf8'), 'utf16le').swap16();
    fs.writeFileSync(be, u8(swapped));
    const got = await loadRuntime([be]);
    assert.is(got.notes[0], 'be.trace.txt: UTF-16BE text, read after transcoding to UTF-8');
    assert.equal(deopts(got.model), deopts((await loadRuntime([v8Fixture('22', 'suite.trace.txt')])).model));
  });
});

test('node 14 (V8 8.4): IC rows without the time column are read, by the v8-version row or by their shape', async () => {
  const fixture = v8Fixture('14', 'suite.v8.log.gz');
  const expected = ['LoadIC ic-states.js:6:12 N ×6 maps 6 x', 'KeyedStoreIC ic-states.js:15:10 N ×2 maps 1 a|b'];
  const megamorphic = (model: RuntimeModel) => icSummary(model).filter((i) => i.includes(' ic-states.js:') && / N ×/.test(i));
  const { model, notes } = await loadRuntime([fixture]);
  assert.is(model.v8Version, '8.4.371.23-node.88');
  assert.equal(megamorphic(model), expected);
  assert.equal(model.sources.map((s) => [s.icTransitions, s.icSites, s.unknownLines, s.malformedLines]), [[4786, 4494, 0, 0]]);
  assert.equal(notes, []);
  assert.equal(deopts(model), [
    'getX | eager | wrong map | turbofan | deopt-eager.js:6:12',
    'addOne | eager | not a Smi | turbofan | deopt-eager.js:10:12',
    'label | soft | Insufficient type feedback for generic named access | turbofan | deopt-eager.js:14:25',
    'outer | eager | wrong map | turbofan | deopt-eager.js:19:12 < deopt-eager.js:23:10',
    'offset | lazy | (unknown) | turbofan | deopt-lazy.js:54:3',
    '(anon) | soft | Insufficient type feedback for generic named access | turbofan | inlining.js:80:9',
    'norm | eager | wrong map | turbofan | file://esm-deopt.mjs:4:29',
  ]);
  // Without its v8-version row, each IC row is told by its shape.
  await inTmp(async (dir) => {
    const file = path.join(dir, 'no-version.v8.log');
    fs.writeFileSync(file, gunzip(fixture).replace(/^v8-version,[^\n]*\n/, ''));
    const bare = await loadRuntime([file]);
    assert.is(bare.model.v8Version, undefined);
    assert.equal(megamorphic(bare.model), expected);
    assert.equal(bare.model.sources.map((s) => [s.icTransitions, s.icSites]), [[4786, 4494]]);
  });
});

test('plain --trace-opt --trace-deopt (not verbose): every deopt in the model with function, kind, reason, tier, opt id and bytecode offset; one note on positions', async () => {
  const expected: Record<string, string[]> = {
    '18': [
      'getX deopt-eager wrong map turbofan #0 @0',
      'addOne deopt-eager not a Smi turbofan #1 @2',
      'label deopt-eager Insufficient type feedback for generic named access turbofan #2 @4',
      'area dependency-change code dependencies - #4 @-',
      'offset dependency-change code dependencies - #6 @-',
      'offset deopt-lazy (unknown) turbofan #6 @3',
      '(anon) deopt-eager Insufficient type feedback for generic named access turbofan #10 @117',
      'norm deopt-eager wrong map turbofan #13 @0',
    ],
    '24': [
      'getX deopt-eager wrong map turbofan #1 @0',
      'addOne deopt-eager not a Smi turbofan #2 @2',
      'label deopt-eager Insufficient type feedback for generic named access turbofan #3 @4',
      'area dependency-change dependent field type constness changed turbofan #6 @-',
      'offset dependency-change dependent property cell changed turbofan #8 @-',
      'offset deopt-lazy (unknown) turbofan #8 @3',
      '(anon) deopt-eager prepare for on stack replacement (OSR) maglev #13 @98',
      '(anon) deopt-eager Insufficient type feedback for generic named access turbofan #14 @118',
      '(anon) deopt-eager prepare for on stack replacement (OSR) maglev #18 @32',
      '(anon) deopt-eager Insufficient type feedback for call turbofan #19 @48',
      'longLoop deopt-eager prepare for on stack replacement (OSR) maglev #20 @10',
      'norm deopt-eager wrong map turbofan #22 @0',
    ],
  };
  for (const [major, list] of Object.entries(expected)) {
    const { model, notes } = await loadRuntime([v8Fixture(major, 'suite.plain.trace.txt')]);
    const got = model.deopts.map((d) => {
      const fn = model.functions.get(d.fn)!;
      assert.ok(d.fn.startsWith('sfi:') && !fn.position && !d.site, 'trace text alone: an SFI, no position');
      return `${fn.name || '(anon)'} ${d.kind} ${d.reason} ${d.tier ?? '-'} #${d.optId} @${d.bytecodeOffset ?? '-'}`;
    });
    assert.equal(got, list);
    const placeable = list.filter((d) => !/ (deopt-lazy|dependency-change) /.test(d)).length;
    assert.equal(notes, [
      'suite.plain.trace.txt: 6 lines of program output or unknown text skipped',
      `suite.plain.trace.txt: ${placeable} deopts without a source position (the trace has no --trace-deopt-verbose lines): add --trace-deopt-verbose, or a v8.log of the same run, for where they happened`,
    ]);
  }
  // Verbose traces name their positions: no such note.
  assert.not.ok((await loadRuntime([v8Fixture('24', 'suite.trace.txt')])).notes.some((n) => n.includes('--trace-deopt-verbose')));
});

test('counts in notes are singular or plural as they should be', async () => {
  const one = await loadRuntime([malformed('crlf.handmade.trace.txt')]);
  assert.equal(one.notes, ['crlf.handmade.trace.txt: 1 line of program output or unknown text skipped']);
  const trunc = await loadRuntime([malformed('truncated.handmade.log')]);
  assert.equal(trunc.notes, [
    'truncated.handmade.log: 1 malformed row skipped (first: line 5, code-deopt: too few fields in "code-deopt,400,40,0x3000,-1,12,deopt-ea")',
    'truncated.handmade.log: last line truncated',
  ]);
  const unknown = await loadRuntime([malformed('unknown-rows.handmade.log')]);
  assert.equal(unknown.notes, ['unknown-rows.handmade.log: 3 unknown rows skipped (code-future ×2, heap-future ×1)']);
});

test('a file name with control characters is escaped in notes', async () => {
  await inTmp(async (dir) => {
    const file = path.join(dir, 'crlf\u001b[31m.trace.txt');
    fs.copyFileSync(malformed('crlf.handmade.trace.txt'), file);
    const { notes } = await loadRuntime([file]);
    assert.equal(notes, ['crlf\\x1b[31m.trace.txt: 1 line of program output or unknown text skipped']);
  });
});

test.run();
