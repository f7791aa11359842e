// After the run: which processes wrote which files in DIR, from the notes the
// preload left (jitlint-proc-*.json, jitlint-spawn-*.jsonl) and the names V8
// gave the logs (v8-<pid>-<ms>.log). The notes are removed once read.
import fs from 'node:fs';
import path from 'node:path';
import { CPU_PROFILE_NAME, type CpuProfileMode, HEAP_PROFILE_NAME, LOG_NAME } from './flags.js';
import { PROC_NOTE, SPAWN_NOTE } from './preload.js';

export interface RecordedProcess {
  pid: number;
  /** The OS parent's pid (for the program itself: record's pid). */
  ppid: number | null;
  /** The recorded process that started this one; null for the program itself. */
  parent: number | null;
  /** process.argv of the process: node binary, script, arguments. */
  argv: string[];
  /** The script, relative to the run's cwd when under it; null for -e and the like. */
  script: string | null;
  /** Worker threads it started (each has its own log and trace file). */
  workers: number;
  /** Its files in DIR: the main thread's first, then its workers'. */
  files: { trace: string[]; log: string[]; cpuprofile: string[]; heapprofile: string[] };
}

export interface NotRecorded {
  pid: number | null;
  /** The pid of the recorded process that started it. */
  ppid: number | null;
  command: string[];
  reason: 'not-this-node' | 'no-record-flags';
}

export interface RunProcesses {
  processes: RecordedProcess[];
  notRecorded: NotRecorded[];
}

interface ProcNote {
  pid: number;
  ppid?: number;
  argv?: string[];
  captured?: boolean;
  execArgv?: string[];
  trace?: string | null;
  threadId?: number;
}

function readJson(file: string): unknown {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

function scriptOf(argv: string[], cwd: string): string | null {
  const s = argv[1];
  if (!s) return null;
  const rel = path.relative(cwd, s);
  return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : s;
}

function byThread(list: Array<{ name: string; tid: number }> | undefined): string[] {
  return (list ?? []).sort((a, b) => a.tid - b.tid || (a.name < b.name ? -1 : 1)).map((p) => p.name);
}

export function collectProcesses(dir: string, rootPid: number | undefined, cwd: string): RunProcesses {
  const names = fs.readdirSync(dir).sort();
  const mains = new Map<number, ProcNote>();
  const workers = new Map<number, ProcNote[]>();
  const logs = new Map<number, Array<{ name: string; ms: number }>>();
  const spawned: Array<{ ppid: number | null; pid: number | null; command: string[] }> = [];
  // Profiles by pid, the main thread's (thread 0) first.
  const profiles = new Map<number, { cpu: Array<{ name: string; tid: number }>; heap: Array<{ name: string; tid: number }> }>();
  const profilesOf = (pid: number) => {
    let p = profiles.get(pid);
    if (!p) profiles.set(pid, (p = { cpu: [], heap: [] }));
    return p;
  };
  for (const name of names) {
    const file = path.join(dir, name);
    let m: RegExpExecArray | null;
    if ((m = PROC_NOTE.exec(name))) {
      const note = readJson(file) as ProcNote | undefined;
      fs.rmSync(file, { force: true });
      if (!note || typeof note.pid !== 'number') continue;
      if (m[2]) workers.set(note.pid, [...(workers.get(note.pid) ?? []), { ...note, threadId: Number(m[2]) } as ProcNote]);
      else mains.set(note.pid, note);
    } else if (SPAWN_NOTE.test(name)) {
      for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
        try {
          const s = JSON.parse(line) as { ppid?: number; pid?: number; command?: string[] };
          if (Array.isArray(s.command)) spawned.push({ ppid: s.ppid ?? null, pid: s.pid ?? null, command: s.command.map(String) });
        } catch {
          // an empty or cut line
        }
      }
      fs.rmSync(file, { force: true });
    } else if ((m = CPU_PROFILE_NAME.exec(name))) {
      profilesOf(Number(m[1])).cpu.push({ name, tid: Number(m[2]) });
    } else if ((m = HEAP_PROFILE_NAME.exec(name))) {
      profilesOf(Number(m[1])).heap.push({ name, tid: Number(m[2] ?? 0) });
    } else if ((m = LOG_NAME.exec(name))) {
      const pid = Number(m[1]);
      logs.set(pid, [...(logs.get(pid) ?? []), { name, ms: Number(m[2]) }]);
    }
  }

  const pids = new Set<number>([...logs.keys(), ...[...mains.values()].filter((n) => n.captured).map((n) => n.pid)]);
  const firstLog = (pid: number) => Math.min(...(logs.get(pid) ?? [{ ms: Infinity }]).map((l) => l.ms));
  const ordered = [...pids].sort((a, b) => (a === rootPid ? -1 : b === rootPid ? 1 : firstLog(a) - firstLog(b) || a - b));
  const processes: RecordedProcess[] = ordered.map((pid) => {
    const note = mains.get(pid);
    const argv = note?.argv ?? [];
    const threads = (workers.get(pid) ?? []).sort((a, b) => (a.threadId ?? 0) - (b.threadId ?? 0));
    const trace = [...new Set([note?.trace, ...threads.map((t) => t.trace)])].filter((n): n is string => !!n && names.includes(n));
    const ppid = note?.ppid ?? null;
    return {
      pid,
      ppid,
      parent: pid !== rootPid && ppid !== null && pids.has(ppid) ? ppid : null,
      argv,
      script: scriptOf(argv, cwd),
      workers: threads.length,
      files: {
        trace,
        log: (logs.get(pid) ?? []).sort((a, b) => a.ms - b.ms).map((l) => l.name),
        cpuprofile: byThread(profiles.get(pid)?.cpu),
        heapprofile: byThread(profiles.get(pid)?.heap),
      },
    };
  });

  const notRecorded: NotRecorded[] = [];
  const plainNode = [...mains.values()].filter((n) => !n.captured);
  for (const s of spawned) {
    if (s.pid !== null && (pids.has(s.pid) || plainNode.some((n) => n.pid === s.pid))) continue;
    notRecorded.push({ pid: s.pid, ppid: s.ppid, command: s.command, reason: 'not-this-node' });
  }
  for (const n of plainNode) notRecorded.push({ pid: n.pid, ppid: n.ppid ?? null, command: [...(n.argv ?? []).slice(0, 1), ...(n.execArgv ?? []), ...(n.argv ?? []).slice(1)], reason: 'no-record-flags' });
  return { processes, notRecorded };
}

