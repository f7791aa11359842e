// A synthetic report of any size for the HTML report's scale test and benchmark: `files` files of
// ~200 lines of TypeScript, `perFile` findings in each, levels and rules spread deterministically.
import type { Finding, Level } from '../../src/model.js';
import type { ReportModel } from '../../src/report/model.js';
import { ALL_RULES } from '../../src/rules/index.js';

const LEVELS: Level[] = ['error', 'warning', 'note'];

function sourceOf(i: number): string {
  const lines: string[] = [`// Generated module ${i}.`, `import { helper } from './helper.js';`, ''];
  for (let fn = 0; lines.length < 200; fn++) {
    lines.push(
      `export function work${i}_${fn}(items: Array<{ id: number; name: string }>, acc: Record<string, number> = {}): string {`,
      `  let out = '';`,
      `  for (const item of items) {`,
      `    out += item.name + "/" + String(item.id * ${fn + 1});`,
      `    acc = { ...acc, [item.name]: item.id }; // ${'x'.repeat(fn % 7)}`,
      `    if (/^[a-z]+$/.test(item.name)) delete (acc as any)[item.name];`,
      `  }`,
      `  return helper(out, \`${'$'}{items.length} items\`, 0x${(fn * 31).toString(16)});`,
      `}`,
      '',
    );
  }
  return lines.join('\n');
}

export function syntheticInput(files: number, perFile: number): ReportModel {
  const sources = new Map<string, string>();
  const findings: Finding[] = [];
  const rules = ALL_RULES.filter((r) => r.kind !== 'internal');
  for (let i = 0; i < files; i++) {
    const file = `src/pkg${String(i % 20).padStart(2, '0')}/module${String(i).padStart(3, '0')}.ts`;
    sources.set(file, sourceOf(i));
    for (let j = 0; j < perFile; j++) {
      const n = i * perFile + j;
      const line = 4 + ((j * 17) % 190);
      const rule = rules[n % rules.length]!;
      findings.push({
        ruleId: rule.id,
        level: LEVELS[n % 3]!,
        file,
        line,
        column: 5,
        endLine: line,
        endColumn: 12 + (n % 9),
        message: `Synthetic finding ${n} of ${rule.id}: a message of typical length that explains what V8 does with this construct and how to write it instead, with \`code\` in it.`,
        confirmed: n % 11 === 0,
        ...(n % 11 === 0 ? { evidence: [{ kind: 'ic' as const, message: `the LoadIC at line ${line} went megamorphic`, file, line, column: 7, state: 'N' }] } : {}),
      });
    }
  }
  findings.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || a.column - b.column));
  return { toolVersion: '0.0.0-synthetic', findings, rules, filesAnalyzed: files, notifications: [], category: 'synthetic', readSource: (f) => sources.get(f) };
}
