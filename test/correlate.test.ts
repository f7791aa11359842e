// Correlation (src/correlate): which runtime evidence confirms which static finding, and which
// static finding a runtime finding points back at. Site-exact: only evidence of a kind the rule
// names, inside a region the rule names. Hand-built domain objects, one case per test.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { correlate, type RuntimeEvidence } from '../src/correlate/index.js';
import { runtimeEvidence } from '../src/correlate/evidence.js';
import type { Finding } from '../src/model.js';
import { emptyModel, type SourcePosition } from '../src/runtime/model.js';

/** A static megamorphic-call-site finding on line 5, cols 5-20, confirmed by deopts and ICs inside that expression. */
function closure(over: Partial<Finding> = {}): Finding {
  return {
    ruleId: 'megamorphic-call-site',
    messageId: 'megamorphic',
    level: 'warning',
    file: 'src/a.ts',
    line: 5,
    column: 5,
    endLine: 5,
    endColumn: 20,
    message: 'A read over many shapes.',
    confirmed: false,
    functionName: 'run',
    snippet: 'shapes[i].area',
    confirm: { by: ['deopt', 'ic'], at: [{ file: 'src/a.ts', line: 5, column: 5, endLine: 5, endColumn: 20 }] },
    ...over,
  };
}

/** An allocation finding (string-concat-in-loop) on line 4: only allocation or CPU evidence at its site confirms it. */
function append(over: Partial<Finding> = {}): Finding {
  return {
    ruleId: 'string-concat-in-loop', messageId: 'append', level: 'note', file: 'src/a.ts', line: 4, column: 3, endLine: 4, endColumn: 20,
    message: 'A string built in a loop.', confirmed: false, functionName: 'run', snippet: 'out += it.label',
    confirm: { by: ['allocation', 'cpu'], at: [{ file: 'src/a.ts', line: 4, column: 3, endLine: 4, endColumn: 20 }] },
    ...over,
  };
}

/** A runtime deopt finding (what the deopt rule reports) at `line:column` of src/a.ts. */
function deoptFinding(line: number, column: number): Finding {
  return { ruleId: 'deopt', level: 'warning', file: 'src/a.ts', line, column, endLine: line, endColumn: column + 1, message: 'run was deoptimized.', confirmed: false, functionName: 'run' };
}

/** A deopt at `line:column` of src/a.ts, as the evidence builder makes it. */
function deoptAt(line: number, column: number): RuntimeEvidence {
  return { kind: 'deopt', file: 'src/a.ts', line, column, count: 2, reason: 'wrong map', tier: 'turbofan', functionName: 'run', message: `run was deoptimized 2 times at line ${line} (deopt-eager: wrong map) in Turbofan` };
}

// ---- static findings and evidence ------------------------------------------------------------

test('no evidence: the static finding is returned unchanged', () => {
  const f = closure();
  assert.equal(correlate([f], [], []), [closure()]);
});

test('evidence inside the expression: confirmed, raised one level, evidence and related location attached', () => {
  assert.equal(correlate([closure()], [], [deoptAt(5, 9)]), [
    closure({
      level: 'error',
      confirmed: true,
      message: 'A read over many shapes. Confirmed by V8 in a recorded run: run was deoptimized 2 times at line 5 (deopt-eager: wrong map) in Turbofan.',
      evidence: [{ kind: 'deopt', message: 'run was deoptimized 2 times at line 5 (deopt-eager: wrong map) in Turbofan', file: 'src/a.ts', line: 5, column: 9, count: 2, reason: 'wrong map', tier: 'turbofan' }],
      related: [{ file: 'src/a.ts', line: 5, column: 9, endLine: 5, endColumn: 10, message: 'run was deoptimized 2 times at line 5 (deopt-eager: wrong map) in Turbofan' }],
    }),
  ]);
});

test('evidence on the next line of the same loop: not confirmed (site-exact, not the neighbourhood)', () => {
  assert.equal(correlate([closure()], [], [deoptAt(6, 9)]), [closure()]);
});

test('the neighbouring megamorphic IC does not confirm a string append, nor is the append its likely cause', () => {
  // for (const it of items) {
  //   out += it.label;              // line 4: string-concat-in-loop (note)
  //   sum += shapes[it.i % 7].v;    // line 5: megamorphic LoadIC
  // }
  const ic: RuntimeEvidence = { kind: 'ic', file: 'src/a.ts', line: 5, column: 12, state: 'N', functionName: 'run', message: "the LoadIC for 'v' at line 5 went megamorphic" };
  const icFinding: Finding = { ruleId: 'megamorphic-ic', level: 'warning', file: 'src/a.ts', line: 5, column: 12, endLine: 5, endColumn: 30, message: 'This property access went megamorphic.', confirmed: false, functionName: 'run' };
  assert.equal(correlate([append()], [icFinding], [ic]), [append(), icFinding]);
});

