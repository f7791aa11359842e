// Parity of the two engines: the same findings (rule, file, line, column, message) from the
// TypeScript 6 checker and from the TypeScript 7 server, on every fixture project on disk. The
// rule suites run through both engines too: `npm test` runs them a second time with `JITLINT_TEST_ENGINE=tsgo`.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Checker } from 'typescript7/unstable/sync';
import { analyze } from '../src/pipeline/analyze.js';
import { analyzeSourceFile } from '../src/analyze/engine.js';
import { STATIC_RULES } from '../src/rules/index.js';
import { resolveOptions } from '../src/config/load.js';
import { loadTsgo, openTsgoProject } from '../src/types/tsgo/engine.js';
import { Timing } from '../src/analyze/timing.js';
import { spawnSync } from 'node:child_process';
import { UsageError } from '../src/errors.js';
import { fixturePath } from './helpers.js';

const PROJECTS = [
  ['projects', 'basic'],
  ['projects', 'syntax'],
  ['sites', 'ts-project'],
  ['xref', 'project'],
  ['elsewhere', 'project'],
];

const pkg = await loadTsgo();
const rules = STATIC_RULES.map((rule) => ({ rule, level: rule.meta.defaultLevel, options: resolveOptions(rule.meta.id) }));
const key = (f: { ruleId: string; file: string; line: number; column: number; message: string }) => `${f.ruleId} ${f.file}:${f.line}:${f.column} ${f.message}`;

const STRICT_TSCONFIG = JSON.stringify({ compilerOptions: { strict: true, target: 'ES2022', module: 'ESNext', moduleResolution: 'Bundler' }, files: ['a.ts'] });

