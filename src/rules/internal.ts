// Findings the engine itself makes: syntax errors and suppressions that suppressed nothing.
import type { RuleMeta } from '../model.js';

export const parseErrorMeta: RuleMeta = {
  id: 'parse-error',
  name: 'ParseError',
  kind: 'internal',
  shortDescription: 'The file has a syntax error; it was analyzed as far as the parser recovered.',
  fullDescription:
    'The TypeScript parser reported a syntax error. jitlint still analyzes the recovered syntax tree, but findings near the error may be missing.',
  defaultLevel: 'note',
  tags: ['correctness'],
  precision: 'very-high',
  helpMarkdown: 'Fix the syntax error; findings near it may be missing until then.',
  messages: { syntax: 'Syntax error: {{text}}' },
};

export const unusedSuppressionMeta: RuleMeta = {
  id: 'unused-suppression',
  name: 'UnusedSuppression',
  kind: 'internal',
  shortDescription: 'A jitlint-disable comment that suppressed nothing.',
  fullDescription:
    'A `jitlint-disable`, `jitlint-disable-line` or `jitlint-disable-next-line` comment names a rule that reported nothing where the comment applies. Remove it so that it does not hide a future finding.',
  defaultLevel: 'note',
  tags: ['maintainability'],
  precision: 'very-high',
  helpMarkdown: 'Remove the suppression comment, or move it to the line it was meant for.',
  messages: {
    unused: 'Unused suppression: {{rule}} reported nothing here; remove the comment.',
    unusedAll: 'Unused suppression: no rule reported anything here; remove the comment.',
  },
};

export const INTERNAL_RULES: readonly RuleMeta[] = [parseErrorMeta, unusedSuppressionMeta];
