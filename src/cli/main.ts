// Entry point: dispatches the command and turns expected failures into one line and exit 2.
import { UsageError } from '../errors.js';
import { MAIN_HELP } from './help.js';
import { toolVersion } from '../version.js';

const COMMANDS = new Set(['analyze', 'rules', 'record', 'top', 'help']);

export async function main(argv: string[]): Promise<number> {
  const debug = argv.includes('--debug');
  const out = (s: string) => void process.stdout.write(s);
  const err = (s: string) => void process.stderr.write(s);
  try {
    const first = argv[0];
    if (first === undefined || first === '--help' || first === '-h' || first === 'help') {
      out(MAIN_HELP);
      return 0;
    }
    if (first === '--version' || first === '-v') {
      out(`${toolVersion()}\n`);
      return 0;
    }
    const command = COMMANDS.has(first) ? first : 'analyze';
    const rest = COMMANDS.has(first) ? argv.slice(1) : argv;
    switch (command) {
      case 'rules': {
        const { runRules } = await import('./rules.js');
        return runRules(rest, out);
      }
      case 'top': {
        const { runTop } = await import('./top.js');
        return await runTop(rest, { cwd: process.cwd(), stdout: out, stderr: err });
      }
      case 'record': {
        const { runRecord } = await import('../record/command.js');
        return await runRecord(rest, { cwd: process.cwd(), stdout: out, stderr: err });
      }
      default: {
        // Loaded on demand: `record` and `--version` should not pay for the compiler.
        const { runAnalyze } = await import('./analyze.js');
        const outcome = await runAnalyze(rest, { cwd: process.cwd(), stdout: out, stderr: err, stdoutIsTTY: Boolean(process.stdout.isTTY) });
        return outcome.exitCode;
      }
    }
  } catch (e) {
    const error = e as Error & { code?: string };
    if (e instanceof UsageError || (typeof error.code === 'string' && error.code.startsWith('ERR_PARSE_ARGS'))) {
      // Node's parseArgs messages go on with advice about '--'; the first sentence is the point.
      const first = error.message.split('\n')[0]!;
      err(`jitlint: ${e instanceof UsageError ? first : first.replace(/\. To specify a positional.*$/, '')}\n`);
      if (debug) err(`${error.stack}\n`);
      return 2;
    }
    err(`jitlint: internal error: ${error?.message?.split('\n')[0] ?? String(e)} (run with --debug for details)\n`);
    if (debug) err(`${error?.stack}\n`);
    return 2;
  }
}
