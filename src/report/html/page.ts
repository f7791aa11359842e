// The static parts of the HTML report, rendered when it is generated: the shell, the summary and
// the runtime section (bounded in size by what V8 optimized). File sources and findings are
// rendered by the page script from the embedded data, lazily (see assets.ts).
import type { HtmlData, HtmlFunction, HtmlTimelineEvent } from './data.js';
import { escapeHtml as esc } from './markdown.js';

const LEVEL_NAMES = ['error', 'warning', 'note'] as const;

/** `#path:line` links, shared with the page script (same encoding: '/' kept, the rest escaped). */
export function hashOf(path: string, line?: number): string {
  return '#' + encodeURIComponent(path).replace(/%2F/g, '/') + (line !== undefined ? ':' + line : '');
}

type Where = { f: number | string; l: number; c: number };

function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/** A position: a link when the report holds its file, plain text otherwise. */
function at(data: HtmlData, w: Where | undefined): string {
  if (!w) return '<span class="muted">unknown position</span>';
  if (typeof w.f === 'number') {
    const path = data.files[w.f]!.path;
    return `<a class="loc" href="${esc(hashOf(path, w.l))}" title="${esc(path)}:${w.l}:${w.c}">${esc(baseName(path))}:${w.l}:${w.c}</a>`;
  }
  return `<span class="loc" title="${esc(w.f)}">${esc(baseName(w.f))}:${w.l}:${w.c}</span>`;
}

function fnName(name: string): string {
  return name ? esc(name) : '<i>(anonymous)</i>';
}

function plural(n: number, one: string, many = one + 's'): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
}

export function renderSummary(data: HtmlData): string {
  const s = data.summary;
  const meta = [`jitlint ${esc(data.tool.version)}`];
  if (data.run.node) meta.push(`Node ${esc(data.run.node)}`);
  if (data.run.v8) meta.push(`V8 ${esc(data.run.v8)}`);
  meta.push(plural(s.files, 'file') + ' analyzed');
  if (!data.runtime) meta.push('no V8 log given');

  const stat = (n: number, label: string, cls: string, attr: string) =>
    `<button type="button" class="stat ${cls}" ${attr} title="Show only these"><b>${n.toLocaleString('en-US')}</b><span>${label}</span></button>`;
  const stats = [
    stat(s.errors, s.errors === 1 ? 'error' : 'errors', 'lv-error', 'data-only-level="0"'),
    stat(s.warnings, s.warnings === 1 ? 'warning' : 'warnings', 'lv-warning', 'data-only-level="1"'),
    stat(s.notes, s.notes === 1 ? 'note' : 'notes', 'lv-note', 'data-only-level="2"'),
    stat(s.confirmed, 'confirmed by V8', 'confirmed', 'data-only-confirmed="1"'),
    `<a class="stat files" href="#files"><b>${s.filesWithFindings.toLocaleString('en-US')}</b><span>${s.filesWithFindings === 1 ? 'file' : 'files'} with findings</span></a>`,
  ].join('');

  // Counts by rule, in catalogue order; rules without findings are left out.
  const perRule = data.rules.map(() => ({ n: [0, 0, 0], ok: 0 }));
  for (const f of data.findings) {
    perRule[f.r]!.n[f.lv]!++;
    if (f.ok) perRule[f.r]!.ok++;
  }
  const rows = data.rules
    .map((r, i) => ({ r, c: perRule[i]! }))
    .filter(({ c }) => c.n[0]! + c.n[1]! + c.n[2]! > 0)
    .map(({ r, c }) => {
      const cell = (n: number, lv: string) => `<td class="num">${n ? `<span class="cnt lv-${lv}">${n}</span>` : '<span class="zero">–</span>'}</td>`;
      return `<tr><td><button type="button" class="rule-link" data-only-rule="${esc(r.id)}" title="${esc(r.short)}">${esc(r.id)}</button> <span class="kind">${esc(r.kind)}</span></td>${cell(c.n[0]!, 'error')}${cell(c.n[1]!, 'warning')}${cell(c.n[2]!, 'note')}<td class="num">${c.ok ? `<span class="cnt confirmed">${c.ok}</span>` : '<span class="zero">–</span>'}</td></tr>`;
    })
    .join('');
  const byRule = rows
    ? `<table class="tbl"><thead><tr><th>Rule</th><th class="num">Errors</th><th class="num">Warnings</th><th class="num">Notes</th><th class="num">Confirmed</th></tr></thead><tbody>${rows}</tbody></table>`
    : '<p class="empty">No findings.</p>';

  const notes = data.notifications.length ? `<ul class="notices">${data.notifications.map((n) => `<li>${esc(n)}</li>`).join('')}</ul>` : '';
  return `<section id="summary" class="panel" aria-labelledby="summary-h">
<div class="sum-head"><h1 id="summary-h">jitlint report</h1><p class="meta">${meta.join(' · ')}</p></div>
<div class="stats">${stats}</div>
<div class="sum-grid">
<div class="sum-col"><h2>Findings by rule</h2>${byRule}</div>
${renderHot(data)}
</div>${notes}
</section>`;
}

