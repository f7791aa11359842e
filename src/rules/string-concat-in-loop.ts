// string-concat-in-loop: a string accumulator grown in a loop. On V8 the appends build a rope
// (ConsString) and cost linear time overall; a read of the contents in the same loop flattens
// the whole rope each time, which makes the loop quadratic.
import { ts } from '../syntax/ts.js';
import { ALLOCATION, defineStaticRule } from './types.js';
import { isFunctionNode, isLoop, outermostOuterExpression, skipOuterExpressions, walkTree } from '../analyze/ast.js';
import {
  accumulatingIteration, enclosingIterations, inIterationBody, isNamePosition, isStringType, plusOperands, referencedSymbol,
  type Iteration,
} from './util/accumulators.js';
import { runFrequency, smallFixedIterable } from './util/run-frequency.js';
import { declarationByName, initializerOf } from './util/syntax-scope.js';

/** An append to `target` (`s += x`, `s = s + x`, `s = \`${s}…\``) and the occurrence of `s` it reads, if written out. */
interface Append {
  node: ts.BinaryExpression;
  target: ts.Identifier;
  selfRead?: ts.Identifier;
}

function appendOf(node: ts.BinaryExpression): Append | undefined {
  const left = skipOuterExpressions(node.left);
  if (!ts.isIdentifier(left)) return undefined;
  const op = node.operatorToken.kind;
  if (op === ts.SyntaxKind.PlusEqualsToken) return { node, target: left };
  if (op !== ts.SyntaxKind.EqualsToken) return undefined;
  const right = skipOuterExpressions(node.right);
  let parts: readonly ts.Expression[] = [];
  if (ts.isBinaryExpression(right) && right.operatorToken.kind === ts.SyntaxKind.PlusToken) parts = plusOperands(right);
  else if (ts.isTemplateExpression(right)) parts = right.templateSpans.map((s) => s.expression);
  for (const part of parts) {
    const e = skipOuterExpressions(part);
    if (ts.isIdentifier(e) && e.text === left.text) return { node, target: left, selfRead: e };
  }
  return undefined;
}

/** What a read of the accumulator does to its rope. */
type ReadKind = 'none' | 'flattens';

/** A statement that leaves `iteration` for good: `return`/`throw`, or a `break` that targets it. */
function leaves(stmt: ts.Statement, from: ts.Node, iteration: Iteration): boolean {
  const callback = !isLoop(iteration);
  if (ts.isThrowStatement(stmt)) return true;
  if (ts.isReturnStatement(stmt)) return !callback;
  if (!ts.isBreakStatement(stmt) || callback) return false;
  if (stmt.label) return ts.isLabeledStatement(iteration.parent) && iteration.parent.label.text === stmt.label.text;
  for (let p: ts.Node | undefined = from; p && p !== iteration; p = p.parent) {
    if (isLoop(p) || ts.isSwitchStatement(p)) return false;
  }
  return true;
}

/**
 * Whether a read runs at most once for the whole loop: it is part of a `return`/`throw`, or the
 * statements after it in its block leave the loop (`…; break`).
 */
function onExitPath(id: ts.Identifier, iteration: Iteration): boolean {
  // A read in a nested function runs whenever that function is called.
  for (let n: ts.Node | undefined = id.parent; n && n !== iteration; n = n.parent) if (isFunctionNode(n)) return false;
  for (let n: ts.Node = id; n.parent && n !== iteration; n = n.parent) {
    if (ts.isStatement(n) && leaves(n, n, iteration)) return true;
    const p = n.parent;
    if (ts.isBlock(p) || ts.isCaseClause(p) || ts.isDefaultClause(p)) {
      const stmts = p.statements;
      for (let i = stmts.indexOf(n as ts.Statement) + 1; i < stmts.length; i++) if (leaves(stmts[i]!, p, iteration)) return true;
    }
  }
  return false;
}

/**
 * Reads that only look at the length (kept in the ConsString header) do not flatten;
 * everything else is taken to read the contents.
 */