test('an allocation finding is not confirmed by an IC or a deopt even at its own site', () => {
  assert.equal(correlate([append()], [], [deoptAt(4, 5), { ...deoptAt(4, 6), kind: 'ic', state: 'N' }]), [append()]);
});

test('a parameter\'s uses in the callee (another file) confirm an argument finding', () => {
  const arg = closure({ ruleId: 'any-boxing', messageId: 'param', confirm: { by: ['ic', 'deopt'], at: [{ file: 'src/b.ts', line: 10, column: 3, endLine: 10, endColumn: 9 }] } });
  assert.equal(correlate([arg], [], [deoptAt(5, 9)])[0]!.confirmed, false);
  assert.equal(correlate([arg], [], [{ ...deoptAt(10, 4), file: 'src/b.ts' }])[0]!.confirmed, true);
});

test('a note is raised to warning; an error stays an error', () => {
  const [note] = correlate([closure({ level: 'note' })], [], [deoptAt(5, 5)]);
  const [error] = correlate([closure({ level: 'error' })], [], [deoptAt(5, 5)]);
  assert.equal([note!.level, error!.level], ['warning', 'error']);
});

test('region bounds: the start column is inside, the end column is outside (end exclusive)', () => {
  assert.equal(correlate([closure()], [], [deoptAt(5, 5)])[0]!.confirmed, true);
  assert.equal(correlate([closure()], [], [deoptAt(5, 4)])[0]!.confirmed, false);
  assert.equal(correlate([closure()], [], [deoptAt(5, 19)])[0]!.confirmed, true);
  assert.equal(correlate([closure()], [], [deoptAt(5, 20)])[0]!.confirmed, false);
});

test('a finding without a confirmation spec is never confirmed', () => {
  const f = closure();
  delete f.confirm;
  assert.equal(correlate([f], [], [deoptAt(5, 9)])[0]!.confirmed, false);
});

test('evidence at the same position in another file: not confirmed', () => {
  assert.equal(correlate([closure()], [], [{ ...deoptAt(5, 5), file: 'src/b.ts' }]), [closure()]);
});

test('an IC: its state travels with the evidence; no count, reason or tier keys', () => {
  const ic: RuntimeEvidence = { kind: 'ic', file: 'src/a.ts', line: 5, column: 12, state: 'N', functionName: 'run', message: "the LoadIC for 'x' at line 5 went megamorphic" };
  const [f] = correlate([closure()], [], [ic]);
  assert.equal(f!.evidence, [{ kind: 'ic', message: "the LoadIC for 'x' at line 5 went megamorphic", file: 'src/a.ts', line: 5, column: 12, state: 'N' }]);
});

test('existing related locations are kept, the evidence\'s come after', () => {
  const own = { file: 'src/a.ts', line: 1, column: 1, endLine: 1, endColumn: 2, message: 'the loop variable' };
  const [f] = correlate([closure({ related: [own] })], [], [deoptAt(5, 9)]);
  assert.equal(f!.related!.map((r) => r.line), [1, 5]);
});

test('more than three items: the message names three and counts the rest; related lists at most ten', () => {
  const points = [5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16].map((column) => deoptAt(5, column));
  const [f] = correlate([closure()], [], points);
  const item = 'run was deoptimized 2 times at line 5 (deopt-eager: wrong map) in Turbofan';
  assert.is(f!.message, `A read over many shapes. Confirmed by V8 in a recorded run: ${item}; ${item}; ${item} and 9 more.`);
  assert.is(f!.evidence!.length, 12);
  assert.is(f!.related!.length, 10);
});

// ---- runtime findings pointing back at static ones ----------------------------------------

test('a runtime finding inside a static finding\'s expression: "Likely caused by …" and properties.causes', () => {
  assert.equal(correlate([closure()], [deoptFinding(5, 9)], []), [
    closure(),
    {
      ...deoptFinding(5, 9),
      message: 'run was deoptimized. Likely caused by the receiver with many shapes at line 5 (megamorphic-call-site).',
      properties: { causes: [{ ruleId: 'megamorphic-call-site', line: 5, column: 5 }] },
    },
  ]);
});

test('a runtime finding on another line of the same loop: unchanged', () => {
  assert.equal(correlate([closure()], [deoptFinding(6, 9)], []), [closure(), deoptFinding(6, 9)]);
});

test('a deopt-loop finding names no static cause (it is about the function, not a site)', () => {
  const loop: Finding = { ...deoptFinding(5, 9), ruleId: 'deopt-loop' };
  assert.equal(correlate([closure()], [loop], [])[1], loop);
});

