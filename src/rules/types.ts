// The rule contract. A rule is one file: metadata, messages by id, an options schema, and
// detection: visitors keyed by syntax kind (static rules, one shared walk per file) or a check
// over the runtime model (runtime rules). Wording lives in `messages`; detection reports ids.
import type { ProjectFiles, RuleChecker } from '../types/checker.js';
import { ts } from '../syntax/ts.js';
import type { Evidence, EvidenceKind, Level, RuleMeta } from '../model.js';
import type { RuntimeModel, SourcePosition } from '../runtime/model.js';
import type { ExpressionKind } from '../sites/expressions.js';

// ---- options ---------------------------------------------------------------------------

/** One option of a rule: its JSON type, default and what it does (for `jitlint rules`). */
export type OptionSpec =
  | { type: 'boolean'; default: boolean; description: string }
  | { type: 'integer'; default: number; minimum?: number; description: string };

export type OptionsSchema = Readonly<Record<string, OptionSpec>>;

/** The typed options a rule sees: every key present, defaults filled in. */
export type OptionsOf<S extends OptionsSchema> = { readonly [K in keyof S]: S[K] extends { type: 'boolean' } ? boolean : number };

// ---- static rules ----------------------------------------------------------------------

/** The node type of each syntax kind a rule may visit; add a kind here to visit it. */
export interface NodeByKind {
  [ts.SyntaxKind.Identifier]: ts.Identifier;
  [ts.SyntaxKind.PropertyAccessExpression]: ts.PropertyAccessExpression;
  [ts.SyntaxKind.ElementAccessExpression]: ts.ElementAccessExpression;
  [ts.SyntaxKind.CallExpression]: ts.CallExpression;
  [ts.SyntaxKind.NewExpression]: ts.NewExpression;
  [ts.SyntaxKind.BinaryExpression]: ts.BinaryExpression;
  [ts.SyntaxKind.AsExpression]: ts.AsExpression;
  [ts.SyntaxKind.TypeAssertionExpression]: ts.TypeAssertion;
  [ts.SyntaxKind.VariableDeclaration]: ts.VariableDeclaration;
  [ts.SyntaxKind.ArrayLiteralExpression]: ts.ArrayLiteralExpression;
  [ts.SyntaxKind.ObjectLiteralExpression]: ts.ObjectLiteralExpression;
  [ts.SyntaxKind.DeleteExpression]: ts.DeleteExpression;
  [ts.SyntaxKind.FunctionDeclaration]: ts.FunctionDeclaration;
  [ts.SyntaxKind.FunctionExpression]: ts.FunctionExpression;
  [ts.SyntaxKind.ArrowFunction]: ts.ArrowFunction;
  [ts.SyntaxKind.MethodDeclaration]: ts.MethodDeclaration;
  [ts.SyntaxKind.GetAccessor]: ts.GetAccessorDeclaration;
  [ts.SyntaxKind.SetAccessor]: ts.SetAccessorDeclaration;
  [ts.SyntaxKind.Constructor]: ts.ConstructorDeclaration;
}

export type VisitedKind = keyof NodeByKind;

/** Visitors by syntax kind (each gets its node typed), and `end` once after the walk of the file. */
export type Visitors = { [K in VisitedKind]?: (node: NodeByKind[K]) => void } & { end?: () => void };

/** Allocation rules are confirmed by allocation profiles (bytes at the site) or CPU ticks there, never by ICs. */
export const ALLOCATION: EvidenceKind[] = ['allocation', 'cpu'];

export interface StaticReport<M extends string> {
  /** The node whose range becomes the finding's region (or an explicit [start, end) text range). */
  node: ts.Node | { start: number; end: number };
  messageId: M;
  data?: Record<string, string | number>;
  /** Overrides the rule's level for this finding (before configuration is applied). */
  level?: Level;
  properties?: Record<string, unknown>;
  /**
   * Which runtime evidence confirms this finding and where: a deopt or IC inside the reported
   * expression, ICs on a parameter's uses in the callee, allocations of the site. Site-exact:
   * evidence elsewhere in the same loop or function confirms nothing. Default: deopts and ICs
   * inside `node`.
   */
  confirm?: { by: EvidenceKind[]; at: Array<ts.Node | { start: number; end: number }> };
}