function readKind(id: ts.Identifier): ReadKind {
  const node = outermostOuterExpression(id);
  const p = node.parent;
  if (!p) return 'flattens';
  if (ts.isPropertyAccessExpression(p) && p.expression === node && p.name.text === 'length') return 'none';
  if (ts.isTypeOfExpression(p)) return 'none';
  if (ts.isPrefixUnaryExpression(p) && p.operator === ts.SyntaxKind.ExclamationToken) return 'none';
  // Truthiness tests the length only.
  if ((ts.isIfStatement(p) || ts.isWhileStatement(p) || ts.isDoStatement(p)) && p.expression === node) return 'none';
  if (ts.isForStatement(p) && p.condition === node) return 'none';
  if (ts.isConditionalExpression(p) && p.condition === node) return 'none';
  if (ts.isBinaryExpression(p)) {
    const op = p.operatorToken.kind;
    if ((op === ts.SyntaxKind.AmpersandAmpersandToken || op === ts.SyntaxKind.BarBarToken) && p.left === node) return 'none';
    // Comparing with '' compares lengths first: a rope is never empty.
    const equality = op === ts.SyntaxKind.EqualsEqualsEqualsToken || op === ts.SyntaxKind.ExclamationEqualsEqualsToken ||
      op === ts.SyntaxKind.EqualsEqualsToken || op === ts.SyntaxKind.ExclamationEqualsToken;
    const other = p.left === node ? p.right : p.left;
    if (equality && ts.isStringLiteralLike(other) && other.text === '') return 'none';
  }
  return 'flattens';
}

interface Group {
  iteration: Iteration;
  symbol: ts.Symbol;
  name: string;
  appends: Append[];
}

