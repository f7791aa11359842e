// Which flags `record` passes, by the target Node's version and the V8 flags it
// knows (`node --v8-options` of that binary): V8 renames and drops trace flags between releases.
import path from 'node:path';
import { UsageError } from '../errors.js';

export interface NodeVersion {
  major: number;
  minor: number;
  patch: number;
}

export function parseNodeVersion(v: string): NodeVersion | undefined {
  const m = /^v?(\d+)\.(\d+)\.(\d+)/.exec(v.trim());
  return m ? { major: Number(m[1]), minor: Number(m[2]), patch: Number(m[3]) } : undefined;
}

/** Text traces: --trace-opt/--trace-deopt-verbose/--trace-osr go to trace.txt, inlining stays on fd 1. */
export const TRACE_FLAGS = ['--trace-opt', '--trace-deopt-verbose', '--trace-osr', '--trace-turbo-inlining'];
/** v8.log rows; --log-maps-details is left out on purpose (MBs even for small scripts). */
export const LOG_FLAGS = ['--no-logfile-per-isolate', '--log-deopt', '--log-ic', '--log-function-events', '--log-code', '--log-source-code'];
/** V8 expands %p (pid) and %t (ms at isolate start): one log per process and per worker, Node 18-26. */
export const LOG_TEMPLATE = 'v8-%p-%t.log';
export const LOG_NAME = /^v8-(\d+)-(\d+)\.log$/;
export const MAIN_TRACE = 'trace.txt';
/** Node names --cpu-prof files CPU.<date>.<time>.<pid>.<thread>.<seq>.cpuprofile (Node 12-26). */
export const CPU_PROFILE_NAME = /^CPU\.\d+\.\d+\.(\d+)\.(\d+)\.\d+\.cpuprofile$/;
/** What the preload writes per process and worker thread. */
export const HEAP_PROFILE_NAME = /^heap-(\d+)(?:-w(\d+))?\.heapprofile$/;
/**
 * V8 10.2 (Node 18) ignores HeapProfiler.startSampling's includeObjectsCollectedByMajorGC and
 * ...MinorGC (added in V8 10.x, honoured from Node 20): its profile keeps only live objects.
 */
export function allocationProfileKind(version: NodeVersion): 'alloc_space' | 'inuse_space' {
  return version.major >= 20 ? 'alloc_space' : 'inuse_space';
}
/** A flag the target does not know, and what to pass instead (if anything). */
const FALLBACKS: Record<string, string> = { '--trace-deopt-verbose': '--trace-deopt' };

/** The names V8 and Node accept, from `node --v8-options` (`--foo-bar`, underscores as dashes). */
export function parseV8Options(text: string): Set<string> {
  const names = new Set<string>();
  for (const m of text.matchAll(/^\s*--([a-z0-9][a-z0-9_-]*)/gim)) names.add(m[1]!.replace(/_/g, '-').toLowerCase());
  return names;
}

/** `--no-foo=x` → `foo`, the name V8 lists. */
function flagName(flag: string): string {
  return flag.replace(/^--/, '').replace(/=.*$/, '').replace(/^no-/, '').replace(/_/g, '-').toLowerCase();
}

const TS_EXT = /\.(?:ts|mts|cts)$/i;

/** How `record` samples the CPU. */
export type CpuProfileMode = 'ticks' | 'cpuprofile' | false;

export interface FlagChoice {
  /** Flags added by record, in order, before the user's node args. */
  flags: string[];
  /** Flags the target did not know (dropped or replaced). */
  dropped: string[];
}

export interface FlagInput {
  version: NodeVersion;
  /** `node --v8-options` names; undefined when they could not be read (then nothing is dropped). */
  known: Set<string> | undefined;
  outDir: string;
  script: string | undefined;
  nodeArgs: string[];
  /**
   * CPU samples: 'ticks' (default) is V8's tick profiler (--prof), its samples in the same
   * v8.log; 'cpuprofile' is Node's --cpu-prof file; false: none.
   */
  cpuProfile?: CpuProfileMode;
  /** GC events (--trace-gc); default true. */
  gc?: boolean;
}

/** True when the user's node args load code that may compile TypeScript (tsx, ts-node, a custom loader). */
function hasLoader(nodeArgs: string[]): boolean {
  return nodeArgs.some((a) => /^(?:-r|--require|--import|--loader|--experimental-loader)(?:=|$)/.test(a));
}

export function chooseFlags(input: FlagInput): FlagChoice {
  const { version, known, outDir } = input;
  const flags: string[] = [];
  const dropped: string[] = [];
  const add = (flag: string) => {
    if (!known || known.has(flagName(flag))) {
      flags.push(flag);
      return;
    }
    dropped.push(flag);
    const alt = FALLBACKS[flag];
    if (alt && known.has(flagName(alt))) flags.push(alt);
  };

  if (input.script && TS_EXT.test(input.script) && !hasLoader(input.nodeArgs)) {
    const { major, minor } = version;
    const userSet = input.nodeArgs.some((a) => /^--(?:no-)?experimental-(?:strip|transform)-types$/.test(a));
    if (major < 22 || (major === 22 && minor < 6)) {
      throw new UsageError(
        `record: Node v${major}.${minor}.${version.patch} cannot run TypeScript directly; compile it with tsc (sourceMap: true) and record the JS`,
      );
    }
    // Type stripping is on by default from 22.18 and 23.6.
    if (!userSet && ((major === 22 && minor < 18) || (major === 23 && minor < 6))) flags.push('--experimental-strip-types');
  }

  for (const f of TRACE_FLAGS) add(f);
  add('--redirect-code-traces');
  // The program's own; the preload gives each child another name (V8 expands no %p here).
  if (flags.includes('--redirect-code-traces')) flags.push(`--redirect-code-traces-to=${path.join(outDir, MAIN_TRACE)}`);
  flags.push(`--logfile=${path.join(outDir, LOG_TEMPLATE)}`);
  for (const f of LOG_FLAGS) add(f);
  // CPU samples. V8's tick profiler (--prof) writes `tick` rows into the same v8.log and keeps
  // its code, IC and deopt rows. While V8's CPU profiler runs (--cpu-prof, the inspector's
  // Profiler), the v8.log gets none of the program's code, IC or deopt rows (Node 18-26): the
  // trace text still has its deopts, tiers and inlining. --cpu-prof is a Node option (not in
  // --v8-options), known to every Node that record runs (12+).
  const cpu = input.cpuProfile ?? 'ticks';
  if (cpu === 'ticks') add('--prof');
  else if (cpu === 'cpuprofile') flags.push('--cpu-prof', `--cpu-prof-dir=${outDir}`);
  // GC lines go to V8's stdout (stdout.txt), one per collection, with pid and isolate.
  if (input.gc !== false) add('--trace-gc');
  return { flags, dropped };
}

/** Flags of the user's that would send V8's output somewhere else than DIR. */
export function conflictingFlag(nodeArgs: string[]): string | undefined {
  return nodeArgs.find((a) => /^--(?:no-)?(?:logfile|logfile[-_]per[-_]isolate|redirect[-_]code[-_]traces[-_]to)(?:=|$)/.test(a));
}
