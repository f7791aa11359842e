// Correlation (src/correlate): which runtime evidence confirms which static finding, and which
// static finding a runtime finding points back at. Hand-built domain objects, one case per test.
// These pin today's behaviour (evidence anywhere in a finding's scope); when correlation becomes
// site-exact (DESIGN §3), the "inside the scope" cases are the ones to revisit.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { correlate, type RuntimeEvidence } from '../src/correlate/index.js';
import { runtimeEvidence } from '../src/correlate/evidence.js';
import type { Finding } from '../src/model.js';
import { emptyModel, type SourcePosition } from '../src/runtime/model.js';

/** A static closure-in-loop finding on line 5, cols 5-20, whose scope is the loop, lines 3-7. */
function closure(over: Partial<Finding> = {}): Finding {
  return {
    ruleId: 'closure-in-loop',
    messageId: 'captures',
    level: 'warning',
    file: 'src/a.ts',
    line: 5,
    column: 5,
    endLine: 5,
    endColumn: 20,
    message: 'A closure per iteration.',
    confirmed: false,
    functionName: 'run',
    snippet: '() => i',
    scope: { line: 3, column: 3, endLine: 7, endColumn: 4 },
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

test('evidence inside the scope: confirmed, raised one level, evidence and related location attached', () => {
  assert.equal(correlate([closure()], [], [deoptAt(6, 9)]), [
    closure({
      level: 'error',
      confirmed: true,
      message: 'A closure per iteration. Confirmed by V8 in a recorded run: run was deoptimized 2 times at line 6 (deopt-eager: wrong map) in Turbofan.',
      evidence: [{ kind: 'deopt', message: 'run was deoptimized 2 times at line 6 (deopt-eager: wrong map) in Turbofan', file: 'src/a.ts', line: 6, column: 9, count: 2, reason: 'wrong map', tier: 'turbofan' }],
      related: [{ file: 'src/a.ts', line: 6, column: 9, endLine: 6, endColumn: 10, message: 'run was deoptimized 2 times at line 6 (deopt-eager: wrong map) in Turbofan' }],
    }),
  ]);
});

test('a note is raised to warning; an error stays an error', () => {
  const [note] = correlate([closure({ level: 'note' })], [], [deoptAt(5, 5)]);
  const [error] = correlate([closure({ level: 'error' })], [], [deoptAt(5, 5)]);
  assert.equal([note!.level, error!.level], ['warning', 'error']);
});

test('evidence on the line after the scope ends: not confirmed, unchanged', () => {
  assert.equal(correlate([closure()], [], [deoptAt(8, 1)]), [closure()]);
});

test('evidence on the line before the scope starts: not confirmed, unchanged', () => {
  assert.equal(correlate([closure()], [], [deoptAt(2, 10)]), [closure()]);
});

test('scope bounds: the start column is inside, the end column is outside (end exclusive)', () => {
  assert.equal(correlate([closure()], [], [deoptAt(3, 3)])[0]!.confirmed, true);
  assert.equal(correlate([closure()], [], [deoptAt(3, 2)])[0]!.confirmed, false);
  assert.equal(correlate([closure()], [], [deoptAt(7, 3)])[0]!.confirmed, true);
  assert.equal(correlate([closure()], [], [deoptAt(7, 4)])[0]!.confirmed, false);
});

test('without a scope, the finding\'s own region is where evidence counts', () => {
  const f = closure({ scope: undefined });
  delete f.scope;
  assert.equal(correlate([f], [], [deoptAt(5, 19)])[0]!.confirmed, true);
  assert.equal(correlate([f], [], [deoptAt(5, 20)])[0]!.confirmed, false);
  assert.equal(correlate([f], [], [deoptAt(6, 9)])[0]!.confirmed, false);
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
  const [f] = correlate([closure({ related: [own] })], [], [deoptAt(6, 9)]);
  assert.equal(f!.related!.map((r) => r.line), [1, 6]);
});

test('more than three items: the message names three and counts the rest; related lists at most ten', () => {
  const points = [4, 5, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6].map((line, i) => deoptAt(line, i + 1));
  const [f] = correlate([closure()], [], points);
  assert.is(
    f!.message,
    'A closure per iteration. Confirmed by V8 in a recorded run: run was deoptimized 2 times at line 4 (deopt-eager: wrong map) in Turbofan; run was deoptimized 2 times at line 5 (deopt-eager: wrong map) in Turbofan; run was deoptimized 2 times at line 6 (deopt-eager: wrong map) in Turbofan and 9 more.',
  );
  assert.is(f!.evidence!.length, 12);
  assert.is(f!.related!.length, 10);
});

// ---- function-level evidence (deopt-loop) --------------------------------------------------

/** A deopt loop of function `name`, reported at the function's start (line 1). */
function deoptLoop(name: string): RuntimeEvidence {
  return { kind: 'optimization', file: 'src/a.ts', line: 1, column: 1, functionLevel: true, functionName: name, message: `${name} was deoptimized 4 times and optimized again each time (wrong map)` };
}

test('function-level evidence confirms a finding of the same function, wherever it is in it', () => {
  const [f] = correlate([closure()], [], [deoptLoop('run')]);
  assert.equal(f!.confirmed, true);
  assert.equal(f!.level, 'error');
  assert.equal(f!.evidence, [{ kind: 'optimization', message: 'run was deoptimized 4 times and optimized again each time (wrong map)', file: 'src/a.ts', line: 1, column: 1 }]);
  assert.equal(f!.related, [{ file: 'src/a.ts', line: 1, column: 1, endLine: 1, endColumn: 2, message: 'run was deoptimized 4 times and optimized again each time (wrong map)' }]);
});

test('function-level evidence of another function: not confirmed, even with its position inside the scope', () => {
  const loop = { ...deoptLoop('other'), line: 5, column: 5 };
  assert.equal(correlate([closure()], [], [loop]), [closure()]);
});

test('function-level evidence does not confirm a top-level finding (no function name)', () => {
  assert.equal(correlate([closure({ functionName: '' })], [], [deoptLoop('')]), [closure({ functionName: '' })]);
});

test('function-level evidence of the same name in another file: not confirmed', () => {
  assert.equal(correlate([closure()], [], [{ ...deoptLoop('run'), file: 'src/b.ts' }]), [closure()]);
});

// ---- runtime findings pointing back at static ones ----------------------------------------

test('a runtime finding inside a static finding\'s scope: "Likely caused by …" and properties.causes', () => {
  assert.equal(correlate([closure()], [deoptFinding(6, 9)], []), [
    closure(),
    {
      ...deoptFinding(6, 9),
      message: 'run was deoptimized. Likely caused by the closure created per iteration at line 5 (closure-in-loop).',
      properties: { causes: [{ ruleId: 'closure-in-loop', line: 5, column: 5 }] },
    },
  ]);
});

test('a runtime finding outside every static scope: unchanged', () => {
  assert.equal(correlate([closure()], [deoptFinding(8, 1)], []), [closure(), deoptFinding(8, 1)]);
});

test('a runtime finding in another file: unchanged', () => {
  const r = { ...deoptFinding(6, 9), file: 'src/b.ts' };
  assert.equal(correlate([closure()], [r], [])[1], { ...deoptFinding(6, 9), file: 'src/b.ts' });
});

test('a runtime finding inside two static scopes: both named, both in causes, existing properties kept', () => {
  const del: Finding = { ...closure(), ruleId: 'delete-property', messageId: 'fixedKey', line: 6, column: 3, endLine: 6, endColumn: 13, scope: { line: 6, column: 3, endLine: 6, endColumn: 13 } };
  const r = { ...deoptFinding(6, 9), properties: { count: 2 } };
  assert.equal(correlate([closure(), del], [r], [])[2], {
    ...deoptFinding(6, 9),
    message: 'run was deoptimized. Likely caused by the closure created per iteration at line 5 (closure-in-loop) and the `delete` at line 6 (delete-property).',
    properties: { count: 2, causes: [{ ruleId: 'closure-in-loop', line: 5, column: 5 }, { ruleId: 'delete-property', line: 6, column: 3 }] },
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
  assert.equal(runtimeEvidence(model, place, []), [
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
  assert.equal(runtimeEvidence(model, place, []), []);
});

test('evidence: polymorphic and megamorphic ICs, monomorphic ones left out', () => {
  const model = modelWithRun();
  const ic = (line: number, maxState: string, key: string) => ({
    icKind: 'LoadIC' as const, position: at(line, 5), fn: '/app/src/a.ts:2:1', maxState, transitions: 3, keys: [key], maps: 5,
    firstMaxTransition: { oldState: 'P', newState: maxState, key, map: '0x1' }, source: 0,
  });
  model.ics.push(ic(7, 'N', 'y'), ic(4, 'P', 'x'), ic(5, '1', 'z'));
  assert.equal(runtimeEvidence(model, place, []), [
    { kind: 'ic', file: 'src/a.ts', line: 4, column: 5, state: 'P', functionName: 'run', message: "the LoadIC for 'x' at line 4 went polymorphic" },
    { kind: 'ic', file: 'src/a.ts', line: 7, column: 5, state: 'N', functionName: 'run', message: "the LoadIC for 'y' at line 7 went megamorphic" },
  ]);
});

test('evidence: a deopt-loop runtime finding becomes function-level evidence with its first sentence', () => {
  const loop: Finding = {
    ruleId: 'deopt-loop', level: 'error', file: 'src/a.ts', line: 2, column: 1, endLine: 2, endColumn: 2, confirmed: false, functionName: 'run',
    message: 'run was deoptimized 4 times and optimized again each time (wrong map); each round throws away the optimized code. Feed it values of stable types and shapes.',
  };
  assert.equal(runtimeEvidence(emptyModel(), place, [loop, deoptFinding(6, 9)]), [
    { kind: 'optimization', file: 'src/a.ts', line: 2, column: 1, functionLevel: true, functionName: 'run', message: 'run was deoptimized 4 times and optimized again each time (wrong map); each round throws away the optimized code' },
  ]);
});

test.run();