/** Runs `body` with a temporary project of `files` and a `run(engine)` giving its findings as keys. */
async function withProject(files: Record<string, string | Uint8Array>, body: (run: (engine: 'ts6' | 'tsgo') => Promise<string[]>, dir: string) => Promise<void>): Promise<void> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'jitlint-parity-'));
  try {
    for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
    await body(async (engine) => (await analyze({ cwd: dir, paths: ['.'], engine, showNotes: true })).report.findings.map(key), dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

for (const parts of PROJECTS) {
  test(`ts6 and tsgo agree on ${parts.join('/')}`, async () => {
    const dir = fixturePath(...parts);
    const run = async (engine: 'ts6' | 'tsgo') => (await analyze({ cwd: dir, paths: ['.'], engine, includeTests: true, showNotes: true })).report.findings.map(key);
    const ts6 = await run('ts6');
    const tsgo = await run('tsgo');
    assert.equal(tsgo, ts6);
  });
}

// The differences left on the corpora (bench/parity.mjs; README "Engines"): TypeScript 7 orders
// the members of a union differently, and a union inside a printed type (`{ kind: "beta" | "alpha" }`)
// is printed in the checker's order. The listed names (megamorphic-call-site's shapes) and a
// top-level union (any-boxing's type) are sorted by jitlint; nested ones are the checker's text.
test('known difference: a union nested in a printed type keeps the checker\'s order', () =>
  withProject(
    { 'a.ts': 'export function take(x: any) { return x; }\nexport function run(rows: Array<{ kind: "beta" | "alpha"; n: number }>) {\n  for (const r of rows) take(r);\n}\n', 'tsconfig.json': STRICT_TSCONFIG },
    async (run) => {
      const message = (kind: string) =>
        `any-boxing a.ts:3:30 A '{ kind: ${kind}; n: number; }' object is passed to the \`any\` parameter of 'take' in a loop: reads of it there may be polymorphic. Type the parameter or make it generic.`;
      assert.equal(await run('ts6'), [message('"beta" | "alpha"')]);
      assert.equal(await run('tsgo'), [message('"alpha" | "beta"')]);
    },
  ));

// effect 4.1.0 src/cluster/internal/entityManager.ts:999 (`{ ...envelope, lastSentChunk } as any`).
test('known difference: the properties of a spread object literal print in the checker\'s order', () =>
  withProject(
    {
      'a.ts': 'interface Env { readonly "~id": "~id"; readonly _tag: "Request"; readonly requestId: string }\ndeclare const envs: { envelope: Env; chunk: number }[];\ndeclare function use(x: unknown): void;\nexport function f(): void {\n  for (const e of envs) use({ ...e.envelope, lastSentChunk: e.chunk } as any);\n}\n',
      'tsconfig.json': STRICT_TSCONFIG,
    },
    async (run) => {
      const message = (type: string) => `any-boxing a.ts:5:29 \`as any\` cast of a '${type}' value in a loop: sites that use it may be polymorphic. Use a precise type or a type parameter.`;
      // TypeScript 6 lists the literal's own property first, TypeScript 7 the spread's first.
      assert.equal(await run('ts6'), [message('{ lastSentChunk: number; "~id": "~id"; …')]);
      assert.equal(await run('tsgo'), [message('{ "~id": "~id"; _tag: "Request"; reques…')]);
    },
  ));

test('a union listed at the top of a message is sorted the same on both engines', () =>
  withProject(
    {
      'a.ts': 'export function take(x: any) { return x; }\ninterface Zed { z: number }\ninterface Alpha { a: string }\nexport function run(rows: Array<Zed | Alpha | null>) {\n  for (const r of rows) take(r);\n}\n',
      'tsconfig.json': STRICT_TSCONFIG,
    },
    async (run) => {
      const ts6 = await run('ts6');
      assert.equal(await run('tsgo'), ts6);
      assert.equal(ts6.length, 1);
      assert.match(ts6[0]!, /A 'Alpha \| Zed \| null' object/);
    },
  ));

test('a type query the server fails on: that site is skipped and counted in one note, the other findings stay', async () => {
  // The real server behind a checker that panics on batches holding the node `panicHere`, as
  // TypeScript 7.0.2 does on some of effect's tuple types.
  const dir = mkdtempSync(path.join(os.tmpdir(), 'jitlint-panic-'));
  try {
    writeFileSync(
      path.join(dir, 'a.ts'),
      'interface Row { a: number; b: string }\nexport function take(x: any) { return x; }\nexport function run(rows: Row[], panicHere: Row) {\n  for (const r of rows) {\n    take(r);\n    take(panicHere);\n  }\n}\n',
    );
    const panic = (c: Checker): Checker =>
      new Proxy(c, {
        get(target, prop) {
          const v = Reflect.get(target, prop, target) as unknown;
          if (prop !== 'getTypeAtLocation') return typeof v === 'function' ? v.bind(target) : v;
          return (nodes: unknown) => {
            const list = (Array.isArray(nodes) ? nodes : [nodes]) as Array<{ text?: string }>;
            if (list.some((n) => n.text === 'panicHere')) throw new Error('panic: interface conversion: checker.TypeData is *checker.TypeReference, not *checker.TupleType');
            return target.getTypeAtLocation(nodes as never);
          };
        },
      });
    const run = (wrap?: (c: Checker) => Checker) => {
      const { engine, files } = openTsgoProject(pkg, { rootDir: dir, targets: [dir] }, { isIgnored: () => false, display: (p) => p }, new Timing(false), wrap ? { wrapChecker: wrap } : {});
      try {
        const findings = files.flatMap((sf) => analyzeSourceFile(sf, { checker: engine.checker, project: engine.project, baseDir: dir, rules, reportUnusedSuppressions: false }));
        return { findings: findings.map(key), notes: engine.notes() };
      } finally {
        engine.close();
      }
    };
    const param = (line: number, column: number) =>
      `any-boxing a.ts:${line}:${column} A 'Row' object is passed to the \`any\` parameter of 'take' in a loop: reads of it there may be polymorphic. Type the parameter or make it generic.`;
    assert.equal(run(), { findings: [param(5, 10), param(6, 10)], notes: [] });
    assert.equal(run(panic), {
      findings: [param(5, 10)],
      notes: ['engine tsgo: 1 type query failed in the TypeScript 7 server (panic: interface conversion: checker.TypeData is *checker.TypeReference, not *checker.TupleType); that site was not checked (--engine ts6 checks them)'],
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('no tsconfig: JavaScript read by name, binary junk as syntax errors, the same on both engines', () =>
  withProject(
    {
      'a.js': 'function f() { for (let i = 0; i < 3; i++) setTimeout(() => console.log(i), 0); }\nmodule.exports = { f };\n',
      'junk.ts': new Uint8Array([0, 1, 2, 0x67, 0x61, 0x72, 0x62, 0x61, 0x67, 0x65, 0xff, 0xfe]),
    },
    async (run) => {
      const ts6 = await run('ts6');
      assert.equal(ts6.slice(0, 3), [
        "closure-in-loop a.js:1:55 The arrow function captures the loop binding 'i': each iteration likely allocates a new closure and context. Hoist the function and pass 'i' as the timer's extra argument (setTimeout(fn, ms, i)).",
        'parse-error junk.ts:1:1 Syntax error: File appears to be binary.',
        'parse-error junk.ts:1:1 Syntax error: Invalid character.',
      ]);
      assert.equal(await run('tsgo'), ts6);
    },
  ));

test('a tsconfig TypeScript cannot read is the same usage error (exit 2) on both engines', () =>
  withProject({ 'a.ts': 'export const x = 1;\n', 'tsconfig.json': '{ "compilerOptions": { "target": "nonsense" } }\n' }, async (run) => {
    const failure = async (engine: 'ts6' | 'tsgo') => {
      try {
        await run(engine);
        return 'no error';
      } catch (e) {
        return `${e instanceof UsageError ? 'usage error' : 'other error'}: ${(e as Error).message.slice(0, 50)}`;
      }
    };
    const ts6 = await failure('ts6');
    assert.equal(ts6, "usage error: tsconfig.json: Argument for '--target' option must");
    assert.equal(await failure('tsgo'), ts6);
  }));

// The point of the tsgo engine: a run never loads TypeScript 6 (its load alone is about what
// TypeScript 7 needs to check rxjs). Checked in a fresh process, where nothing else loaded it.
test('a tsgo run loads no TypeScript 6 (nor, with no V8 output to read, Babel\'s parser), and finds what ts6 finds', () => {
  const script = `
    import { analyze } from ${JSON.stringify(path.resolve('dist/src/pipeline/analyze.js'))};
    import { typescript6Loaded } from ${JSON.stringify(path.resolve('dist/src/syntax/ts.js'))};
    import { createRequire } from 'node:module';
    const { report } = await analyze({ cwd: ${JSON.stringify(fixturePath('projects', 'basic'))}, paths: ['.'], engine: 'tsgo', showNotes: true });
    const loaded = Object.keys(createRequire(import.meta.url).cache).filter((f) => /ts-morph|[\\/]typescript[\\/]lib[\\/]|@babel[\\/]parser/.test(f));
    console.log(JSON.stringify({ ts6: typescript6Loaded(), loaded, findings: report.findings.length }));`;
  const res = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
  assert.equal(res.status, 0, res.stderr);
  const out = JSON.parse(res.stdout) as { ts6: boolean; loaded: string[]; findings: number };
  assert.equal({ ts6: out.ts6, loaded: out.loaded }, { ts6: false, loaded: [] });
  assert.ok(out.findings > 0);
});

test.run();