/** "Hottest functions first": filled from `runtime.profile` when the run has a CPU profile. */
function renderHot(data: HtmlData): string {
  const p = data.runtime?.profile;
  if (!p || p.functions.length === 0) {
    return `<div class="sum-col" id="hot"><h2>Hottest functions</h2><p class="empty">No CPU profile in this report. A run recorded with a CPU profile lists its functions here, hottest first.</p></div>`;
  }
  const max = Math.max(1, ...p.functions.map((f) => f.totalPercent));
  const rows = p.functions
    .slice(0, 20)
    .map((f) => {
      const loc = f.at ? at(data, f.at) : '';
      return `<tr><td>${fnName(f.name)} ${loc}</td><td class="num">${f.selfPercent.toFixed(1)}%</td><td class="num bar-cell"><span class="bar" style="width:${((f.totalPercent / max) * 100).toFixed(1)}%"></span><span>${f.totalPercent.toFixed(1)}%</span></td></tr>`;
    })
    .join('');
  const about = [p.samples !== undefined ? plural(p.samples, 'sample') : '', p.durationMs !== undefined ? `${(p.durationMs / 1000).toFixed(2)} s` : ''].filter(Boolean).join(', ');
  return `<div class="sum-col" id="hot"><h2>Hottest functions${about ? ` <span class="muted">${about}</span>` : ''}</h2><table class="tbl"><thead><tr><th>Function</th><th class="num">Self</th><th class="num">Total</th></tr></thead><tbody>${rows}</tbody></table></div>`;
}

const TIER_LABEL: Record<string, string> = { ignition: 'Interpreted', sparkplug: 'Sparkplug', maglev: 'Maglev', turbofan: 'Turbofan' };

function tierName(t: string | undefined): string {
  return (t && TIER_LABEL[t.toLowerCase()]) || (t ? esc(t) : 'optimized');
}

function tierClass(t: string | undefined): string {
  const k = t?.toLowerCase();
  return k && k in TIER_LABEL ? `t-${k}` : 't-opt';
}

interface Step {
  cls: string;
  label: string;
  title: string;
  n: number;
}

/** The tier steps of a function: from its recorded timeline, else summarized from the counts. */
function steps(fn: HtmlFunction): { steps: Step[]; exact: boolean } {
  const out: Step[] = [{ cls: 't-ignition', label: 'Interpreted', title: 'Ignition bytecode', n: 1 }];
  const push = (s: Omit<Step, 'n'>, n = 1) => {
    const last = out[out.length - 1]!;
    if (last.label === s.label && last.cls === s.cls && last.title === s.title) last.n += n;
    else out.push({ ...s, n });
  };
  if (fn.timeline) {
    for (const t of fn.timeline as HtmlTimelineEvent[]) {
      if (t.kind === 'baseline' || (t.kind === 'optimized' && t.tier === 'sparkplug')) push({ cls: 't-sparkplug', label: 'Sparkplug', title: 'baseline code' });
      else if (t.kind === 'optimized') push({ cls: tierClass(t.tier) + (t.osr ? ' osr' : ''), label: tierName(t.tier) + (t.osr ? ' <b class="osr-tag">OSR</b>' : ''), title: t.osr ? 'on-stack replacement' : 'optimized' });
      else if (t.kind === 'deoptimized') {
        push({ cls: 'deopt', label: esc(t.deoptKind ?? 'deopt') + (t.reason ? `: ${esc(t.reason)}` : ''), title: `deoptimized${t.tier ? ` from ${tierName(t.tier)}` : ''}` });
        push({ cls: 't-ignition', label: 'Interpreted', title: 'back to bytecode' });
      } else if (t.kind === 'aborted' || t.kind === 'disabled') push({ cls: 'stop', label: `${t.kind === 'aborted' ? 'aborted' : 'optimization disabled'}${t.reason ? `: ${esc(t.reason)}` : ''}`, title: t.kind });
    }
    return { steps: out, exact: true };
  }
  // Without a recorded timeline: the tiers seen in its deopts and inlining decisions, the counts, and each deopt.
  const tiers = [...new Set([...fn.deoptSites.map((d) => d.tier), ...fn.inlined.map((i) => i.tier), ...fn.rejected.map((i) => i.tier)].filter((t): t is string => !!t).map((t) => t.toLowerCase()))].sort();
  if (fn.optimizations > 0) push({ cls: tiers.length === 1 ? tierClass(tiers[0]) : 't-opt', label: tiers.length ? tiers.map(tierName).join(' / ') : 'Optimized', title: 'optimized' }, fn.optimizations);
  for (const d of fn.deoptSites) push({ cls: 'deopt', label: `${esc(d.kind)}: ${esc(d.reason)}`, title: `deoptimized${d.tier ? ` from ${tierName(d.tier)}` : ''}` }, d.count);
  return { steps: out, exact: false };
}

