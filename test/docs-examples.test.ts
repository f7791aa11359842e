// Every docs/rules/<id>.md example is a test: a fence marked `invalid` lists in its info string
// exactly the findings of that rule it produces (`expect="LINE:COLUMN messageId, ..."`), a fence
// marked `valid` produces none. `file=name.ext` in the fence info sets the file name (for
// example a sloppy-mode `.cjs`).
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { analyzeText } from '../src/analyze/virtual.js';
import { STATIC_RULES } from '../src/rules/index.js';
import { repoRoot } from './helpers.js';

const FENCE = /^```(ts|tsx|js|jsx|mjs|cjs)[ \t]+(invalid|valid)\b([^\n]*)\n([\s\S]*?)^```/gm;
const docsDir = path.join(repoRoot, 'docs', 'rules');
const pages = new Set(readdirSync(docsDir).filter((f) => f.endsWith('.md')).map((f) => f.slice(0, -3)));

for (const rule of STATIC_RULES) {
  const id = rule.meta.id;
  if (!pages.has(id)) {
    test(`${id}: has a docs page`, () => assert.unreachable(`docs/rules/${id}.md is missing`));
    continue;
  }
  const text = readFileSync(path.join(docsDir, `${id}.md`), 'utf8');
  const blocks = [...text.matchAll(FENCE)];
  test(`${id}: docs page has invalid and valid examples`, () => {
    assert.ok(blocks.some((b) => b[2] === 'invalid'), 'no invalid example');
    assert.ok(blocks.some((b) => b[2] === 'valid'), 'no valid example');
  });
  blocks.forEach((b, i) => {
    const [, lang, kind, info, code] = b;
    const fileName = /file=(\S+)/.exec(info ?? '')?.[1] ?? `example${i}.${lang}`;
    test(`${id}: docs example #${i + 1} (${kind})`, () => {
      const found = analyzeText(code!, fileName, { rules: [id], reportUnusedSuppressions: false }).filter((f) => f.ruleId === id);
      if (kind === 'invalid') {
        const expected = /expect="([^"]*)"/.exec(info ?? '')?.[1];
        assert.ok(expected, `an invalid example needs expect="LINE:COLUMN messageId, ..." in its fence info:\n${code}`);
        assert.equal(found.map((f) => `${f.line}:${f.column} ${f.messageId}`), expected!.split(/,\s*/), `in:\n${code}`);
      } else assert.equal(found.map((f) => `${f.line}:${f.column} ${f.message}`), [], `expected no finding in:\n${code}`);
    });
  });
}

test.run();
