// Loads V8 output files (trace text or v8.log, plain or gzipped, detected from
// their first lines) into one RuntimeModel.
import fs from 'node:fs';
import path from 'node:path';
import { ModelBuilder } from './builder.js';
import { count, escapeControl } from './text.js';
import { forEachLine, forEachRawLine, MAX_LINE_CHARS } from './lines.js';
import type { RuntimeModel } from './model.js';
import { TraceParser } from './trace/parser.js';
import { V8LogParser } from './v8log/parser.js';
import { loadProfile, profileFormat } from './profile/load.js';

/** Unreadable, empty or not-V8 input; the message is one line naming the file. */
export class RuntimeInputError extends Error {
  override name = 'RuntimeInputError';
  /** The input it is about: callers leave that one out and go on with the others. */
  constructor(message: string, readonly file?: string) {
    super(message);
  }
}

export type RuntimeFormat = 'trace' | 'v8log' | 'cpuprofile' | 'heapprofile';

const LOG_ROW = /^(?:v8-version|shared-library|code-creation|code-deopt|code-source-info|script-details|script-source|script|heap-capacity|new|LoadIC|StoreIC|KeyedLoadIC|KeyedStoreIC|LoadGlobalIC|tick|function|v8-platform),/;

/** Reads the first lines: a v8.log opens with `v8-version,` (or at least log rows); anything else is trace text. */
export async function detectFormat(file: string): Promise<RuntimeFormat> {
  let format: RuntimeFormat = 'trace';
  let seen = 0;
  await forEachLine(file, (line) => {
    if (!line.trim()) return true;
    if (LOG_ROW.test(line)) format = 'v8log';
    return ++seen < 50 && format === 'trace';
  });
  return format;
}

function v8Major(model: RuntimeModel): number | undefined {
  const m = /^(\d+)\./.exec(model.v8Version ?? '');
  return m ? Number(m[1]) : undefined;
}

