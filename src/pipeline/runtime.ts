// V8 logs → runtime findings at project-relative positions: loads the logs (files, or
// `jitlint record` directories with a manifest.json), runs the runtime rules, places each
// finding on the expression it is about in the original source, and collects the evidence
// that confirms static findings.
import fs from 'node:fs';
import readline from 'node:readline';
import path from 'node:path';
import zlib from 'node:zlib';
import type { Finding, RelatedLocation } from '../model.js';
import { UsageError } from '../errors.js';
import { RuntimeInputError, loadRuntime, type RuntimeModel, type SourcePosition } from '../runtime/index.js';
import { runRuntimeRules, type ActiveRuntimeRule } from '../rules/runtime/run.js';
import type { Decision, RuntimeSection } from '../report/model.js';
import { runtimeEvidence, type RuntimeEvidence } from '../correlate/evidence.js';
import { SiteResolver, isUnmapped, type UnmappedReason } from '../sites/index.js';
import { runtimeSection } from './runtime-section.js';
import { buildDecisions, type PlacedDecision } from './decisions.js';
import { escapeControl } from '../runtime/text.js';
import { hotFunctions, type HotFunction } from './hot-functions.js';
import { allocationsSection, attachHotness, decisionsWithHotness, gcSection, profileIndex, profileSection } from './profiles.js';

export interface RuntimeRequest {
  files: string[];
  cwd: string;
  /** Report paths are relative to this directory. */
  baseDir: string;
  rootDir: string;
  /** Where the logged program ran (`--root`), when known. */
  runRoot?: string;
  /** The runtime rules that are on, with their levels and options. */
  rules: readonly ActiveRuntimeRule[];
  /** Packages under node_modules whose events are reported like the project's (else counted). */
  includePackages?: readonly string[];
  /** The decision rules (`inlined`, `optimized`) that are on, when `--decisions` asked for V8's decisions. */
  decisionRules?: readonly ActiveRuntimeRule[];
}

export interface RuntimeOutcome {
  /** One line per --deopt file that could not be used (exit code 2, after the report). */
  inputErrors: string[];
  findings: Finding[];
  /** What V8 did at source sites, for confirming static findings. */
  evidence: RuntimeEvidence[];
  runtime: RuntimeSection;
  notes: string[];
  /** V8's decisions at project positions, when asked for. */
  decisions?: Decision[];
  /** Profiled project functions, hottest first, with what V8 did to each (`jitlint top`). */
  hot: HotFunction[];
  /** Findings (static and runtime, after correlation) with the profiles' hotness and bytes attached. */
  attachProfiles(findings: readonly Finding[]): Finding[];
}

/** What `jitlint record` writes next to the logs. */
interface RecordManifest {
  cwd?: string;
  files?: Record<string, string | string[]>;
  node?: string;
  v8?: string;
  profiles?: { allocations?: string };
}

interface ExpandedInputs {
  files: string[];
  runRoot?: string;
  node?: string;
  v8?: string;
  notes: string[];
  /** A record folder's allocation profiles hold only live objects (Node 18). */
  liveOnlyAllocations?: boolean;
}

