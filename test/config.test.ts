// Configuration: the `ignores` glob dialect (src/config/glob.ts) and loading, validating and
// overriding rule settings (src/config/load.ts), at unit level. The CLI-level versions of the
// error messages are `badInputs` in test/cli.test.ts.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { compileIgnores, globToRegExp } from '../src/config/glob.js';
import { applyRuleFlags, loadConfig, resolveOptions, ruleSetting, type Config } from '../src/config/load.js';
import { UsageError } from '../src/errors.js';

// ---- globs: pattern → paths it matches / paths it does not (paths relative to the root, "/") ----

const GLOBS: Array<[pattern: string, matches: string[], misses: string[]]> = [
  // `**` alone: everything.
  ['**', ['a.ts', 'src/a.ts', 'a/b/c/d.js'], []],
  // `*` alone, no slash: any single name at any depth (and everything under it).
  ['*', ['a.ts', 'src/a.ts'], []],
  // `*` does not cross "/"; a slash-less pattern matches at any depth.
  ['*.ts', ['a.ts', 'src/a.ts', 'a/b/c.ts', '.ts'], ['a.tsx', 'a.js', 'src/ts']],
  // `?`: exactly one character, never "/".
  ['a?.ts', ['ab.ts', 'x/ab.ts'], ['a.ts', 'abc.ts', 'a/.ts']],
  // `{a,b}`: alternatives.
  ['*.{js,mjs}', ['a.js', 'a.mjs', 'src/b.mjs'], ['a.cjs', 'a.ts']],
  ['file{1,2}.ts', ['file1.ts', 'file2.ts'], ['file3.ts', 'file12.ts']],
  // `[abc]`, `[a-c]`: one character of the class.
  ['[abc].ts', ['a.ts', 'b.ts', 'x/c.ts'], ['d.ts', 'ab.ts']],
  ['[a-c]x', ['bx'], ['dx']],
  // `[!a]`: one character not in the class.
  ['[!a].ts', ['b.ts', 'x/b.ts'], ['a.ts']],
  // An unclosed `[` is a literal character.
  ['[.ts', ['[.ts'], ['x.ts']],
  // Regex metacharacters are literal.
  ['a.b', ['a.b'], ['axb']],
  ['a+b(c)', ['a+b(c)'], ['aab(c)']],
  // A name without a slash matches a file or a directory (with everything under it) at any depth.
  ['node_modules', ['node_modules', 'node_modules/a/b.js', 'x/node_modules/y.js'], ['node_modulesx/a.js', 'x/my_node_modules/y.js']],
  ['fixtures', ['fixtures', 'test/fixtures', 'test/fixtures/a.ts'], ['test/myfixtures/a.ts', 'test/fixturesx']],
  // A pattern with a slash is anchored at the root; it also covers everything under a match.
  ['test/fixtures', ['test/fixtures', 'test/fixtures/a.ts'], ['a/test/fixtures/b.ts', 'test/fixturesx']],
  ['src/*.ts', ['src/a.ts'], ['src/sub/a.ts', 'lib/src/a.ts', 'a.ts']],
  ['src/**', ['src/a.ts', 'src/sub/a.ts'], ['src', 'srcx/a.ts', 'lib/src/a.ts']],
  ['src/**/*.ts', ['src/a.ts', 'src/x/y/a.ts'], ['src/a.js', 'lib/src/a.ts']],
  ['a/**/b', ['a/b', 'a/x/y/b', 'a/b/c.ts'], ['b', 'a/bb', 'x/a/b']],
  // A leading `./` is the root: anchored, and removed.
  ['./src/a.ts', ['src/a.ts'], ['x/src/a.ts']],
  ['./gen', ['gen', 'gen/a.ts'], ['src/gen']],
  // A trailing `/`: the directory's contents (the slash anchors it at the root).
  ['dist/', ['dist/a.js', 'dist/x/y.js'], ['dist', 'x/dist/a.js', 'distx/a.js']],
  // `**/x`: x at any depth, including the root.
  ['**/x', ['x', 'a/x', 'a/b/x', 'a/x/y'], ['ax', 'a/bx']],
  ['**/*.gen.ts', ['a.gen.ts', 'src/a.gen.ts'], ['a.ts', 'src/gen.ts']],
];

for (const [pattern, matches, misses] of GLOBS) {
  test(`glob ${pattern}`, () => {
    const re = globToRegExp(pattern);
    assert.equal(matches.filter((p) => !re.test(p)), [], `${pattern} (${re}) should match these`);
    assert.equal(misses.filter((p) => re.test(p)), [], `${pattern} (${re}) should not match these`);
  });
}

