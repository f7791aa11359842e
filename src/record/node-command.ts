// Splits `node [node-args] script [args]` the way Node reads it, and asks the
// binary for its version and the V8 flags it knows.
import { execFile } from 'node:child_process';
import { UsageError } from '../errors.js';

export interface NodeCommand {
  node: string;
  nodeArgs: string[];
  /** undefined for -e/-p/--test and the like (no script file). */
  script: string | undefined;
  scriptArgs: string[];
}

/** Node options whose value may follow as the next argument (`--require x`). */
const TAKES_VALUE = new Set([
  '-r', '--require', '--import', '--loader', '--experimental-loader', '-C', '--conditions', '--input-type',
  '--title', '--inspect-port', '--debug-port', '--redirect-warnings', '--diagnostic-dir', '--cpu-prof-dir',
  '--cpu-prof-name', '--cpu-prof-interval', '--heap-prof-dir', '--heap-prof-name', '--heap-prof-interval',
  '--report-dir', '--report-directory', '--report-filename', '--report-signal', '--secure-heap', '--secure-heap-min',
  '--icu-data-dir', '--openssl-config', '--tls-cipher-list', '--tls-keylog', '--unhandled-rejections',
  '--experimental-default-type', '--disable-warning', '--env-file', '--env-file-if-exists', '--watch-path',
]);
// (V8's own flags take their value only after '=')
/** Options after which Node runs no script file: the rest are the program's arguments. */
const NO_SCRIPT = new Set(['-e', '--eval', '-p', '--print']);
const NO_SCRIPT_FLAGS = new Set(['--test', '-i', '--interactive', '-v', '--version', '-h', '--help', '--v8-options']);

export function splitNodeCommand(command: string[]): NodeCommand {
  const [node, ...rest] = command;
  if (!node) throw new UsageError('record: missing command; usage: jitlint record [--out DIR] -- node [node-args] script [args]');
  const nodeArgs: string[] = [];
  let i = 0;
  while (i < rest.length) {
    const a = rest[i]!;
    if (a === '--') {
      nodeArgs.push(a);
      i++;
      break;
    }
    if (!a.startsWith('-') || a === '-') break;
    nodeArgs.push(a);
    i++;
    if (NO_SCRIPT.has(a)) {
      if (i < rest.length) nodeArgs.push(rest[i++]!);
      return { node, nodeArgs, script: undefined, scriptArgs: rest.slice(i) };
    }
    if (/^(?:-e|--eval|-p|--print)=/.test(a) || NO_SCRIPT_FLAGS.has(a)) {
      return { node, nodeArgs, script: undefined, scriptArgs: rest.slice(i) };
    }
    if (TAKES_VALUE.has(a) && i < rest.length) nodeArgs.push(rest[i++]!);
  }
  const script = rest[i];
  if (script === undefined) throw new UsageError(`record: no script to run after '${node}'; usage: jitlint record [--out DIR] -- node [node-args] script [args]`);
  return { node, nodeArgs, script, scriptArgs: rest.slice(i + 1) };
}

export interface NodeInfo {
  version: string;
  v8: string;
  execPath: string;
  /** `--v8-options` text, or undefined when the binary would not print it. */
  v8Options: string | undefined;
}

function run(file: string, args: string[], cwd: string): Promise<{ error: NodeJS.ErrnoException | null; stdout: string }> {
  return new Promise((resolve) => {
    // NODE_OPTIONS could load code (and print) in these probes: leave it out.
    const env = { ...process.env };
    delete env.NODE_OPTIONS;
    execFile(file, args, { cwd, env, encoding: 'utf8', timeout: 30_000, maxBuffer: 16 * 1024 * 1024 }, (error, stdout) =>
      resolve({ error: error as NodeJS.ErrnoException | null, stdout: String(stdout ?? '') }),
    );
  });
}

/** Runs `<node> -p ...` and `<node> --v8-options` side by side. */
export async function probeNode(node: string, cwd: string): Promise<NodeInfo> {
  const [ver, opts] = await Promise.all([
    run(node, ['-p', `process.version + ' ' + process.versions.v8 + ' ' + process.execPath`], cwd),
    run(node, ['--v8-options'], cwd),
  ]);
  if (ver.error?.code === 'ENOENT') throw new UsageError(`record: '${node}' not found`);
  if (ver.error?.code === 'EACCES') throw new UsageError(`record: '${node}' is not executable`);
  const m = /^(v\d+\.\d+\.\d+\S*) (\d+\.\d+\.\d+\S*) (.+)$/m.exec(ver.stdout);
  if (ver.error || !m) throw new UsageError(`record: '${node}' is not a Node.js binary (the command starts with node: jitlint record -- node script.js)`);
  return { version: m[1]!, v8: m[2]!, execPath: m[3]!.trim(), v8Options: opts.error ? undefined : opts.stdout };
}
