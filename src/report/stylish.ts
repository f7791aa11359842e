// `--format stylish`: grouped by file like ESLint's default formatter.
import type { Finding, Level } from '../model.js';
import { hiddenNotesWhat, shownFindings, summarize, type Decision, type ReportModel } from './model.js';
import { formatBytes } from '../correlate/allocations.js';

const TIER: Record<string, string> = { turbofan: 'Turbofan', maglev: 'Maglev' };

function fnName(name: string): string {
  return name === '' ? 'top-level code' : name;
}

/** One decision, Go -m style: `inlined scale into hotLoop (Turbofan)`. */
export function decisionLine(d: Decision): string {
  const tier = [TIER[d.tier] ?? d.tier, ...(d.osr ? ['OSR'] : []), ...(d.count > 1 ? [`${d.count} times`] : [])].join(', ');
  const one = (s: string) => s.replace(/\s*\n\s*/g, ' ');
  switch (d.kind) {
    case 'inlined':
      return one(`inlined ${d.callee || '(anonymous)'} into ${fnName(d.function)} (${tier})`);
    case 'optimized':
      return one(`optimized ${fnName(d.function)} (${tier})`);
    case 'inlining-rejected':
      return one(`not inlined ${d.callee || '(anonymous)'}${d.function ? ` into ${d.function}` : ''}: ${d.reason ?? 'no reason printed'} (${tier})`);
    default:
      return one(`deoptimized ${fnName(d.function)}: ${d.reason ?? ''} (${tier})`);
  }
}

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
  const shown = shownFindings(input);
  // Runs of the same file (in position order: one per file; sorted by hotness, the order is kept).
  const groups: Array<{ file: string; list: ReportModel['findings'] }> = [];
  for (const f of shown) {
    const last = groups[groups.length - 1];
    if (last && last.file === f.file) last.list.push(f);
    else groups.push({ file: f.file, list: [f] });
  }
  // The profiles' share beside each finding, when any finding has one.
  const withHeat = shown.some((f) => f.hotness || f.allocated);
  const out: string[] = [];
  for (const { file, list } of groups) {
    out.push('', paint('underline', file));
    const rows = list.map((f) => [`${f.line}:${f.column}`, f.level, withHeat ? heat(f) : '', f.confirmed ? `${f.message} (confirmed by V8)` : f.message, f.ruleId] as const);
    // reduce, not Math.max(...): a file can hold hundreds of thousands of runtime findings.
    const posWidth = rows.reduce((w, r) => Math.max(w, r[0].length), 0);
    const levelWidth = rows.reduce((w, r) => Math.max(w, r[1].length), 0);
    const heatWidth = rows.reduce((w, r) => Math.max(w, r[2].length), 0);
    rows.forEach(([pos, level, hot, message, rule]) => {
      const lvl = paint(levelColor[level], level.padEnd(levelWidth));
      const h = withHeat ? `${paint('bold', hot.padEnd(heatWidth))}  ` : '';
      out.push(`  ${paint('dim', pos.padEnd(posWidth))}  ${lvl}  ${h}${message.replace(/\s*\n\s*/g, ' ')}  ${paint('dim', rule)}`);
    });
  }
  if (input.decisions) {
    out.push('', paint('bold', `V8's decisions (${plural(input.decisions.length, 'decision')}):`));
    for (const d of input.decisions) out.push(`${paint('dim', `${d.file}:${d.at.line}:${d.at.column}:`)} ${decisionLine(d)}`);
  }
  const s = summarize(input);
  const hidden = input.findings.length - shown.length;
  out.push('');
  if (shown.length === 0) {
    out.push(`${plural(s.files, 'file')} analyzed, no problems found.`);
    if (hidden > 0) out.push(paint('dim', `  ${plural(hidden, 'note')} not shown (${hiddenNotesWhat(input, shown)}): --show-notes shows them`));
  } else {
    if (shown.length > 0) out.push(...summaryTable(shown, paint));
    const files = new Set(shown.map((f) => f.file)).size;
    const shownNotes = shown.length - s.errors - s.warnings;
    const counts = `${plural(s.errors, 'error')}, ${plural(s.warnings, 'warning')}${shownNotes ? `, ${plural(shownNotes, 'note')}` : ''}`;
    const line = `✖ ${plural(shown.length, 'problem')} (${counts}) in ${files} of ${plural(s.files, 'file')}`;
    out.push(paint(s.errors ? 'red' : s.warnings ? 'yellow' : 'cyan', paint('bold', line)));
    if (hidden > 0) out.push(paint('dim', `  ${plural(hidden, 'note')} not shown (${hiddenNotesWhat(input, shown)}): --show-notes shows them`));
  }
  for (const n of input.lostInputs ?? []) out.push(paint('red', `  ${n}`));
  for (const n of input.notifications) out.push(paint('dim', `  ${n}`));
  return out.join('\n') + '\n';
}

/** `41.2% cpu` (self share of the samples, total in parentheses when larger), `12.0 MB` allocated; `-` when no profile saw the function. */
function heat(f: Finding): string {
  const parts: string[] = [];
  if (f.hotness) {
    const { selfPercent: s, totalPercent: t } = f.hotness;
    parts.push(t > s ? `${s.toFixed(1)}% (${t.toFixed(1)}%) cpu` : `${s.toFixed(1)}% cpu`);
  }
  if (f.allocated) parts.push(formatBytes(f.allocated.bytes));
  return parts.length ? parts.join(' ') : '-';
}

/** Counts per rule and level, and the files with the most findings: what a long report is about. */
function summaryTable(shown: readonly Finding[], paint: (code: keyof typeof CODES, s: string) => string): string[] {
  const byRule = new Map<string, Record<Level, number>>();
  const byFile = new Map<string, number>();
  for (const f of shown) {
    let c = byRule.get(f.ruleId);
    if (!c) byRule.set(f.ruleId, (c = { error: 0, warning: 0, note: 0 }));
    c[f.level]++;
    byFile.set(f.file, (byFile.get(f.file) ?? 0) + 1);
  }
  // A short report needs no table: the findings above are the summary.
  if (shown.length < 10) return [];
  const rules = [...byRule.entries()].sort((a, b) => total(b[1]) - total(a[1]) || (a[0] < b[0] ? -1 : 1));
  const width = rules.reduce((w, [id]) => Math.max(w, id.length), 0);
  const out = [paint('bold', 'By rule:')];
  for (const [id, c] of rules) {
    const parts = (['error', 'warning', 'note'] as const).filter((l) => c[l] > 0).map((l) => plural(c[l], l));
    out.push(`  ${id.padEnd(width)}  ${parts.join(', ')}`);
  }
  const files = [...byFile.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, 5);
  out.push(paint('bold', 'Most findings:'));
  for (const [file, n] of files) out.push(`  ${String(n).padStart(4)}  ${file}`);
  out.push('');
  return out;
}

function total(c: Record<Level, number>): number {
  return c.error + c.warning + c.note;
}
