// Streams a file as lines with constant memory: chunked reads, gzip detected by
// its magic bytes, CRLF tolerated, and lines over a size cap dropped (counted)
// instead of buffered, so a huge file without newlines cannot exhaust the heap.
//
// Lines are framed on the bytes (0x0A never occurs inside a UTF-8 sequence), so
// a caller can look at a line's first bytes and skip it without decoding it
// (`forEachRawLine`, how both formats are read: v8.log tick and function rows
// and trace frame dumps are never decoded); `forEachLine` (format detection)
// decodes whole runs of lines at once, as Latin-1 when the run is ASCII (a copy,
// no UTF-8 validation), else as UTF-8.
import { isAscii } from 'node:buffer';
import fs from 'node:fs';
import zlib from 'node:zlib';

/** Longest line kept (bytes). script-source rows of bundled scripts can be megabytes long. */
export const MAX_LINE_CHARS = 32 * 1024 * 1024;

export interface LineStats {
  lines: number;
  /** Lines dropped for exceeding MAX_LINE_CHARS. */
  overlong: number;
  /** The file did not end with a newline (the last line may be cut). */
  unterminated: boolean;
  /** Bytes read (decompressed, transcoded). */
  bytes: number;
  gzip: boolean;
  /** Set when the text was UTF-16 (read after transcoding to UTF-8). */
  utf16?: 'UTF-16LE' | 'UTF-16BE';
  /** The gzip stream broke off (truncated or corrupt): what zlib said, and the bytes read before. */
  gzipDamage?: { reason: string; truncated: boolean; afterBytes: number };
}

type Encoding = { gzip: boolean; utf16?: LineStats['utf16'] };

/** Gzip by its magic bytes; UTF-16 by its BOM, or by zero bytes in every other place of ASCII text. */
async function sniff(file: string): Promise<Encoding> {
  const fh = await fs.promises.open(file, 'r');
  try {
    const b = new Uint8Array(4);
    const { bytesRead: n } = await fh.read(b, 0, 4, 0);
    if (n >= 2 && b[0] === 0x1f && b[1] === 0x8b) return { gzip: true };
    if (n >= 2 && b[0] === 0xff && b[1] === 0xfe) return { gzip: false, utf16: 'UTF-16LE' };
    if (n >= 2 && b[0] === 0xfe && b[1] === 0xff) return { gzip: false, utf16: 'UTF-16BE' };
    if (n === 4 && b[0] !== 0 && b[1] === 0 && b[2] !== 0 && b[3] === 0) return { gzip: false, utf16: 'UTF-16LE' };
    if (n === 4 && b[0] === 0 && b[1] !== 0 && b[2] === 0 && b[3] !== 0) return { gzip: false, utf16: 'UTF-16BE' };
    return { gzip: false };
  } finally {
    await fh.close();
  }
}

/**
 * A run of whole lines: bytes [start, end) of buf, lines separated by 0x0A, the
 * last one ending at `end` (its terminator, if any, excluded). Returns false to stop.
 */
type BlockHandler = (buf: Buffer, start: number, end: number) => boolean;

/**
 * Reads the file and hands over runs of complete lines, one per chunk (plus the
 * line that straddled the previous chunk, joined). Counts over-long lines.
 */
async function forEachBlock(file: string, stats: LineStats, onBlock: BlockHandler): Promise<void> {
  let pieces: Buffer[] = []; // the unfinished line carried over from earlier chunks
  let pending = 0; // its length in bytes
  let dropping = false; // inside an over-long line: skip until its newline
  let stopped = false;
  const carry = (chunk: Buffer, from: number): void => {
    if (dropping || from >= chunk.length) return;
    const rest = Buffer.allocUnsafe(chunk.length - from); // a copy: the chunk's memory is reused
    rest.set(chunk.subarray(from));
    pieces.push(rest);
    pending += chunk.length - from;
    if (pending > MAX_LINE_CHARS) {
      pieces = [];
      pending = 0;
      dropping = true;
    }
  };
  const encoding = await sniff(file);
  stats.gzip = encoding.gzip;
  if (encoding.utf16) stats.utf16 = encoding.utf16;
  // Leaving the loop early closes the file (or the gunzip stream).
  for await (const chunk of readChunks(file, encoding, stats)) {
    stats.bytes += chunk.length;
    const first = chunk.indexOf(10);
    if (first < 0) {
      carry(chunk, 0);
      continue;
    }
    let start = 0;
    if (dropping) {
      dropping = false;
      stats.overlong++;
      stats.lines++;
      start = first + 1;
    } else if (pending) {
      pieces.push(chunk.subarray(0, first));
      const line = join(pieces, pending + first);
      pieces = [];
      pending = 0;
      start = first + 1;
      if (!onBlock(line, 0, line.length)) {
        stopped = true;
        break;
      }
    }
    const last = chunk.lastIndexOf(10);
    if (last >= start && !onBlock(chunk, start, last)) {
      stopped = true;
      break;
    }
    carry(chunk, last + 1);
  }
  if (stopped) return;
  if (dropping) {
    stats.overlong++;
    stats.lines++;
    stats.unterminated = true;
  } else if (pending) {
    stats.unterminated = true;
    const line = join(pieces, pending);
    onBlock(line, 0, line.length);
  }
}

