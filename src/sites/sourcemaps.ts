// Source maps of executed JavaScript: `//# sourceMappingURL=` external files and
// inline `data:` URLs, read with @jridgewell/trace-mapping.
import fs from 'node:fs';
import { AnyMap, decodedMappings, type TraceMap } from '@jridgewell/trace-mapping';

/** The last `//# sourceMappingURL=` (or `//@`, or the block-comment form) of a script. */
export function sourceMappingUrl(text: string): string | undefined {
  const tail = text.length > 4096 ? text.slice(-4096) : text;
  const re = /(?:\/\/|\/\*)[#@][ \t]+sourceMappingURL=([^\s'"*]+)[ \t]*(?:\*\/)?[ \t]*$/gm;
  let url: string | undefined;
  for (let m = re.exec(tail); m; m = re.exec(tail)) url = m[1];
  // A data: URL can be longer than the tail: look for it in the whole text.
  if (!url && text.length > 4096) {
    const at = text.lastIndexOf('sourceMappingURL=data:');
    if (at >= 0) url = /^sourceMappingURL=([^\s'"*]+)/.exec(text.slice(at))?.[1];
  }
  return url;
}

/** Decodes a `data:` URL's JSON (base64 or percent-encoded); undefined when malformed. */
export function decodeDataUrl(url: string): string | undefined {
  const comma = url.indexOf(',');
  if (!url.startsWith('data:') || comma < 0) return undefined;
  const meta = url.slice(5, comma);
  const body = url.slice(comma + 1);
  try {
    return /;base64$/i.test(meta) ? Buffer.from(body, 'base64').toString('utf8') : decodeURIComponent(body);
  } catch {
    return undefined;
  }
}

export interface LoadedMap {
  map: TraceMap;
  /** Where the map lives (its sources resolve against it): a local path, or the recorded path of its script. */
  location: string;
}

/** Parses source-map JSON; undefined when it is not a usable map. */
export function parseMap(json: string, location: string): LoadedMap | undefined {
  try {
    const raw = JSON.parse(json.replace(/^\)\]\}'[^\n]*\n/, '')) as unknown;
    if (!raw || typeof raw !== 'object') return undefined;
    const r = raw as { version?: unknown; mappings?: unknown; sections?: unknown; sources?: unknown };
    if (r.version !== 3 || (typeof r.mappings !== 'string' && !Array.isArray(r.sections))) return undefined;
    // trace-mapping resolves sources against the map URL itself; we resolve them ourselves.
    const map = new AnyMap(raw as never);
    decodedMappings(map);
    return { map, location };
  } catch {
    return undefined;
  }
}

export function readMapFile(file: string): string | undefined {
  try {
    const st = fs.statSync(file);
    if (!st.isFile() || st.size > 256 * 1024 * 1024) return undefined;
    return fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

export interface OriginalPoint {
  /** The source as written in the map (sourceRoot applied), unresolved. */
  source: string;
  /** 1-based line and column, like V8's. */
  line: number;
  column: number;
  /** True when a mapping segment starts exactly at the generated position. */
  exact: boolean;
}

/**
 * Maps a generated position (1-based line and column, as V8 prints them) to the original.
 * Uses the segment at or before the column; when it starts earlier on the line, the
 * distance is carried over to the original column as long as it stays before the next
 * segment's original column (so `n + 1` lands on `+` even where tsc maps only `n` and `1`).
 */
export function originalPoint(lm: LoadedMap, line: number, column: number): OriginalPoint | undefined {
  const lines = decodedMappings(lm.map);
  const segs = lines[line - 1];
  if (!segs?.length) return undefined;
  const col0 = column - 1;
  let lo = 0;
  let hi = segs.length - 1;
  let at = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (segs[mid]![0] <= col0) {
      at = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  if (at < 0) return undefined;
  // Among segments at the same generated column, take the first one.
  while (at > 0 && segs[at - 1]![0] === segs[at]![0]) at--;
  const seg = segs[at]!;
  if (seg.length < 4) return undefined;
  const [genCol, srcIdx, origLine, origCol] = seg as unknown as [number, number, number, number];
  const sources = (lm.map as unknown as { sources: Array<string | null>; sourceRoot?: string | null }).sources;
  const sourceRoot = (lm.map as unknown as { sourceRoot?: string | null }).sourceRoot ?? '';
  const src = sources[srcIdx];
  if (src == null) return undefined;
  let col = origCol;
  const delta = col0 - genCol;
  if (delta > 0) {
    let next: (typeof segs)[number] | undefined;
    for (let i = at + 1; i < segs.length; i++) if (segs[i]![0] > genCol) { next = segs[i]; break; }
    const sameTarget = next && next.length >= 4 && next[1] === srcIdx && next[2] === origLine;
    const limit = sameTarget ? (next as unknown as number[])[3]! : Infinity;
    if (origCol + delta < limit) col = origCol + delta;
  }
  return { source: joinSourceRoot(sourceRoot, src), line: origLine + 1, column: col + 1, exact: delta === 0 };
}

function joinSourceRoot(root: string, source: string): string {
  if (!root || /^[A-Za-z][A-Za-z0-9+.-]*:/.test(source) || source.startsWith('/')) return source;
  return root.endsWith('/') ? root + source : `${root}/${source}`;
}

/**
 * The original name of the function V8 calls `v8Name` at a generated position, from the map's
 * `names`: V8 places a function at its parameter list, so the segment just before it is the name
 * token (`k` of `function k(t)`, `#r` of `#r(r,n){`). Only when the generated text from that
 * segment to the position is exactly `v8Name`, so a segment of some other token never renames.
 */
export function originalNameBefore(
  lm: LoadedMap,
  textOf: (fromColumn0: number, toColumn0: number) => string,
  line: number,
  column: number,
  v8Name: string,
): string | undefined {
  if (!v8Name) return undefined;
  const segs = decodedMappings(lm.map)[line - 1];
  if (!segs?.length) return undefined;
  const col0 = column - 1;
  let at = -1;
  for (let lo = 0, hi = segs.length - 1; lo <= hi; ) {
    const mid = (lo + hi) >> 1;
    if (segs[mid]![0] < col0) {
      at = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  const seg = segs[at] as unknown as number[] | undefined;
  if (!seg || seg.length < 5) return undefined;
  if (col0 - seg[0]! > v8Name.length + 8 || textOf(seg[0]!, col0).trimEnd() !== v8Name) return undefined;
  const name = (lm.map as unknown as { names: string[] }).names[seg[4]!];
  return name && name !== v8Name ? name : undefined;
}
