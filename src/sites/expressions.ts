// The expression and the enclosing function at a V8 position, from a @babel/parser
// parse of the JavaScript (or TypeScript) text. V8 conventions (see the v8 fixtures):
// a property load `p.x` is reported at the property name, a keyed access at `[`, a
// call `f(x)` at the callee identifier (`o.m(x)` at `m`, other calls at `(`), `new`
// at the keyword, binary operators and assignments at the operator, a function at the
// start of its parameter list.
import { parse, type ParserPlugin, type ParserOptions } from '@babel/parser';
import type { Region } from '../model.js';

export type ExpressionKind = 'member' | 'call' | 'new' | 'binary' | 'assignment' | 'function' | 'other';

interface BNode {
  type: string;
  start: number;
  end: number;
  [key: string]: unknown;
}

const SKIP_KEYS = new Set(['type', 'start', 'end', 'loc', 'range', 'extra', 'leadingComments', 'trailingComments', 'innerComments', 'errors', 'comments', 'tokens']);

const FUNCTION_TYPES = new Set([
  'FunctionDeclaration',
  'FunctionExpression',
  'ArrowFunctionExpression',
  'ObjectMethod',
  'ClassMethod',
  'ClassPrivateMethod',
  'TSDeclareMethod',
]);

const KIND_OF: Record<string, ExpressionKind> = {
  MemberExpression: 'member',
  OptionalMemberExpression: 'member',
  CallExpression: 'call',
  OptionalCallExpression: 'call',
  NewExpression: 'new',
  BinaryExpression: 'binary',
  LogicalExpression: 'binary',
  AssignmentExpression: 'assignment',
};

/** A parsed text with a line table; `ast` is undefined when it could not be parsed at all. */
export class SourceDoc {
  readonly text: string;
  private readonly lineStarts: number[];
  private astCache?: BNode | null;

  constructor(
    text: string,
    private readonly fileName: string,
  ) {
    this.text = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
    this.lineStarts = [0];
    const t = this.text;
    for (let i = 0; i < t.length; i++) {
      const c = t.charCodeAt(i);
      if (c === 10 || c === 0x2028 || c === 0x2029) this.lineStarts.push(i + 1);
      else if (c === 13) {
        if (t.charCodeAt(i + 1) === 10) i++;
        this.lineStarts.push(i + 1);
      }
    }
  }

  /** Offset of a 1-based line and column; undefined past the end of the text. */
  offsetOf(line: number, column: number): number | undefined {
    if (line < 1 || line > this.lineStarts.length || column < 1) return undefined;
    const start = this.lineStarts[line - 1]!;
    const lineEnd = line < this.lineStarts.length ? this.lineStarts[line]! : this.text.length;
    const off = start + column - 1;
    return off <= lineEnd ? off : undefined;
  }

  /** 1-based line and column of an offset. */
  positionOf(offset: number): { line: number; column: number } {
    let lo = 0;
    let hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.lineStarts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - this.lineStarts[lo]! + 1 };
  }

  regionOf(start: number, end: number): Region {
    const s = this.positionOf(start);
    const e = this.positionOf(Math.max(end, start + 1));
    return { line: s.line, column: s.column, endLine: e.line, endColumn: e.column };
  }

  get ast(): BNode | undefined {
    if (this.astCache === undefined) this.astCache = parseText(this.text, this.fileName) ?? null;
    return this.astCache ?? undefined;
  }
}

function pluginSets(fileName: string): ParserPlugin[][] {
  const ext = /\.[^./\\]+$/.exec(fileName)?.[0]?.toLowerCase() ?? '';
  const common: ParserPlugin[] = ['explicitResourceManagement', 'decoratorAutoAccessors', 'importReflection', 'sourcePhaseImports'];
  if (ext === '.ts' || ext === '.mts' || ext === '.cts') {
    return [
      [['typescript', {}], 'decorators-legacy', ...common],
      [['typescript', {}], ['decorators', { decoratorsBeforeExport: true }], ...common],
    ];
  }
  if (ext === '.tsx') return [[['typescript', {}], 'jsx', 'decorators-legacy', ...common]];
  // Executed JavaScript: natives syntax (%Foo()) appears in V8 test programs, JSX in .js files of some projects.
  return [
    ['jsx', 'v8intrinsic', 'decorators-legacy', ...common],
    ['v8intrinsic', 'decorators-legacy', ...common],
    [['typescript', {}], 'jsx', 'decorators-legacy'],
  ];
}

