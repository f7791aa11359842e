import { mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { copyFixture, isOneLineError, jitlint } from './cli-helpers.js';
import { fixturePath } from './helpers.js';

const basic = fixturePath('projects', 'basic');

interface JsonReport {
  tool: { name: string; version: string };
  findings: Array<{ ruleId: string; level: string; file: string; line: number; column: number; endLine: number; endColumn: number; message: string; confirmed: boolean }>;
  runtime: { functions: unknown[]; deopts: unknown[]; inlining: unknown[]; ics: unknown[]; unmapped: number };
  summary: { errors: number; warnings: number; notes: number; files: number };
}

/** The closure-in-loop message on src/jobs.ts:3 of the basic fixture. */
const JOBS_MESSAGE =
  "The arrow function captures the loop binding 'i': each iteration likely allocates a new closure and context. Hoist the function and pass 'i' as the timer's extra argument (setTimeout(fn, ms, i)).";

/** The stylish report of the basic fixture with --show-notes, without colors. */
const STYLISH = [
  '',
  'src/jobs.ts',
  `  3:16  note  ${JOBS_MESSAGE}  closure-in-loop`,
  '',
  'src/stale.ts',
  '  1:1  note  Unused suppression: closure-in-loop reported nothing here; remove the comment.  unused-suppression',
  '',
  '✖ 2 problems (0 errors, 0 warnings, 2 notes) in 2 of 2 files',
  '',
].join('\n');

/** With closure-in-loop raised to a warning. */
const STYLISH_WARNING = ['', 'src/jobs.ts', `  3:16  warning  ${JOBS_MESSAGE}  closure-in-loop`, '', '✖ 1 problem (0 errors, 1 warning) in 1 of 2 files', '  1 note not shown (candidates without runtime evidence): --show-notes shows them', ''].join('\n');

/** By default notes are candidates: counted, not listed. */
const STYLISH_DEFAULT = ['', '2 files analyzed, no problems found.', '  2 notes not shown (candidates without runtime evidence): --show-notes shows them', ''].join('\n');

const brief = (r: JsonReport) => r.findings.map((f) => `${f.ruleId} ${f.file}:${f.line}:${f.column}-${f.endLine}:${f.endColumn} ${f.level}`);

test('json: the contract, honoring tsconfig include, config ignores and suppressions', () => {
  const res = jitlint(['analyze', 'src', '--format', 'json'], basic);
  assert.is(res.code, 0, res.stderr);
  assert.is(res.stderr, '');
  const report = JSON.parse(res.stdout) as JsonReport;
  assert.equal(Object.keys(report), ['tool', 'findings', 'runtime', 'summary']);
  assert.equal(report.tool, { name: 'jitlint', version: '0.1.0' });
  assert.equal(brief(report), [
    'closure-in-loop src/jobs.ts:3:16-3:21 note',
    'unused-suppression src/stale.ts:1:1-1:45 note',
  ]);
  assert.equal(Object.keys(report.findings[0]!), ['ruleId', 'level', 'file', 'line', 'column', 'endLine', 'endColumn', 'message', 'confirmed']);
  assert.equal(report.runtime, { functions: [], deopts: [], inlining: [], ics: [], unmapped: 0 });
  assert.equal(report.summary, { errors: 0, warnings: 0, notes: 2, files: 2 });
});

test('stylish: notes are counted, not listed, by default', () => {
  const res = jitlint(['analyze', 'src'], basic);
  assert.is(res.code, 0);
  assert.is(res.stdout, STYLISH_DEFAULT);
  assert.is(res.stderr, '');
});

test('stylish --show-notes: grouped by file, summary line, no color when not a TTY', () => {
  const res = jitlint(['analyze', 'src', '--show-notes'], basic);
  assert.is(res.stdout, STYLISH);
  assert.is(res.stderr, '');
});

test('"showNotes": true in the configuration shows them too', () => {
  const dir = copyFixture('projects', 'basic');
  writeFileSync(path.join(dir, 'jitlint.config.json'), JSON.stringify({ showNotes: true, ignores: ['src/generated/**'] }));
  const res = jitlint(['analyze', 'src'], dir);
  assert.is(res.stdout, STYLISH);
});

test('stylish: --color forces ANSI colors', () => {
  const res = jitlint(['analyze', 'src', '--color', '--show-notes'], basic);
  assert.match(res.stdout, /\x1b\[36mnote/);
  assert.is(res.stdout.replace(/\x1b\[[0-9;]*m/g, ''), STYLISH);
});

test('github: workflow commands with escaped properties (notes only with --show-notes)', () => {
  assert.is(jitlint(['analyze', 'src', '--format', 'github'], basic).stdout, '');
  const res = jitlint(['analyze', 'src', '--format', 'github', '--show-notes'], basic);
  assert.is(
    res.stdout,
    `::notice file=src/jobs.ts,line=3,endLine=3,col=16,endColumn=21,title=jitlint(closure-in-loop)::src/jobs.ts:3:16: ${JOBS_MESSAGE}\n` +
      '::notice file=src/stale.ts,line=1,endLine=1,col=1,endColumn=45,title=jitlint(unused-suppression)::src/stale.ts:1:1: Unused suppression: closure-in-loop reported nothing here; remove the comment.\n',
  );
});

test('--max-warnings 0 turns warnings into exit 1; the report is still written', () => {
  const res = jitlint(['analyze', 'src', '--max-warnings', '0', '--rule', 'closure-in-loop=warning'], basic);
  assert.is(res.code, 1);
  assert.is(res.stdout, STYLISH_WARNING);
  assert.is(res.stderr, 'jitlint found too many warnings (maximum: 0).\n');
});

test('--rule ID=error makes findings errors and exits 1', () => {
  const res = jitlint(['analyze', 'src', '--rule', 'closure-in-loop=error', '--format', 'json'], basic);
  assert.is(res.code, 1);
  assert.equal(brief(JSON.parse(res.stdout) as JsonReport), ['closure-in-loop src/jobs.ts:3:16-3:21 error', 'unused-suppression src/stale.ts:1:1-1:45 note']);
});

test('--quiet reports errors only', () => {
  const res = jitlint(['analyze', 'src', '--quiet', '--format', 'json'], basic);
  assert.is(res.code, 0);
  assert.equal((JSON.parse(res.stdout) as JsonReport).findings, []);
});

test('--rule ID=off disables a rule (and the suppression for it is not reported unused)', () => {
  const res = jitlint(['analyze', 'src', '--rule', 'closure-in-loop=off', '--format', 'json'], basic);
  assert.is(res.code, 0, res.stderr);
  assert.equal(brief(JSON.parse(res.stdout) as JsonReport), []);
});

test('-o writes the report to a file and nothing to stdout', () => {
  const dir = copyFixture('projects', 'basic');
  const res = jitlint(['analyze', 'src', '--format', 'sarif', '-o', 'out/jitlint.sarif'], dir);
  assert.is(res.code, 0);
  assert.is(res.stdout, '');
  const sarif = JSON.parse(readFileSync(path.join(dir, 'out', 'jitlint.sarif'), 'utf8')) as { version: string };
  assert.is(sarif.version, '2.1.0');
  assert.is(res.stderr, '');
});

test('config rules with options and levels apply', () => {
  const dir = copyFixture('projects', 'basic');
  writeFileSync(path.join(dir, 'jitlint.config.json'), JSON.stringify({ rules: { 'closure-in-loop': ['error', {}] } }));
  const res = jitlint(['analyze', 'src', '--format', 'json'], dir);
  assert.is(res.code, 1);
  assert.equal(brief(JSON.parse(res.stdout) as JsonReport), [
    'closure-in-loop src/generated/big.ts:2:43-2:48 error',
    'closure-in-loop src/jobs.ts:3:16-3:21 error',
    'unused-suppression src/stale.ts:1:1-1:45 note',
  ]);
});

test('"jitlint" key in package.json is read when there is no jitlint.config.json', () => {
  const dir = copyFixture('projects', 'basic');
  rmSync(path.join(dir, 'jitlint.config.json'));
  writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'x', jitlint: { rules: { 'closure-in-loop': 'note' }, ignores: ['**/stale.ts'] } }));
  const res = jitlint(['analyze', 'src', '--format', 'json'], dir);
  assert.is(res.code, 0, res.stderr);
  assert.equal(brief(JSON.parse(res.stdout) as JsonReport), [
    'closure-in-loop src/generated/big.ts:2:43-2:48 note',
    'closure-in-loop src/jobs.ts:3:16-3:21 note',
  ]);
});