test('compileIgnores: a path is ignored when any pattern matches', () => {
  const ignored = compileIgnores(['dist/', '*.gen.ts']);
  const paths = ['dist/a.js', 'src/a.gen.ts', 'src/a.ts', 'lib/dist/a.js'];
  assert.equal(paths.map(ignored), [true, true, false, false]);
});

test('compileIgnores: no patterns ignore nothing', () => {
  assert.equal(compileIgnores([])('src/a.ts'), false);
});

// ---- loading ----------------------------------------------------------------------------------

/** Writes `files` into a fresh directory, runs `fn` with it, removes it. */
function inDir<T>(files: Record<string, unknown>, fn: (dir: string) => T): T {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'jitlint-config-'));
  try {
    for (const [name, content] of Object.entries(files)) writeFileSync(path.join(dir, name), typeof content === 'string' ? content : JSON.stringify(content));
    return fn(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** loadConfig in `dir`, paths in messages shown relative to it. */
function load(dir: string, explicit?: string): Config {
  return loadConfig(dir, explicit, (p) => path.relative(dir, p), dir);
}

/** The config as plain data: source, rules by id, ignores. */
function plain(config: Config): unknown {
  return { source: config.source, rules: Object.fromEntries(config.rules), ignores: config.ignores };
}

/** The UsageError message that loading `config` (as jitlint.config.json) throws. */
function loadError(config: unknown): string {
  return inDir({ 'jitlint.config.json': config }, (dir) => {
    try {
      load(dir);
    } catch (e) {
      assert.instance(e, UsageError);
      return (e as Error).message;
    }
    throw new Error('expected a UsageError');
  });
}

test('no configuration: no rules, no ignores, no source', () => {
  assert.equal(inDir({}, (dir) => plain(load(dir))), { source: undefined, rules: {}, ignores: [] });
});

test('jitlint.config.json: levels, options with defaults filled in, ignores', () => {
  const config = {
    $schema: './schema.json',
    rules: {
      'closure-in-loop': 'error',
      'arguments-leak': 'note',
      'deopt-loop': ['warning'],
      'delete-property': ['off', {}],
    },
    ignores: ['dist/', '**/*.gen.ts'],
  };
  assert.equal(inDir({ 'jitlint.config.json': config }, (dir) => plain(load(dir))), {
    source: 'jitlint.config.json',
    rules: {
      'closure-in-loop': { level: 'error', options: {} },
      'arguments-leak': { level: 'note', options: { escapes: true } },
      'deopt-loop': { level: 'warning', options: { threshold: 3 } },
      'delete-property': { level: 'off', options: {} },
    },
    ignores: ['dist/', '**/*.gen.ts'],
  });
});

test('given options replace the defaults', () => {
  const config = { rules: { 'arguments-leak': ['warning', { escapes: false }], 'deopt-loop': ['error', { threshold: 5 }] } };
  assert.equal(inDir({ 'jitlint.config.json': config }, (dir) => plain(load(dir))), {
    source: 'jitlint.config.json',
    rules: {
      'arguments-leak': { level: 'warning', options: { escapes: false } },
      'deopt-loop': { level: 'error', options: { threshold: 5 } },
    },
    ignores: [],
  });
});

test('package.json "jitlint" key, when there is no jitlint.config.json', () => {
  const pkg = { name: 'x', jitlint: { rules: { 'deopt-loop': 'note' } } };
  assert.equal(inDir({ 'package.json': pkg }, (dir) => plain(load(dir))), {
    source: 'package.json "jitlint"',
    rules: { 'deopt-loop': { level: 'note', options: { threshold: 3 } } },
    ignores: [],
  });
});

test('package.json without a "jitlint" key: no configuration', () => {
  assert.equal(inDir({ 'package.json': { name: 'x' } }, (dir) => plain(load(dir))), { source: undefined, rules: {}, ignores: [] });
});

test('jitlint.config.json wins over package.json', () => {
  const files = { 'jitlint.config.json': { rules: { 'deopt-loop': 'error' } }, 'package.json': { jitlint: { rules: { 'deopt-loop': 'note' } } } };
  assert.equal(inDir(files, (dir) => plain(load(dir))), {
    source: 'jitlint.config.json',
    rules: { 'deopt-loop': { level: 'error', options: { threshold: 3 } } },
    ignores: [],
  });
});

test('-c FILE wins over both', () => {
  const files = { 'jitlint.config.json': { rules: { 'deopt-loop': 'error' } }, 'other.json': { ignores: ['x'] } };
  assert.equal(inDir(files, (dir) => plain(load(dir, 'other.json'))), { source: 'other.json', rules: {}, ignores: ['x'] });
});

// ---- validation errors, exactly ----------------------------------------------------------------

const ERRORS: Array<[name: string, config: unknown, message: string]> = [
  ['not an object', [], 'jitlint.config.json: configuration must be a JSON object'],
  ['an unknown key', { rulez: {} }, 'jitlint.config.json: unknown key "rulez" (expected "rules", "ignores", "includeTests", "includePackages", "showNotes" or "engine")'],
  ['an unknown engine', { engine: 'tsc' }, 'jitlint.config.json: "engine" must be "ts6" or "tsgo"'],
  ['"rules" not an object', { rules: ['closure-in-loop'] }, 'jitlint.config.json: "rules" must be an object'],
  ['an unknown rule id', { rules: { 'closure-in-lop': 'error' } }, "jitlint.config.json: rules.closure-in-lop: unknown rule id (see 'jitlint rules')"],
  ['an invalid level', { rules: { 'closure-in-loop': 'loud' } }, 'jitlint.config.json: rules.closure-in-loop: invalid level "loud" (expected off, note, warning or error)'],
  ['an invalid level in an array', { rules: { 'closure-in-loop': [2] } }, 'jitlint.config.json: rules.closure-in-loop: invalid level 2 (expected off, note, warning or error)'],
  ['an empty array', { rules: { 'closure-in-loop': [] } }, 'jitlint.config.json: rules.closure-in-loop: expected a level or [level, {options}]'],
  ['a three-element array', { rules: { 'closure-in-loop': ['error', {}, {}] } }, 'jitlint.config.json: rules.closure-in-loop: expected a level or [level, {options}]'],
  ['options not an object', { rules: { 'arguments-leak': ['error', true] } }, 'jitlint.config.json: rules.arguments-leak: options must be an object'],
  ['options an array', { rules: { 'arguments-leak': ['error', []] } }, 'jitlint.config.json: rules.arguments-leak: options must be an object'],
  [
    'an option given to a rule that has none',
    { rules: { 'string-concat-in-loop': ['warning', { typo: 1 }] } },
    'jitlint.config.json: rules.string-concat-in-loop: unknown option "typo" (this rule takes no options)',
  ],
  [
    'an unknown option of a rule with options',
    { rules: { 'arguments-leak': ['warning', { escape: false }] } },
    'jitlint.config.json: rules.arguments-leak: unknown option "escape" (allowed: escapes)',
  ],
  [
    'a boolean option given a string',
    { rules: { 'arguments-leak': ['warning', { escapes: 'no' }] } },
    'jitlint.config.json: rules.arguments-leak: option "escapes" must be true or false, not "no"',
  ],
  [
    'a boolean option given a number',
    { rules: { 'arguments-leak': ['warning', { escapes: 0 }] } },
    'jitlint.config.json: rules.arguments-leak: option "escapes" must be true or false, not 0',
  ],
  [
    'an integer option given a fraction',
    { rules: { 'deopt-loop': ['error', { threshold: 2.5 }] } },
    'jitlint.config.json: rules.deopt-loop: option "threshold" must be a whole number, not 2.5',
  ],
  [
    'an integer option given a string',
    { rules: { 'deopt-loop': ['error', { threshold: '3' }] } },
    'jitlint.config.json: rules.deopt-loop: option "threshold" must be a whole number, not "3"',
  ],
  [
    'an integer option below its minimum',
    { rules: { 'deopt-loop': ['error', { threshold: 0 }] } },
    'jitlint.config.json: rules.deopt-loop: option "threshold" must be at least 1, not 0',
  ],
  ['"ignores" not an array', { ignores: 'dist' }, 'jitlint.config.json: "ignores" must be an array of glob strings'],
  ['"ignores" with a non-string', { ignores: ['dist', 3] }, 'jitlint.config.json: "ignores" must be an array of glob strings'],
];

for (const [name, config, message] of ERRORS) {
  test(`config error: ${name}`, () => {
    assert.is(loadError(config), message);
  });
}

test('config error: invalid JSON names the file', () => {
  assert.match(loadError('{ rules: }'), /^jitlint\.config\.json: invalid JSON \(.+\)$/);
});

test('config error: errors in package.json name the "jitlint" key', () => {
  const message = inDir({ 'package.json': { jitlint: { rules: { 'deopt-loop': 'loud' } } } }, (dir) => {
    try {
      load(dir);
    } catch (e) {
      return (e as Error).message;
    }
    return 'no error';
  });
  assert.is(message, 'package.json "jitlint": rules.deopt-loop: invalid level "loud" (expected off, note, warning or error)');
});

test('config error: a -c file that does not exist', () => {
  inDir({}, (dir) => {
    assert.throws(() => load(dir, 'nope.json'), (e: unknown) => e instanceof UsageError && e.message === 'nope.json: configuration file not found');
  });
});

test('config error: an ignores glob that cannot be compiled is a configuration error naming it', () => {
  // Today an unclosed `{` reaches `new RegExp` during analysis and surfaces as
  // "internal error: Invalid regular expression"; it should be reported when the configuration loads.
  assert.match(loadError({ ignores: ['src/{a'] }), /^jitlint\.config\.json: .*"src\/\{a"/);
});

// ---- --rule flags --------------------------------------------------------------------------------

test('--rule keeps the configured options and changes only the level', () => {
  const config = inDir({ 'jitlint.config.json': { rules: { 'deopt-loop': ['error', { threshold: 5 }] } } }, load);
  applyRuleFlags(config, ['deopt-loop=note']);
  assert.equal(plain(config), { source: 'jitlint.config.json', rules: { 'deopt-loop': { level: 'note', options: { threshold: 5 } } }, ignores: [] });
});

test('--rule on an unconfigured rule fills in its default options; the last flag wins', () => {
  const config: Config = { rules: new Map(), ignores: [] };
  applyRuleFlags(config, ['arguments-leak=error', 'closure-in-loop=off', 'arguments-leak=note']);
  assert.equal(plain(config), {
    source: undefined,
    rules: { 'arguments-leak': { level: 'note', options: { escapes: true } }, 'closure-in-loop': { level: 'off', options: {} } },
    ignores: [],
  });
});

const FLAG_ERRORS: Array<[flag: string, message: string]> = [
  ['closure-in-loop', '--rule closure-in-loop: expected ID=off|note|warning|error'],
  ['=error', '--rule =error: expected ID=off|note|warning|error'],
  ['no-such-rule=error', "--rule no-such-rule=error: unknown rule id 'no-such-rule' (see 'jitlint rules')"],
  ['closure-in-loop=warn', '--rule closure-in-loop=warn: invalid level "warn" (expected off, note, warning or error)'],
  ['closure-in-loop=', '--rule closure-in-loop=: invalid level "" (expected off, note, warning or error)'],
];

for (const [flag, message] of FLAG_ERRORS) {
  test(`--rule error: ${flag}`, () => {
    assert.throws(() => applyRuleFlags({ rules: new Map(), ignores: [] }, [flag]), (e: unknown) => e instanceof UsageError && e.message === message);
  });
}

// ---- ruleSetting / resolveOptions ----------------------------------------------------------------

test('ruleSetting: an unconfigured rule has its default level and default options', () => {
  const config: Config = { rules: new Map(), ignores: [] };
  assert.equal(ruleSetting(config, 'arguments-leak'), { level: 'note', options: { escapes: true } });
  assert.equal(ruleSetting(config, 'deopt-loop'), { level: 'error', options: { threshold: 3 } });
  assert.equal(ruleSetting(config, 'string-concat-in-loop'), { level: 'warning', options: {} });
  assert.equal(ruleSetting(config, 'inlining-rejected'), { level: 'note', options: {} });
});

test('ruleSetting: a configured rule is returned as configured', () => {
  const config: Config = { rules: new Map([['deopt-loop', { level: 'off', options: { threshold: 9 } }]]), ignores: [] };
  assert.equal(ruleSetting(config, 'deopt-loop'), { level: 'off', options: { threshold: 9 } });
});

test('resolveOptions: defaults filled in, given values kept', () => {
  assert.equal(resolveOptions('arguments-leak'), { escapes: true });
  assert.equal(resolveOptions('arguments-leak', { escapes: false }), { escapes: false });
  assert.equal(resolveOptions('deopt-loop'), { threshold: 3 });
  assert.equal(resolveOptions('deopt-loop', { threshold: 1 }), { threshold: 1 });
  assert.equal(resolveOptions('closure-in-loop'), {});
});

test('resolveOptions: validates like configuration, naming `where`', () => {
  assert.throws(() => resolveOptions('deopt-loop', { threshold: 0 }), (e: unknown) => e instanceof UsageError && e.message === 'rules.deopt-loop: option "threshold" must be at least 1, not 0');
  assert.throws(
    () => resolveOptions('closure-in-loop', { x: 1 }, 'docs example'),
    (e: unknown) => e instanceof UsageError && e.message === 'docs example: unknown option "x" (this rule takes no options)',
  );
});

test.run();
