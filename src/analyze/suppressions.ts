// Inline suppression comments: `// jitlint-disable-next-line id[, id] -- reason`,
// `// jitlint-disable-line id`, and file-level `/* jitlint-disable id */`.
import { ts } from '../syntax/ts.js';

export interface Directive {
  kind: 'next-line' | 'line' | 'file';
  /** Rule ids; empty means every rule. */
  ruleIds: string[];
  /** 0-based position of the comment. */
  pos: number;
  end: number;
  /** 1-based line the directive applies to (0 for file-level). */
  targetLine: number;
  /** Rule ids that suppressed at least one finding ("*" for an id-less directive). */
  used: Set<string>;
}

const LINE_RE = /\/\/[ \t]*jitlint-disable(-next-line|-line)\b((?:(?!\/\/[ \t]*jitlint-disable)[^\n\r])*)/g;
const BLOCK_RE = /\/\*[ \t\r\n*]*jitlint-disable\b(?!-)((?:(?!\/\*)[\s\S])*?)\*\//g;

function parseIds(raw: string): string[] {
  const withoutReason = raw.split(/\s--\s|\s--$/)[0] ?? '';
  return withoutReason.split(/[,\s]+/).map((s) => s.trim()).filter(Boolean);
}

/** True when `pos` lies inside a string, template or JSX text rather than a comment. */
function insideLiteral(sf: ts.SourceFile, pos: number): boolean {
  let node: ts.Node = sf;
  for (;;) {
    let next: ts.Node | undefined;
    ts.forEachChild(node, (child) => {
      if (child.pos <= pos && pos < child.end) {
        next = child;
        return true;
      }
      return undefined;
    });
    if (!next) break;
    node = next;
  }
  if (pos < node.getStart(sf)) return false;
  return ts.isStringLiteralLike(node) || ts.isTemplateLiteralToken(node) || node.kind === ts.SyntaxKind.TemplateExpression || ts.isJsxText(node) || ts.isRegularExpressionLiteral(node);
}

export function parseDirectives(sf: ts.SourceFile): Directive[] {
  const text = sf.text;
  if (!text.includes('jitlint-disable')) return [];
  const out: Directive[] = [];
  const lineOf = (pos: number) => sf.getLineAndCharacterOfPosition(pos).line + 1;
  for (const m of text.matchAll(LINE_RE)) {
    const pos = m.index ?? 0;
    if (insideLiteral(sf, pos)) continue;
    const kind = m[1] === '-next-line' ? 'next-line' : 'line';
    const line = lineOf(pos);
    out.push({ kind, ruleIds: parseIds(m[2] ?? ''), pos, end: pos + m[0].length, targetLine: kind === 'next-line' ? line + 1 : line, used: new Set() });
  }
  for (const m of text.matchAll(BLOCK_RE)) {
    const pos = m.index ?? 0;
    if (insideLiteral(sf, pos)) continue;
    out.push({ kind: 'file', ruleIds: parseIds((m[1] ?? '').replace(/\*/g, ' ')), pos, end: pos + m[0].length, targetLine: 0, used: new Set() });
  }
  return out.sort((a, b) => a.pos - b.pos);
}

/** Returns true (and marks the directive used) when a finding of `ruleId` at `line` is suppressed. */
export function isSuppressed(directives: readonly Directive[], ruleId: string, line: number): boolean {
  let hit = false;
  for (const d of directives) {
    if (d.kind !== 'file' && d.targetLine !== line) continue;
    if (d.ruleIds.length === 0) {
      d.used.add('*');
      hit = true;
    } else if (d.ruleIds.includes(ruleId)) {
      d.used.add(ruleId);
      hit = true;
    }
  }
  return hit;
}
