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

  /** The in-process node a TypeScript 7 declaration handle names (parsing its file if needed). */
  fromHandle(handle: NodeHandle): ts.Node | undefined {
    const fileName = handle.path as string;
    const r = this.remoteFile(fileName);
    if (!r || handle.index >= r.count) return undefined;
    const at = (f: number) => r.view.getUint32(r.offset + handle.index * NODE_LEN + f, true);
    const sf = this.localFile(fileName, r.sf);
    if (!sf) return undefined;
    const kindName = this.kindNames[at(KIND)];
    let ranges = this.byRange.get(sf);
    if (!ranges) {
      ranges = new Map();
      const index = ranges;
      const visit = (n: ts.Node): void => {
        const key = `${n.pos}:${n.end}:${ts.SyntaxKind[n.kind]}`;
        if (!index.has(key)) index.set(key, n);
        ts.forEachChild(n, visit);
      };
      visit(sf);
      this.byRange.set(sf, ranges);
    }
    // ts.SyntaxKind[k] is the last name of a value: compare through the TypeScript 6 value.
    const k6 = kindName !== undefined ? (ts.SyntaxKind as unknown as Record<string, number>)[kindName] : undefined;
    return k6 === undefined ? undefined : ranges.get(`${at(POS)}:${at(END)}:${ts.SyntaxKind[k6]}`);
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
    sf = this.timing.measure('tsgo: parse declarations', () => ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true));
    this.local.set(fileName, sf);
    return sf;
  }
}
