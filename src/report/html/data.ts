// The data the HTML report embeds as one JSON document: findings by file, rule metadata with
// rendered help, file sources with their syntax classes, and the runtime section regrouped per
// function. The page renders from it lazily, so its shape is kept compact (indices, not repeats).
import type { Finding, Level } from '../../model.js';
import type { RuntimeSection } from '../model.js';
import { summarize, type ReportModel } from '../model.js';
import { highlight } from './highlight.js';
import { markdownToHtml } from './markdown.js';
import { formatBytes } from '../../correlate/allocations.js';

/**
 * Optional fields the runtime section may carry beyond `RuntimeSection`; the report renders
 * without them. `timeline` is the function's tier history in order (from
 * `RuntimeFunction.timeline`); `profile` the CPU profile summary of DESIGN.md §4.
 */
export interface HtmlTimelineEvent {
  kind: 'baseline' | 'marked' | 'compile-start' | 'compile-end' | 'optimized' | 'deoptimized' | 'aborted' | 'disabled';
  tier?: 'ignition' | 'sparkplug' | 'maglev' | 'turbofan';
  osr?: boolean;
  reason?: string;
  deoptKind?: string;
  /** µs since start, when known. */
  time?: number;
}

export interface HtmlProfileFunction {
  name: string;
  file?: string;
  line?: number;
  column?: number;
  selfPercent: number;
  totalPercent: number;
}

export type HtmlRuntimeInput = Omit<RuntimeSection, 'functions' | 'ics'> & {
  functions: Array<RuntimeSection['functions'][number] & { timeline?: HtmlTimelineEvent[] }>;
  /** `keys`: the keys seen at the site (IcSite.keys); `maps`: how many distinct maps (IcSite.maps). */
  ics: Array<RuntimeSection['ics'][number] & { keys?: string[]; maps?: number }>;
  profile?: { samples?: number; durationMs?: number; functions: HtmlProfileFunction[] };
};

const LEVELS: Level[] = ['error', 'warning', 'note'];

/** A position in a file: file index into `files` when the report holds that file, else its path. */
type Where = { f: number | string; l: number; c: number };

export interface HtmlFinding {
  f: number;
  l: number;
  c: number;
  el: number;
  ec: number;
  /** Level index into ['error', 'warning', 'note']. */
  lv: number;
  r: number;
  m: string;
  ok?: 1;
  /** The profiles' word on its function, ready to print: "27.8% cpu · 181.9 MB". */
  hot?: string;
  ev?: Array<{ k: string; m: string; at?: Where }>;
  rel?: Array<{ m: string; at: Where; el: number; ec: number }>;
}

export interface HtmlFile {
  path: string;
  /** Findings per level, in LEVELS order. */
  n: [number, number, number];
  src?: string;
  tok?: number[];
}

export interface HtmlFunction {
  name: string;
  at?: Where;
  optimizations: number;
  deopts: number;
  loop?: 1;
  timeline?: HtmlTimelineEvent[];
  deoptSites: Array<{ at: Where; kind: string; reason: string; tier?: string; count: number; actionable: boolean; inlinedAt: Where[] }>;
  inlined: Array<{ callee: string; tier: string; at?: Where }>;
  rejected: Array<{ callee: string; tier: string; reason?: string; at?: Where }>;
  ics: Array<{ at: Where; state: string; key: string; kind: string; keys?: string[]; maps?: number }>;
}

export interface HtmlData {
  tool: { name: 'jitlint'; version: string };
  run: { node?: string; v8?: string };
  summary: { errors: number; warnings: number; notes: number; files: number; confirmed: number; filesWithFindings: number };
  rules: Array<{ id: string; kind: string; level: string; short: string; help: string }>;
  files: HtmlFile[];
  findings: HtmlFinding[];
  runtime?: { functions: HtmlFunction[]; unmapped: number; profile?: { samples?: number; durationMs?: number; functions: Array<HtmlProfileFunction & { at?: Where }> } };
  notifications: string[];
}

