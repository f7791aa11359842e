// Findings the engine itself makes: syntax errors and suppressions that suppressed nothing.
import type { Finding, RuleMeta } from '../model.js';
import { formatMessage } from '../analyze/message.js';

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
  options: [],
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
  options: [],
};

export const internalErrorMeta: RuleMeta = {
  id: 'internal-error',
  name: 'InternalError',
  kind: 'internal',
  shortDescription: 'jitlint could not analyze this file; the other files were analyzed.',
  fullDescription:
    'Analyzing this file failed inside jitlint or the TypeScript compiler (for example a stack overflow on very deeply nested code). The file was skipped; every other file was analyzed as usual. Please report it with the file if you can.',
  defaultLevel: 'note',
  tags: ['correctness'],
  precision: 'very-high',
  helpMarkdown: 'jitlint skipped this file after an internal error; the rest of the run is complete. Run with `--debug` for details and report it.',
  messages: { failed: 'This file was not analyzed: {{reason}}.' },
  options: [],
};

/** The note that stands for a file whose analysis failed. */
export function internalErrorFinding(file: string, reason: string): Finding {
  return {
    ruleId: internalErrorMeta.id,
    messageId: 'failed',
    level: 'note',
    file,
    line: 1,
    column: 1,
    endLine: 1,
    endColumn: 1,
    message: formatMessage(internalErrorMeta.messages['failed']!, { reason: reason.replace(/\.$/, '') }),
    confirmed: false,
    functionName: '',
    snippet: '',
  };
}

export const INTERNAL_RULES: readonly RuleMeta[] = [parseErrorMeta, unusedSuppressionMeta, internalErrorMeta];
