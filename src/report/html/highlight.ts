// Syntax classes for the HTML report's source view, from TypeScript's own scanner (no tokenizer
// of ours). Only tokens that get a colour are kept, as a flat delta-encoded array, which keeps the
// embedded data small: [gap from the previous token's end, length, class, ...].
import type { ts } from 'ts-morph';
import { typescript6 } from '../../syntax/ts.js';

/** Class indices; the client maps them to CSS classes in the same order (see TOKEN_CLASSES). */
export const TOKEN_CLASSES = ['tk-kw', 'tk-str', 'tk-num', 'tk-com', 'tk-re', 'tk-ty', 'tk-fn'] as const;
const KW = 0;
const STR = 1;
const NUM = 2;
const COM = 3;
const RE = 4;
const TY = 5;
const FN = 6;

// TypeScript 6's scanner whatever the engine (its kinds): loaded when a report is rendered.
let K: typeof ts.SyntaxKind;

/** After these tokens a `/` divides; after anything else it starts a regular expression. */
function endsExpression(kind: ts.SyntaxKind): boolean {
  return (
    kind === K.Identifier ||
    kind === K.PrivateIdentifier ||
    kind === K.NumericLiteral ||
    kind === K.BigIntLiteral ||
    kind === K.StringLiteral ||
    kind === K.NoSubstitutionTemplateLiteral ||
    kind === K.TemplateTail ||
    kind === K.RegularExpressionLiteral ||
    kind === K.CloseParenToken ||
    kind === K.CloseBracketToken ||
    kind === K.CloseBraceToken ||
    kind === K.PlusPlusToken ||
    kind === K.MinusMinusToken ||
    kind === K.ThisKeyword ||
    kind === K.SuperKeyword ||
    kind === K.TrueKeyword ||
    kind === K.FalseKeyword ||
    kind === K.NullKeyword
  );
}

function isKeyword(kind: ts.SyntaxKind): boolean {
  return kind >= K.FirstKeyword && kind <= K.LastKeyword;
}

/** The coloured tokens of `text`, delta-encoded (see the file comment). */
export function highlight(text: string, file: string): number[] {
  const ts = typescript6();
  K = ts.SyntaxKind;
  const variant = /\.[jt]sx$/i.test(file) ? ts.LanguageVariant.JSX : ts.LanguageVariant.Standard;
  const scanner = ts.createScanner(ts.ScriptTarget.Latest, /* skipTrivia */ false, variant, text);
  const out: number[] = [];
  let lastEnd = 0;
  const push = (start: number, end: number, cls: number) => {
    if (end <= start) return;
    out.push(start - lastEnd, end - start, cls);
    lastEnd = end;
  };
  // Braces opened since each template head: a `}` that closes a `${` resumes the template.
  const braces: boolean[] = [];
  let prev: ts.SyntaxKind = K.Unknown;
  // An identifier is only classed once the next token is known (`f(` is a call, `X` a type-like name).
  let pendingIdent: { start: number; end: number; upper: boolean } | undefined;
  const flushIdent = (next: ts.SyntaxKind) => {
    if (!pendingIdent) return;
    if (next === K.OpenParenToken) push(pendingIdent.start, pendingIdent.end, FN);
    else if (pendingIdent.upper) push(pendingIdent.start, pendingIdent.end, TY);
    pendingIdent = undefined;
  };
  for (;;) {
    let kind = scanner.scan();
    if (kind === K.EndOfFileToken) break;
    if (kind === K.WhitespaceTrivia || kind === K.NewLineTrivia) continue;
    if (kind === K.SingleLineCommentTrivia || kind === K.MultiLineCommentTrivia || kind === K.ShebangTrivia) {
      push(scanner.getTokenStart(), scanner.getTokenEnd(), COM);
      continue;
    }
    if ((kind === K.SlashToken || kind === K.SlashEqualsToken) && !endsExpression(prev)) kind = scanner.reScanSlashToken();
    if (kind === K.CloseBraceToken && braces.length > 0) {
      if (braces.pop()) kind = scanner.reScanTemplateToken(/* isTaggedTemplate */ false);
    }
    flushIdent(kind);
    const start = scanner.getTokenStart();
    const end = scanner.getTokenEnd();
    switch (kind) {
      case K.TemplateHead:
      case K.TemplateMiddle:
        braces.push(true);
        push(start, end, STR);
        break;
      case K.OpenBraceToken:
        braces.push(false);
        break;
      case K.StringLiteral:
      case K.NoSubstitutionTemplateLiteral:
      case K.TemplateTail:
        push(start, end, STR);
        break;
      case K.NumericLiteral:
      case K.BigIntLiteral:
        push(start, end, NUM);
        break;
      case K.RegularExpressionLiteral:
        push(start, end, RE);
        break;
      case K.Identifier: {
        const c = text.charCodeAt(start);
        pendingIdent = { start, end, upper: c >= 65 && c <= 90 };
        break;
      }
      default:
        // `o.type`, `x.default`: a name after a dot is a property, not a keyword.
        if (isKeyword(kind) && prev !== K.DotToken && prev !== K.QuestionDotToken) push(start, end, KW);
    }
    prev = kind;
  }
  flushIdent(K.Unknown);
  return out;
}
