// Draws the stratified sample of findings to label (deterministic: findings are ordered by a hash
// of their key within each stratum, and the first `quota` of each stratum are taken).
//   node bench/precision/sample.mjs [--from DIR]   (DIR holds <corpus>.json reports; default: run jitlint)
// Prints the candidates as JSON (label fields empty) on stdout; labelling is done by hand after
// reading the code, into labels.json.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ensurePrecisionCorpus, PRECISION_CORPORA } from './corpora.mjs';
import { runJitlint, snippetAt } from './run.mjs';

/** Per corpus, per `ruleId/level`: how many to label (Infinity = all; missing = 0 but `*` default). */
export const QUOTAS = {
  rxjs: { '*': Infinity },
  'query-core': { '*': Infinity },
  immer: { '*': Infinity, 'any-boxing/note': 6 },
  mobx: { '*': Infinity, 'any-boxing/note': 6 },
  zod: {
    'accumulating-spread/error': Infinity,
    'closure-in-loop/warning': 10,
    'megamorphic-call-site/warning': 12,
    'delete-property/warning': 6,
    'delete-property/note': 3,
    'string-concat-in-loop/note': Infinity,
    'any-boxing/note': 6,
  },
  effect: {
    'accumulating-spread/error': Infinity,
    'arguments-leak/warning': Infinity,
    'delete-property/warning': Infinity,
    // effect shows 331 of the 428 warning+ findings: its two big strata get the most labels.
    'closure-in-loop/warning': 18,
    'megamorphic-call-site/warning': 24,
    'megamorphic-call-site/note': 3,
    'string-concat-in-loop/note': 4,
    'arguments-leak/note': 4,
    'delete-property/note': 3,
    'any-boxing/note': 5,
  },
};

const hash = (s) => createHash('sha1').update(s).digest('hex');

export function sample(name, corpus, findings) {
  const q = QUOTAS[name] ?? {};
  const strata = new Map();
  for (const f of findings) {
    const k = `${f.ruleId}/${f.level}`;
    if (!strata.has(k)) strata.set(k, []);
    strata.get(k).push(f);
  }
  const out = [];
  for (const [k, fs] of [...strata].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const quota = q[k] ?? q['*'] ?? 0;
    const ordered = fs
      .map((f) => ({ f, h: hash(`${name}|${f.file}|${f.line}|${f.column}|${f.ruleId}`) }))
      .sort((a, b) => (a.h < b.h ? -1 : 1))
      .slice(0, quota)
      .map((x) => x.f);
    for (const f of ordered) {
      out.push({
        project: name,
        version: corpus.version,
        file: f.file,
        line: f.line,
        column: f.column,
        ruleId: f.ruleId,
        level: f.level,
        snippet: snippetAt(corpus, f.file, f.line),
        label: null,
        class: null,
        reason: '',
      });
    }
  }
  return out.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const i = process.argv.indexOf('--from');
  const from = i > 0 ? process.argv[i + 1] : undefined;
  const all = [];
  for (const name of Object.keys(PRECISION_CORPORA)) {
    const corpus = ensurePrecisionCorpus(name);
    const findings = from ? JSON.parse(readFileSync(path.join(from, `${name}.json`), 'utf8')).findings : runJitlint(corpus).findings;
    all.push(...sample(name, corpus, findings));
  }
  process.stdout.write(JSON.stringify(all, null, 1) + '\n');
}