test('a runtime finding in another file: unchanged', () => {
  const r = { ...deoptFinding(5, 9), file: 'src/b.ts' };
  assert.equal(correlate([closure()], [r], [])[1], { ...deoptFinding(5, 9), file: 'src/b.ts' });
});

test('a runtime finding at two static sites: both named, both in causes, existing properties kept', () => {
  const del: Finding = { ...closure(), ruleId: 'delete-property', messageId: 'fixedKey', line: 3, column: 3, endLine: 3, endColumn: 13, confirm: { by: ['ic', 'dictionary'], at: [{ file: 'src/a.ts', line: 5, column: 5, endLine: 5, endColumn: 12 }] } };
  // A megamorphic IC: both rules name ICs as evidence (a deopt would not point at the delete).
  const r = { ...deoptFinding(5, 9), ruleId: 'megamorphic-ic', properties: { count: 2 } };
  assert.equal(correlate([closure(), del], [r], [])[2], {
    ...deoptFinding(5, 9),
    ruleId: 'megamorphic-ic',
    message: 'run was deoptimized. Likely caused by the receiver with many shapes at line 5 (megamorphic-call-site) and the `delete` at line 3 (delete-property).',
    properties: { count: 2, causes: [{ ruleId: 'megamorphic-call-site', line: 5, column: 5 }, { ruleId: 'delete-property', line: 3, column: 3 }] },
  });
});

// ---- building evidence from the runtime model (src/correlate/evidence.ts) ---------------------

const at = (line: number, column: number): SourcePosition => ({ script: '/app/src/a.ts', line, column });
const place = (p: SourcePosition) => (p.script === '/app/src/a.ts' ? { file: 'src/a.ts', line: p.line, column: p.column } : undefined);

function modelWithRun() {
  const model = emptyModel();
  model.functions.set('/app/src/a.ts:2:1', { key: '/app/src/a.ts:2:1', name: 'run', sfis: new Set(), timeline: [] });
  return model;
}

test('evidence: the same deopt in two inputs counts as the larger per-input count, not the sum', () => {
  const model = modelWithRun();
  const d = { fn: '/app/src/a.ts:2:1', kind: 'deopt-eager', reason: 'wrong map', tier: 'turbofan' as const, site: { position: at(6, 9), inlinedAt: [] } };
  model.deopts.push({ ...d, source: 0 }, { ...d, source: 0 }, { ...d, source: 1 });
  assert.equal(runtimeEvidence(model, place), [
    { kind: 'deopt', file: 'src/a.ts', line: 6, column: 9, count: 2, reason: 'wrong map', tier: 'turbofan', functionName: 'run', message: 'run was deoptimized 2 times at line 6 (deopt-eager: wrong map) in Turbofan' },
  ]);
});

test('evidence: deopts without a site, OSR exits, dependency changes and unplaced positions give none', () => {
  const model = modelWithRun();
  const fn = '/app/src/a.ts:2:1';
  model.deopts.push(
    { fn, kind: 'deopt-lazy', reason: 'unknown', source: 0 },
    { fn, kind: 'deopt-eager', reason: 'prepare for on stack replacement (OSR)', site: { position: at(6, 9), inlinedAt: [] }, source: 0 },
    { fn, kind: 'dependency-change', reason: 'code dependencies', site: { position: at(6, 9), inlinedAt: [] }, source: 0 },
    { fn, kind: 'deopt-eager', reason: 'wrong map', site: { position: { script: 'node:internal/x', line: 1, column: 1 }, inlinedAt: [] }, source: 0 },
  );
  assert.equal(runtimeEvidence(model, place), []);
});

test('evidence: polymorphic and megamorphic ICs, monomorphic ones left out', () => {
  const model = modelWithRun();
  const ic = (line: number, maxState: string, key: string) => ({
    icKind: 'LoadIC' as const, position: at(line, 5), fn: '/app/src/a.ts:2:1', maxState, transitions: 3, keys: [key], maps: 5,
    firstMaxTransition: { oldState: 'P', newState: maxState, key, map: '0x1' }, source: 0,
  });
  model.ics.push(ic(7, 'N', 'y'), ic(4, 'P', 'x'), ic(5, '1', 'z'));
  assert.equal(runtimeEvidence(model, place), [
    { kind: 'ic', file: 'src/a.ts', line: 4, column: 5, state: 'P', functionName: 'run', message: "the LoadIC for 'x' at line 4 went polymorphic" },
    { kind: 'ic', file: 'src/a.ts', line: 7, column: 5, state: 'N', functionName: 'run', message: "the LoadIC for 'y' at line 7 went megamorphic" },
  ]);
});

test.run();