test('no tsconfig: the given JavaScript files with default options, node_modules skipped', () => {
  const dir = copyFixture('projects', 'plain-js');
  const res = jitlint(['analyze', '.', '--format', 'json'], dir);
  assert.is(res.code, 0, res.stderr);
  assert.equal(brief(JSON.parse(res.stdout) as JsonReport), [
    'closure-in-loop lib/a.js:2:14-2:19 note',
    'closure-in-loop lib/b.mjs:2:57-2:62 note',
  ]);
});

test('a syntax error is a parse-error note and the rest of the file is still analyzed', () => {
  const res = jitlint(['analyze', 'src', '--format', 'json'], fixturePath('projects', 'syntax'));
  assert.is(res.code, 0, res.stderr);
  assert.equal(brief(JSON.parse(res.stdout) as JsonReport), [
    'parse-error src/broken.ts:2:17-2:18 note',
    'closure-in-loop src/broken.ts:3:50-3:55 note',
  ]);
});

// ---- bad input: one line on stderr, exit 2, no stack trace ------------------------------

test('test and benchmark files are skipped unless asked for (--include-tests, "includeTests", or named explicitly)', () => {
  const dir = copyFixture('projects', 'basic');
  const code = 'export function f(xs: number[]) { const out: Array<() => number> = []; for (const x of xs) out.push(() => x); return out; }\n';
  for (const f of ['src/jobs.test.ts', 'src/__tests__/a.ts', 'test/b.ts', 'bench/c.ts']) {
    mkdirSync(path.dirname(path.join(dir, f)), { recursive: true });
    writeFileSync(path.join(dir, f), code);
  }
  writeFileSync(path.join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions: { strict: true, target: 'ES2022', lib: ['ES2022'] }, include: ['src', 'test', 'bench'] }));
  const files = (args: string[]) => [...new Set((JSON.parse(jitlint(['analyze', ...args, '--format', 'json'], dir).stdout) as JsonReport).findings.map((f) => f.file))].sort();
  assert.equal(files([]), ['src/jobs.ts', 'src/stale.ts']);
  assert.equal(files(['--include-tests']), ['bench/c.ts', 'src/__tests__/a.ts', 'src/jobs.test.ts', 'src/jobs.ts', 'src/stale.ts', 'test/b.ts']);
  assert.equal(files(['src/jobs.test.ts']), ['src/jobs.test.ts']);
  writeFileSync(path.join(dir, 'jitlint.config.json'), JSON.stringify({ includeTests: true, ignores: ['src/generated/**'] }));
  assert.equal(files([]), ['bench/c.ts', 'src/__tests__/a.ts', 'src/jobs.test.ts', 'src/jobs.ts', 'src/stale.ts', 'test/b.ts']);
});