/** Lines for record's stderr: what was not recorded, and how worker threads were. */
export function processNotes(run: RunProcesses, node: string, quote: (s: string) => string): string[] {
  const lines: string[] = [];
  const shown = run.notRecorded.slice(0, 10);
  for (const n of shown) {
    const who = `${n.pid !== null ? `pid ${n.pid}` : 'a child'}${n.ppid !== null ? ` of pid ${n.ppid}` : ''}`;
    const cmd = n.command.map(quote).join(' ');
    lines.push(
      n.reason === 'not-this-node'
        ? `jitlint: not recorded: ${who}: ${cmd} (not ${node})`
        : `jitlint: not recorded: ${who}: ${cmd} (a Node process without record's flags: started through a shell or by another node binary)`,
    );
  }
  if (run.notRecorded.length > shown.length) lines.push(`jitlint: not recorded: ${run.notRecorded.length - shown.length} more processes (see manifest.json notRecorded)`);
  for (const p of run.processes) {
    if (!p.workers) continue;
    const shared = p.files.log.length < 1 + p.workers;
    lines.push(
      `jitlint: pid ${p.pid} ran ${p.workers} worker thread${p.workers === 1 ? '' : 's'}: each has its own v8 log and trace file` +
        (shared ? ` (${1 + p.workers - p.files.log.length} started in the same millisecond as another and share its v8 log)` : ''),
    );
  }
  return lines;
}

/** Lines for record's stderr about the profiles: which processes wrote none, and what Node 18's allocation profile holds. */
export function profileNotes(run: RunProcesses, version: string, allocations: 'alloc_space' | 'inuse_space', signal: string | null, cpu: CpuProfileMode): string[] {
  const lines: string[] = [];
  // Tick rows go into the v8.log as they are taken: only the --cpu-prof files are written at exit.
  const cpuFiles = cpu === 'cpuprofile';
  const cpuCount = run.processes.reduce((n, p) => n + p.files.cpuprofile.length, 0);
  const heap = run.processes.reduce((n, p) => n + p.files.heapprofile.length, 0);
  const threads = run.processes.reduce((n, p) => n + 1 + p.workers, 0);
  const what = (n: number, kind: string) => `${n} ${kind} profile${n === 1 ? '' : 's'}`;
  const missing = threads - (cpuFiles ? Math.min(cpuCount, heap) : heap);
  lines.push(
    `jitlint: profiles: ${cpuFiles ? `${what(cpuCount, 'CPU')} and ` : ''}${what(heap, 'allocation')} for ${threads} thread${threads === 1 ? '' : 's'} (processes and worker threads)` +
      (cpu === 'ticks' ? '; CPU samples in each v8 log (--prof)' : '') +
      (missing > 0 ? `; ${missing} wrote none (${signal ? `killed by ${signal}: profiles are written at exit` : 'a process killed or a worker terminated before exit'})` : ''),
  );
  if (cpuFiles) lines.push(`jitlint: while V8's CPU profiler runs (--cpu-prof), v8.log gets no code, IC or deopt rows of the program (the trace text keeps deopts, tiers and inlining); record without --cpu-prof keeps them, with the CPU samples in the v8.log`);
  if (run.notRecorded.length) lines.push(`jitlint: the ${run.notRecorded.length} unrecorded process${run.notRecorded.length === 1 ? '' : 'es'} above have no profiles either`);
  if (allocations === 'inuse_space') {
    lines.push(`jitlint: node ${version} keeps only objects still alive at exit in the allocation profile (its V8 ignores includeObjectsCollectedByMajorGC/MinorGC): short-lived garbage is missing; record with Node 20+ for all allocations`);
  }
  return lines;
}