export async function loadRuntime(files: string[]): Promise<{ model: RuntimeModel; notes: string[] }> {
  const b = new ModelBuilder();
  const notes: string[] = [];
  // Logs first: they carry the V8 version that trace numbers are read with.
  const inputs: Array<{ file: string; format: RuntimeFormat }> = [];
  for (const file of files) inputs.push({ file, format: await detectInput(file) });
  inputs.sort((a, b2) => (a.format === b2.format ? 0 : a.format === 'v8log' ? -1 : 1));
  for (const { file, format } of inputs) {
    const label = fileLabel(file);
    if (format === 'cpuprofile' || format === 'heapprofile') {
      loadProfile(b.model, file, format, label);
      continue;
    }
    const source = b.model.sources.length;
    const parser = format === 'v8log' ? new V8LogParser(b, source, file) : new TraceParser(b, source, () => v8Major(b.model));
    const onLine = (buf: Buffer, start: number, end: number): void => {
      try {
        parser.lineBytes(buf, start, end);
      } catch (e) {
        // Parsers check the fields they read; this is the net for what they missed: the line is skipped, never the file.
        const text = buf.toString('utf8', start, Math.min(end, start + 200));
        parser.skipped.bad(text.slice(0, Math.max(0, text.indexOf(','))) || 'line', `unreadable (${(e as Error).message})`, text);
      }
    };
    let stats;
    try {
      // Read as bytes: most v8.log rows and trace frame dumps are parsed or skipped without being decoded.
      stats = await forEachRawLine(file, onLine);
    } catch (e) {
      throw new RuntimeInputError(`${label}: cannot read (${escapeControl((e as Error).message)})`, file);
    }
    parser.finish();
    const ic = parser instanceof V8LogParser ? parser.icCounts : { sites: 0, transitions: 0 };
    const malformed = parser.skipped.malformed;
    b.model.sources.push({ file, format, unknownLines: parser.unknown, malformedLines: malformed, lines: stats.lines, icSites: ic.sites, icTransitions: ic.transitions });
    const overlong = `${count(stats.overlong, 'line')} over ${MAX_LINE_CHARS / 1048576} MB skipped`;
    if (parser.recognized === 0 && malformed === 0) {
      const extra = stats.overlong ? `; ${overlong}` : '';
      throw new RuntimeInputError(`${label}: not V8 output (no V8 trace or log line found${extra})`, file);
    }
    if (stats.utf16) notes.push(`${label}: ${stats.utf16} text, read after transcoding to UTF-8`);
    if (parser instanceof V8LogParser) {
      if (parser.unknown) notes.push(`${label}: ${count(parser.unknown, 'unknown row')} skipped (${parser.skipped.kindList()})`);
    } else if (parser.unknown) {
      notes.push(`${label}: ${count(parser.unknown, 'line')} of program output or unknown text skipped`);
    }
    const malformedNote = parser.skipped.malformedNote(format === 'v8log' ? 'row' : 'line');
    if (malformedNote) notes.push(`${label}: ${malformedNote}`);
    if (parser instanceof V8LogParser && parser.ticks.loggingSamples) {
      const { loggingSamples, samples } = parser.ticks;
      const share = Math.round((loggingSamples * 1000) / (loggingSamples + samples)) / 10;
      notes.push(`${label}: ${count(loggingSamples, 'tick')} (${share}%) taken while V8 wrote this log: left out of the CPU profile (the recorder's cost)`);
    }
    if (parser instanceof V8LogParser && parser.unattributedDeopts) {
      notes.push(`${label}: ${count(parser.unattributedDeopts, 'deopt')} in code the log does not describe: not attributed to a function`);
    }
    if (parser instanceof TraceParser && parser.positionLines === 0) {
      // Plain --trace-deopt prints no position for any deopt: say why they have none, once.
      let unplaced = 0;
      for (const d of b.model.deopts) if (d.source === source && !d.site && d.kind !== 'deopt-lazy' && d.kind !== 'dependency-change') unplaced++;
      if (unplaced) {
        notes.push(`${label}: ${count(unplaced, 'deopt')} without a source position (the trace has no --trace-deopt-verbose lines): add --trace-deopt-verbose, or a v8.log of the same run, for where they happened`);
      }
    }
    if (parser instanceof TraceParser && parser.garbled) notes.push(`${label}: ${count(parser.garbled, 'line')} interleaved by compile threads, parsed in part`);
    if (stats.overlong) notes.push(`${label}: ${overlong}`);
    const damage = stats.gzipDamage;
    if (damage) {
      // Deflate carries no check before its end: rows before a corruption may be garbled (and counted as unknown).
      const what = damage.truncated ? 'ends early' : 'damaged';
      const rest = damage.truncated ? '' : ', and may be garbled';
      notes.push(`${label}: gzip data ${what} (${escapeControl(damage.reason)}) after ${damage.afterBytes} bytes: the rows before are read${rest}`);
    }
    if (stats.unterminated && !stats.overlong) notes.push(`${label}: last line truncated`);
  }
  return { model: b.finish(), notes };
}

/** The file's name for messages (control characters escaped). */
function fileLabel(file: string): string {
  return escapeControl(path.basename(file));
}

async function detectInput(file: string): Promise<RuntimeFormat> {
  const label = fileLabel(file);
  let st: fs.Stats;
  try {
    st = await fs.promises.stat(file);
  } catch (e) {
    throw new RuntimeInputError(`${label}: cannot read (${(e as NodeJS.ErrnoException).code ?? escapeControl((e as Error).message)})`, file);
  }
  if (!st.isFile()) throw new RuntimeInputError(`${label}: not a file`, file);
  if (st.size === 0) throw new RuntimeInputError(`${label}: empty file`, file);
  try {
    return (await profileFormat(file)) ?? (await detectFormat(file));
  } catch (e) {
    throw new RuntimeInputError(`${label}: cannot read (${escapeControl((e as Error).message)})`, file);
  }
}
