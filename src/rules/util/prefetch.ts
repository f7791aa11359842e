// Batching for engines with a per-query cost (tsgo: one round trip to the TypeScript 7 server per
// call): the sites the member and call rules ask about, collected from syntax once per file and
// asked in bulk. The ts6 engine answers in-process and skips this.
//
// Only sites the rules ask about are fetched: any-boxing and megamorphic-call-site ask the checker
// about a site only once it is hot (in a loop, an array callback, or a function called from a loop
// of the file), and never about the receiver of a write target (any-boxing asks the type of a hot
// `x = v`'s target itself: is it an `any` slot?). Array callbacks count only on an array-like
// receiver, which takes the checker, so the fetch is staged: (1) the symbols of identifier
// receivers of the array-method callbacks around candidate sites (a namespace, as in
// `Effect.map(f)`, is no array), (2) the types of the other such receivers, (3) the receivers and
// callees of the sites, and the assignment targets, that are hot by the rules' own hotness, now
// answered from what (1) and (2) fetched. Fetching by syntactic hotness alone asked about a third
// more types on effect 4.1.0 (26,000 against 19,000), each a piece of type checking in the server.
import { ts } from '../../syntax/ts.js';
import type { RuleChecker } from '../../types/checker.js';
import { calleeMethodOfCallback, skipParentheses, SYNC_ARRAY_CALLBACK_METHODS, walkTree } from '../../analyze/ast.js';
import { certainlyNotAny, Hotness, inCatchClause, isMemberAccess, isNamespaceLike, isWriteTarget, loopContext, mayBeObjectArgument } from './hot-sites.js';

const done = new WeakMap<RuleChecker, WeakSet<ts.SourceFile>>();

/** Receivers of member reads and calls (their types; identifiers: their symbols) and callee names (symbols), at hot sites. */
export function prefetchMemberSites(sf: ts.SourceFile, checker: RuleChecker): void {
  if (!checker.batches) return;
  let files = done.get(checker);
  if (!files) done.set(checker, (files = new WeakSet()));
  if (files.has(sf)) return;
  files.add(sf);
  // Candidates by syntax: a superset of the hot sites.
  const maybeHot = Hotness.of(sf);
  const members: Array<ts.PropertyAccessExpression | ts.ElementAccessExpression> = [];
  const calls: Array<ts.CallExpression | ts.NewExpression> = [];
  const writes: ts.BinaryExpression[] = [];
  walkTree(sf, (n) => {
    if (ts.isPropertyAccessExpression(n) || ts.isElementAccessExpression(n)) {
      const recv = skipParentheses(n.expression);
      if (recv.kind !== ts.SyntaxKind.ThisKeyword && recv.kind !== ts.SyntaxKind.SuperKeyword && !isWriteTarget(n) && maybeHot.of(n)) members.push(n);
    } else if ((ts.isCallExpression(n) || ts.isNewExpression(n)) && n.arguments?.some(mayBeObjectArgument) && maybeHot.of(n)) {
      calls.push(n);
    } else if (ts.isBinaryExpression(n) && n.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
      const left = skipParentheses(n.left);
      if ((ts.isIdentifier(left) || isMemberAccess(left)) && maybeHot.of(n) && !inCatchClause(n)) writes.push(n);
    }
  });
  if (members.length === 0 && calls.length === 0 && writes.length === 0) return;
  // The callbacks whose array-ness the rules' hotness will ask about: the function around a
  // candidate site, when no loop comes first (loopContext asks its callback test just there).
  const callbackReceivers = new Set<ts.Expression>();
  const record = (fn: ts.Node): boolean => {
    const cb = calleeMethodOfCallback(fn);
    if (cb && SYNC_ARRAY_CALLBACK_METHODS.has(cb.method)) {
      const callee = skipParentheses(cb.call.expression);
      if (ts.isPropertyAccessExpression(callee) || ts.isElementAccessExpression(callee)) callbackReceivers.add(skipParentheses(callee.expression));
    }
    return false;
  };
  for (const site of [...members, ...calls]) loopContext(site, record);
  // (1) and (2): what the rules' hotness asks about array callbacks.
  checker.prefetchSymbols([...callbackReceivers].filter((r) => ts.isIdentifier(r)));
  checker.prefetchTypes([...callbackReceivers].filter((r) => !isNamespaceLike(r, checker)));
  // (3): the sites hot by the rules' hotness.
  const hot = Hotness.of(sf, checker);
  const hotMembers = members.filter((m) => hot.of(m));
  const symbols: ts.Node[] = [];
  for (const m of hotMembers) {
    const recv = skipParentheses(m.expression);
    if (ts.isIdentifier(recv)) symbols.push(recv);
  }
  for (const c of calls) {
    if (!hot.of(c)) continue;
    // The callee's symbol is asked only when an argument may be an object (any-boxing's slots).
    const callee = skipParentheses(c.expression);
    symbols.push(ts.isPropertyAccessExpression(callee) ? callee.name : callee);
  }
  checker.prefetchSymbols(symbols);
  // An element read's receiver is asked only by any-boxing, and not when it is certainly no `any`
  // (decided from the symbols just fetched); a property read's, by megamorphic-call-site too.
  // Hot `x = v` targets: any-boxing asks each one's type (is it an `any`/`unknown` slot?).
  const hotWrites = writes.filter((w) => hot.of(w)).map((w) => skipParentheses(w.left));
  checker.prefetchTypes([...hotMembers.filter((m) => ts.isPropertyAccessExpression(m) || !certainlyNotAny(m.expression, checker)).map((m) => skipParentheses(m.expression)), ...hotWrites]);
}
