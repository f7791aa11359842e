// The static engine: one walk per source file, each node dispatched to the rules that
// registered for its kind.
import { ts } from '../syntax/ts.js';
import type { EvidenceKind, Finding, Level } from '../model.js';
import type { RuleContext, StaticRule } from '../rules/types.js';
import type { ProjectFiles, RuleChecker } from '../types/checker.js';
import { parseErrorMeta, unusedSuppressionMeta } from '../rules/internal.js';
import { enclosingFunctionName, walkTree } from './ast.js';
import { formatMessage, levelRank, stepLevel } from './message.js';
import { isSuppressed, parseDirectives } from './suppressions.js';
import { Timing } from './timing.js';
import { relativePath } from '../project/paths.js';

export interface ActiveRule {
  rule: StaticRule;
  /** The level the finding gets when the rule reports at its default level. */
  level: Level;
  /** Validated options, defaults filled in. */
  options: unknown;
}

export interface EngineOptions {
  /** The engine answering type questions (src/types/checker.ts). */
  checker: RuleChecker;
  project: ProjectFiles;
  /** Report paths are relative to this directory. */
  baseDir: string;
  rules: readonly ActiveRule[];
  /** Whether the internal `unused-suppression` notes are wanted. */
  reportUnusedSuppressions?: boolean;
  timing?: Timing;
}

const JS_EXT = /\.(?:[cm]?js|jsx)$/i;

type Handler = (node: ts.Node) => void;

export function analyzeSourceFile(sf: ts.SourceFile, opts: EngineOptions): Finding[] {
  const timing = opts.timing ?? new Timing(false);
  const file = relativePath(opts.baseDir, sf.fileName);
  const raw: Finding[] = [];
  const isJavaScript = JS_EXT.test(sf.fileName);

  const regionOf = (start: number, end: number) => {
    const s = sf.getLineAndCharacterOfPosition(start);
    const e = sf.getLineAndCharacterOfPosition(end);
    return { line: s.line + 1, column: s.character + 1, endLine: e.line + 1, endColumn: e.character + 1 };
  };

  // A node of this file or of another one of the program (a callee's parameter uses).
  const placeNode = (n: ts.Node) => {
    const other = n.getSourceFile();
    if (other === sf) return { file, ...regionOf(n.getStart(sf), n.getEnd()) };
    const s = other.getLineAndCharacterOfPosition(n.getStart(other));
    const e = other.getLineAndCharacterOfPosition(n.getEnd());
    return { file: relativePath(opts.baseDir, other.fileName), line: s.line + 1, column: s.character + 1, endLine: e.line + 1, endColumn: e.character + 1 };
  };

  const dispatch = new Map<ts.SyntaxKind, Handler[]>();
  const ends: Array<() => void> = [];
  for (const active of opts.rules) {
    const { rule } = active;
    const label = `rule ${rule.meta.id}`;
    const context: RuleContext<string, unknown> = {
      sourceFile: sf,
      project: opts.project,
      checker: opts.checker,
      options: active.options,
      isJavaScript,
      report(d) {
        const node = d.node;
        const start = 'kind' in node ? node.getStart(sf) : node.start;
        const end = 'kind' in node ? node.getEnd() : node.end;
        const template = rule.meta.messages[d.messageId];
        if (template === undefined) throw new Error(`rule ${rule.meta.id} has no message '${d.messageId}'`);
        // A per-finding level is relative to the rule's default, so configuration moves both together.
        const shift = d.level ? levelRank(d.level) - levelRank(rule.meta.defaultLevel) : 0;
        const snippetText = sf.text.slice(start, Math.min(end, start + 200));
        const anchor = 'kind' in node ? node : undefined;
        const region = regionOf(start, end);
        const confirm = d.confirm
          ? { by: d.confirm.by, at: d.confirm.at.map((n) => ('kind' in n ? placeNode(n) : { file, ...regionOf(n.start, n.end) })) }
          : { by: ['deopt', 'ic'] satisfies EvidenceKind[], at: [{ file, ...region }] };
        raw.push({
          ruleId: rule.meta.id,
          messageId: d.messageId,
          level: stepLevel(active.level, shift),
          file,
          ...region,
          message: formatMessage(template, d.data),
          confirmed: false,
          functionName: anchor ? enclosingFunctionName(anchor) : '',
          snippet: snippetText,
          ...(d.properties ? { properties: d.properties } : {}),
          confirm,
        });
      },
    };
    const visitors = timing.measure(label, () => rule.create(context));
    for (const [key, fn] of Object.entries(visitors)) {
      if (typeof fn !== 'function') continue;
      const visit = fn as Handler;
      const handler: Handler = timing.enabled ? (n) => timing.measure(label, () => visit(n)) : visit;
      if (key === 'end') {
        ends.push(handler as () => void);
        continue;
      }
      const kind = Number(key) as ts.SyntaxKind;
      let list = dispatch.get(kind);
      if (!list) dispatch.set(kind, (list = []));
      list.push(handler);
    }
  }

  if (dispatch.size > 0) {
    walkTree(sf, (node) => {
      const list = dispatch.get(node.kind);
      if (list) for (const h of list) h(node);
    });
  }
  for (const end of ends) end();

  // Syntax errors: the tree above is what the parser recovered.
  const parseDiagnostics = (sf as unknown as { parseDiagnostics?: readonly ts.DiagnosticWithLocation[] }).parseDiagnostics ?? [];
  for (const diag of parseDiagnostics) {
    const start = diag.start ?? 0;
    raw.push({
      ruleId: parseErrorMeta.id,
      messageId: 'syntax',
      level: 'note',
      file,
      ...regionOf(start, start + Math.max(1, diag.length ?? 1)),
      message: formatMessage(parseErrorMeta.messages['syntax']!, { text: ts.flattenDiagnosticMessageText(diag.messageText, ' ') }),
      confirmed: false,
      functionName: '',
      snippet: '',
    });
  }

  const directives = parseDirectives(sf);
  if (directives.length === 0) return raw;
  const kept = raw.filter((f) => !isSuppressed(directives, f.ruleId, f.line));
  if (opts.reportUnusedSuppressions !== false) {
    const ran = new Set(opts.rules.map((r) => r.rule.meta.id));
    for (const d of directives) {
      const unusedIds = d.ruleIds.length === 0 ? (d.used.size === 0 ? ['*'] : []) : d.ruleIds.filter((id) => ran.has(id) && !d.used.has(id));
      for (const id of unusedIds) {
        kept.push({
          ruleId: unusedSuppressionMeta.id,
          messageId: id === '*' ? 'unusedAll' : 'unused',
          level: 'note',
          file,
          ...regionOf(d.pos, d.end),
          message: id === '*'
            ? unusedSuppressionMeta.messages['unusedAll']!
            : formatMessage(unusedSuppressionMeta.messages['unused']!, { rule: id }),
          confirmed: false,
          functionName: '',
          snippet: sf.text.slice(d.pos, d.end),
        });
      }
    }
  }
  return kept;
}
