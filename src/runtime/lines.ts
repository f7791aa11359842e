// Streams a file as lines with constant memory: chunked reads, gzip detected by
// its magic bytes, CRLF tolerated, and lines over a size cap dropped (counted)
// instead of buffered, so a huge file without newlines cannot exhaust the heap.
import fs from 'node:fs';
import zlib from 'node:zlib';
import type { Readable } from 'node:stream';

/** Longest line kept. script-source rows of bundled scripts can be megabytes long. */
export const MAX_LINE_CHARS = 32 * 1024 * 1024;

export interface LineStats {
  lines: number;
  /** Lines dropped for exceeding MAX_LINE_CHARS. */
  overlong: number;
  /** The file did not end with a newline (the last line may be cut). */
  unterminated: boolean;
  bytes: number;
  gzip: boolean;
}

async function isGzip(file: string): Promise<boolean> {
  const fh = await fs.promises.open(file, 'r');
  try {
    const buf = new Uint8Array(2);
    const { bytesRead } = await fh.read(buf, 0, 2, 0);
    return bytesRead === 2 && buf[0] === 0x1f && buf[1] === 0x8b;
  } finally {
    await fh.close();
  }
}

/** Opens the file as a text stream, gunzipping when needed. */
export async function openText(file: string): Promise<{ stream: Readable; gzip: boolean }> {
  const gzip = await isGzip(file);
  const raw = fs.createReadStream(file, { highWaterMark: 1 << 20 });
  const stream = gzip ? raw.pipe(zlib.createGunzip({ chunkSize: 1 << 20 })) : raw;
  if (gzip) raw.on('error', (e) => stream.destroy(e));
  stream.setEncoding('utf8');
  return { stream, gzip };
}

/**
 * Calls `onLine` for every line (without its terminator). `onLine` returning
 * false stops the read early (used by format detection).
 */
export async function forEachLine(file: string, onLine: (line: string) => boolean | void): Promise<LineStats> {
  const { stream, gzip } = await openText(file);
  const stats: LineStats = { lines: 0, overlong: 0, unterminated: false, bytes: 0, gzip };
  let rest = '';
  let dropping = false; // inside an over-long line: skip until its newline
  let stopped = false;
  const emit = (line: string): boolean => {
    stats.lines++;
    if (line.length > 0 && line.charCodeAt(line.length - 1) === 13) line = line.slice(0, -1);
    return onLine(line) !== false;
  };
  try {
    for await (const chunk of stream as AsyncIterable<string>) {
      stats.bytes += chunk.length;
      let start = 0;
      let nl = chunk.indexOf('\n');
      if (dropping) {
        if (nl < 0) continue;
        dropping = false;
        stats.overlong++;
        stats.lines++;
        start = nl + 1;
        nl = chunk.indexOf('\n', start);
      } else if (rest && nl >= 0) {
        const line = rest + chunk.slice(0, nl);
        rest = '';
        start = nl + 1;
        if (!emit(line)) {
          stopped = true;
          break;
        }
        nl = chunk.indexOf('\n', start);
      }
      while (nl >= 0) {
        if (!emit(chunk.slice(start, nl))) {
          stopped = true;
          break;
        }
        start = nl + 1;
        nl = chunk.indexOf('\n', start);
      }
      if (stopped) break;
      if (start < chunk.length) {
        rest = start === 0 && rest ? rest + chunk : rest + chunk.slice(start);
        if (rest.length > MAX_LINE_CHARS) {
          rest = '';
          dropping = true;
        }
      }
    }
  } finally {
    if (stopped) stream.destroy();
  }
  if (!stopped) {
    if (dropping) {
      stats.overlong++;
      stats.lines++;
      stats.unterminated = true;
    } else if (rest) {
      stats.unterminated = true;
      emit(rest);
    }
  }
  return stats;
}
