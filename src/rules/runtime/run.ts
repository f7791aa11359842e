// Runs the runtime rules over the runtime model: each rule's reports become findings at the
// positions V8 printed (placed on source sites later, by the pipeline).
import type { Evidence, Level } from '../../model.js';
import { formatMessage, levelRank, stepLevel } from '../../analyze/message.js';
import type { RuntimeModel, SourcePosition } from '../../runtime/model.js';
import { isInternalScript } from '../../runtime/scripts.js';
import type { ExpressionKind } from '../../sites/expressions.js';
import type { RuntimeRule } from '../types.js';

export interface RuntimeFinding {
  ruleId: string;
  messageId: string;
  level: Level;
  /** The script as V8 printed it: absolute path, file:// URL, node:…. */
  script: string;
  /** 1-based, as V8 prints them. */
  line: number;
  column: number;
  /** What the event is about at that position, when the position alone is ambiguous. */
  expression?: ExpressionKind;
  functionName: string;
  message: string;
  evidence: Evidence[];
  /** Innermost first. */
  inlinedAt: Array<SourcePosition & { functionName?: string }>;
  properties: Record<string, unknown>;
}

export interface ActiveRuntimeRule {
  rule: RuntimeRule;
  /** The level a finding gets when the rule reports at its default level. */
  level: Level;
  options: unknown;
}

export interface RunOptions {
  /** Report sites in Node's or V8's own scripts too (default false). */
  includeInternal?: boolean;
}

export function runRuntimeRules(model: RuntimeModel, rules: readonly ActiveRuntimeRule[], opts: RunOptions = {}): RuntimeFinding[] {
  const out: RuntimeFinding[] = [];
  const keep = (p: SourcePosition | undefined): p is SourcePosition => !!p && (!!opts.includeInternal || !isInternalScript(p.script));
  for (const { rule, level, options } of rules) {
    rule.check(model, {
      options,
      keep,
      report(d) {
        const template = rule.meta.messages[d.messageId];
        if (template === undefined) throw new Error(`rule ${rule.meta.id} has no message '${d.messageId}'`);
        // A per-finding level is relative to the rule's default, so configuration moves both together.
        const shift = d.level ? levelRank(d.level) - levelRank(rule.meta.defaultLevel) : 0;
        out.push({
          ruleId: rule.meta.id,
          messageId: d.messageId,
          level: stepLevel(level, shift),
          script: d.at.script,
          line: d.at.line,
          column: d.at.column,
          ...(d.expression ? { expression: d.expression } : {}),
          functionName: d.functionName,
          message: formatMessage(template, d.data),
          evidence: d.evidence,
          inlinedAt: d.inlinedAt ?? [],
          properties: d.properties ?? {},
        });
      },
    });
  }
  return out.sort((a, b) => a.script.localeCompare(b.script) || a.line - b.line || a.column - b.column || a.ruleId.localeCompare(b.ruleId));
}
