// Batching for engines with a per-query cost (tsgo: one round trip to the TypeScript 7 server per
// call): the sites the member and call rules ask about, collected from syntax once per file and
// asked in bulk. The ts6 engine answers in-process and skips this walk.
import { ts } from 'ts-morph';
import type { RuleChecker } from '../../types/checker.js';
import { skipParentheses, walkTree } from '../../analyze/ast.js';

const done = new WeakMap<RuleChecker, WeakSet<ts.SourceFile>>();

/** Receivers of member reads and calls (their types; identifiers: their symbols) and callee names (symbols). */
export function prefetchMemberSites(sf: ts.SourceFile, checker: RuleChecker): void {
  if (!checker.batches) return;
  let files = done.get(checker);
  if (!files) done.set(checker, (files = new WeakSet()));
  if (files.has(sf)) return;
  files.add(sf);
  const types: ts.Node[] = [];
  const symbols: ts.Node[] = [];
  walkTree(sf, (n) => {
    if (ts.isPropertyAccessExpression(n) || ts.isElementAccessExpression(n)) {
      const recv = skipParentheses(n.expression);
      if (recv.kind !== ts.SyntaxKind.ThisKeyword && recv.kind !== ts.SyntaxKind.SuperKeyword) {
        types.push(recv);
        if (ts.isIdentifier(recv)) symbols.push(recv);
      }
    } else if (ts.isCallExpression(n) || ts.isNewExpression(n)) {
      const callee = skipParentheses(n.expression);
      symbols.push(ts.isPropertyAccessExpression(callee) ? callee.name : callee);
    }
  });
  checker.prefetchSymbols(symbols);
  checker.prefetchTypes(types);
}
