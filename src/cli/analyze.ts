// `jitlint analyze`: arguments → the pipeline (src/pipeline/analyze.ts) → a report on stdout
// or in a file, and the exit code. Nothing else happens here.
import { ENGINES, type EngineName } from '../types/checker.js';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { UsageError } from '../errors.js';
import { analyze } from '../pipeline/analyze.js';
import { Progress } from '../pipeline/progress.js';
import { Timing } from '../analyze/timing.js';
import type { ReportModel } from '../report/model.js';
import { formatJson } from '../report/json.js';
import { formatStylish } from '../report/stylish.js';
import { formatSarif } from '../report/sarif.js';
import { formatGithub } from '../report/github.js';
import { formatHtml } from '../report/html/index.js';
import { removeStaleReport, unwritableReason, writeFileAtomic } from '../fsutil/write.js';
import { ANALYZE_HELP } from './help.js';
import { toolVersion } from '../version.js';
import { isPackageName } from '../config/load.js';

const FORMATS = ['stylish', 'json', 'sarif', 'github', 'html'] as const;
type Format = (typeof FORMATS)[number];

export interface AnalyzeIo {
  cwd: string;
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  stdoutIsTTY: boolean;
}

export interface AnalyzeOutcome {
  exitCode: number;
}

function parse(argv: string[]) {
  return parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: {
      project: { type: 'string', short: 'p' },
      deopt: { type: 'string', multiple: true },
      root: { type: 'string' },
      format: { type: 'string', short: 'f' },
      output: { type: 'string', short: 'o' },
      'max-warnings': { type: 'string' },
      quiet: { type: 'boolean' },
      'show-notes': { type: 'boolean' },
      'include-tests': { type: 'boolean' },
      'include-package': { type: 'string', multiple: true },
      decisions: { type: 'boolean' },
      config: { type: 'string', short: 'c' },
      rule: { type: 'string', multiple: true },
      category: { type: 'string' },
      sort: { type: 'string' },
      'min-hotness': { type: 'string' },
      timing: { type: 'boolean' },
      engine: { type: 'string' },
      color: { type: 'boolean' },
      'no-color': { type: 'boolean' },
      debug: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
      version: { type: 'boolean', short: 'v' },
    },
  });
}

function render(format: Format, report: ReportModel, color: boolean): string {
  switch (format) {
    case 'json':
      return formatJson(report);
    case 'sarif':
      return formatSarif(report);
    case 'github':
      return formatGithub(report);
    case 'html':
      return formatHtml(report);
    default:
      return formatStylish(report, { color });
  }
}

