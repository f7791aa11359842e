// The CPU profile of a v8.log written with --prof: `tick` rows, aggregated per
// function as they are read (no list of ticks is kept).
//
//   tick,<pc>,<µs since start>,<is external callback>,<tos or external callback>,<vm state>,<frame>...
//
// Read as V8's tools/tickprocessor.mjs (node --prof-process) reads a tick: when the
// sample was taken in an external callback, the callback's address stands for the
// pc; otherwise the tos field (the top of the stack, for a call that set up no frame
// yet) is the next frame. The frames are return addresses, of machine code or, for
// interpreted frames, of the BytecodeArray plus the bytecode offset; older V8s
// write a frame as +/-offset from the one before, and `overflow` for a stack cut
// short. Every address is looked up in the code table the log builds (code-creation,
// code-move, code-delete), as IC pcs are.
//
// What is counted follows a .cpuprofile (V8's CPU profiler), so that the shares
// agree: a sample taken in the garbage collector (vm state 1) is the GC's, as
// "(garbage collector)" is; otherwise its self sample goes to the first frame that
// is code of a JS function (builtins, bytecode handlers, stubs and C++ are not
// functions of the program: their time is their JS caller's, as in DevTools), and
// each function on the stack gets one total sample, however often it recurs. A
// tick with no frame in a JS function counts in the samples only (the profile's
// "(program)").
//
// The self sample's line comes from the position table of the code it landed in
// (code-source-info: code offset → script offset), read for logs with ticks only.
//
// Ticks are joined in batches, before the code table changes (a code object moves,
// is deleted or its page released) and when the batch is full, as IC entries are.
import type { CpuFunction, CpuProfile, RuntimeFunction } from '../model.js';
import { canonicalHex, decimal } from './bytes.js';

/** V8's StateTag (include/v8-unwinder.h): JS 0, GC 1, ..., IDLE 8, LOGGING 9 (V8 13: Node 24 and 26; Node 18-22 end at IDLE). */
const GC_STATE = 1;
const LOGGING_STATE = 9;
/** Frames held before a join. */
const BATCH_FRAMES = 1 << 15;
/** Marks the end of a tick's frames in the batch (no address is negative). */
const END = -1;

/** What a tick needs of the code object holding an address. */
export interface CodeAtAddress {
  start: number;
  fn?: RuntimeFunction | undefined;
  /** Pairs (code offset, 1-based line), offsets ascending. */
  lines?: Int32Array | undefined;
}

/** The line of the last pair whose offset is at or before `offset` (0: none). */
function lineAt(lines: Int32Array, offset: number): number {
  let lo = 0;
  let hi = lines.length / 2;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (lines[mid * 2]! <= offset) lo = mid + 1;
    else hi = mid;
  }
  return lo > 0 ? lines[(lo - 1) * 2 + 1]! : 0;
}

interface FnTicks {
  fn: RuntimeFunction;
  self: number;
  /** Self ticks by script line, where the code's position table tells it. */
  lines: Map<number, number> | undefined;
  total: number;
  /** Number of the last tick that counted it in `total`. */
  mark: number;
}

export class TickProfile {
  /** Tick rows read (GC ones included, logging ones not). */
  samples = 0;
  /** Ticks in V8's logger (left out of `samples`). */
  loggingSamples = 0;
  gcSamples = 0;
  /** Ticks with no frame in a JS function's code (a pc in no code object, C++, idle). */
  programSamples = 0;
  private first = -1;
  private last = -1;
  private frames = new Float64Array(BATCH_FRAMES);
  private used = 0;
  private tickNo = 0;
  private readonly byFn = new Map<RuntimeFunction, FnTicks>();

  constructor(private readonly codeAt: (address: number) => CodeAtAddress | undefined) {}

