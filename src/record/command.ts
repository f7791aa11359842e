// `jitlint record [--out DIR] -- node [node-args] script [args]`: runs the program
// with the trace and log flags its Node version supports and writes the outputs,
// with a manifest, into DIR. Loads nothing heavy: spawn and the file system only.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { UsageError } from '../errors.js';
import { toolVersion } from '../version.js';
import { allocationProfileKind, chooseFlags, type CpuProfileMode, conflictingFlag, parseNodeVersion, parseV8Options } from './flags.js';
import { DEFAULT_OUT, RECORD_HELP } from './help.js';
import { probeNode, splitNodeCommand } from './node-command.js';
import { safeMkdir } from '../fsutil/safe-mkdir.js';
import { PRELOAD_ENV, PRELOAD_FILE, PROC_NOTE, nodeOptionsWithPreload, preloadSource } from './preload.js';
import { collectProcesses, processNotes, profileNotes, type NotRecorded, type RecordedProcess } from './processes.js';
import { forwardSignals } from './signals.js';

export interface RecordIo {
  cwd: string;
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  /** Where the program's bytes go with --no-stdout-split (default: process.stdout). */
  stdoutBytes?: (b: Uint8Array) => void;
}

/** V8's stdout (all processes that inherit it), relative to DIR. */
export const STDOUT_FILE = 'stdout.txt';
/** What a previous run left in DIR (removed before a new one). */
const RUN_FILE = /^(?:trace(?:-\d+-w?\d+)?\.txt|v8(?:-\d+-\d+)?\.log(?:\.gz)?|stdout\.txt|manifest\.json|jitlint-.*|CPU\.[\d.]+\.cpuprofile|heap-\d+(?:-w\d+)?\.heapprofile)$/;
/** Bytes between allocation samples: V8's and DevTools' default. */
export const HEAP_SAMPLING_BYTES = 32768;

export interface RecordManifest {
  tool: 'jitlint';
  version: string;
  node: string;
  v8: string;
  execPath: string;
  /** Absolute directory the program ran in (absolute paths in the logs are under it). */
  cwd: string;
  /** The command as spawned: node binary as given, then every argument. */
  argv: string[];
  /** The flags record added (before the user's node args). */
  flags: string[];
  /** Flags the binary did not know, left out or replaced. */
  droppedFlags?: string[];
  script: string | null;
  stdoutSplit: boolean;
  start: string;
  end: string;
  exitCode: number | null;
  signal?: string;
  /** Every file of the run by kind, relative to DIR, all processes (read by `analyze --deopt DIR`). */
  files: { trace: string[]; stdout: string[]; log: string[]; cpuprofile?: string[]; heapprofile?: string[] };
  /**
   * What was profiled (absent with --no-profile): CPU ('ticks': --prof, its samples in the
   * v8.log; 'cpuprofile': --cpu-prof files; false: none), allocations (alloc_space:
   * everything allocated; inuse_space on Node 18, whose V8 keeps only live objects), GC events
   * (--trace-gc lines, in the stdout files).
   */
  profiles?: { cpu: CpuProfileMode; allocations: 'alloc_space' | 'inuse_space'; heapSamplingBytes: number; gc: boolean };
  /** Each recorded Node process (the program first) and its own files. */
  processes: RecordedProcess[];
  /** Child processes whose V8 output could not be recorded. */
  notRecorded: NotRecorded[];
}

interface RecordOptions {
  out: string | undefined;
  split: boolean;
  /** CPU samples: ticks in the v8.log (default), --cpu-prof's file, or none (--no-cpu-profile, --no-profile). */
  cpu: CpuProfileMode;
  /** Allocation profile and GC events (--no-profile turns them off). */
  profile: boolean;
  help: boolean;
  command: string[];
}

function parseRecordArgs(argv: string[]): RecordOptions {
  const opts: RecordOptions = { out: undefined, split: true, cpu: 'ticks', profile: true, help: false, command: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') {
      opts.command = argv.slice(i + 1);
      break;
    }
    if (!a.startsWith('-')) {
      opts.command = argv.slice(i);
      break;
    }
    if (a === '-h' || a === '--help') opts.help = true;
    else if (a === '--debug') continue;
    else if (a === '--no-stdout-split') opts.split = false;
    else if (a === '--no-profile') opts.profile = opts.cpu = false;
    else if (a === '--no-cpu-profile') opts.cpu = false;
    else if (a === '--cpu-prof') opts.cpu = 'cpuprofile';
    else if (a === '--out' || a.startsWith('--out=')) {
      const value = a === '--out' ? argv[++i] : a.slice('--out='.length);
      if (!value) throw new UsageError("record: option '--out' needs a directory");
      opts.out = value;
    } else throw new UsageError(`record: unknown option '${a}' (put node and its options after '--')`);
  }
  return opts;
}