const badInputs: Array<[string, (dir: string) => string[], RegExp]> = [
  ['a path that does not exist', () => ['analyze', 'nope'], /^jitlint: nope: no such file or directory$/],
  ['an unknown format', () => ['analyze', 'src', '--format', 'xml'], /^jitlint: --format xml: unknown format \(expected stylish, json, sarif, github or html\)$/],
  ['an unknown rule id', () => ['analyze', 'src', '--rule', 'no-such-rule=error'], /^jitlint: --rule no-such-rule=error: unknown rule id 'no-such-rule' \(see 'jitlint rules'\)$/],
  ['an unknown level', () => ['analyze', 'src', '--rule', 'closure-in-loop=warn'], /^jitlint: --rule closure-in-loop=warn: invalid level "warn" \(expected off, note, warning or error\)$/],
  ['an unknown option', () => ['analyze', '--bogus'], /^jitlint: Unknown option '--bogus'$/],
  ['a bad --max-warnings', () => ['analyze', 'src', '--max-warnings', 'many'], /^jitlint: --max-warnings many: expected a whole number$/],
  ['a -p that does not exist', () => ['analyze', 'src', '-p', 'missing.json'], /^jitlint: missing.json: tsconfig not found$/],
  [
    'an invalid tsconfig (names the key)',
    (dir) => {
      writeFileSync(path.join(dir, 'tsconfig.json'), '{ "compilerOptions": { "strictest": true } }');
      return ['analyze', 'src'];
    },
    /^jitlint: tsconfig.json: Unknown compiler option 'strictest'\. Did you mean 'strict'\?$/,
  ],
  [
    'a tsconfig that is not JSON',
    (dir) => {
      writeFileSync(path.join(dir, 'tsconfig.json'), '{ "compilerOptions": ');
      return ['analyze', 'src'];
    },
    /^jitlint: tsconfig.json: Expression expected\.$/,
  ],
  [
    'an unreadable tsconfig',
    (dir) => {
      rmSync(path.join(dir, 'tsconfig.json'));
      mkdirSync(path.join(dir, 'tsconfig.json'));
      return ['analyze', 'src'];
    },
    // TypeScript's message names the absolute path.
    /^jitlint: tsconfig.json: Cannot read file '[^']*\/tsconfig\.json'\.$/,
  ],
  [
    'a config file with invalid JSON',
    (dir) => {
      writeFileSync(path.join(dir, 'jitlint.config.json'), '{ rules: }');
      return ['analyze', 'src'];
    },
    // The parser's words differ between Node versions.
    /^jitlint: jitlint.config.json: invalid JSON \(.+ at position 2.*\)$/,
  ],
  [
    'a config file with an unknown key (named)',
    (dir) => {
      writeFileSync(path.join(dir, 'jitlint.config.json'), '{ "rulez": {} }');
      return ['analyze', 'src'];
    },
    /^jitlint: jitlint.config.json: unknown key "rulez" \(expected "rules", "ignores", "includeTests", "includePackages", "showNotes" or "engine"\)$/
  ],
  [
    'a config file with an unknown rule id (named)',
    (dir) => {
      writeFileSync(path.join(dir, 'jitlint.config.json'), '{ "rules": { "closure-in-lop": "error" } }');
      return ['analyze', 'src'];
    },
    /^jitlint: jitlint.config.json: rules.closure-in-lop: unknown rule id \(see 'jitlint rules'\)$/,
  ],
  [
    'a config file with an invalid level (named)',
    (dir) => {
      writeFileSync(path.join(dir, 'jitlint.config.json'), '{ "rules": { "closure-in-loop": "loud" } }');
      return ['analyze', 'src'];
    },
    /^jitlint: jitlint.config.json: rules.closure-in-loop: invalid level "loud" \(expected off, note, warning or error\)$/,
  ],
  [
    'options given to a rule that has none',
    (dir) => {
      writeFileSync(path.join(dir, 'jitlint.config.json'), JSON.stringify({ rules: { "string-concat-in-loop": ["warning", { typo: 1 }] } }));
      return ['analyze', 'src'];
    },
    /^jitlint: jitlint.config.json: rules.string-concat-in-loop: unknown option "typo" \(this rule takes no options\)$/,
  ],
  [
    'an unknown option of a rule with options (names what is allowed)',
    (dir) => {
      writeFileSync(path.join(dir, 'jitlint.config.json'), JSON.stringify({ rules: { "arguments-leak": ["warning", { escape: false }] } }));
      return ['analyze', 'src'];
    },
    /^jitlint: jitlint.config.json: rules.arguments-leak: unknown option "escape" \(allowed: escapes\)$/,
  ],
  [
    'a wrongly typed boolean option',
    (dir) => {
      writeFileSync(path.join(dir, 'jitlint.config.json'), JSON.stringify({ rules: { "arguments-leak": ["warning", { escapes: "no" }] } }));
      return ['analyze', 'src'];
    },
    /^jitlint: jitlint.config.json: rules.arguments-leak: option "escapes" must be true or false, not "no"$/,
  ],
  [
    'a wrongly typed integer option',
    (dir) => {
      writeFileSync(path.join(dir, 'jitlint.config.json'), JSON.stringify({ rules: { "deopt-loop": ["error", { threshold: 2.5 }] } }));
      return ['analyze', 'src'];
    },
    /^jitlint: jitlint.config.json: rules.deopt-loop: option "threshold" must be a whole number, not 2.5$/,
  ],
  [
    'an integer option below its minimum',
    (dir) => {
      writeFileSync(path.join(dir, 'jitlint.config.json'), JSON.stringify({ rules: { "deopt-loop": ["error", { threshold: 0 }] } }));
      return ['analyze', 'src'];
    },
    /^jitlint: jitlint.config.json: rules.deopt-loop: option "threshold" must be at least 1, not 0$/,
  ],
  ['an empty -o', () => ['analyze', 'src', '-o', ''], /^jitlint: -o\/--output: expected a file name$/],
  ['-o inside /proc (no recursive mkdir that spins there)', () => ['analyze', 'src', '-o', '/proc/jitlint-x/out.txt'], /^jitlint: \/proc\/jitlint-x\/out.txt: cannot write the report \(cannot create \/proc\/jitlint-x \(\/proc is a virtual file system\)\)$/],
  ['a -c file that does not exist', () => ['analyze', 'src', '-c', 'nope.json'], /^jitlint: nope.json: configuration file not found$/],
  ['a --deopt file that does not exist', () => ['analyze', '--deopt', 'v8.log'], /^jitlint: v8.log: no such file or directory$/],
];