function parseText(text: string, fileName: string): BNode | undefined {
  const ext = /\.[^./\\]+$/.exec(fileName)?.[0]?.toLowerCase() ?? '';
  const sourceType: ParserOptions['sourceType'] = ext === '.mjs' || ext === '.mts' ? 'module' : ext === '.cjs' || ext === '.cts' ? 'script' : 'unambiguous';
  for (const plugins of pluginSets(fileName)) {
    for (const st of sourceType === 'unambiguous' ? (['unambiguous', 'script'] as const) : [sourceType]) {
      try {
        const file = parse(text, {
          sourceType: st,
          errorRecovery: true,
          allowReturnOutsideFunction: true,
          allowAwaitOutsideFunction: true,
          allowImportExportEverywhere: true,
          allowSuperOutsideMethod: true,
          allowUndeclaredExports: true,
          allowNewTargetOutsideFunction: true,
          plugins,
        });
        return file.program as unknown as BNode;
      } catch {
        // try the next combination
      }
    }
  }
  return undefined;
}

function isNode(v: unknown): v is BNode {
  return !!v && typeof v === 'object' && typeof (v as BNode).type === 'string' && typeof (v as BNode).start === 'number';
}


/** Nodes from the root down to the innermost one whose range holds `offset`. */
function chainAt(root: BNode, offset: number): BNode[] {
  const chain = [root];
  for (let node = root; ; ) {
    let next: BNode | undefined;
    for (const key of Object.keys(node)) {
      if (SKIP_KEYS.has(key)) continue;
      const v = node[key];
      const c = Array.isArray(v) ? childAt(v, offset) : isNode(v) && v.start <= offset && offset < v.end ? v : undefined;
      // Prefer the smallest child when ranges overlap (TS parameter properties, decorators).
      if (c && (!next || c.end - c.start < next.end - next.start)) next = c;
    }
    if (!next) return chain;
    chain.push(next);
    node = next;
  }
}

/**
 * The smallest element of a node list (in source order) whose range holds
 * `offset`. Found by binary search, not by a scan: a program's body can hold tens
 * of thousands of statements, and every runtime event is placed this way.
 */
function childAt(list: unknown[], offset: number): BNode | undefined {
  let lo = 0;
  let hi = list.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const x = list[mid];
    if (!isNode(x)) return scanAt(list, offset); // holes (`[, a]`): rare, scanned
    if (offset < x.start) hi = mid - 1;
    else if (offset >= x.end) lo = mid + 1;
    else {
      // Overlapping neighbours, if any, hold it too: take the smallest, the first on a tie.
      let first = mid;
      while (first > 0 && holds(list[first - 1], offset)) first--;
      let best = list[first] as BNode;
      for (let i = first + 1; i < list.length && holds(list[i], offset); i++) {
        const c = list[i] as BNode;
        if (c.end - c.start < best.end - best.start) best = c;
      }
      return best;
    }
  }
  return undefined;
}

function holds(v: unknown, offset: number): boolean {
  return isNode(v) && v.start <= offset && offset < v.end;
}

function scanAt(list: unknown[], offset: number): BNode | undefined {
  let best: BNode | undefined;
  for (const c of list) if (holds(c, offset) && (!best || (c as BNode).end - (c as BNode).start < best.end - best.start)) best = c as BNode;
  return best;
}

export interface ExpressionAt {
  kind: ExpressionKind;
  start: number;
  end: number;
  /** Name of the enclosing function ("" at top level), named like the static rules name them. */
  functionName: string;
}

