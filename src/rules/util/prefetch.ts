// Batching for engines with a per-query cost (tsgo: one round trip to the TypeScript 7 server per
// call): the sites the member and call rules ask about, collected from syntax once per file and
// asked in bulk. The ts6 engine answers in-process and skips this walk.
//
// Only sites the rules can ask about are fetched: any-boxing and megamorphic-call-site ask the
// checker about a site only once it is hot (in a loop, an array callback, or a function called
// from a loop of the file). Hotness by syntax alone (array callbacks by method name, without the
// receiver's type) is a superset of the rules' hotness, so every site they ask about is here, and
// the server is not made to check the (mostly cold) rest of the program. The receivers of array
// method calls with a callback are fetched too: the rules' hotness asks their types.
import { ts } from '../../syntax/ts.js';
import type { RuleChecker } from '../../types/checker.js';
import { calleeMethodOfCallback, isFunctionNode, skipParentheses, SYNC_ARRAY_CALLBACK_METHODS, walkTree } from '../../analyze/ast.js';
import { Hotness, mayBeObjectArgument } from './hot-sites.js';

const done = new WeakMap<RuleChecker, WeakSet<ts.SourceFile>>();

/** Receivers of member reads and calls (their types; identifiers: their symbols) and callee names (symbols), at possibly hot sites. */
export function prefetchMemberSites(sf: ts.SourceFile, checker: RuleChecker): void {
  if (!checker.batches) return;
  let files = done.get(checker);
  if (!files) done.set(checker, (files = new WeakSet()));
  if (files.has(sf)) return;
  files.add(sf);
  const maybeHot = Hotness.of(sf);
  const types: ts.Node[] = [];
  const symbols: ts.Node[] = [];
  const receiver = (recv: ts.Expression): void => {
    types.push(recv);
    if (ts.isIdentifier(recv)) symbols.push(recv);
  };
  walkTree(sf, (n) => {
    if (isFunctionNode(n)) {
      // `xs.map((x) => …)`: the rules' hotness asks whether xs is an array.
      const cb = calleeMethodOfCallback(n);
      if (cb && SYNC_ARRAY_CALLBACK_METHODS.has(cb.method)) {
        const callee = skipParentheses(cb.call.expression);
        if (ts.isPropertyAccessExpression(callee) || ts.isElementAccessExpression(callee)) receiver(callee.expression);
      }
      return;
    }
    if (ts.isPropertyAccessExpression(n) || ts.isElementAccessExpression(n)) {
      const recv = skipParentheses(n.expression);
      if (recv.kind !== ts.SyntaxKind.ThisKeyword && recv.kind !== ts.SyntaxKind.SuperKeyword && maybeHot.of(n)) receiver(recv);
    } else if ((ts.isCallExpression(n) || ts.isNewExpression(n)) && n.arguments?.some(mayBeObjectArgument) && maybeHot.of(n)) {
      // The callee's symbol is asked only when an argument may be an object (any-boxing's slots).
      const callee = skipParentheses(n.expression);
      symbols.push(ts.isPropertyAccessExpression(callee) ? callee.name : callee);
    }
  });
  checker.prefetchSymbols(symbols);
  checker.prefetchTypes(types);
}
