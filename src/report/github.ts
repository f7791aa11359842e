// `--format github`: workflow commands that GitHub Actions turns into annotations.
import type { Level } from '../model.js';
import { shownFindings, type ReportModel } from './model.js';

const COMMAND: Record<Level, string> = { error: 'error', warning: 'warning', note: 'notice' };

function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

export function formatGithub(input: ReportModel): string {
  return shownFindings(input)
    .map((f) => {
      const props = `file=${escapeProperty(f.file)},line=${f.line},endLine=${f.endLine},col=${f.column},endColumn=${f.endColumn},title=${escapeProperty(`jitlint(${f.ruleId})`)}`;
      return `::${COMMAND[f.level]} ${props}::${escapeData(`${f.file}:${f.line}:${f.column}: ${f.message}`)}\n`;
    })
    .join('');
}