function isExpressionNode(n: BNode): boolean {
  return (
    /Expression$|Literal$/.test(n.type) ||
    n.type === 'Identifier' ||
    n.type === 'PrivateName' ||
    n.type === 'Super' ||
    n.type === 'Import' ||
    n.type === 'JSXElement' ||
    n.type === 'JSXFragment'
  ) && !n.type.startsWith('TS');
}

function isStatement(n: BNode): boolean {
  return /Statement$|Declaration$/.test(n.type) && !FUNCTION_TYPES.has(n.type);
}

/** Run-time-transparent wrappers between a function and what it is assigned to. */
const WRAPPER_TYPES = new Set(['ParenthesizedExpression', 'TSAsExpression', 'TSSatisfiesExpression', 'TSNonNullExpression', 'TSTypeAssertion']);

/** A key as written, when it is fixed (not `[computed]`). */
function keyName(key: unknown, computed: unknown): string | undefined {
  if (!isNode(key) || computed === true) return undefined;
  if (key.type === 'Identifier') return key['name'] as string;
  if (key.type === 'StringLiteral' || key.type === 'NumericLiteral') return String(key['value']);
  if (key.type === 'PrivateName' && isNode(key['id'])) return `#${(key['id'] as BNode)['name'] as string}`;
  return undefined;
}

/**
 * Names a function the way the static rules do (functionName in src/analyze/ast.ts): own name
 * (Class.method), else the variable, property or assignment target it is the value of, through
 * parentheses and type assertions. `chain[i]` is the function, `chain[i - 1]` its parent.
 */
function nameOf(chain: BNode[], i: number, text: string): string {
  const fn = chain[i]!;
  const grand = chain[i - 2];
  const className = (cls: BNode | undefined) => (cls && isNode(cls['id']) ? ((cls['id'] as BNode)['name'] as string) : undefined);
  if (fn.type === 'ClassMethod' || fn.type === 'ClassPrivateMethod' || fn.type === 'TSDeclareMethod') {
    // parent is the ClassBody, grand the class.
    const cls = className(grand);
    if (fn['kind'] === 'constructor') return cls ? `${cls}.constructor` : 'constructor';
    const own = keyName(fn['key'], fn['computed']);
    return own === undefined ? '(anonymous)' : cls ? `${cls}.${own}` : own;
  }
  if (fn.type === 'ObjectMethod') return keyName(fn['key'], fn['computed']) ?? '(anonymous)';
  if (isNode(fn['id'])) return (fn['id'] as BNode)['name'] as string;
  let value = fn;
  let j = i - 1;
  while (j >= 0 && WRAPPER_TYPES.has(chain[j]!.type)) value = chain[j--]!;
  const parent = chain[j];
  if (parent) {
    if (parent.type === 'VariableDeclarator' && parent['init'] === value && isNode(parent['id']) && (parent['id'] as BNode).type === 'Identifier')
      return (parent['id'] as BNode)['name'] as string;
    if ((parent.type === 'ObjectProperty' || parent.type === 'ClassProperty' || parent.type === 'ClassPrivateProperty') && parent['value'] === value) {
      return keyName(parent['key'], parent['computed']) ?? '(anonymous)';
    }
    if (parent.type === 'AssignmentExpression' && parent['right'] === value && isNode(parent['left'])) {
      const left = parent['left'] as BNode;
      return text.slice(left.start, left.end);
    }
  }
  return '(anonymous)';
}

function enclosingFunctionName(chain: BNode[], upTo: number, text: string): string {
  for (let i = upTo; i >= 0; i--) {
    const n = chain[i]!;
    if (FUNCTION_TYPES.has(n.type)) return nameOf(chain, i, text);
  }
  return '';
}

/**
 * The expression V8 means by a position, or undefined when the text did not parse.
 * `hint` (from the generated code's expression, or from the event: a call deopt, a
 * store IC) picks the call over its callee property, and recovers from imprecise
 * source-map positions by looking for the nearest enclosing node of that kind.
 */