  /**
   * One tick row, the bytes [start, end) after `tick,`. Returns what was wrong
   * with it (the row is then not counted), else undefined.
   */
  row(buf: Buffer, start: number, end: number): { what: string; value: string } | undefined {
    // The five fixed fields.
    const c = [0, 0, 0, 0, 0];
    let n = 0;
    for (let i = start; i < end && n < 5; i++) if (buf[i] === 44 /* , */) c[n++] = i;
    const fieldEnd = n === 5 ? c[4]! : end;
    if (n < 4) return { what: 'too few fields in', value: 'tick,' + buf.toString('latin1', start, end) };
    const pc = canonicalHex(buf, start, c[0]!);
    if (pc < 0) return { what: 'bad pc', value: buf.toString('latin1', start, c[0]!) };
    const time = decimal(buf, c[0]! + 1, c[1]!);
    if (!(time >= 0)) return { what: 'bad time', value: buf.toString('latin1', c[0]! + 1, c[1]!) };
    const external = decimal(buf, c[1]! + 1, c[2]!);
    if (external !== 0 && external !== 1) return { what: 'bad external-callback flag', value: buf.toString('latin1', c[1]! + 1, c[2]!) };
    const tos = canonicalHex(buf, c[2]! + 1, c[3]!);
    if (tos < 0) return { what: 'bad tos', value: buf.toString('latin1', c[2]! + 1, c[3]!) };
    const state = decimal(buf, c[3]! + 1, fieldEnd);
    if (!Number.isInteger(state) || state < 0) return { what: 'bad vm state', value: buf.toString('latin1', c[3]! + 1, fieldEnd) };

    if (state === LOGGING_STATE) {
      this.loggingSamples++;
      return undefined;
    }
    this.samples++;
    if (this.first < 0) this.first = time;
    if (time > this.last) this.last = time;
    if (state === GC_STATE) {
      this.gcSamples++;
      return undefined;
    }
    if (this.used + 2 >= this.frames.length) this.join();
    // In an external callback the pc may be anywhere in the callback's code: its address stands for it.
    this.push(external ? tos : pc);
    if (!external && tos) this.push(tos);
    let prev = external ? tos : pc;
    for (let i = fieldEnd + 1; n === 5 && i <= end; ) {
      let j = i;
      while (j < end && buf[j] !== 44) j++;
      const first = buf[i];
      let address = -1;
      if (first === 43 /* + */ || first === 45 /* - */) {
        // An offset from the frame before (hex, as V8 wrote it before it logged whole addresses).
        const off = parseInt(buf.toString('latin1', i + 1, j), 16);
        if (Number.isFinite(off)) address = prev + (first === 43 ? off : -off);
      } else address = canonicalHex(buf, i, j); // `overflow` and anything else: no frame
      if (address >= 0) {
        if (this.used + 1 >= this.frames.length) this.grow();
        this.push(address);
        prev = address;
      }
      i = j + 1;
    }
    this.frames[this.used++] = END;
    if (this.used >= BATCH_FRAMES) this.join();
    return undefined;
  }

  private push(address: number): void {
    this.frames[this.used++] = address;
  }

  /** A tick deeper than the batch: room for it (the batch is joined once it ends). */
  private grow(): void {
    const next = new Float64Array(this.frames.length * 2);
    next.set(this.frames.subarray(0, this.used));
    this.frames = next;
  }

  /** Counts the ticks read since the last join against the code table as it is now. */
  join(): void {
    const frames = this.frames;
    const used = this.used;
    if (used === 0) return;
    this.used = 0;
    let top = true;
    let tick = ++this.tickNo;
    for (let i = 0; i < used; i++) {
      const address = frames[i]!;
      if (address === END) {
        if (top) this.programSamples++;
        top = true;
        tick = ++this.tickNo;
        continue;
      }
      const code = this.codeAt(address);
      const fn = code?.fn;
      if (!fn) continue;
      let t = this.byFn.get(fn);
      if (!t) this.byFn.set(fn, (t = { fn, self: 0, total: 0, lines: undefined, mark: 0 }));
      if (top) {
        t.self++;
        top = false;
        // The frame's offset in its code, as V8's CPU profiler reads it (no step back from a return address).
        const line = code.lines ? lineAt(code.lines, address - code.start) : 0;
        if (line > 0) {
          const lines = (t.lines ??= new Map());
          lines.set(line, (lines.get(line) ?? 0) + 1);
        }
      }
      if (t.mark !== tick) {
        t.mark = tick;
        t.total++;
      }
    }
    // The batch may have been cut after a tick's frames only (a full batch ends at a tick's end).
    if (this.frames.length > BATCH_FRAMES) this.frames = new Float64Array(BATCH_FRAMES);
  }

  /** The profile of the ticks (call join first), or undefined when the log had none. */
  profile(file: string): CpuProfile | undefined {
    if (!this.samples) return undefined;
    const functions: CpuFunction[] = [];
    const byPosition = new Map<string, CpuFunction>();
    for (const { fn, self, total, lines } of this.byFn.values()) {
      // A function without a position (known only by its SFI) cannot be placed in a file.
      const p = fn.position;
      if (!p) continue;
      const key = `${p.script}\u0000${p.line}\u0000${p.column}\u0000${fn.name}`;
      const same = byPosition.get(key);
      if (same) {
        same.self += self;
        same.total += total;
        if (lines) for (const [line, n] of lines) (same.lines ??= new Map()).set(line, (same.lines.get(line) ?? 0) + n);
        continue;
      }
      const f: CpuFunction = { name: fn.name, script: p.script, line: p.line, column: p.column, self, total, ...(lines ? { lines } : {}) };
      byPosition.set(key, f);
      functions.push(f);
    }
    return {
      file,
      samples: this.samples,
      durationMs: this.last > this.first ? (this.last - this.first) / 1000 : 0,
      functions,
      gcSamples: this.gcSamples,
      idleSamples: 0,
      programSamples: this.programSamples,
    };
  }
}
