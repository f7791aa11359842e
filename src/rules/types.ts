import type { ts } from 'ts-morph';
import type { Level, RuleMeta } from '../model.js';

export type RuleOptions = Record<string, unknown>;

export interface ReportDescriptor {
  /** The node whose range becomes the finding's region (or an explicit [start, end) text range). */
  node: ts.Node | { start: number; end: number };
  messageId: string;
  data?: Record<string, string | number>;
  /** Overrides the rule's level for this finding (before configuration is applied). */
  level?: Level;
  properties?: Record<string, unknown>;
  /** The range in which a deopt or polymorphic IC confirms this finding (default: `node`). */
  scope?: ts.Node | { start: number; end: number };
}

/** What a rule sees of the file being walked. One context per (rule, file). */
export interface RuleContext {
  readonly sourceFile: ts.SourceFile;
  readonly program: ts.Program;
  readonly checker: ts.TypeChecker;
  /** Options from configuration (`["warning", {…}]`), else `{}`. */
  readonly options: RuleOptions;
  /** The file is JavaScript (.js/.cjs/.mjs/.jsx). */
  readonly isJavaScript: boolean;
  /** The file is an ES module (import/export, .mjs/.mts, or TypeScript with module syntax). */
  readonly isModule: boolean;
  report(descriptor: ReportDescriptor): void;
}

export interface RuleVisitor {
  /** Called for every node whose kind is in the rule's `visits`, in document order. */
  visit(node: ts.Node): void;
  /** Called once after the walk of the file. */
  end?(): void;
}

export interface StaticRule {
  meta: RuleMeta & { kind: 'static' };
  /** Syntax kinds the rule wants to see; the engine walks each file once for all rules. */
  visits: readonly ts.SyntaxKind[];
  create(context: RuleContext): RuleVisitor;
}

/** Runtime rules have metadata only: runtime findings are derived from V8 events. */
export interface RuntimeRule {
  meta: RuleMeta & { kind: 'runtime' };
}