export function expressionAt(doc: SourceDoc, offset: number, hint?: ExpressionKind): ExpressionAt | undefined {
  const root = doc.ast;
  if (!root) return undefined;
  const chain = chainAt(root, offset);
  const last = chain.length - 1;
  const pick = (i: number, kind: ExpressionKind): ExpressionAt => {
    const n = chain[i]!;
    return { kind, start: n.start, end: n.end, functionName: enclosingFunctionName(chain, i, doc.text) };
  };
  const header = (i: number): ExpressionAt => {
    const fn = chain[i]!;
    const body = chain[i]!['body'];
    let end = isNode(body) ? body.start : fn.end;
    while (end > fn.start && /\s/.test(doc.text[end - 1]!)) end--;
    return { kind: 'function', start: fn.start, end: Math.max(end, fn.start + 1), functionName: nameOf(chain, i, doc.text) };
  };
  const escalateToCall = (i: number): ExpressionAt | undefined => {
    const p = chain[i - 1];
    if (p && (p.type === 'CallExpression' || p.type === 'OptionalCallExpression') && p['callee'] === chain[i]) return pick(i - 1, 'call');
    return undefined;
  };

  const x = chain[last]!;
  const parent = chain[last - 1];
  let found: ExpressionAt | undefined;
  if (FUNCTION_TYPES.has(x.type)) {
    const body = x['body'];
    if (!isNode(body) || offset < body.start) found = header(last);
  } else if (parent && FUNCTION_TYPES.has(parent.type) && (parent['id'] === x || parent['key'] === x || (Array.isArray(parent['params']) && (parent['params'] as unknown[]).includes(x)))) {
    found = header(last - 1);
  } else if (parent && (parent.type === 'MemberExpression' || parent.type === 'OptionalMemberExpression') && parent['property'] === x && !parent['computed']) {
    found = (hint === 'call' ? escalateToCall(last - 1) : undefined) ?? pick(last - 1, 'member');
  } else if (parent && KIND_OF[parent.type] && (parent.type === 'CallExpression' || parent.type === 'OptionalCallExpression' || parent.type === 'NewExpression') && parent['callee'] === x && x.start === offset && x.type !== 'MemberExpression') {
    found = pick(last - 1, KIND_OF[parent.type]!);
  } else if (KIND_OF[x.type]) {
    const kind = KIND_OF[x.type]!;
    found = (kind === 'member' && hint === 'call' ? escalateToCall(last) : undefined) ?? pick(last, kind);
  } else if (isExpressionNode(x)) {
    found = pick(last, 'other');
  }

  // The position gave no particular expression (an operand, where a source map was imprecise) but the hint
  // names a kind: the nearest enclosing node of that kind, within the statement.
  if (hint && hint !== 'other' && hint !== 'function' && (!found || found.kind === 'other')) {
    for (let i = last; i >= 0; i--) {
      const n = chain[i]!;
      if (isStatement(n) || FUNCTION_TYPES.has(n.type)) break;
      if (KIND_OF[n.type] === hint) return pick(i, hint);
    }
  }
  if (found) return found;
  // A statement keyword or punctuation: the token at the position.
  const m = /^[\w$]+/.exec(doc.text.slice(offset, offset + 200));
  const end = offset + (m ? m[0].length : 1);
  return { kind: 'other', start: offset, end: Math.min(end, doc.text.length), functionName: enclosingFunctionName(chain, last, doc.text) };
}

export interface FunctionAt {
  start: number;
  end: number;
  name: string;
}

/**
 * The innermost function whose range holds `offset` (undefined at top level or when the text
 * did not parse). `strict`: a function that starts exactly at `offset` is skipped, so a
 * closure's own header belongs to the function that creates it.
 */
export function functionAt(doc: SourceDoc, offset: number, strict: boolean): FunctionAt | undefined {
  const root = doc.ast;
  if (!root) return undefined;
  const chain = chainAt(root, offset);
  for (let i = chain.length - 1; i >= 0; i--) {
    const n = chain[i]!;
    if (!FUNCTION_TYPES.has(n.type) || (strict && n.start === offset)) continue;
    return { start: n.start, end: n.end, name: nameOf(chain, i, doc.text) };
  }
  return undefined;
}
