// In-process (TypeScript 6 parser) nodes ↔ TypeScript 7 nodes, by file, position, end and kind.
// Both parsers give every node the same range (checked on rxjs and effect: all nodes but the
// end-of-file token and omitted expressions match). Lookups read the transferred AST's node
// table directly (kind, pos, end, next sibling, parent per row) instead of materializing remote
// nodes: a descent from the root is a few dozen reads.
import { readFileSync } from 'node:fs';
import { ts } from 'ts-morph';
import type { Timing } from '../../analyze/timing.js';
import type { Node as Node7, SourceFile as SourceFile7 } from 'typescript7/unstable/ast';
import type { NodeHandle, Program as Program7 } from 'typescript7/unstable/sync';

// The node table layout of the pinned TypeScript 7 (dist/api/node/protocol.js, PROTOCOL_VERSION 5).
const NODE_LEN = 28;
const KIND = 0;
const POS = 4;
const END = 8;
const NEXT = 12;
const PARENT = 16;
const KIND_NODE_LIST = 0xffffffff;

/**
 * How the tsgo engine parses in-process: no rule reads JSDoc, and the TypeScript 7 checker (not
 * this parse) reads the JSDoc types of JavaScript files, so JSDoc comments are skipped (a fifth
 * of the parse time). Node ranges do not depend on it.
 */
export const PARSE_OPTIONS: ts.CreateSourceFileOptions = { languageVersion: ts.ScriptTarget.Latest, jsDocParsingMode: ts.JSDocParsingMode.ParseNone };

interface RemoteFile {
  sf: SourceFile7;
  view: DataView;
  offset: number;
  count: number;
}

interface RemoteFileInternals {
  view: DataView;
  _offsetNodes: number;
  getOrCreateNodeAtIndex(i: number): Node7;
}

export class NodeMap {
  private readonly remote = new Map<string, RemoteFile | null>();
  private readonly local = new Map<string, ts.SourceFile>();
  private readonly byRange = new Map<ts.SourceFile, Map<string, ts.Node>>();
  /** Files not parsed whole: their parsed top-level statements (by row), each an index by range. */
  private readonly statements = new Map<string, Map<number, Map<string, ts.Node>>>();
  transfers = 0;

  constructor(
    private readonly program: Program7,
    private readonly kinds: Map<ts.SyntaxKind, number>,
    private readonly kindNames: Record<number, string>,
    private readonly timing: Timing,
  ) {}

  /** Sources parsed in-process, by file name (the analyzed files and any parsed since). */
  addLocal(sf: ts.SourceFile): void {
    this.local.set(sf.fileName, sf);
  }

  private remoteFile(fileName: string): RemoteFile | undefined {
    let r = this.remote.get(fileName);
    if (r === undefined) {
      r = this.timing.measure('tsgo: AST transfer', () => {
        const sf = this.program.getSourceFile(fileName);
        if (!sf) return null;
        this.transfers++;
        const raw = sf as unknown as RemoteFileInternals;
        return { sf, view: raw.view, offset: raw._offsetNodes, count: (raw.view.byteLength - raw._offsetNodes) / NODE_LEN };
      });
      this.remote.set(fileName, r);
    }
    return r ?? undefined;
  }

  /** The TypeScript 7 node for an in-process node, or undefined when none has its range and kind. */
  toRemote(node: ts.Node): Node7 | undefined {
    const kind = this.kinds.get(node.kind);
    if (kind === undefined) return undefined;
    const r = this.remoteFile(node.getSourceFile().fileName);
    if (!r) return undefined;
    const { view, offset, count } = r;
    const pos = node.pos;
    const end = node.end;
    const at = (i: number, f: number) => view.getUint32(offset + i * NODE_LEN + f, true);
    let i = 0;
    for (;;) {
      if (at(i, POS) === pos && at(i, END) === end && at(i, KIND) === kind) {
        return (r.sf as unknown as RemoteFileInternals).getOrCreateNodeAtIndex(i);
      }
      // Children: the next row when its parent is this row, then their siblings.
      let j = i + 1;
      if (j >= count || at(j, PARENT) !== i) return undefined;
      let found = -1;
      while (j !== 0) {
        if (at(j, POS) <= pos && end <= at(j, END)) {
          found = j;
          break;
        }
        j = at(j, NEXT);
      }
      if (found < 0) return undefined;
      i = found;
    }
  }

