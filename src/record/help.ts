export const DEFAULT_OUT = '.jitlint/run';

export const RECORD_HELP = `Usage: jitlint record [--out DIR] -- node [node-args] script [args]

Runs the program with the V8 trace and log flags suited to the version of the
given node binary (node, a path to one, or a version manager's shim), and writes
in DIR:
  trace.txt        --trace-opt, --trace-deopt-verbose and --trace-osr text
  v8-PID-MS.log    --log-deopt, --log-ic, --log-code, ... rows (one per process
                   and per worker thread), with the CPU samples of V8's tick
                   profiler (--prof: a tick row per millisecond)
  stdout.txt       what V8 printed on stdout (--trace-turbo-inlining, --trace-gc)
  heap-PID[-wTHREAD].heapprofile
                   allocation profile: V8's sampling heap profiler (one sample per
                   32 KB) with collected objects kept, i.e. everything allocated,
                   not only what is alive at exit (Node 18 keeps only the latter)
  manifest.json    node and V8 versions, cwd, command, flags, times, exit code,
                   and each process with its own files
The allocation profile is written when a process or worker exits: one killed by a
signal or terminated writes none (record says so); ticks are in the log as taken.
--cpu-prof takes Node's CPU profile instead of ticks (CPU.*.cpuprofile, one per
process and worker thread, for Chrome DevTools): while V8's CPU profiler runs, the
v8.log gets no code, IC or deopt rows of the program (Node 18-26), so megamorphic
ICs and IC confirmations are lost (the trace text still has the deopts, tiers and
inlining). --no-profile records as before profiles existed.
The files of the previous run in DIR are replaced. Then run the command printed
at the end: jitlint analyze <paths> --deopt DIR.

Child processes: fork() and spawn/spawnSync/execFile of the same node binary
(process.execPath) are recorded into their own files (trace-PPID-N.txt,
v8-PID-MS.log; a worker thread's trace is trace-PID-wTHREAD.txt). Node started
through a shell or by another binary, and other programs, run unrecorded: they
are named on stderr and listed in manifest.json (notRecorded). Children that
inherit stdout write their output and their inlining text into stdout.txt.

The program's own output (process.stdout, console.log) still reaches your
terminal, apart from V8's text: record preloads a small CommonJS file from DIR
(with --require and NODE_OPTIONS) that gives process.stdout its own descriptor
and passes record's flags on to child processes. Output that bypasses
process.stdout (fs.writeSync(1, ...), child processes inheriting stdio) lands in
stdout.txt instead; --no-stdout-split runs the program unchanged with its whole
stdout forwarded to yours and copied to stdout.txt (V8's text then mixes in).

.ts/.mts/.cts scripts run by Node's type stripping (Node 22.6+; the flag is
added on 22.6-22.17). SIGINT, SIGTERM and SIGHUP sent to record go on to the
program and its recorded children; record still writes the manifest. Exit code:
the program's (128+N when killed by signal N, 130 for SIGINT); 2 when the
command cannot run or DIR cannot be created (e.g. under /proc).

Options:
      --out DIR          where the files go (default: ${DEFAULT_OUT} under the current directory)
      --no-stdout-split  do not separate the program's stdout from V8's text
      --cpu-prof         CPU profile as Node's .cpuprofile (the v8.log loses the
                         program's code, IC and deopt rows) instead of --prof ticks
      --no-cpu-profile   no CPU samples (allocation profile and GC events stay on)
      --no-profile       no CPU profile, allocation profile or GC events
  -h, --help             show this help

Add V8 flags of your own among node-args, e.g. --trace-maglev-inlining (Node 22+;
it makes Maglev compile on the main thread) or --allow-natives-syntax.
`;