/** Node's resolution of the main script: the path, or with .js/.json/.node added; a directory is left to Node. */
function scriptExists(script: string, cwd: string): boolean {
  if (script === '-') return true;
  const p = path.resolve(cwd, script);
  return ['', '.js', '.json', '.node'].some((ext) => fs.existsSync(p + ext));
}

function prepareDir(dir: string, shown: string): void {
  try {
    safeMkdir(dir);
  } catch (e) {
    throw new UsageError(`record: ${(e as Error).message.replace(dir, shown)}`);
  }
  for (const f of fs.readdirSync(dir)) if (RUN_FILE.test(f)) fs.rmSync(path.join(dir, f), { force: true });
}

/** Quotes an argument for a POSIX shell when it needs it. */
function shellQuote(s: string): string {
  return /^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

/** DIR as the user would type it: relative when under cwd. */
function displayPath(p: string, cwd: string): string {
  const rel = path.relative(cwd, p);
  return rel === '' ? '.' : rel.startsWith('..') || path.isAbsolute(rel) ? p : rel;
}

export async function runRecord(argv: string[], io: RecordIo): Promise<number> {
  const opts = parseRecordArgs(argv);
  if (opts.help) {
    io.stdout(RECORD_HELP);
    return 0;
  }
  const cmd = splitNodeCommand(opts.command);
  const conflict = conflictingFlag(cmd.nodeArgs);
  if (conflict) throw new UsageError(`record: ${conflict.replace(/=.*$/, '')} is set by record itself (use --out DIR)`);
  const profDir = opts.cpu === 'cpuprofile' ? cmd.nodeArgs.find((a) => /^--cpu-prof-(?:dir|name)(?:=|$)/.test(a)) : undefined;
  if (profDir) throw new UsageError(`record: ${profDir.replace(/=.*$/, '')} is set by record itself (use --out DIR, or record without --cpu-prof)`);
  if (cmd.script !== undefined && !scriptExists(cmd.script, io.cwd)) throw new UsageError(`record: script not found: ${cmd.script}`);

  const info = await probeNode(cmd.node, io.cwd);
  const version = parseNodeVersion(info.version)!;
  const dir = path.resolve(io.cwd, opts.out ?? DEFAULT_OUT);
  const { flags, dropped } = chooseFlags({
    version,
    known: info.v8Options ? parseV8Options(info.v8Options) : undefined,
    outDir: dir,
    script: cmd.script,
    nodeArgs: cmd.nodeArgs,
    cpuProfile: opts.cpu,
    gc: opts.profile,
  });
  prepareDir(dir, opts.out ?? DEFAULT_OUT);
  const preload = path.join(dir, PRELOAD_FILE);
  const logFlag = flags.find((f) => f.startsWith('--logfile='))!;
  fs.writeFileSync(preload, preloadSource({ dir, logFlag, flags: [...flags], redirect: flags.includes('--redirect-code-traces'), heapSampling: opts.profile ? HEAP_SAMPLING_BYTES : 0 }));
  flags.unshift('--require', preload);
  if (dropped.length) io.stderr(`jitlint: node ${info.version} does not know ${dropped.join(', ')} (left out)\n`);

  const args = [...flags, ...cmd.nodeArgs, ...(cmd.script !== undefined ? [cmd.script] : []), ...cmd.scriptArgs];
  const start = new Date();
  const stdoutFd = fs.openSync(path.join(dir, STDOUT_FILE), 'w');
  let result: { code: number | null; signal: NodeJS.Signals | null; pid: number | undefined };
  try {
    result = await runChild(cmd.node, args, io, stdoutFd, opts.split, preload, dir);
  } finally {
    fs.closeSync(stdoutFd);
  }
  const end = new Date();
  // The preload is needed while the program and its children run.
  fs.rmSync(preload, { force: true });

  const run = collectProcesses(dir, result.pid, path.resolve(io.cwd));
  const all = (key: 'trace' | 'log' | 'cpuprofile' | 'heapprofile') => run.processes.flatMap((p) => p.files[key]);
  const allocations = allocationProfileKind(version);
  const manifest: RecordManifest = {
    tool: 'jitlint',
    version: toolVersion(),
    node: info.version,
    v8: info.v8,
    execPath: info.execPath,
    cwd: path.resolve(io.cwd),
    argv: [cmd.node, ...args],
    flags,
    ...(dropped.length ? { droppedFlags: dropped } : {}),
    script: cmd.script ?? null,
    stdoutSplit: opts.split,
    start: start.toISOString(),
    end: end.toISOString(),
    exitCode: result.code,
    ...(result.signal ? { signal: result.signal } : {}),
    files: { trace: all('trace'), stdout: [STDOUT_FILE], log: all('log'), ...(opts.cpu === 'cpuprofile' ? { cpuprofile: all('cpuprofile') } : {}), ...(opts.profile ? { heapprofile: all('heapprofile') } : {}) },
    ...(opts.profile ? { profiles: { cpu: opts.cpu, allocations, heapSamplingBytes: HEAP_SAMPLING_BYTES, gc: flags.includes('--trace-gc') } } : {}),
    processes: run.processes,
    notRecorded: run.notRecorded,
  };
  fs.writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');

  const shown = displayPath(dir, io.cwd);
  const scriptDir = cmd.script && cmd.script !== '-' ? displayPath(sourceRoot(path.dirname(path.resolve(io.cwd, cmd.script)), io.cwd), io.cwd) : '.';
  const how = result.signal ? `, killed by ${result.signal}` : result.code ? `, exit code ${result.code}` : '';
  for (const line of processNotes(run, cmd.node, shellQuote)) io.stderr(line + '\n');
  if (opts.profile) for (const line of profileNotes(run, info.version, allocations, result.signal, opts.cpu)) io.stderr(line + '\n');
  const count = run.processes.length > 1 ? `${run.processes.length} processes, ` : '';
  io.stderr(
    `jitlint: recorded ${shown} (${count}node ${info.version}, V8 ${info.v8}${how}); next: jitlint analyze ${shellQuote(scriptDir)} --deopt ${shellQuote(shown)}\n`,
  );
  if (result.signal) return 128 + (os.constants.signals[result.signal] ?? 0);
  return result.code ?? 1;
}

/** The recorded processes running now (their notes are in DIR until record reads them). */
function recordedPids(dir: string): number[] {
  try {
    return fs.readdirSync(dir).flatMap((f) => {
      const m = PROC_NOTE.exec(f);
      return m && !m[2] ? [Number(m[1])] : [];
    });
  } catch {
    return [];
  }
}

function runChild(
  node: string,
  args: string[],
  io: RecordIo,
  stdoutFd: number,
  split: boolean,
  preload: string,
  dir: string,
): Promise<{ code: number | null; signal: NodeJS.Signals | null; pid: number | undefined }> {
  return new Promise((resolve, reject) => {
    // NODE_OPTIONS: a Node process started some other way (a shell, another binary) loads the
    // preload too, and so says that it runs without record's flags.
    const env: NodeJS.ProcessEnv = { ...process.env, NODE_OPTIONS: nodeOptionsWithPreload(process.env.NODE_OPTIONS, preload) };
    if (split) env[PRELOAD_ENV] = '3';
    // split: fd 1 (V8's text) straight into stdout.txt, fd 3 (the program's process.stdout) is our stdout.
    const child = spawn(node, args, {
      cwd: io.cwd,
      env,
      stdio: split ? ['inherit', stdoutFd, 'inherit', 1] : ['inherit', 'pipe', 'inherit'],
    });
    if (!split) {
      const forward = io.stdoutBytes ?? ((b: Uint8Array) => void process.stdout.write(b));
      child.stdout!.on('data', (chunk: Uint8Array) => {
        forward(chunk);
        fs.writeSync(stdoutFd, chunk);
      });
    }
    const cleanup = forwardSignals(() => (child.pid ? [child.pid, ...recordedPids(dir)] : []));
    child.on('error', (e: NodeJS.ErrnoException) => {
      cleanup();
      reject(new UsageError(`record: cannot run ${node} (${e.code ?? e.message})`));
    });
    child.on('close', (code, signal) => {
      cleanup();
      resolve({ code, signal, pid: child.pid });
    });
  });
}

/**
 * What to analyze next: the project of the script (the nearest directory with a tsconfig.json,
 * within the cwd), so that a compiled `build/main.js` points back at the TypeScript sources.
 */
function sourceRoot(scriptDir: string, cwd: string): string {
  for (let dir = scriptDir; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'tsconfig.json'))) return dir;
    const rel = path.relative(cwd, dir);
    if (rel === '' || rel.startsWith('..') || path.dirname(dir) === dir) return scriptDir;
  }
}