/** What a rule sees of the file being walked. One context per (rule, file). */
export interface RuleContext<M extends string, O> {
  readonly sourceFile: ts.SourceFile;
  /** The project's own sources (for rules that look across files). */
  readonly project: ProjectFiles;
  /** Type questions, answered by the engine in use (src/types/checker.ts). */
  readonly checker: RuleChecker;
  readonly options: O;
  /** The file is JavaScript (.js/.cjs/.mjs/.jsx): read, not type-checked. */
  readonly isJavaScript: boolean;
  report(descriptor: StaticReport<M>): void;
}

/** The catalogue entry of a rule, as written in its file (kind and messages are added by define*). */
export type RuleMetaSpec = Omit<RuleMeta, 'kind' | 'messages' | 'options'>;

export interface StaticRule<M extends string = string, O = unknown> {
  readonly meta: RuleMeta & { kind: 'static' };
  readonly optionsSchema: OptionsSchema;
  create(context: RuleContext<M, O>): Visitors;
}

export function defineStaticRule<M extends string, S extends OptionsSchema = Record<never, OptionSpec>>(spec: {
  meta: RuleMetaSpec;
  messages: Record<M, string>;
  options?: S;
  create(context: RuleContext<NoInfer<M>, OptionsOf<S>>): Visitors;
}): StaticRule<M, OptionsOf<S>> {
  const schema: OptionsSchema = spec.options ?? {};
  return { meta: { ...spec.meta, kind: 'static', messages: spec.messages, options: describeOptions(schema) }, optionsSchema: schema, create: spec.create };
}

// ---- runtime rules ---------------------------------------------------------------------

export interface RuntimeReport<M extends string> {
  /** The position V8 printed for the event (script, 1-based line and column). */
  at: SourcePosition;
  /** The expression kind the event is about when the position alone is ambiguous (a call deopt at `m` of `o.m()`). */
  expression?: ExpressionKind;
  messageId: M;
  data?: Record<string, string | number>;
  level?: Level;
  functionName: string;
  evidence: Evidence[];
  /** Innermost first: where the code of this event was inlined. */
  inlinedAt?: Array<SourcePosition & { functionName?: string }>;
  properties?: Record<string, unknown>;
}

export interface RuntimeRuleContext<M extends string, O> {
  readonly options: O;
  /** Whether events at this position are reported (Node's and V8's own scripts are not). */
  keep(p: SourcePosition | undefined): p is SourcePosition;
  report(descriptor: RuntimeReport<M>): void;
}

export interface RuntimeRule<M extends string = string, O = unknown> {
  readonly meta: RuleMeta & { kind: 'runtime' };
  readonly optionsSchema: OptionsSchema;
  check(model: RuntimeModel, context: RuntimeRuleContext<M, O>): void;
}

export function defineRuntimeRule<M extends string, S extends OptionsSchema = Record<never, OptionSpec>>(spec: {
  meta: RuleMetaSpec;
  messages: Record<M, string>;
  options?: S;
  check(model: RuntimeModel, context: RuntimeRuleContext<NoInfer<M>, OptionsOf<S>>): void;
}): RuntimeRule<M, OptionsOf<S>> {
  const schema: OptionsSchema = spec.options ?? {};
  return { meta: { ...spec.meta, kind: 'runtime', messages: spec.messages, options: describeOptions(schema) }, optionsSchema: schema, check: spec.check };
}

function describeOptions(schema: OptionsSchema): RuleMeta['options'] {
  return Object.entries(schema).map(([name, o]) => ({ name, type: o.type, default: o.default, description: o.description }));
}