const MAX_STEPS = 40;

function renderTimeline(fn: HtmlFunction): string {
  const { steps: all, exact } = steps(fn);
  const shown = all.slice(0, MAX_STEPS);
  const chips = shown.map((s) => `<li class="step ${s.cls}" title="${esc(s.title)}"><span>${s.label}</span>${s.n > 1 ? `<span class="times">×${s.n}</span>` : ''}</li>`).join('');
  const more = all.length > MAX_STEPS ? `<li class="step more">… ${all.length - MAX_STEPS} more</li>` : '';
  const note = exact ? '' : '<p class="muted small">Order of events not recorded in this report: counts and deopts shown.</p>';
  return `<ol class="timeline" aria-label="Tier timeline">${chips}${more}</ol>${note}`;
}

const IC_STATE: Record<string, [string, string]> = {
  '0': ['uninitialized', 'ic-mono'],
  X: ['no feedback', 'ic-mono'],
  '.': ['premonomorphic', 'ic-mono'],
  '1': ['monomorphic', 'ic-mono'],
  '^': ['recompute handler', 'ic-mono'],
  P: ['polymorphic', 'ic-poly'],
  N: ['megamorphic', 'ic-mega'],
  G: ['generic', 'ic-mega'],
  D: ['megamorphic (dictionary)', 'ic-mega'],
};

function renderFunction(data: HtmlData, fn: HtmlFunction, i: number): string {
  const head = `<header class="fn-head"><h3>${fnName(fn.name)}</h3>${fn.at ? at(data, fn.at) : ''}<span class="fn-stats">${fn.optimizations || fn.deopts ? `optimized ${fn.optimizations}× · deoptimized ${fn.deopts}×` : ''}</span>${fn.loop ? '<span class="badge loop" title="deoptimized and re-optimized repeatedly (deopt-loop)">deopt loop</span>' : ''}</header>`;
  const parts = [head, renderTimeline(fn)];
  if (fn.deoptSites.length) {
    const rows = fn.deoptSites
      .map((d) => `<tr${d.actionable ? '' : ' class="muted"'}><td>${at(data, d.at)}${d.inlinedAt.length ? `<span class="small muted"> inlined at ${d.inlinedAt.map((w) => at(data, w)).join(' ← ')}</span>` : ''}</td><td><code>${esc(d.kind)}</code></td><td>${esc(d.reason)}</td><td>${tierName(d.tier)}</td><td class="num">${d.count}</td></tr>`)
      .join('');
    parts.push(`<h4>Deopts</h4><table class="tbl"><thead><tr><th>Site</th><th>Kind</th><th>Reason</th><th>Tier</th><th class="num">Count</th></tr></thead><tbody>${rows}</tbody></table>`);
  }
  if (fn.inlined.length || fn.rejected.length) {
    const li = fn.inlined.map((c) => `<li><span class="dot ok"></span><b>${fnName(c.callee)}</b> inlined by ${tierName(c.tier)}${c.at ? ` at ${at(data, c.at)}` : ''}</li>`);
    const lr = fn.rejected.map((c) => `<li><span class="dot no"></span><b>${fnName(c.callee)}</b> not inlined by ${tierName(c.tier)}${c.reason ? `: ${esc(c.reason)}` : ''}${c.at ? ` at ${at(data, c.at)}` : ''}</li>`);
    parts.push(`<h4>Inlining <span class="muted small">${fn.inlined.length} inlined, ${fn.rejected.length} rejected</span></h4><ul class="inl">${[...li, ...lr].join('')}</ul>`);
  }
  if (fn.ics.length) {
    const rows = fn.ics
      .map((c) => {
        const [word, cls] = IC_STATE[c.state] ?? [c.state, 'ic-mono'];
        const keys = c.keys?.length ? c.keys : c.key ? [c.key] : [];
        return `<tr><td>${at(data, c.at)}</td><td><code>${esc(c.kind)}</code></td><td>${keys.length ? keys.map((k) => `<code>${esc(k)}</code>`).join(' ') : '<span class="muted">–</span>'}</td><td class="num">${c.maps ?? '<span class="muted">–</span>'}</td><td><span class="badge ${cls}">${esc(word)}</span></td></tr>`;
      })
      .join('');
    parts.push(`<h4>Inline caches</h4><table class="tbl"><thead><tr><th>Site</th><th>IC</th><th>Keys</th><th class="num">Maps</th><th>State</th></tr></thead><tbody>${rows}</tbody></table>`);
  }
  return `<article class="fn panel${fn.loop ? ' is-loop' : ''}" id="fn-${i}">${parts.join('')}</article>`;
}

