// The tsgo engine's checker facade: answers that equal TypeScript's and the round trips it saves
// (each one a request to the TypeScript 7 server), observed through a checker that records calls.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Checker } from 'typescript7/unstable/sync';
import { analyzeSourceFile } from '../src/analyze/engine.js';
import { STATIC_RULES } from '../src/rules/index.js';
import { resolveOptions } from '../src/config/load.js';
import { loadTsgo, openTsgoProject } from '../src/types/tsgo/engine.js';
import { Timing } from '../src/analyze/timing.js';
import { ts } from '../src/syntax/ts.js';
import { walkTree } from '../src/analyze/ast.js';

const pkg = await loadTsgo();
const rules = STATIC_RULES.map((rule) => ({ rule, level: rule.meta.defaultLevel, options: resolveOptions(rule.meta.id) }));
const TSCONFIG = JSON.stringify({ compilerOptions: { strict: true, target: 'ES2022', module: 'ESNext', moduleResolution: 'Bundler' }, files: ['a.ts'] });

type Call = { method: string; texts: string[] };

/** Opens `source` as a.ts on the server behind a checker recording each call, and runs `body`. */
function withServer(source: string, body: (o: { engine: ReturnType<typeof openTsgoProject>['engine']; sf: ts.SourceFile; calls: Call[]; dir: string }) => void): void {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'jitlint-tsgo-checker-'));
  const calls: Call[] = [];
  const record = (c: Checker): Checker =>
    new Proxy(c, {
      get(target, prop) {
        const v = Reflect.get(target, prop, target) as unknown;
        if (typeof v !== 'function') return v;
        return (...args: unknown[]) => {
          const first = args[0];
          const list = (Array.isArray(first) ? first : [first]) as Array<{ getText?: () => string }>;
          calls.push({ method: String(prop), texts: list.map((n) => (typeof n?.getText === 'function' ? n.getText() : '')) });
          return (v as (...a: unknown[]) => unknown).apply(target, args);
        };
      },
    });
  try {
    writeFileSync(path.join(dir, 'a.ts'), source);
    writeFileSync(path.join(dir, 'tsconfig.json'), TSCONFIG);
    const { engine, files } = openTsgoProject(pkg, { rootDir: dir, targets: [dir], tsconfigPath: path.join(dir, 'tsconfig.json') }, { isIgnored: () => false, display: (p) => p }, new Timing(false), { wrapChecker: record });
    try {
      body({ engine, sf: files[0]!, calls, dir });
    } finally {
      engine.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test('isArrayType and isTupleType: TypeScript\'s answers, one server call per reference target, none for other types', () => {
  const source = [
    'declare const a1: number[];',
    'declare const a2: string[];',
    'declare const a3: Array<{ x: number }>;',
    'declare const r1: readonly number[];',
    'declare const t1: [number, string];',
    'declare const t2: [boolean, string];',
    'declare const u1: number[] | undefined;',
    'declare const o1: { length: number };',
    'declare const m1: Map<string, number>;',
    'declare const n1: number;',
    'export const all = [a1, a2, a3, r1, t1, t2, u1, o1, m1, n1];',
    '',
  ].join('\n');
  withServer(source, ({ engine, sf, calls }) => {
    const ids: ts.Identifier[] = [];
    walkTree(sf, (n) => {
      if (ts.isArrayLiteralExpression(n)) ids.push(...(n.elements as unknown as ts.Identifier[]));
    });
    const c = engine.checker;
    const types = ids.map((id) => c.getTypeAtLocation(id));
    calls.length = 0;
    const answers = types.map((t) => [c.isArrayType(t), c.isTupleType(t)]);
    assert.equal(answers, [
      [true, false], [true, false], [true, false], [true, false],
      [false, true], [false, true],
      [false, false], [false, false], [false, false], [false, false],
    ]);
    // Four reference targets, each asked once per method: Array, ReadonlyArray, Map, and the
    // pair tuple (a tuple's target is its arity and element kinds, shared by both pairs). The
    // union, the object literal type and `number` are not asked.
    const asked = (m: string) => calls.filter((k) => k.method === m).length;
    assert.equal([asked('isArrayType'), asked('isTupleType')], [4, 4]);
  });
});

test('hot assignment targets are asked with the file\'s other hot sites, in one batch, and any-boxing still reports', () => {
  const source = [
    'interface Row { a: number }',
    'export function run(rows: Row[], box: { v: any }, list: any[]) {',
    '  let last: unknown;',
    '  for (const r of rows) {',
    '    last = r;',
    '    box.v = r;',
    '    list[0] = r;',
    '  }',
    '  return last;',
    '}',
    '',
  ].join('\n');
  withServer(source, ({ engine, sf, calls, dir }) => {
    const findings = analyzeSourceFile(sf, { checker: engine.checker, project: engine.project, baseDir: dir, rules, reportUnusedSuppressions: false });
    assert.equal(
      findings.filter((f) => f.ruleId === 'any-boxing').map((f) => `${f.line}:${f.column}`),
      ['5:12', '6:13', '7:15'],
    );
    const typeCalls = calls.filter((k) => k.method === 'getTypeAtLocation');
    const withTargets = typeCalls.filter((k) => ['last', 'box.v', 'list[0]'].some((t) => k.texts.includes(t)));
    assert.equal(withTargets.length, 1, JSON.stringify(typeCalls));
    assert.ok(['last', 'box.v', 'list[0]'].every((t) => withTargets[0]!.texts.includes(t)));
  });
});

test.run();
