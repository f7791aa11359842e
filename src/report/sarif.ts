// `--format sarif`: SARIF 2.1.0 that GitHub code scanning accepts as is: relative URIs under
// %SRCROOT%, full regions, GitHub's line-hash fingerprints, full rule metadata, no results
// outside the repository, deterministic order.
import type * as Sarif from 'sarif';
import type { Finding, Level, RuleMeta } from '../model.js';
import { jitlintFingerprint, lineHashes } from './fingerprint.js';
import { hiddenNotesWhat, shownFindings, type Decision, type ReportModel } from './model.js';
import { mostImportant, type Hotness } from './rank.js';

const SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
const PROBLEM_SEVERITY: Record<Level, string> = { error: 'error', warning: 'warning', note: 'recommendation' };

/** Message text is markdown-ish in SARIF: brackets would read as links. */
function escapeBrackets(s: string): string {
  return s.replace(/[[\]]/g, (c) => `\\${c}`);
}

function encodeUri(rel: string): string {
  return rel.split('/').map(encodeURIComponent).join('/');
}

function ruleDescriptor(meta: RuleMeta): Sarif.ReportingDescriptor {
  return {
    id: meta.id,
    name: meta.name,
    shortDescription: { text: meta.shortDescription.slice(0, 1024) },
    fullDescription: { text: meta.fullDescription.slice(0, 1024) },
    help: { text: meta.helpMarkdown, markdown: meta.helpMarkdown },
    defaultConfiguration: { level: meta.defaultLevel },
    properties: {
      tags: meta.tags.filter((t) => t !== 'security').slice(0, 10),
      precision: meta.precision,
      'problem.severity': PROBLEM_SEVERITY[meta.defaultLevel],
    },
  };
}

/** GitHub keeps one alert per rule and line: fold same-line results of a rule into the first. */
function mergeSameLine(findings: readonly Finding[]): Array<{ finding: Finding; more: Finding[] }> {
  const out: Array<{ finding: Finding; more: Finding[] }> = [];
  const index = new Map<string, { finding: Finding; more: Finding[] }>();
  for (const f of findings) {
    const key = `${f.ruleId}\0${f.file}\0${f.line}`;
    const hit = index.get(key);
    if (hit) hit.more.push(f);
    else {
      const entry = { finding: f, more: [] };
      index.set(key, entry);
      out.push(entry);
    }
  }
  return out;
}

function isOutsideRepository(file: string): boolean {
  return file.startsWith('../') || file === '..' || /^[a-z][a-z0-9+.-]*:/i.test(file) || file.startsWith('/');
}

/** One result: the finding, and the findings of its rule on the same line folded into its message. */
function resultOf(f: Finding, more: readonly Finding[], ruleIndex: ReadonlyMap<string, number>, hashesOf: (file: string) => string[] | undefined): Sarif.Result {
  let text = escapeBrackets(f.message);
  if (more.length > 0) {
    text += ` The same pattern occurs ${more.length} more time${more.length === 1 ? '' : 's'} on this line (column ${more.map((m) => m.column).join(', ')}).`;
  }
  const related = f.related ?? [];
  related.forEach((r, i) => {
    text += ` [${escapeBrackets(r.message)}](${i + 1})`;
  });
  const lineHash = hashesOf(f.file)?.[f.line - 1];
  const result: Sarif.Result = {
    ruleId: f.ruleId,
    ...(ruleIndex.has(f.ruleId) ? { ruleIndex: ruleIndex.get(f.ruleId)! } : {}),
    level: f.level,
    message: { text },
    locations: [
      {
        physicalLocation: {
          artifactLocation: { uri: encodeUri(f.file), uriBaseId: '%SRCROOT%' },
          region: { startLine: f.line, startColumn: f.column, endLine: f.endLine, endColumn: f.endColumn },
        },
      },
    ],
    partialFingerprints: {
      ...(lineHash ? { primaryLocationLineHash: lineHash } : {}),
      'jitlint/v1': jitlintFingerprint(f),
    },
  };
  if (related.length > 0) {
    result.relatedLocations = related.map((r, i) => ({
      id: i + 1,
      message: { text: escapeBrackets(r.message) },
      physicalLocation: {
        artifactLocation: { uri: encodeUri(r.file), uriBaseId: '%SRCROOT%' },
        region: { startLine: r.line, startColumn: r.column, endLine: r.endLine, endColumn: r.endColumn },
      },
    }));
  }
  const properties: Record<string, unknown> = { confirmed: f.confirmed, ...(f.properties ?? {}) };
  if (f.evidence?.length) properties['evidence'] = f.evidence;
  if (f.hotness) properties['hotness'] = f.hotness;
  if (f.allocated) properties['allocated'] = f.allocated;
  result.properties = properties;
  return result;
}

