// `jitlint analyze`: paths + tsconfig → static findings; V8 logs → runtime findings;
// then levels from configuration, sorting, the report and the exit code.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { Finding } from '../model.js';
import { UsageError } from '../errors.js';
import { applyRuleFlags, loadConfig, ruleSetting } from '../config/load.js';
import { compileIgnores } from '../config/glob.js';
import { locateProject, loadProject } from '../project/load.js';
import { relativePath } from '../project/paths.js';
import { analyzeSourceFile, type ActiveRule } from '../analyze/engine.js';
import { Timing } from '../analyze/timing.js';
import { levelRank, stepLevel } from '../analyze/message.js';
import { ALL_RULES, STATIC_RULES } from '../rules/index.js';
import { formatJson } from '../report/json.js';
import { formatStylish } from '../report/stylish.js';
import { formatSarif } from '../report/sarif.js';
import { formatGithub } from '../report/github.js';
import type { ReportInput, RuntimeReport } from '../report/types.js';
import { Progress } from './progress.js';
import { ANALYZE_HELP } from './help.js';
import { toolVersion } from './version.js';
import { analyzeRuntime } from './runtime-input.js';
import { correlate, evidencePoints } from '../correlate/index.js';

const FORMATS = ['stylish', 'json', 'sarif', 'github'] as const;
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
      config: { type: 'string', short: 'c' },
      rule: { type: 'string', multiple: true },
      category: { type: 'string' },
      timing: { type: 'boolean' },
      color: { type: 'boolean' },
      'no-color': { type: 'boolean' },
      debug: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
      version: { type: 'boolean', short: 'v' },
    },
  });
}