export function buildData(input: ReportModel): HtmlData {
  const summary = summarize(input);
  const ruleIndex = new Map<string, number>();
  const rules: HtmlData['rules'] = [];
  for (const r of input.rules) {
    ruleIndex.set(r.id, rules.length);
    rules.push({ id: r.id, kind: r.kind, level: r.defaultLevel, short: r.shortDescription, help: markdownToHtml(r.helpMarkdown) });
  }
  const ruleOf = (id: string) => {
    let i = ruleIndex.get(id);
    if (i === undefined) {
      i = rules.length;
      ruleIndex.set(id, i);
      rules.push({ id, kind: 'static', level: 'warning', short: '', help: '' });
    }
    return i;
  };

  // Files with findings in report order, then files only referenced by evidence or related
  // locations (embedded too, so that those links land on code).
  const fileIndex = new Map<string, number>();
  const files: HtmlFile[] = [];
  const addFile = (path: string) => {
    let i = fileIndex.get(path);
    if (i === undefined) {
      i = files.length;
      fileIndex.set(path, i);
      files.push({ path, n: [0, 0, 0] });
    }
    return i;
  };
  for (const f of input.findings) addFile(f.file);
  const referenced = new Set<string>();
  for (const f of input.findings) {
    for (const e of f.evidence ?? []) if (e.file && !fileIndex.has(e.file)) referenced.add(e.file);
    for (const r of f.related ?? []) if (!fileIndex.has(r.file)) referenced.add(r.file);
  }
  for (const p of [...referenced].sort()) addFile(p);
  const where = (file: string | undefined, line: number | undefined, column: number | undefined): Where | undefined =>
    file === undefined || line === undefined ? undefined : { f: fileIndex.get(file) ?? file, l: line, c: column ?? 1 };

  const findings: HtmlFinding[] = input.findings.map((f: Finding) => {
    const lv = LEVELS.indexOf(f.level);
    const out: HtmlFinding = { f: fileIndex.get(f.file)!, l: f.line, c: f.column, el: f.endLine, ec: f.endColumn, lv, r: ruleOf(f.ruleId), m: f.message };
    files[out.f]!.n[lv]!++;
    if (f.confirmed) out.ok = 1;
    const heat = [f.hotness ? `${f.hotness.totalPercent.toFixed(1)}% cpu` : '', f.allocated ? formatBytes(f.allocated.bytes) : ''].filter(Boolean).join(' · ');
    if (heat) out.hot = heat;
    if (f.evidence?.length) out.ev = f.evidence.map((e) => ({ k: e.kind, m: e.message, ...(e.line !== undefined ? { at: where(e.file ?? f.file, e.line, e.column)! } : {}) }));
    if (f.related?.length) out.rel = f.related.map((r) => ({ m: r.message, at: where(r.file, r.line, r.column)!, el: r.endLine, ec: r.endColumn }));
    return out;
  });

  for (const file of files) {
    const src = input.readSource(file.path);
    if (src === undefined) continue;
    file.src = src;
    file.tok = highlight(src, file.path);
  }

  const run: HtmlData['run'] = {};
  if (input.runtime?.node) run.node = input.runtime.node;
  if (input.runtime?.v8) run.v8 = input.runtime.v8;
  const data: HtmlData = {
    tool: { name: 'jitlint', version: input.toolVersion },
    run,
    summary: { ...summary, confirmed: input.findings.filter((f) => f.confirmed).length, filesWithFindings: new Set(input.findings.map((f) => f.file)).size },
    rules,
    files,
    findings,
    notifications: [...input.notifications],
  };
  if (input.runtime) data.runtime = runtimeData(input.runtime as unknown as HtmlRuntimeInput, input.findings, where);
  return data;
}

/**
 * The runtime section regrouped by function. Deopts, ICs and inlining decisions name their
 * function only by name; when several functions share it, the one in the same file that starts
 * closest above the site is taken (a function contains the sites after its start).
 */
