// `jitlint rules`: the catalogue.
import { parseArgs } from 'node:util';
import { ALL_RULES } from '../rules/index.js';
import { UsageError } from '../errors.js';
import { RULES_HELP } from './help.js';

export function runRules(argv: string[], out: (s: string) => void): number {
  const { values } = parseArgs({ args: argv, strict: true, options: { format: { type: 'string', short: 'f' }, help: { type: 'boolean', short: 'h' } } });
  if (values.help) {
    out(RULES_HELP);
    return 0;
  }
  const format = values.format ?? 'md';
  const rules = ALL_RULES.filter((m) => m.kind !== 'internal');
  if (format === 'json') {
    out(JSON.stringify(rules.map(({ messages: _messages, ...meta }) => meta), null, 2) + '\n');
    return 0;
  }
  if (format !== 'md') throw new UsageError(`--format ${format}: unknown rules format (expected md or json)`);
  const lines = ['# jitlint rules', '', '| id | kind | default | description |', '|---|---|---|---|'];
  for (const m of rules) lines.push(`| \`${m.id}\` | ${m.kind} | ${m.defaultLevel} | ${m.shortDescription.replace(/\|/g, '\\|')} |`);
  for (const m of rules) {
    lines.push('', `## ${m.id}`, '', m.fullDescription, '', m.helpMarkdown);
    if (m.options.length) {
      lines.push('', `Options (\`["${m.defaultLevel}", { … }]\` in configuration):`, '');
      for (const o of m.options) lines.push(`- \`${o.name}\` (${o.type}, default \`${String(o.default)}\`): ${o.description}`);
    }
    lines.push('', `Docs: docs/rules/${m.id}.md`);
  }
  out(lines.join('\n') + '\n');
  return 0;
}