  /**
   * The in-process node a TypeScript 7 declaration handle names. In an analyzed file, the node of
   * that file's parse. Elsewhere (default libraries, .d.ts files, packages), only the top-level
   * statement that contains it is parsed, positioned where it is in the file: rules read the
   * declarations of library symbols (`console.log`'s parameters), and parsing all of lib.dom.d.ts
   * for one interface cost more than the rest of a run on small projects.
   */
  fromHandle(handle: NodeHandle): ts.Node | undefined {
    const fileName = handle.path as string;
    const r = this.remoteFile(fileName);
    if (!r || handle.index >= r.count) return undefined;
    const at = (i: number, f: number) => r.view.getUint32(r.offset + i * NODE_LEN + f, true);
    const kindName = this.kindNames[at(handle.index, KIND)];
    // ts.SyntaxKind[k] is the last name of a value: compare through the TypeScript 6 value.
    const k6 = kindName !== undefined ? (ts.SyntaxKind as unknown as Record<string, number>)[kindName] : undefined;
    if (k6 === undefined) return undefined;
    const key = `${at(handle.index, POS)}:${at(handle.index, END)}:${ts.SyntaxKind[k6]}`;
    const local = this.local.get(fileName);
    if (local) return this.rangesOf(local).get(key);
    // Row 1 is the SourceFile; a top-level statement's parent is the statement list (a NodeList row) under it.
    let i = handle.index;
    let stmt = -1;
    while (i > 1) {
      const p = at(i, PARENT);
      if (p === 1) break; // a direct child of the file (end-of-file token): no statement
      if (at(p, PARENT) === 1 && at(p, KIND) === KIND_NODE_LIST) {
        stmt = i;
        break;
      }
      i = p;
    }
    if (stmt < 0) {
      // The file itself (a module symbol's declaration) or its end token: the whole file.
      const sf = this.localFile(fileName, r.sf);
      return sf && this.rangesOf(sf).get(key);
    }
    let stmts = this.statements.get(fileName);
    if (!stmts) this.statements.set(fileName, (stmts = new Map()));
    let ranges = stmts.get(stmt);
    if (!ranges) {
      const node = this.parseStatement(fileName, r.sf.text, at(stmt, POS), at(stmt, END));
      ranges = node ? this.index(node, new Map()) : new Map();
      stmts.set(stmt, ranges);
    }
    return ranges.get(key);
  }

  private rangesOf(sf: ts.SourceFile): Map<string, ts.Node> {
    let ranges = this.byRange.get(sf);
    if (!ranges) this.byRange.set(sf, (ranges = this.index(sf, new Map())));
    return ranges;
  }

  private index(root: ts.Node, into: Map<string, ts.Node>): Map<string, ts.Node> {
    const visit = (n: ts.Node): void => {
      const key = `${n.pos}:${n.end}:${ts.SyntaxKind[n.kind]}`;
      if (!into.has(key)) into.set(key, n);
      ts.forEachChild(n, visit);
    };
    visit(root);
    return into;
  }

  /**
   * The statement text.slice(pos, end) parsed alone, its nodes moved to their place in the file;
   * its SourceFile carries the whole text (getText, positions and line numbers are the file's).
   */
  private parseStatement(fileName: string, text: string, pos: number, end: number): ts.Node | undefined {
    const sf = this.timing.measure('tsgo: parse declarations', () => ts.createSourceFile(fileName, text.slice(pos, end), PARSE_OPTIONS, true, scriptKindOf(fileName)));
    const first = sf.statements[0];
    if (!first || sf.statements.length !== 1) return undefined;
    if (pos !== 0) {
      const shift = (n: ts.Node | ts.NodeArray<ts.Node>): void => {
        (n as { pos: number }).pos += pos;
        (n as { end: number }).end += pos;
      };
      const visit = (n: ts.Node): void => {
        shift(n);
        for (const d of (n as { jsDoc?: ts.Node[] }).jsDoc ?? []) visitDoc(d);
        ts.forEachChild(n, visit, (ns) => {
          shift(ns);
          ns.forEach(visit);
        });
      };
      const visitDoc = (n: ts.Node): void => {
        shift(n);
        ts.forEachChild(n, visitDoc, (ns) => {
          shift(ns);
          ns.forEach(visitDoc);
        });
      };
      visit(first);
      shift(sf.statements);
      shift(sf.endOfFileToken);
    }
    const whole = sf as unknown as { text: string; end: number; pos: number; lineMap?: unknown };
    whole.text = text;
    whole.pos = 0;
    whole.end = text.length;
    delete whole.lineMap;
    return first;
  }

  private localFile(fileName: string, remote: SourceFile7): ts.SourceFile | undefined {
    let sf = this.local.get(fileName);
    if (sf) return sf;
    let text: string;
    try {
      text = readFileSync(fileName, 'utf8');
    } catch {
      // Bundled default libraries live inside the TypeScript 7 binary: take the text it parsed.
      text = remote.text;
    }
    sf = this.timing.measure('tsgo: parse declarations', () => ts.createSourceFile(fileName, text, PARSE_OPTIONS, true, scriptKindOf(fileName)));
    this.local.set(fileName, sf);
    return sf;
  }
}

function scriptKindOf(f: string): ts.ScriptKind {
  if (/\.tsx$/i.test(f)) return ts.ScriptKind.TSX;
  if (/\.jsx$/i.test(f)) return ts.ScriptKind.JSX;
  if (/\.[cm]?js$/i.test(f)) return ts.ScriptKind.JS;
  return ts.ScriptKind.TS;
}