export function renderRuntime(data: HtmlData): string {
  const rt = data.runtime;
  if (!rt) {
    return `<section id="runtime" aria-labelledby="runtime-h"><h2 id="runtime-h" class="sec-h">Runtime</h2><p class="empty panel">No V8 output in this report. Record a run with <code>jitlint record</code> and pass it with <code>--deopt</code> to see tiers, deopts, inlining and inline caches per function.</p></section>`;
  }
  // Deopt loops first, then the most deoptimized, then by position (the section's order).
  const order = rt.functions.map((fn, i) => ({ fn, i })).sort((a, b) => (b.fn.loop ?? 0) - (a.fn.loop ?? 0) || b.fn.deopts - a.fn.deopts || a.i - b.i);
  const legend = ['ignition', 'sparkplug', 'maglev', 'turbofan'].map((t) => `<li class="step t-${t}"><span>${TIER_LABEL[t]}</span></li>`).join('') + '<li class="step t-turbofan osr"><span>OSR</span></li><li class="step deopt"><span>deopt</span></li>';
  const body = order.length ? order.map(({ fn }, k) => renderFunction(data, fn, k)).join('') : '<p class="empty panel">V8 optimized no function of the analyzed files.</p>';
  const unmapped = rt.unmapped ? `<p class="muted small">${plural(rt.unmapped, 'runtime event')} outside the analyzed files (node internals, node_modules, eval) not shown.</p>` : '';
  return `<section id="runtime" aria-labelledby="runtime-h"><h2 id="runtime-h" class="sec-h">Runtime <span class="muted">${plural(rt.functions.length, 'function')}</span></h2><ol class="timeline legend" aria-label="Legend">${legend}</ol>${unmapped}${body}</section>`;
}

export function renderFilters(data: HtmlData): string {
  const s = data.summary;
  const counts = [s.errors, s.warnings, s.notes];
  const levels = LEVEL_NAMES.map((lv, i) => `<label class="chip lv-${lv}"><input type="checkbox" data-level="${i}" checked><span class="dot"></span>${lv === 'note' ? 'Notes' : lv === 'error' ? 'Errors' : 'Warnings'} <b>${counts[i]}</b></label>`).join('');
  const perRule = new Map<number, number>();
  for (const f of data.findings) perRule.set(f.r, (perRule.get(f.r) ?? 0) + 1);
  const options = data.rules
    .map((r, i) => ({ r, n: perRule.get(i) ?? 0 }))
    .filter((x) => x.n > 0)
    .map((x) => `<option value="${esc(x.r.id)}">${esc(x.r.id)} (${x.n})</option>`)
    .join('');
  return `<div class="filters" role="search">
<div class="chips" role="group" aria-label="Levels">${levels}</div>
<label class="sr" for="f-rule">Rule</label><select id="f-rule"><option value="">All rules</option>${options}</select>
<label class="chip"><input type="checkbox" id="f-confirmed">Confirmed only</label>
<label class="sr" for="f-q">Search</label><input id="f-q" type="search" placeholder="Search findings  /" autocomplete="off" spellcheck="false">
<span id="shown" aria-live="polite"></span>
</div>`;
}