/**
 * The file's bytes, gunzipped or transcoded from UTF-16 when needed, in chunks of
 * up to 1 MB. A plain file is read into one buffer reused for every chunk (a chunk
 * is valid until the next): a fresh megabyte per chunk, as a read stream
 * allocates, costs more than the reading.
 */
async function* readChunks(file: string, encoding: Encoding, stats: LineStats): AsyncGenerator<Buffer> {
  if (encoding.gzip) {
    const raw = fs.createReadStream(file, { highWaterMark: 1 << 20 });
    const stream = raw.pipe(zlib.createGunzip({ chunkSize: 1 << 20 }));
    raw.on('error', (e) => stream.destroy(e));
    let read = 0;
    try {
      for await (const chunk of stream as AsyncIterable<Buffer>) {
        read += chunk.length;
        yield chunk;
      }
    } catch (e) {
      // zlib hands over everything it inflated before the damage: keep it, as a cut plain file is kept.
      const code = (e as NodeJS.ErrnoException).code ?? '';
      if (!code.startsWith('Z_')) throw e;
      stats.gzipDamage = { reason: (e as Error).message, truncated: code === 'Z_BUF_ERROR', afterBytes: read };
    }
    return;
  }
  if (encoding.utf16) {
    // A streaming decoder: code units and surrogate pairs may straddle chunks; the BOM is dropped.
    const decoder = new TextDecoder(encoding.utf16 === 'UTF-16LE' ? 'utf-16le' : 'utf-16be');
    for await (const chunk of fs.createReadStream(file, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
      yield Buffer.from(decoder.decode(chunk as unknown as Uint8Array, { stream: true }), 'utf8');
    }
    const rest = decoder.decode();
    if (rest) yield Buffer.from(rest, 'utf8');
    return;
  }
  const fh = await fs.promises.open(file, 'r');
  try {
    const bytes = new Uint8Array(1 << 20);
    const buf = Buffer.from(bytes.buffer);
    for (let n; (n = (await fh.read(bytes, 0, bytes.length, null)).bytesRead) > 0; ) yield buf.subarray(0, n);
  } finally {
    await fh.close();
  }
}

/** Concatenates the pieces of a line that spanned chunks. */
function join(pieces: Buffer[], length: number): Buffer {
  const out = Buffer.allocUnsafe(length);
  let at = 0;
  for (const p of pieces) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

function newStats(): LineStats {
  return { lines: 0, overlong: 0, unterminated: false, bytes: 0, gzip: false };
}

/**
 * Calls `onLine` with the bytes of every line (without its terminator, CR
 * included). The buffer is reused: copy what must outlive the call (decoding
 * copies). `onLine` returning false stops the read.
 */
export async function forEachRawLine(file: string, onLine: (buf: Buffer, start: number, end: number) => boolean | void): Promise<LineStats> {
  const stats = newStats();
  await forEachBlock(file, stats, (buf, start, end) => {
    let s = start;
    for (;;) {
      let nl = buf.indexOf(10, s);
      if (nl < 0 || nl > end) nl = end;
      stats.lines++;
      const e = nl > s && buf[nl - 1] === 13 ? nl - 1 : nl;
      if (onLine(buf, s, e) === false) return false;
      if (nl >= end) return true;
      s = nl + 1;
    }
  });
  return stats;
}

/** Decodes bytes as UTF-8; pure ASCII (the usual case) is copied as Latin-1, which is the same text and cheaper. */
function decode(buf: Buffer, start: number, end: number): string {
  return buf.toString(isAscii(buf.subarray(start, end)) ? 'latin1' : 'utf8', start, end);
}

/**
 * Calls `onLine` for every line (without its terminator). `onLine` returning
 * false stops the read early (used by format detection).
 */
export async function forEachLine(file: string, onLine: (line: string) => boolean | void): Promise<LineStats> {
  const stats = newStats();
  await forEachBlock(file, stats, (buf, start, end) => {
    const text = decode(buf, start, end);
    let s = 0;
    for (;;) {
      let nl = text.indexOf('\n', s);
      if (nl < 0) nl = text.length;
      stats.lines++;
      const e = nl > s && text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
      if (onLine(text.slice(s, e)) === false) return false;
      if (nl >= text.length) return true;
      s = nl + 1;
    }
  });
  return stats;
}