for (const [name, setup, expected] of badInputs) {
  test(`bad input: ${name}`, () => {
    const dir = copyFixture('projects', 'basic');
    const res = jitlint(setup(dir), dir);
    assert.is(res.code, 2, res.stderr);
    assert.is(res.stdout, '');
    assert.ok(isOneLineError(res.stderr), `not one line: ${res.stderr}`);
    assert.match(res.stderr.trim(), expected);
  });
}

test('-o /dev/null discards the report and leaves the device alone, also after an error', () => {
  const dir = copyFixture('projects', 'basic');
  const ok = jitlint(['analyze', 'src', '--format', 'json', '-o', '/dev/null'], dir);
  assert.is(ok.stdout, '');
  assert.ok(ok.code === 0 || ok.code === 1, ok.stderr);
  assert.is(ok.stderr, '');
  const bad = jitlint(['analyze', 'src', '--deopt', 'missing.log', '-o', '/dev/null'], dir);
  assert.is(bad.code, 2);
  assert.ok(statSync('/dev/null').isCharacterDevice(), '/dev/null is still the device');
});

test('--debug adds the stack trace', () => {
  const res = jitlint(['analyze', 'nope', '--debug'], basic);
  assert.is(res.code, 2);
  assert.match(res.stderr, /\n\s+at /);
});

