export const DEFAULT_OUT = '.jitlint/run';

export const RECORD_HELP = `Usage: jitlint record [--out DIR] -- node [node-args] script [args]

Runs the program with the V8 trace and log flags suited to the version of the
given node binary (node, a path to one, or a version manager's shim), and writes
in DIR:
  trace.txt      --trace-opt, --trace-deopt-verbose and --trace-osr text
  stdout.txt     what V8 printed on the process's stdout (--trace-turbo-inlining)
  v8.log         --log-deopt, --log-ic, --log-code, ... rows
  manifest.json  node and V8 versions, cwd, command, flags, times, exit code
The files of the previous run in DIR are replaced. Then run the command printed
at the end: jitlint analyze <paths> --deopt DIR.

The program's own output (process.stdout, console.log) still reaches your
terminal, apart from V8's text: record preloads a small CommonJS file from DIR
that gives process.stdout its own descriptor. Output that bypasses
process.stdout (fs.writeSync(1, ...), child processes inheriting stdio) lands in
stdout.txt instead; --no-stdout-split runs the program unchanged with its whole
stdout forwarded to yours and copied to stdout.txt (V8's text then mixes in).

.ts/.mts/.cts scripts run by Node's type stripping (Node 22.6+; the flag is
added on 22.6-22.17). Exit code: the program's (128+N when killed by signal N);
2 when the command cannot run.

Options:
      --out DIR          where the files go (default: ${DEFAULT_OUT} under the current directory)
      --no-stdout-split  do not separate the program's stdout from V8's text
  -h, --help             show this help

Add V8 flags of your own among node-args, e.g. --trace-maglev-inlining (Node 22+;
it makes Maglev compile on the main thread) or --allow-natives-syntax.
`;