export async function runAnalyze(argv: string[], io: AnalyzeIo): Promise<AnalyzeOutcome> {
  const { values, positionals } = parse(argv);
  if (values.help) {
    io.stdout(ANALYZE_HELP);
    return { exitCode: 0 };
  }
  if (values.version) {
    io.stdout(`${toolVersion()}\n`);
    return { exitCode: 0 };
  }
  const format = (values.format ?? 'stylish') as Format;
  if (!FORMATS.includes(format)) throw new UsageError(`--format ${values.format}: unknown format (expected stylish, json, sarif, github or html)`);
  let maxWarnings = -1;
  if (values['max-warnings'] !== undefined) {
    maxWarnings = Number(values['max-warnings']);
    if (!Number.isInteger(maxWarnings) || maxWarnings < -1) throw new UsageError(`--max-warnings ${values['max-warnings']}: expected a whole number`);
  }
  const category = values.category ?? 'analyze';
  if (!/^[A-Za-z0-9._-]+$/.test(category)) throw new UsageError(`--category ${category}: use letters, digits, '.', '_' or '-'`);
  if (values.output === '') throw new UsageError('-o/--output: expected a file name');
  const out = values.output !== undefined ? path.resolve(io.cwd, values.output) : undefined;
  if (out) {
    const why = unwritableReason(out);
    if (why) throw new UsageError(`${values.output}: cannot write the report (${why})`);
  }
  for (const f of values.deopt ?? []) if (f === '') throw new UsageError('--deopt: expected a file or directory');
  if (values.root === '') throw new UsageError('--root: expected the directory the program ran in');

  const sort = values.sort ?? 'position';
  if (sort !== 'position' && sort !== 'hotness') throw new UsageError(`--sort ${sort}: expected position or hotness`);
  let minHotness: number | undefined;
  if (values['min-hotness'] !== undefined) {
    minHotness = Number(values['min-hotness'].replace(/%$/, ''));
    if (!/^\d+(?:\.\d+)?%?$/.test(values['min-hotness']) || minHotness > 100) throw new UsageError(`--min-hotness ${values['min-hotness']}: expected a percent from 0 to 100`);
  }

  if (values.engine !== undefined && !(ENGINES as readonly string[]).includes(values.engine)) {
    throw new UsageError(`--engine ${values.engine}: unknown engine (expected ${ENGINES.join(' or ')})`);
  }
  const timing = new Timing(Boolean(values.timing));
  const progress = new Progress();
  let result;
  try {
    result = await analyze({
      cwd: io.cwd,
      paths: positionals,
      ...(values.project ? { project: values.project } : {}),
      deopt: values.deopt ?? [],
      // A path on the machine that recorded the run: never looked up on this disk.
      ...(values.root ? { root: values.root } : {}),
      ...(values.config ? { configFile: values.config } : {}),
      ruleFlags: values.rule ?? [],
      quiet: Boolean(values.quiet),
      ...(values['show-notes'] ? { showNotes: true } : {}),
      ...(values['include-tests'] ? { includeTests: true } : {}),
      ...(values['include-package'] ? { includePackages: includePackages(values['include-package']) } : {}),
      ...(values.decisions ? { decisions: true } : {}),
      category,
      sort,
      ...(minHotness !== undefined ? { minHotness } : {}),
      ...(values.engine ? { engine: values.engine as EngineName } : {}),
      timing,
      onPhase: (phase, done, total) => progress.update(phase, done, total),
    });
  } catch (e) {
    // A report left from a previous run must not look like this run's (CI would upload it).
    if (out) removeStaleReport(out);
    throw e;
  } finally {
    progress.clear();
  }
  const { report, inputErrors, notes } = result;
  // Stylish output lists the notes under the summary; other formats keep stdout machine-readable.
  if (format !== 'stylish') for (const n of notes) io.stderr(`jitlint: ${n}\n`);

  const color = values['no-color'] ? false : values.color ? true : io.stdoutIsTTY && !out && !process.env['NO_COLOR'];
  const text = timing.measure('report', () => render(format, report, color));
  if (out) {
    try {
      writeFileAtomic(out, text);
    } catch (e) {
      throw new UsageError(`${values.output}: cannot write the report (${(e as NodeJS.ErrnoException).code ?? 'error'})`);
    }
  } else {
    io.stdout(text);
  }
  if (values.timing) io.stderr(`${timing.format()}\n`);

  // Unusable inputs: the report above holds what could still be found; the run is an input error.
  if (inputErrors.length > 0) {
    for (const e of inputErrors) io.stderr(`jitlint: ${e}\n`);
    return { exitCode: 2 };
  }
  const errors = report.findings.filter((f) => f.level === 'error').length;
  const warnings = report.findings.filter((f) => f.level === 'warning').length;
  const tooManyWarnings = maxWarnings >= 0 && warnings > maxWarnings;
  if (tooManyWarnings && format === 'stylish') io.stderr(`jitlint found too many warnings (maximum: ${maxWarnings}).\n`);
  return { exitCode: errors > 0 || tooManyWarnings ? 1 : 0 };
}

function includePackages(names: string[]): string[] {
  for (const n of names) if (!isPackageName(n)) throw new UsageError(`--include-package ${JSON.stringify(n)}: expected a package name as under node_modules (name or @scope/name)`);
  return names;
}
