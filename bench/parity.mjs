// `node bench/parity.mjs [rxjs,effect]`: runs `jitlint analyze` on the bench corpora with
// `--engine ts6` and `--engine tsgo` and diffs the findings (rule, file, line, column, message).
// Prints each difference; exit 1 when there is one. `--json FILE` writes them.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ensureCorpus } from './corpora.mjs';
import { REPO, note, sh } from './lib.mjs';

const { values: opts, positionals } = parseArgs({ allowPositionals: true, options: { json: { type: 'string' } } });
const names = (positionals[0] ?? 'rxjs,effect').split(',').filter(Boolean);
const JITLINT = path.join(REPO, 'bin', 'jitlint.js');
const tmp = mkdtempSync(path.join(os.tmpdir(), 'jitlint-parity-'));

const key = (f) => `${f.ruleId}\t${f.file}\t${f.line}\t${f.column}\t${f.message}`;

function findings(c, engine) {
  const out = path.join(tmp, `${c.label}-${engine}.json`);
  const t0 = Date.now();
  sh(process.execPath, [JITLINT, 'analyze', c.src, '-p', c.tsconfig, '--engine', engine, '--format', 'json', '-o', out], { cwd: c.dir, okCodes: [0, 1] });
  const report = JSON.parse(readFileSync(out, 'utf8'));
  note(`  ${engine}: ${report.findings.length} findings in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  return report.findings;
}

const all = [];
try {
  for (const name of names) {
    const c = ensureCorpus(name);
    note(`parity: ${c.label}`);
    const a = findings(c, 'ts6');
    const b = findings(c, 'tsgo');
    const count = (list) => {
      const m = new Map();
      for (const f of list) m.set(key(f), (m.get(key(f)) ?? 0) + 1);
      return m;
    };
    const ca = count(a);
    const cb = count(b);
    const diffs = [];
    for (const [k, n] of ca) for (let i = cb.get(k) ?? 0; i < n; i++) diffs.push({ corpus: c.label, only: 'ts6', finding: k });
    for (const [k, n] of cb) for (let i = ca.get(k) ?? 0; i < n; i++) diffs.push({ corpus: c.label, only: 'tsgo', finding: k });
    diffs.sort((x, y) => (x.finding < y.finding ? -1 : x.finding > y.finding ? 1 : 0));
    note(`  ${a.length} vs ${b.length} findings, ${diffs.length} differences`);
    for (const d of diffs) console.log(`${d.corpus}\tonly ${d.only}\t${d.finding}`);
    all.push(...diffs);
  }
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
if (opts.json) writeFileSync(opts.json, JSON.stringify(all, null, 2) + '\n');
process.exit(all.length ? 1 : 0);
