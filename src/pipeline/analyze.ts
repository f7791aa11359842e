// The analysis as a library call: paths + tsconfig → static findings; V8 logs → runtime
// findings; correlation; levels; the report model. No argv, no output streams: the CLI, tests
// and later front ends (an ESLint plugin, an editor) call this.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Finding } from '../model.js';
import { UsageError } from '../errors.js';
import { applyRuleFlags, loadConfig, ruleSetting, type Config } from '../config/load.js';
import { compileIgnores, TEST_FILE_GLOBS } from '../config/glob.js';
import { locateProject, loadProject } from '../project/load.js';
import { isUnder, relativePath } from '../project/paths.js';
import { analyzeSourceFile, type ActiveRule } from '../analyze/engine.js';
import { Timing } from '../analyze/timing.js';
import { ALL_RULES, DECISION_RULES, DECISION_RULE_IDS, RUNTIME_RULES, STATIC_RULES } from '../rules/index.js';
import type { RuntimeRule } from '../rules/types.js';
import { internalErrorFinding } from '../rules/internal.js';
import type { ActiveRuntimeRule } from '../rules/runtime/run.js';
import type { Decision, ReportModel, RuntimeSection } from '../report/model.js';
import { correlate } from '../correlate/index.js';
import { confirmByAllocations } from '../correlate/allocations.js';
import { toolVersion } from '../version.js';
import type { ts } from 'ts-morph';
import type { EngineName, TypeEngine } from '../types/checker.js';
import { ts6Engine } from '../types/ts6.js';
import { loadTsgo, openTsgoProject } from '../types/tsgo/engine.js';
import type { HotFunction } from './hot-functions.js';

export interface AnalyzeRequest {
  /** Where relative paths are resolved (the user's current directory). */
  cwd: string;
  /** Files and directories to analyze statically; none: the project, unless only logs are given. */
  paths: readonly string[];
  /** tsconfig.json (`-p`). */
  project?: string;
  /** V8 output: trace text, v8.log (plain or gzipped) or `jitlint record` folders. */
  deopt?: readonly string[];
  /** The folder the logged program ran in on the machine that recorded it (never checked on this disk). */
  root?: string;
  /** Configuration file (`-c`); default jitlint.config.json or package.json "jitlint" at the project root. */
  configFile?: string;
  /** `ID=level` overrides (`--rule`). */
  ruleFlags?: readonly string[];
  /** Errors only. */
  quiet?: boolean;
  /** Analyze test and benchmark files too (default: the configuration's `includeTests`, else false). */
  includeTests?: boolean;
  /** Packages under node_modules whose runtime events are reported (added to the configuration's `includePackages`). */
  includePackages?: readonly string[];
  /** Notes in stylish, github and SARIF output too (default: the configuration's `showNotes`, else false). */
  showNotes?: boolean;
  /** V8's decisions too (`--decisions`): what was inlined and optimized, beside what was not. */
  decisions?: boolean;
  /** `hotness`: findings in the hottest functions first (by self share, then total share, then bytes). */
  sort?: 'position' | 'hotness';
  /** Drops findings in functions under this percent of the CPU samples (total share). */
  minHotness?: number;
  /** Which TypeScript answers type questions (default: the configuration's `engine`, else ts6). */
  engine?: EngineName;
  /** tsgo: a server binary other than the package's (tests). */
  tsgoServerPath?: string;
  /** SARIF automationDetails category. */
  category?: string;
  timing?: Timing;
  /** Called as the run moves through its phases (a progress line). */
  onPhase?: (phase: string, done?: number, total?: number) => void;
}

export interface AnalyzeResult {
  report: ReportModel;
  /** One line per input that could not be used: the report holds the rest, the run is an input error. */
  inputErrors: string[];
  /** Remarks about the inputs (unmapped events, skipped rows), also in `report.notifications`. */
  notes: string[];
  /** The directory report paths are relative to. */
  baseDir: string;
  /** Profiled project functions, hottest first, with V8's view of each (empty without profiles). */
  hot: HotFunction[];
}