function runtimeData(rt: HtmlRuntimeInput, findings: Finding[], where: (file: string | undefined, line: number | undefined, column: number | undefined) => Where | undefined): NonNullable<HtmlData['runtime']> {
  const loops = new Set(findings.filter((f) => f.ruleId === 'deopt-loop').map((f) => `${f.file}:${f.line}`));
  const fns: Array<HtmlFunction & { file?: string; line?: number }> = [];
  const byName = new Map<string, typeof fns>();
  const add = (fn: (typeof fns)[number]) => {
    fns.push(fn);
    byName.set(fn.name, [...(byName.get(fn.name) ?? []), fn]);
    return fn;
  };
  for (const f of rt.functions ?? []) {
    const fn = add({ name: f.name, file: f.file, line: f.line, at: where(f.file, f.line, f.column)!, optimizations: f.optimizations, deopts: f.deopts, deoptSites: [], inlined: [], rejected: [], ics: [] });
    if (loops.has(`${f.file}:${f.line}`)) fn.loop = 1;
    if (Array.isArray(f.timeline) && f.timeline.length) fn.timeline = f.timeline.map((t) => ({ ...t }));
  }
  const owner = (name: string | undefined, file: string | undefined, line: number | undefined) => {
    const n = name ?? '';
    const cands = byName.get(n);
    if (cands?.length === 1) return cands[0]!;
    if (cands?.length) {
      let best: (typeof fns)[number] | undefined;
      for (const c of cands) if (c.file === file && c.line !== undefined && line !== undefined && c.line <= line && (!best || c.line! > best.line!)) best = c;
      return best ?? cands.find((c) => c.file === file) ?? cands[0]!;
    }
    // Known only from its sites: listed without a position or counts.
    return add({ name: n, file, optimizations: 0, deopts: 0, deoptSites: [], inlined: [], rejected: [], ics: [] });
  };
  for (const d of rt.deopts ?? []) {
    owner(d.function, d.file, d.line).deoptSites.push({
      at: where(d.file, d.line, d.column)!,
      kind: d.kind,
      reason: d.reason,
      ...(d.tier ? { tier: d.tier } : {}),
      count: d.count,
      actionable: d.actionable,
      inlinedAt: d.inlinedAt.flatMap((p) => (p.file ? [where(p.file, p.line, p.column)!] : [])),
    });
  }
  for (const i of rt.inlining ?? []) {
    const fn = owner(i.caller, i.file, i.line);
    const at = where(i.file, i.line, i.column);
    if (i.inlined) fn.inlined.push({ callee: i.callee, tier: i.tier, ...(at ? { at } : {}) });
    else fn.rejected.push({ callee: i.callee, tier: i.tier, ...(i.reason ? { reason: i.reason } : {}), ...(at ? { at } : {}) });
  }
  for (const ic of rt.ics ?? []) owner(ic.function, ic.file, ic.line).ics.push({
      at: where(ic.file, ic.line, ic.column)!,
      state: ic.state,
      key: ic.key,
      kind: ic.kind,
      ...(Array.isArray(ic.keys) && ic.keys.length ? { keys: [...ic.keys] } : {}),
      ...(typeof ic.maps === 'number' ? { maps: ic.maps } : {}),
    });

  const functions = fns.map(({ file: _f, line: _l, ...fn }) => fn);
  const out: NonNullable<HtmlData['runtime']> = { functions, unmapped: rt.unmapped ?? 0 };
  if (rt.profile && Array.isArray(rt.profile.functions)) {
    const hot = [...rt.profile.functions].sort((a, b) => b.selfPercent - a.selfPercent || b.totalPercent - a.totalPercent).slice(0, 100);
    out.profile = {
      ...(rt.profile.samples !== undefined ? { samples: rt.profile.samples } : {}),
      ...(rt.profile.durationMs !== undefined ? { durationMs: rt.profile.durationMs } : {}),
      functions: hot.map((h) => {
        const at = where(h.file, h.line, h.column);
        return { ...h, ...(at ? { at } : {}) };
      }),
    };
  }
  return out;
}