export const rule = defineStaticRule({
  meta: {
    id: 'string-concat-in-loop',
    name: 'StringConcatInLoop',
    shortDescription: 'A string accumulator grown in a loop, and read in the same loop.',
    fullDescription:
      'Flags a string variable declared outside a loop and grown inside it with `s += x`, `s = s + x` or `s = `${s}…``. When the loop also reads the contents of the accumulator (`charCodeAt`, `endsWith`, `indexOf`, a regex, passing it to a call), each read likely flattens the whole rope V8 built from the appends: the loop is quadratic in the string length (warning). A plain append is linear on V8 and is only a note: it is quadratic on engines without ropes. Reading `.length` or testing truthiness does not flatten. The accumulator must have a string type: numbers, bigints, arrays and `any` are not flagged (in JavaScript, which is not type-checked: a variable initialised with a string). Loops over an array literal of at most 4 elements are not flagged; a read-in-loop in setup, tooling or failure code is a note.',
    defaultLevel: 'warning',
    tags: ['performance', 'strings', 'loops'],
    precision: 'high',
    helpMarkdown: [
      'On V8, `s += x` does not copy `s`: it makes a rope (a `ConsString` pointing at both parts), and the rope is flattened into one flat string the first time its contents are read. A loop of plain appends is therefore linear, and usually as fast as `parts.push(x)` + `parts.join("")`.',
      '',
      'The loop becomes quadratic when it also reads the accumulator\'s contents (`s.endsWith(…)`, `s.charCodeAt(i)`, `s.indexOf(…)`, a regex test, passing `s` to a call): every read flattens the whole string built so far. Measured on Node 20: 7 to 40x slower per append at 1,000 to 4,000 appends, 25 to 110x at 16,000 to 64,000. Reading `s.length` or testing `if (s)` does not flatten (the length is stored in the rope).',
      '',
      '**Fix**: keep what the loop needs to know in its own variable (the last character, a counter), move the read after the loop, or collect the parts in an array and `join()` once. A plain append needs no change on V8; use an array and `join()` if the code also runs on an engine without ropes (older QuickJS: about 60x).',
    ].join('\n'),
  },
  messages: {
    readInLoop:
      'The string `{{name}}` is appended to in this loop and read in it (`{{read}}`, line {{line}}): each read likely flattens it (quadratic). Keep what the loop needs in its own variable, or join once.',
    readWithReset:
      'The string `{{name}}` is appended to and read in this loop (`{{read}}`, line {{line}}) but also reset, so each flatten copies one segment: likely linear.',
    append:
      'The string `{{name}}` grows by appends in this loop: linear on V8 (a rope), quadratic only on engines without ropes. There, collect the parts and `join()` once.',
  },
  create(ctx) {
    // JavaScript is read, not type-checked: there the accumulator is a variable declared with a
    // string initialiser, found by name.
    const checker = ctx.isJavaScript ? undefined : ctx.checker;
    const jsSymbols = new Map<ts.Node, ts.Symbol>();
    /** The accumulator's identity: its checker symbol, or (JavaScript) a stand-in keyed by its declaration. */
    const symbolOf = (id: ts.Identifier): { symbol: ts.Symbol; decl: ts.Node } | undefined => {
      if (checker) {
        const symbol = checker.getSymbolAtLocation(id);
        const decl = symbol?.valueDeclaration ?? symbol?.declarations?.[0];
        return symbol && decl ? { symbol, decl } : undefined;
      }
      const decl = declarationByName(id);
      if (!decl) return undefined;
      let symbol = jsSymbols.get(decl);
      if (!symbol) jsSymbols.set(decl, (symbol = { name: id.text } as unknown as ts.Symbol));
      return { symbol, decl };
    };
    const isString = (id: ts.Identifier, symbol: ts.Symbol, decl: ts.Node): boolean => {
      if (checker) return isStringType(checker.getTypeOfSymbolAtLocation(symbol, id));
      const init = initializerOf(decl);
      const e = init && skipOuterExpressions(init);
      return !!e && (ts.isStringLiteralLike(e) || ts.isTemplateExpression(e));
    };
    const refersTo = (n: ts.Identifier): ts.Symbol | undefined => (checker ? referencedSymbol(n, checker) : symbolOf(n)?.symbol);
    // (iteration, accumulator) → appends, in document order.
    const groups = new Map<Iteration, Map<ts.Symbol, Group>>();
    const order: Group[] = [];
    return {
      [ts.SyntaxKind.BinaryExpression](node) {
        const append = appendOf(node);
        if (!append) return;
        const iterations = enclosingIterations(node);
        if (iterations.length === 0) return;
        const found = symbolOf(append.target);
        if (!found) return;
        const { symbol, decl } = found;
        // Declared in another file (a global script variable): outside every loop of this one.
        const iteration = decl.getSourceFile() === ctx.sourceFile ? accumulatingIteration(iterations, decl) : iterations[iterations.length - 1];
        if (!iteration) return;
        // A loop over a literal of a few elements: the string cannot grow long.
        if (smallFixedIterable(iteration)) return;
        if (!isString(append.target, symbol, decl)) return;
        let bySymbol = groups.get(iteration);
        if (!bySymbol) groups.set(iteration, (bySymbol = new Map()));
        let group = bySymbol.get(symbol);
        if (!group) {
          group = { iteration, symbol, name: append.target.text, appends: [] };
          bySymbol.set(symbol, group);
          order.push(group);
        }
        group.appends.push(append);
      },
      end() {
        for (const group of order) {
          const own = new Set<ts.Node>();
          for (const a of group.appends) {
            own.add(a.target);
            if (a.selfRead) own.add(a.selfRead);
          }
          let firstRead: ts.Identifier | undefined;
          let reset = false;
          walkTree(group.iteration, (n) => {
            if (!ts.isIdentifier(n)) return;
            if (n.text !== group.name || own.has(n) || isNamePosition(n)) return;
            if (!inIterationBody(n, group.iteration)) return;
            if (refersTo(n) !== group.symbol) return;
            const parent = n.parent;
            // Another assignment to the accumulator that is not an append: a reset.
            if (parent && ts.isBinaryExpression(parent) && parent.left === n && parent.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
              reset = true;
              return;
            }
            if (!firstRead && readKind(n) === 'flattens' && !onExitPath(n, group.iteration)) firstRead = n;
          });
          const first = group.appends[0]!;
          if (!firstRead) {
            ctx.report({ node: first.node, messageId: 'append', data: { name: group.name }, level: 'note', confirm: { by: ALLOCATION, at: group.appends.map((a) => a.node) } });
            continue;
          }
          const readNode = readExpression(firstRead);
          const read = oneLine(readNode.getText(ctx.sourceFile));
          const line = ctx.sourceFile.getLineAndCharacterOfPosition(readNode.getStart(ctx.sourceFile)).line + 1;
          if (reset) ctx.report({ node: first.node, messageId: 'readWithReset', data: { name: group.name, read, line }, level: 'note', confirm: { by: ALLOCATION, at: group.appends.map((a) => a.node) } });
          // Once per setup step, in tooling or on a failure path: the quadratic may still matter for long strings, a note.
          else ctx.report({ node: first.node, messageId: 'readInLoop', data: { name: group.name, read, line }, ...(runFrequency(group.iteration, ctx.sourceFile) ? { level: 'note' as const } : {}), confirm: { by: ALLOCATION, at: group.appends.map((a) => a.node) } });
        }
      },
    };
  },
});

/** The expression around a read worth quoting: `s.endsWith('x')` rather than `s`. */
function readExpression(id: ts.Identifier): ts.Node {
  let node: ts.Node = id;
  const p = node.parent;
  if (p && (ts.isPropertyAccessExpression(p) || ts.isElementAccessExpression(p)) && p.expression === node) {
    node = p;
    if (node.parent && ts.isCallExpression(node.parent) && node.parent.expression === node) node = node.parent;
  } else if (p && ts.isCallExpression(p)) node = p;
  return node;
}

function oneLine(text: string): string {
  const flat = text.replace(/\s+/g, ' ');
  return flat.length > 60 ? `${flat.slice(0, 57)}...` : flat;
}