export async function analyze(req: AnalyzeRequest): Promise<AnalyzeResult> {
  const timing = req.timing ?? new Timing(false);
  const phase = req.onPhase ?? (() => {});
  const paths = req.paths;
  const deopt = req.deopt ?? [];
  if (req.decisions && deopt.length === 0) throw new UsageError('--decisions: needs V8 output (--deopt FILE, or a `jitlint record` folder)');
  for (const f of deopt) if (!existsSync(path.resolve(req.cwd, f))) throw new UsageError(`${f}: no such file or directory`);
  // Static analysis runs on the given paths, or on the project when no V8 log is the only input.
  const runStatic = paths.length > 0 || deopt.length === 0;
  const loc = locateProject({ paths: [...paths], ...(req.project ? { project: req.project } : {}), cwd: req.cwd });
  // Report paths are relative to the current directory when the project lies inside it (the
  // repository root in CI), so that SARIF URIs resolve in GitHub; otherwise to the project root.
  const baseDir = isUnder(loc.rootDir, req.cwd) ? req.cwd : loc.rootDir;
  const display = (abs: string) => relativePath(req.cwd, abs) || '.';
  const config = loadConfig(loc.rootDir, req.configFile, display, req.cwd);
  applyRuleFlags(config, req.ruleFlags ?? []);

  const findings: Finding[] = [];
  const notes: string[] = [];
  let filesAnalyzed = 0;
  const staticFiles = new Set<string>();
  const activeRules = activeStaticRules(config);

  if (runStatic) {
    phase('loading project');
    const isIgnored = compileIgnores(config.ignores);
    const includeTests = req.includeTests ?? config.includeTests ?? false;
    const isSkipped = includeTests ? undefined : compileIgnores(TEST_FILE_GLOBS);
    const engineName = req.engine ?? config.engine ?? 'ts6';
    const loadOpts = { isIgnored, display, ...(isSkipped ? { isSkipped } : {}) };
    let engine: TypeEngine;
    let files: ts.SourceFile[];
    if (engineName === 'tsgo') {
      ({ engine, files } = openTsgoProject(await loadTsgo(), loc, loadOpts, timing, req.tsgoServerPath ? { serverPath: req.tsgoServerPath } : {}));
    } else {
      const project = timing.measure('project load', () => loadProject(loc, loadOpts));
      files = project.files;
      phase('binding');
      engine = timing.measure('type checker setup', () => ts6Engine(project.program));
    }
    try {
      if (files.length === 0 && paths.length > 0) {
        const where = loc.tsconfigPath ? ` (not included by ${display(loc.tsconfigPath)}, or ignored)` : ' (no TypeScript or JavaScript sources, or all ignored)';
        throw new UsageError(`${paths.join(' ')}: no files to analyze${where}`);
      }
      const total = files.length;
      files.forEach((sf, i) => {
        phase('analyzing', i, total);
        try {
          for (const f of analyzeSourceFile(sf, { checker: engine.checker, project: engine.project, baseDir, rules: activeRules, timing })) findings.push(f);
        } catch (e) {
          // One file that cannot be analyzed (a parser or checker overflow) must not sink the others.
          const file = relativePath(baseDir, sf.fileName);
          const reason = e instanceof Error ? e.message.split('\n')[0]! : String(e);
          findings.push(internalErrorFinding(file, reason));
          notes.push(`${file}: not analyzed (internal error: ${reason})`);
        }
      });
      notes.push(...engine.notes());
      filesAnalyzed = total;
      for (const sf of files) staticFiles.add(relativePath(baseDir, sf.fileName));
    } finally {
      engine.close();
    }
  }

  const inputErrors: string[] = [];
  let runtime: RuntimeSection | undefined;
  let decisions: Decision[] | undefined;
  let hot: HotFunction[] = [];
  let all: Finding[] = findings;
  if (deopt.length > 0) {
    phase('reading V8 output');
    // Loaded only with V8 output to read: its site resolver brings Babel's parser (about 50 ms to
    // load), which a static run does not need.
    const { analyzeRuntime } = await import('./runtime.js');
    const rt = await timing.measureAsync('runtime input', () =>
      analyzeRuntime({
        files: deopt.map((f) => path.resolve(req.cwd, f)),
        cwd: req.cwd,
        baseDir,
        rootDir: loc.rootDir,
        ...(req.root ? { runRoot: req.root } : {}),
        includePackages: [...new Set([...(config.includePackages ?? []), ...(req.includePackages ?? [])])],
        rules: activeRuntimeRules(config, RUNTIME_RULES),
        ...(req.decisions ? { decisionRules: activeRuntimeRules(config, DECISION_RULES) } : {}),
      }),
    );
    // Cross-reference: static findings confirmed by the run, runtime findings explained by patterns.
    all = timing.measure('correlate', () => confirmByAllocations(rt.attachProfiles(correlate(findings, rt.findings, rt.evidence))));
    runtime = rt.runtime;
    // Files only the run reports on (a dependency's, with --include-package) count among the files.
    filesAnalyzed += new Set(rt.findings.map((f) => f.file).filter((f) => !staticFiles.has(f))).size;
    decisions = rt.decisions;
    hot = rt.hot;
    inputErrors.push(...rt.inputErrors);
    notes.push(...rt.notes);
  }

  if (req.quiet) all = all.filter((f) => f.level === 'error');
  if (req.minHotness !== undefined) {
    const min = req.minHotness;
    all = all.filter((f) => (f.hotness?.totalPercent ?? 0) >= min);
  }
  all.sort(byPosition);
  if (req.sort === 'hotness') all.sort(byHotness);

  const ran = new Set([...activeRules.map((r) => r.rule.meta.id), ...all.map((f) => f.ruleId)]);
  const rules = ALL_RULES.filter((m) => ran.has(m.id) || (deopt.length > 0 && m.kind === 'runtime' && !DECISION_RULE_IDS.has(m.id) && ruleSetting(config, m.id).level !== 'off'));
  const sources = new Map<string, string | undefined>();
  const report: ReportModel = {
    toolVersion: toolVersion(),
    findings: all,
    rules,
    filesAnalyzed,
    ...(runtime ? { runtime } : {}),
    ...(decisions ? { decisions, decisionRules: ALL_RULES.filter((m) => DECISION_RULE_IDS.has(m.id) && ruleSetting(config, m.id).level !== 'off') } : {}),
    notifications: notes,
    ...(inputErrors.length ? { lostInputs: inputErrors } : {}),
    category: req.category ?? 'analyze',
    showNotes: req.showNotes ?? config.showNotes ?? false,
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
  return { report, inputErrors, notes, baseDir, hot };
}

/** By file, position, rule, then message: the same order whichever engine produced them (two syntax errors at one position). */
function byPosition(a: Finding, b: Finding): number {
  return (
    (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || a.column - b.column) ||
    (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0) ||
    (a.message < b.message ? -1 : a.message > b.message ? 1 : 0)
  );
}

/** Hottest first (self share, like pprof's top, then total); findings no profile saw keep their position order, last. Stable. */
function byHotness(a: Finding, b: Finding): number {
  return (
    (b.hotness?.selfPercent ?? -1) - (a.hotness?.selfPercent ?? -1) ||
    (b.hotness?.totalPercent ?? -1) - (a.hotness?.totalPercent ?? -1) ||
    (b.allocated?.bytes ?? -1) - (a.allocated?.bytes ?? -1)
  );
}

function activeStaticRules(config: Config): ActiveRule[] {
  const out: ActiveRule[] = [];
  for (const rule of STATIC_RULES) {
    const setting = ruleSetting(config, rule.meta.id);
    if (setting.level !== 'off') out.push({ rule, level: setting.level, options: setting.options });
  }
  return out;
}

function activeRuntimeRules(config: Config, of: readonly RuntimeRule[]): ActiveRuntimeRule[] {
  const out: ActiveRuntimeRule[] = [];
  for (const rule of of) {
    const setting = ruleSetting(config, rule.meta.id);
    if (setting.level !== 'off') out.push({ rule, level: setting.level, options: setting.options });
  }
  return out;
}