function isUnder(child: string, parent: string): boolean {
  const rel = path.relative(parent, child);
  return !rel.startsWith('..') && !path.isAbsolute(rel);
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
  if (!FORMATS.includes(format)) throw new UsageError(`--format ${values.format}: unknown format (expected stylish, json, sarif or github)`);
  let maxWarnings = -1;
  if (values['max-warnings'] !== undefined) {
    maxWarnings = Number(values['max-warnings']);
    if (!Number.isInteger(maxWarnings) || maxWarnings < -1) throw new UsageError(`--max-warnings ${values['max-warnings']}: expected a whole number`);
  }
  const category = values.category ?? 'analyze';
  if (!/^[A-Za-z0-9._-]+$/.test(category)) throw new UsageError(`--category ${category}: use letters, digits, '.', '_' or '-'`);

  const timing = new Timing(Boolean(values.timing));
  const progress = new Progress();
  const deoptFiles = values.deopt ?? [];
  for (const f of deoptFiles) if (!existsSync(path.resolve(io.cwd, f))) throw new UsageError(`${f}: no such file or directory`);
  if (values.root && !existsSync(path.resolve(io.cwd, values.root))) throw new UsageError(`--root ${values.root}: no such directory`);

  // Static analysis runs on the given paths, or on the project when no V8 log is the only input.
  const runStatic = positionals.length > 0 || deoptFiles.length === 0;
  const loc = locateProject({ paths: positionals, ...(values.project ? { project: values.project } : {}), cwd: io.cwd });
  // Report paths are relative to the current directory when the project lies inside it (the
  // repository root in CI), so that SARIF URIs resolve in GitHub; otherwise to the project root.
  const baseDir = isUnder(loc.rootDir, io.cwd) ? io.cwd : loc.rootDir;
  const display = (abs: string) => relativePath(io.cwd, abs) || '.';
  const config = loadConfig(loc.rootDir, values.config, display);
  applyRuleFlags(config, values.rule ?? []);

  const findings: Finding[] = [];
  let filesAnalyzed = 0;
  const activeRules: ActiveRule[] = [];
  for (const rule of STATIC_RULES) {
    const setting = ruleSetting(config, rule.meta.id);
    if (setting.level !== 'off') activeRules.push({ rule, level: setting.level, options: setting.options });
  }

  if (runStatic) {
    progress.update('loading project');
    const isIgnored = compileIgnores(config.ignores);
    const project = timing.measure('project load', () => loadProject(loc, { isIgnored, display }));
    if (project.files.length === 0 && positionals.length > 0) {
      const where = loc.tsconfigPath ? ` (not included by ${display(loc.tsconfigPath)}, or ignored)` : ' (no TypeScript or JavaScript sources, or all ignored)';
      throw new UsageError(`${positionals.join(' ')}: no files to analyze${where}`);
    }
    progress.update('binding');
    const checker = timing.measure('type checker setup', () => project.program.getTypeChecker());
    const total = project.files.length;
    project.files.forEach((sf, i) => {
      progress.update('analyzing', i, total);
      for (const f of analyzeSourceFile(sf, { program: project.program, checker, baseDir, rules: activeRules, timing })) findings.push(f);
    });
    filesAnalyzed = total;
  }

  const notifications: string[] = [];
  const inputErrors: string[] = [];
  let runtime: RuntimeReport | undefined;
  if (deoptFiles.length > 0) {
    progress.update('reading V8 output');
    const rt = await timing.measureAsync('runtime input', () =>
      analyzeRuntime({ files: deoptFiles.map((f) => path.resolve(io.cwd, f)), cwd: io.cwd, baseDir, rootDir: loc.rootDir, ...(values.root ? { runRoot: path.resolve(io.cwd, values.root) } : {}), config }),
    );
    // Cross-reference: static findings confirmed by the run, runtime findings explained by patterns.
    const joined = timing.measure('correlate', () => correlate(findings, rt.findings, evidencePoints(rt.runtime, rt.findings)));
    findings.length = 0;
    // One by one: a spread of hundreds of thousands of findings overflows the stack.
    for (const f of joined) findings.push(f);
    runtime = rt.runtime;
    inputErrors.push(...rt.inputErrors);
    notifications.push(...rt.notes);
    // Stylish output lists them under the summary; other formats keep stdout machine-readable.
    if (format !== 'stylish') for (const n of rt.notes) io.stderr(`jitlint: ${n}\n`);
  }
  progress.clear();

  // Levels from configuration for findings that did not come through the engine.
  const metaById = new Map(ALL_RULES.map((m) => [m.id, m]));
  let kept = findings.flatMap((f) => {
    const meta = metaById.get(f.ruleId);
    if (meta?.kind === 'runtime') {
      const setting = ruleSetting(config, meta.id);
      if (setting.level === 'off') return [];
      const shift = levelRank(f.level) - levelRank(meta.defaultLevel);
      return [{ ...f, level: stepLevel(setting.level, shift) }];
    }
    // Static findings got their configured level in the engine.
    return [f];
  });
  if (values.quiet) kept = kept.filter((f) => f.level === 'error');
  kept.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || a.column - b.column || (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0)));

  const ran = new Set([...activeRules.map((r) => r.rule.meta.id), ...kept.map((f) => f.ruleId)]);
  const rules = ALL_RULES.filter((m) => ran.has(m.id) || (deoptFiles.length > 0 && m.kind === 'runtime' && ruleSetting(config, m.id).level !== 'off'));
  const sources = new Map<string, string | undefined>();
  const input: ReportInput = {
    toolVersion: toolVersion(),
    findings: kept,
    rules,
    filesAnalyzed,
    ...(runtime ? { runtime } : {}),
    notifications,
    category,
    readSource(file) {
      if (!sources.has(file)) {
        try {
          sources.set(file, readFileSync(path.resolve(baseDir, file), 'utf8'));
        } catch {
          sources.set(file, undefined);
        }
      }
      return sources.get(file);
    },
  };

  const color = values['no-color'] ? false : values.color ? true : io.stdoutIsTTY && !values.output && !process.env['NO_COLOR'];
  const text = timing.measure('report', () => {
    switch (format) {
      case 'json':
        return formatJson(input);
      case 'sarif':
        return formatSarif(input);
      case 'github':
        return formatGithub(input);
      default:
        return formatStylish(input, { color });
    }
  });
  if (values.output) {
    const out = path.resolve(io.cwd, values.output);
    try {
      mkdirSync(path.dirname(out), { recursive: true });
      writeFileSync(out, text);
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
  const errors = kept.filter((f) => f.level === 'error').length;
  const warnings = kept.filter((f) => f.level === 'warning').length;
  const tooManyWarnings = maxWarnings >= 0 && warnings > maxWarnings;
  if (tooManyWarnings && format === 'stylish') io.stderr(`jitlint found too many warnings (maximum: ${maxWarnings}).\n`);
  return { exitCode: errors > 0 || tooManyWarnings ? 1 : 0 };
}
