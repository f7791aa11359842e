// SARIF validation shared by tests: the 2.1.0 schema, then GitHub code scanning's own
// documented rules for uploaded SARIF, which the schema does not enforce.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import * as assert from 'uvu/assert';

const require = createRequire(import.meta.url);

type AnyObj = Record<string, any>;

let validator: ((doc: unknown) => boolean) & { errors?: unknown } | undefined;

export function schemaValidate(doc: unknown): void {
  if (!validator) {
    const Ajv2020 = require('ajv/dist/2020').default;
    const addFormats = require('ajv-formats').default ?? require('ajv-formats');
    const schemaPath = path.join(path.dirname(require.resolve('@microsoft/sarif-multitool-ts')), '..', 'assets', 'sarif-2.1.0.schema.json');
    const ajv = new Ajv2020({ allErrors: true, strict: false });
    addFormats(ajv);
    validator = ajv.compile(JSON.parse(readFileSync(schemaPath, 'utf8')));
  }
  const ok = validator!(doc);
  assert.ok(ok, `schema errors: ${JSON.stringify(validator!.errors, null, 1)?.slice(0, 2000)}`);
}

/** Every rule of GitHub code scanning for uploaded SARIF that a file can be checked for. */
export function githubChecklist(doc: AnyObj): void {
  assert.is(doc['version'], '2.1.0');
  assert.is(doc['$schema'], 'https://json.schemastore.org/sarif-2.1.0.json');
  const runs = doc['runs'] as AnyObj[];
  assert.ok(runs.length >= 1 && runs.length <= 20, 'runs: 1 to 20');
  const categories = new Set<string>();
  for (const run of runs) {
    const driver = run['tool']['driver'];
    assert.is(driver['name'], 'jitlint');
    assert.match(driver['semanticVersion'], /^\d+\.\d+\.\d+/);
    const id = run['automationDetails']['id'] as string;
    assert.match(id, /^jitlint\/[A-Za-z0-9._-]+\/$/);
    assert.not.ok(categories.has(id), 'two runs share a category');
    categories.add(id);
    assert.is(run['columnKind'], 'utf16CodeUnits');
    const rules = driver['rules'] as AnyObj[];
    assert.ok(rules.length <= 25000);
    for (const rule of rules) {
      assert.match(rule['id'], /^[a-z][a-z-]*$/);
      assert.match(rule['name'], /^[A-Z][A-Za-z]*$/, `rule name PascalCase: ${rule['name']}`);
      assert.ok(rule['name'].length <= 255);
      for (const k of ['shortDescription', 'fullDescription']) {
        assert.ok(typeof rule[k]?.text === 'string' && rule[k].text.length > 0 && rule[k].text.length <= 1024, `${rule['id']}.${k}`);
      }
      assert.ok(rule['help']?.markdown && rule['help']?.text, `${rule['id']} help`);
      assert.ok(['error', 'warning', 'note'].includes(rule['defaultConfiguration']['level']));
      const props = rule['properties'];
      assert.ok(Array.isArray(props['tags']) && props['tags'].length <= 10 && !props['tags'].includes('security'));
      assert.ok(['very-high', 'high', 'medium', 'low'].includes(props['precision']));
      assert.ok(['error', 'warning', 'recommendation'].includes(props['problem.severity']));
      assert.not.ok('security-severity' in props, 'no security-severity');
      assert.not.ok(JSON.stringify(rule).includes('security-severity'));
    }
    const results = run['results'] as AnyObj[];
    assert.ok(results.length <= 25000);
    const seenLines = new Set<string>();
    for (const r of results) {
      assert.is(rules[r['ruleIndex']]?.['id'], r['ruleId'], 'ruleIndex points at ruleId');
      assert.ok(['error', 'warning', 'note'].includes(r['level']));
      assert.ok(typeof r['message']['text'] === 'string' && r['message']['text'].length > 0);
      assert.is(r['locations'].length, 1, 'exactly one location');
      const loc = r['locations'][0]['physicalLocation'];
      const uri = loc['artifactLocation']['uri'] as string;
      assert.ok(uri.length > 0);
      assert.not.match(uri, /^[a-z][a-z0-9+.-]*:/i, `relative URI without scheme: ${uri}`);
      assert.not.match(uri, /^(\/|\.\/)|(^|\/)\.\.(\/|$)|\\/, `normalized relative URI: ${uri}`);
      assert.not.match(uri, /(^|\/)(dist|build[^/]*)\/.*\.js$/, `no generated JS when the source exists: ${uri}`);
      assert.is(loc['artifactLocation']['uriBaseId'], '%SRCROOT%');
      const region = loc['region'];
      for (const k of ['startLine', 'startColumn', 'endLine', 'endColumn']) assert.ok(Number.isInteger(region[k]) && region[k] >= 1, `region.${k}`);
      assert.ok(region['endLine'] > region['startLine'] || region['endColumn'] > region['startColumn'], 'non-empty region');
      assert.match(r['partialFingerprints']['primaryLocationLineHash'], /^[0-9a-f]{1,16}:\d+$/);
      assert.match(r['partialFingerprints']['jitlint/v1'], /^[0-9a-f]{32}$/);
      const key = `${r['ruleId']}|${uri}|${region['startLine']}`;
      assert.not.ok(seenLines.has(key), `two results of one rule on one line: ${key}`);
      seenLines.add(key);
      assert.ok((r['relatedLocations'] ?? []).length + 1 <= 1000);
      for (const rel of r['relatedLocations'] ?? []) {
        assert.ok(Number.isInteger(rel['id']));
        assert.ok(r['message']['text'].includes(`](${rel['id']})`), 'related location linked from the message');
      }
      assert.not.ok('suppressions' in r, 'suppressed results are left out');
    }
    assert.ok(Array.isArray(run['invocations']) && typeof run['invocations'][0]['executionSuccessful'] === 'boolean');
  }
}
