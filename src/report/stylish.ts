// `--format stylish`: grouped by file like ESLint's default formatter.
import type { Level } from '../model.js';
import { summarize, type ReportModel } from './model.js';

export interface StylishOptions {
  color: boolean;
}

const CODES = { red: 31, yellow: 33, cyan: 36, dim: 2, underline: 4, bold: 1 } as const;

function painter(enabled: boolean) {
  return (code: keyof typeof CODES, s: string) => (enabled ? `\x1b[${CODES[code]}m${s}\x1b[0m` : s);
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

export function formatStylish(input: ReportModel, opts: StylishOptions): string {
  const paint = painter(opts.color);
  const levelColor: Record<Level, keyof typeof CODES> = { error: 'red', warning: 'yellow', note: 'cyan' };
  const byFile = new Map<string, ReportModel['findings']>();
  for (const f of input.findings) {
    let list = byFile.get(f.file);
    if (!list) byFile.set(f.file, (list = []));
    list.push(f);
  }
  const out: string[] = [];
  for (const [file, list] of byFile) {
    out.push('', paint('underline', file));
    const rows = list.map((f) => [`${f.line}:${f.column}`, f.level, f.confirmed ? `${f.message} (confirmed by V8)` : f.message, f.ruleId] as const);
    // reduce, not Math.max(...): a file can hold hundreds of thousands of runtime findings.
    const posWidth = rows.reduce((w, r) => Math.max(w, r[0].length), 0);
    const levelWidth = rows.reduce((w, r) => Math.max(w, r[1].length), 0);
    rows.forEach(([pos, level, message, rule]) => {
      const lvl = paint(levelColor[level], level.padEnd(levelWidth));
      out.push(`  ${paint('dim', pos.padEnd(posWidth))}  ${lvl}  ${message.replace(/\s*\n\s*/g, ' ')}  ${paint('dim', rule)}`);
    });
  }
  const s = summarize(input);
  const total = s.errors + s.warnings + s.notes;
  out.push('');
  if (total === 0) {
    out.push(`${plural(s.files, 'file')} analyzed, no problems found.`);
  } else {
    const line = `✖ ${plural(total, 'problem')} (${plural(s.errors, 'error')}, ${plural(s.warnings, 'warning')}, ${plural(s.notes, 'note')}) in ${plural(s.files, 'file')}`;
    out.push(paint(s.errors ? 'red' : s.warnings ? 'yellow' : 'cyan', paint('bold', line)));
  }
  for (const n of input.lostInputs ?? []) out.push(paint('red', `  ${n}`));
  for (const n of input.notifications) out.push(paint('dim', `  ${n}`));
  return out.join('\n') + '\n';
}