export function buildSarif(input: ReportModel): Sarif.Log {
  const ruleIndex = new Map(input.rules.map((m, i) => [m.id, i]));
  const hashes = new Map<string, string[] | undefined>();
  const hashesOf = (file: string) => {
    if (!hashes.has(file)) {
      const text = input.readSource(file);
      hashes.set(file, text === undefined ? undefined : lineHashes(text));
    }
    return hashes.get(file);
  };

  const lost = input.lostInputs ?? [];
  const notifications: Sarif.Notification[] = [
    ...lost.map((text): Sarif.Notification => ({ level: 'error', message: { text } })),
    ...input.notifications.map((text): Sarif.Notification => ({ level: 'note', message: { text } })),
  ];
  const shown = shownFindings(input);
  const outside = shown.filter((f) => isOutsideRepository(f.file));
  if (outside.length > 0) {
    notifications.push({
      level: 'note',
      message: { text: `${outside.length} finding(s) in files outside the repository were left out of the results.` },
    });
  }
  const hidden = input.findings.length - shown.length;
  if (hidden > 0) {
    notifications.push({ level: 'note', message: { text: `${hidden} note${hidden === 1 ? '' : 's'} (${hiddenNotesWhat(input, shown)}) not included; --show-notes includes them.` } });
  }

  const results: Sarif.Result[] = [];
  for (const { finding: f, more } of mergeSameLine(shown.filter((x) => !isOutsideRepository(x.file)))) results.push(resultOf(f, more, ruleIndex, hashesOf));

  // A lost input means the results may be incomplete: code scanning must not read them as a clean run.
  const invocation: Sarif.Invocation = { executionSuccessful: lost.length === 0 };
  if (notifications.length) invocation.toolExecutionNotifications = notifications;
  if (input.runtime?.node || input.runtime?.v8) {
    invocation.properties = { ...(input.runtime.node ? { node: input.runtime.node } : {}), ...(input.runtime.v8 ? { v8: input.runtime.v8 } : {}), unmappedRuntimeEvents: input.runtime.unmapped };
  }

  const runs = [run(input, input.rules, input.category, invocation, results)];
  if (input.decisions) runs.push(decisionRun(input, lost.length === 0, hashesOf));
  return { $schema: SCHEMA, version: '2.1.0', runs };
}

function run(input: ReportModel, rules: readonly RuleMeta[], category: string, invocation: Sarif.Invocation, results: Sarif.Result[]): Sarif.Run {
  return {
    tool: {
      driver: {
        name: 'jitlint',
        semanticVersion: input.toolVersion,
        version: input.toolVersion,
        informationUri: 'https://www.npmjs.com/package/jitlint',
        rules: rules.map(ruleDescriptor),
      },
    },
    automationDetails: { id: `jitlint/${category}/` },
    columnKind: 'utf16CodeUnits',
    invocations: [invocation],
    results,
  };
}

/** GitHub code scanning keeps at most 25,000 results of a run and shows 5,000: a decisions run keeps the 5,000 that matter most. */
export const MAX_DECISION_RESULTS = 5000;

/** The SARIF category of the decisions run, apart from the findings' so that it can be uploaded or filtered on its own. */
export function decisionsCategory(category: string): string {
  return `${category}-decisions`;
}

/**
 * The second run: `inlined` and `optimized` decisions as notes (the negative ones are findings,
 * in the first run). One result per rule and line (GitHub keeps one alert per rule and line),
 * the most important kept when there are more than GitHub shows, then in position order.
 */
function decisionRun(input: ReportModel, successful: boolean, hashesOf: (file: string) => string[] | undefined): Sarif.Run {
  const rules = input.decisionRules ?? [];
  const ruleIndex = new Map(rules.map((m, i) => [m.id, i]));
  const positive = (input.decisions ?? []).filter((d) => ruleIndex.has(d.ruleId));
  const outside = positive.filter((d) => isOutsideRepository(d.file)).length;
  const groups = new Map<string, Decision[]>();
  for (const d of positive) {
    if (isOutsideRepository(d.file)) continue;
    const key = `${d.ruleId}\0${d.file}\0${d.line}`;
    const g = groups.get(key);
    if (g) g.push(d);
    else groups.set(key, [d]);
  }
  const candidates = [...groups.values()].map((g) => ({
    g,
    file: g[0]!.file,
    line: g[0]!.line,
    column: g[0]!.column,
    count: g.reduce((n, d) => Math.max(n, d.count), 0),
    ...hottest(g),
  }));
  const { kept, leftOut } = mostImportant(candidates, MAX_DECISION_RESULTS);
  kept.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || a.column - b.column));
  const results = kept.map(({ g }) => {
    const first = g[0]!;
    const message = [...new Set(g.map((d) => d.message))].join(' ');
    const { at: _at, ...region } = first;
    const finding: Finding = { ...region, level: 'note', message, confirmed: false, properties: decisionProperties(g) };
    const r = resultOf(finding, [], ruleIndex, hashesOf);
    delete (r.properties as Record<string, unknown>)['confirmed'];
    return r;
  });
  const notifications: Sarif.Notification[] = [];
  if (leftOut > 0) {
    const total = kept.length + leftOut;
    notifications.push({
      level: 'note',
      message: {
        text: `${leftOut} of ${total} decision results left out: GitHub code scanning shows at most ${MAX_DECISION_RESULTS} results per run, so the ${MAX_DECISION_RESULTS} most important are kept (the hottest when a CPU profile tells, else the decisions V8 made most often).`,
      },
    });
  }
  if (outside > 0) notifications.push({ level: 'note', message: { text: `${outside} decision(s) in files outside the repository were left out of the results.` } });
  const invocation: Sarif.Invocation = { executionSuccessful: successful };
  if (notifications.length) invocation.toolExecutionNotifications = notifications;
  return run(input, rules, decisionsCategory(input.category), invocation, results);
}

function hottest(g: readonly Decision[]): { hotness?: Hotness } {
  let best: Hotness | undefined;
  for (const d of g) if (d.hotness && (!best || d.hotness.totalPercent > best.totalPercent)) best = d.hotness;
  return best ? { hotness: best } : {};
}

function decisionProperties(g: readonly Decision[]): Record<string, unknown> {
  return {
    decisions: g.map((d) => ({
      kind: d.kind,
      function: d.function,
      ...(d.callee !== undefined ? { callee: d.callee } : {}),
      tier: d.tier,
      ...(d.osr !== undefined ? { osr: d.osr } : {}),
      count: d.count,
      line: d.at.line,
      column: d.at.column,
    })),
  };
}

export function formatSarif(input: ReportModel): string {
  return JSON.stringify(buildSarif(input), null, 2) + '\n';
}
