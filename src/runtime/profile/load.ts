// Profiles among the --deopt inputs: told by content (a JSON object with callFrames: "nodes"
// for a CPU profile, "head" for a heap profile) or by their extension, read whole.
import fs from 'node:fs';
import zlib from 'node:zlib';
import type { RuntimeModel } from '../model.js';
import { RuntimeInputError } from '../load.js';
import { escapeControl } from '../text.js';
import { JsonSyntaxError } from './json-bytes.js';
import { ProfileFormatError, parseCpuProfile } from './cpu.js';
import { parseHeapProfile } from './heap.js';

export type ProfileFormat = 'cpuprofile' | 'heapprofile';

const PEEK = 64 * 1024;

/** The profile kind of a file, or undefined when it is none (then it is read as a log or trace). */
export async function profileFormat(file: string): Promise<ProfileFormat | undefined> {
  const byName: ProfileFormat | undefined = /\.cpuprofile(?:\.gz)?$/i.test(file) ? 'cpuprofile' : /\.heapprofile(?:\.gz)?$/i.test(file) ? 'heapprofile' : undefined;
  const fh = await fs.promises.open(file, 'r');
  let head: string;
  try {
    const buf = new Uint8Array(PEEK);
    const { bytesRead } = await fh.read(buf, 0, PEEK, 0);
    head = Buffer.from(buf.buffer, 0, bytesRead).toString('latin1');
  } finally {
    await fh.close();
  }
  const t = head.replace(/^\u00ef\u00bb\u00bf/, '').trimStart();
  if (!t.startsWith('{') || !t.includes('"callFrame"')) return byName;
  const nodes = t.indexOf('"nodes"');
  const headKey = t.indexOf('"head"');
  if (headKey >= 0 && (nodes < 0 || headKey < nodes)) return 'heapprofile';
  if (nodes >= 0) return 'cpuprofile';
  return byName;
}

const WHAT: Record<ProfileFormat, string> = { cpuprofile: 'CPU profile', heapprofile: 'heap profile' };

/** Reads a profile into the model; a file that is not a complete profile is a RuntimeInputError (one line). */
export function loadProfile(model: RuntimeModel, file: string, format: ProfileFormat, label: string): void {
  let buf: Buffer;
  try {
    buf = fs.readFileSync(file);
  } catch (e) {
    throw new RuntimeInputError(`${label}: cannot read (${(e as NodeJS.ErrnoException).code ?? escapeControl((e as Error).message)})`, file);
  }
  const what = WHAT[format];
  if (buf[0] === 0x1f && buf[1] === 0x8b) {
    try {
      buf = zlib.gunzipSync(buf as unknown as Uint8Array);
    } catch (e) {
      throw new RuntimeInputError(`${label}: truncated or damaged gzip (${escapeControl((e as Error).message)}), no ${what} read`, file);
    }
  }
  let start = 0;
  while (start < buf.length && (buf[start] === 32 || buf[start] === 10 || buf[start] === 13 || buf[start] === 9)) start++;
  if (start === buf.length) throw new RuntimeInputError(`${label}: empty file (no ${what})`, file);
  if (buf[start] === 0xef && buf[start + 1] === 0xbb && buf[start + 2] === 0xbf) start += 3;
  if (buf[start] !== 123 /* { */) throw new RuntimeInputError(`${label}: not a ${what} (not JSON)`, file);
  try {
    const bytes = buf.subarray(start) as unknown as Uint8Array;
    if (format === 'cpuprofile') model.cpuProfiles.push(parseCpuProfile(bytes, file));
    else model.allocationProfiles.push(parseHeapProfile(bytes, file));
  } catch (e) {
    if (e instanceof JsonSyntaxError) {
      throw new RuntimeInputError(
        e.truncated ? `${label}: truncated ${what} (the JSON ends early, at byte ${buf.length})` : `${label}: not a ${what} (invalid JSON: ${e.message.replace(/byte (\d+)/, (_, n) => `byte ${Number(n) + start}`)})`,
        file,
      );
    }
    if (e instanceof ProfileFormatError) throw new RuntimeInputError(`${label}: not a ${what} (${e.message})`, file);
    throw e;
  }
  model.sources.push({ file, format, unknownLines: 0, lines: 0, icSites: 0, icTransitions: 0 });
}