test('--version and --help', () => {
  assert.equal(jitlint(['--version'], basic).stdout, '0.1.0\n');
  const help = jitlint(['analyze', '--help'], basic);
  assert.is(help.code, 0);
  assert.match(help.stdout, /--max-warnings N/);
});

test('rules: markdown and json catalogue list the seven static rules', () => {
  const json = JSON.parse(jitlint(['rules', '--format', 'json'], basic).stdout) as Array<{ id: string; kind: string }>;
  assert.equal(
    json.filter((r) => r.kind === 'static').map((r) => r.id),
    ['closure-in-loop', 'string-concat-in-loop', 'any-boxing', 'megamorphic-call-site', 'accumulating-spread', 'delete-property', 'arguments-leak'],
  );
  assert.equal(json.filter((r) => r.kind === 'runtime').map((r) => r.id), ['deopt', 'deopt-loop', 'inlining-rejected', 'megamorphic-ic', 'inlined', 'optimized']);
  const md = jitlint(['rules'], basic).stdout;
  assert.match(md, /\| `closure-in-loop` \| static \| note \|/);
});

test('--timing prints phases and rules to stderr', () => {
  const res = jitlint(['analyze', 'src', '--timing', '--format', 'json'], basic);
  assert.match(res.stderr, /^project load\s+[\d.]+ ms/m);
  assert.match(res.stderr, /^rule closure-in-loop\s+[\d.]+ ms/m);
  JSON.parse(res.stdout);
});

test.run();