/** A line of V8 trace output, to tell whether a captured stdout holds any. */
const TRACE_LINE = /^\s*(?:\[(?:marking|manually marking|compiling|completed|optimizing|aborted|bailout|OSR|not marking|delaying)|Considering |Inlining |Cannot consider |Not considering |\d+ candidate|Budget used|greedy inlining|cannot inline|== Inlining|\s*;;; deoptimize at)/;

/** A --trace-gc line (GC events go to stdout). */
const GC_LINE = /^\[\d+:0x[0-9a-fA-F]+\]\s+\d+ ms: [A-Z]/;

async function holdsTrace(file: string): Promise<boolean> {
  try {
    let stream: NodeJS.ReadableStream = fs.createReadStream(file);
    if (file.endsWith('.gz')) stream = stream.pipe(zlib.createGunzip());
    const rl = readline.createInterface({ input: stream, crlfDelay: Infinity });
    for await (const line of rl) {
      if (TRACE_LINE.test(line) || GC_LINE.test(line)) {
        rl.close();
        return true;
      }
    }
  } catch {
    return false;
  }
  return false;
}

/** Replaces `jitlint record` output directories by the logs their manifest lists. */
async function expandInputs(files: string[], cwd: string): Promise<ExpandedInputs> {
  const out: ExpandedInputs = { files: [], notes: [] };
  for (const f of files) {
    let st: fs.Stats | undefined;
    try {
      st = fs.statSync(f);
    } catch {
      st = undefined;
    }
    if (!st?.isDirectory()) {
      out.files.push(f);
      continue;
    }
    // Paths come from the user or a manifest: no raw control character reaches the terminal.
    const label = escapeControl(path.relative(cwd, f) || '.');
    const manifestPath = path.join(f, 'manifest.json');
    let manifest: RecordManifest;
    try {
      manifest = JSON.parse(fs.readFileSync(manifestPath, 'utf8')) as RecordManifest;
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') throw new UsageError(`--deopt ${label}: a directory without the manifest.json of \`jitlint record\``);
      throw new UsageError(`--deopt ${label}: manifest.json is not valid JSON`);
    }
    if (!manifest || typeof manifest !== 'object' || !manifest.files || typeof manifest.files !== 'object') {
      throw new UsageError(`--deopt ${label}: manifest.json lists no log files (not written by \`jitlint record\`)`);
    }
    const listed: Array<{ key: string; file: string }> = [];
    for (const [key, v] of Object.entries(manifest.files)) {
      for (const name of Array.isArray(v) ? v : [v]) if (typeof name === 'string' && name) listed.push({ key, file: path.resolve(f, name) });
    }
    let used = 0;
    for (const { key, file } of listed) {
      let size = -1;
      try {
        size = fs.statSync(file).isFile() ? fs.statSync(file).size : -1;
      } catch {
        size = -1;
      }
      if (size < 0) {
        out.notes.push(`${label}: ${escapeControl(path.basename(file))} listed in manifest.json is missing`);
        continue;
      }
      if (size === 0) continue;
      // The program's own stdout holds V8 output only when some tracing went there (inlining traces do).
      if (key === 'stdout' && !(await holdsTrace(file))) continue;
      out.files.push(file);
      used++;
    }
    if (!used) throw new UsageError(`--deopt ${label}: none of the logs listed in manifest.json can be read`);
    if (typeof manifest.cwd === 'string' && manifest.cwd) {
      if (out.runRoot === undefined) out.runRoot = manifest.cwd;
      else if (out.runRoot !== manifest.cwd) out.notes.push(`${label}: recorded in ${escapeControl(manifest.cwd)}, paths are mapped from ${escapeControl(out.runRoot)}`);
    }
    if (manifest.profiles?.allocations === 'inuse_space' && (manifest.files['heapprofile']?.length ?? 0) > 0) {
      out.liveOnlyAllocations = true;
      out.notes.push(`${label}: the allocation profile of node ${escapeControl(String(manifest.node ?? ''))} holds only objects alive at exit (its V8 ignores the options that keep collected ones): short-lived garbage is missing, and no finding is confirmed by it`);
    }
    if (typeof manifest.node === 'string') out.node ??= manifest.node;
    if (typeof manifest.v8 === 'string') out.v8 ??= manifest.v8;
  }
  return out;
}

/** Sources logged by V8 (`script-source` rows), by script name. */
function loggedSources(model: RuntimeModel): Map<string, string> {
  const out = new Map<string, string>();
  for (const s of model.scripts.values()) if (s.name && s.sourceText && !out.has(s.name)) out.set(s.name, s.sourceText);
  return out;
}

const REASON_TEXT: Record<UnmappedReason, string> = {
  internal: 'node internals',
  node_modules: 'node_modules',
  eval: 'eval code',
  'outside-project': 'files outside the project',
  'missing-file': 'files missing from this checkout',
  ambiguous: 'paths that match several project files equally well (ambiguous, not guessed)',
  unreadable: 'unreadable files',
  'out-of-range': 'positions past the end of their file (changed since the run?)',
};

export async function analyzeRuntime(req: RuntimeRequest): Promise<RuntimeOutcome> {
  const inputs = await expandInputs(req.files, req.cwd);
  // A file that is not V8 output (or unreadable) is reported and left out; the other logs
  // and the static findings still make the report.
  let files = inputs.files;
  const inputErrors: string[] = [];
  let loaded: Awaited<ReturnType<typeof loadRuntime>> | undefined;
  while (!loaded) {
    try {
      loaded = await loadRuntime(files);
    } catch (e) {
      if (!(e instanceof RuntimeInputError)) throw e;
      // By the file it names, not its base name: runs/20/v8.log and runs/24/v8.log may both be given.
      const bad = e.file !== undefined ? files.find((f) => f === e.file) : undefined;
      if (!bad) throw new UsageError(`--deopt ${e.message}`);
      inputErrors.push(`--deopt ${e.message}`);
      files = files.filter((f) => f !== bad);
    }
  }
  const { model } = loaded;
  const notes = [...inputs.notes, ...loaded.notes];
  const runRoot = req.runRoot ?? inputs.runRoot;
  const sources = loggedSources(model);
  const resolver = new SiteResolver({
    projectRoot: req.rootDir,
    baseDir: req.baseDir,
    cwd: req.cwd,
    ...(runRoot ? { runRoot } : {}),
    scriptSources: (s) => sources.get(s),
    ...(req.includePackages?.length ? { includePackages: req.includePackages } : {}),
  });

  nameFromSourceMaps(model, resolver);
  const runtimeFindings = runRuntimeRules(model, req.rules);

  const findings: Finding[] = [];
  const seen = new Set<string>();
  for (const rf of runtimeFindings) {
    const site = resolver.resolve(rf.script, rf.line, rf.column, rf.expression);
    if (isUnmapped(site)) continue;
    const related: RelatedLocation[] = [];
    rf.inlinedAt.forEach((p, i) => {
      const at = resolver.resolve(p.script, p.line, p.column, 'call');
      if (isUnmapped(at)) return;
      const caller = at.functionName || rf.inlinedAt[i]?.functionName || '';
      const into = caller ? `inlined into ${caller === '(anonymous)' ? 'an anonymous function' : caller}` : 'inlined into top-level code';
      related.push({ file: at.file, line: at.line, column: at.column, endLine: at.endLine, endColumn: at.endColumn, message: `${into} at line ${at.line}` });
    });
    const finding: Finding = {
      ruleId: rf.ruleId,
      messageId: rf.messageId,
      level: rf.level,
      file: site.file,
      line: site.line,
      column: site.column,
      endLine: site.endLine,
      endColumn: site.endColumn,
      message: rf.message,
      confirmed: false,
      functionName: site.functionName,
      snippet: site.snippet,
      evidence: rf.evidence.map((ev) => (ev.line !== undefined ? { ...ev, file: site.file, line: site.at.line, column: site.at.column } : ev)),
      ...(related.length ? { related } : {}),
      properties: { ...rf.properties, ...(site.generated ? { generated: site.generated } : {}) },
    };
    // Two inputs or two builds can place the same event on the same expression.
    const key = `${finding.ruleId}|${finding.file}|${finding.line}:${finding.column}-${finding.endLine}:${finding.endColumn}|${finding.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    findings.push(finding);
  }

  let decisions: Decision[] | undefined;
  if (req.decisionRules) {
    const placed: PlacedDecision[] = [];
    for (const rf of runRuntimeRules(model, req.decisionRules)) {
      const site = resolver.resolve(rf.script, rf.line, rf.column, rf.expression);
      if (!isUnmapped(site)) placed.push({ rf, site });
    }
    decisions = buildDecisions(placed, findings);
  }

  const place = (p: SourcePosition) => {
    const r = resolver.resolve(p.script, p.line, p.column);
    return isUnmapped(r) ? undefined : { file: r.file, line: r.at.line, column: r.at.column };
  };
  const section = runtimeSection(model, (s) => resolver.fileOf(s), place);
  if (!section.node && inputs.node) section.node = inputs.node;
  if (!section.v8 && inputs.v8) section.v8 = inputs.v8;
  const evidence = runtimeEvidence(model, place);

  const index = profileIndex(model, resolver);
  if (decisions) decisions = decisionsWithHotness(decisions, index, resolver);
  const profile = profileSection(model, index);
  const allocations = allocationsSection(model, index);
  const gc = gcSection(model, index);
  if (profile) section.profile = profile;
  if (allocations) section.allocations = inputs.liveOnlyAllocations ? { ...allocations, includesCollected: false } : allocations;
  if (gc) section.gc = gc;

  notes.push(...unmappedNotes(model, resolver, !!runRoot));
  return {
    findings,
    evidence,
    runtime: section,
    notes,
    inputErrors,
    ...(decisions ? { decisions } : {}),
    hot: hotFunctions(model, index, resolver),
    attachProfiles: (fs) => attachHotness(fs, index, resolver, !inputs.liveOnlyAllocations),
  };
}

/** One line per group of reasons: how many events (deopts, IC sites, inlining decisions) were left unmapped. */
function unmappedNotes(model: RuntimeModel, resolver: SiteResolver, haveRunRoot: boolean): string[] {
  const counts = new Map<UnmappedReason, number>();
  const examples = new Map<UnmappedReason, string>();
  const count = (p: SourcePosition | undefined) => {
    if (!p) return;
    const r = resolver.resolve(p.script, p.line, p.column);
    if (!isUnmapped(r)) return;
    counts.set(r.reason, (counts.get(r.reason) ?? 0) + 1);
    if (!examples.has(r.reason)) examples.set(r.reason, p.script);
  };
  for (const d of model.deopts) count(d.site?.position);
  for (const ic of model.ics) count(ic.position);
  for (const d of model.inlining) count(d.callSite);
  const notes: string[] = [];
  const sum = (rs: UnmappedReason[]) => rs.reduce((s, r) => s + (counts.get(r) ?? 0), 0);
  const internal = sum(['internal', 'node_modules', 'eval']);
  if (internal) notes.push(`${internal} runtime event${internal === 1 ? '' : 's'} in node internals/node_modules/eval were not mapped`);
  for (const reason of ['outside-project', 'missing-file', 'ambiguous', 'unreadable', 'out-of-range'] as const) {
    const n = counts.get(reason);
    if (!n) continue;
    const hint = !haveRunRoot && (reason === 'missing-file' || reason === 'outside-project' || reason === 'ambiguous') ? '; if the program ran elsewhere, pass --root DIR with the directory it ran in' : '';
    notes.push(`${n} runtime event${n === 1 ? '' : 's'} in ${REASON_TEXT[reason]} were not mapped (e.g. ${examples.get(reason)})${hint}`);
  }
  return notes;
}


/**
 * Minified code runs under short names (`k`, `#r`); messages and the runtime section use the
 * names the source map's `names` give back, so a finding says `sumField`, not `k`.
 */
function nameFromSourceMaps(model: RuntimeModel, resolver: SiteResolver): void {
  for (const fn of model.functions.values()) {
    if (!fn.position || !fn.name) continue;
    const original = resolver.originalFunctionName(fn.position.script, fn.position.line, fn.position.column, fn.name);
    if (original) {
      fn.generatedName = fn.name;
      fn.name = original;
    }
  }
}
