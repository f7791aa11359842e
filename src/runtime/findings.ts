// Runtime findings: one per (rule, function, site), aggregated over events.
// Files given together are taken as views of the same run (trace text and v8.log
// of one process print the same deopts), so a count is the largest count any one
// input shows for that site, not the sum over inputs.
import type { Evidence, Level } from '../model.js';
import {
  type DeoptEvent,
  type OptimizingTier,
  type RuntimeFunction,
  type RuntimeModel,
  type SourcePosition,
  positionKey,
} from './model.js';
import { isInternalScript } from './scripts.js';

export type RuntimeRuleId = 'deopt' | 'deopt-loop' | 'inlining-rejected' | 'megamorphic-ic';

export interface RuntimeFinding {
  ruleId: RuntimeRuleId;
  level: Level;
  /** The script as V8 printed it: absolute path, file:// URL, node:…. */
  script: string;
  /** 1-based, as V8 prints them. */
  line: number;
  column: number;
  functionName: string;
  message: string;
  evidence: Evidence[];
  /** Innermost first. */
  inlinedAt: Array<{ script: string; line: number; column: number; functionName?: string }>;
  properties: Record<string, unknown>;
}

export interface DeriveOptions {
  /** Deopts of one function from which `deopt-loop` fires (default 3). */
  deoptLoopThreshold?: number;
  /** Report sites in Node's or V8's own scripts too (default false). */
  includeInternal?: boolean;
}

/** Not actionable: V8 leaves optimized code on purpose to enter OSR code. */
export function isOsrDeopt(d: DeoptEvent): boolean {
  // "prepare for on stack replacement (OSR)" (Turbofan), "exit from OSR'd inner loop" (Maglev).
  return d.reason.startsWith('prepare for on stack replacement') || d.reason.startsWith("exit from OSR'd");
}

const TIER_NAME: Record<OptimizingTier, string> = { maglev: 'Maglev', turbofan: 'Turbofan' };

function tierText(tiers: Set<string>): string {
  const names = [...tiers].filter(Boolean).map((t) => TIER_NAME[t as OptimizingTier] ?? t);
  return names.length ? ` in ${names.join(' and ')}` : '';
}

function times(n: number): string {
  return n === 1 ? 'once' : `${n} times`;
}

/** Largest per-input count of the events in a group. */
function maxPerSource<T extends { source: number }>(events: T[]): number {
  const per = new Map<number, number>();
  for (const e of events) per.set(e.source, (per.get(e.source) ?? 0) + 1);
  return Math.max(0, ...per.values());
}

function fnName(model: RuntimeModel, key: string | undefined): string {
  if (!key) return '';
  return model.functions.get(key)?.name ?? '';
}

function displayName(name: string): string {
  return name || '(anonymous)';
}

/**
 * Past 4 maps an IC is megamorphic by shapes; with fewer, a keyed IC went megamorphic because
 * it saw many different keys (V8 caches one name per keyed IC): say which it was.
 */
function megamorphicMessage(what: string, icKind: string, maps: number, keyCount: number, keys: string): string {
  if (maps > 4) return `This ${what} went megamorphic: its ${icKind} saw ${maps} maps, more than the 4 a polymorphic inline cache holds${keys}.`;
  if (icKind.startsWith('Keyed') && keyCount > 1) return `This ${what} went megamorphic: its ${icKind} saw ${keyCount} different keys (on ${maps} map${maps === 1 ? '' : 's'}), and a keyed inline cache specializes on one${keys}.`;
  return `This ${what} went megamorphic: its ${icKind} gave up on specialized handlers (${maps} map${maps === 1 ? '' : 's'} logged)${keys}.`;
}

export function deriveRuntimeFindings(model: RuntimeModel, opts: DeriveOptions = {}): RuntimeFinding[] {
  const threshold = opts.deoptLoopThreshold ?? 3;
  const keep = (p: SourcePosition | undefined): p is SourcePosition => !!p && (opts.includeInternal || !isInternalScript(p.script));
  // concat, not push(...): a spread of hundreds of thousands of findings overflows the stack.
  const out: RuntimeFinding[] = deoptFindings(model, keep).concat(
    deoptLoopFindings(model, threshold, keep),
    inliningFindings(model, keep),
    icFindings(model, keep),
  );
  return out.sort(
    (a, b) => a.script.localeCompare(b.script) || a.line - b.line || a.column - b.column || a.ruleId.localeCompare(b.ruleId),
  );
}

/** Actionable deopts with a site; events without one fall back to the function start when no input placed them. */
function placedDeopts(model: RuntimeModel): Array<{ d: DeoptEvent; site: SourcePosition; inlinedAt: SourcePosition[]; atFunctionStart: boolean }> {
  const placed = new Set<string>();
  for (const d of model.deopts) if (d.site) placed.add(`${d.fn}|${d.kind}|${d.reason}`);
  const out = [];
  for (const d of model.deopts) {
    if (isOsrDeopt(d)) continue;
    if (d.site) out.push({ d, site: d.site.position, inlinedAt: d.site.inlinedAt, atFunctionStart: d.kind === 'dependency-change' });
    else {
      const fn = model.functions.get(d.fn);
      if (fn?.position && !placed.has(`${d.fn}|${d.kind}|${d.reason}`)) out.push({ d, site: fn.position, inlinedAt: [], atFunctionStart: true });
    }
  }
  return out;
}

function deoptFindings(model: RuntimeModel, keep: (p: SourcePosition | undefined) => p is SourcePosition): RuntimeFinding[] {
  const groups = new Map<string, ReturnType<typeof placedDeopts>>();
  for (const p of placedDeopts(model)) {
    if (!keep(p.site)) continue;
    const k = `${p.d.fn}|${positionKey(p.site)}|${p.inlinedAt.map(positionKey).join('<')}`;
    const g = groups.get(k);
    if (g) g.push(p);
    else groups.set(k, [p]);
  }
  const findings: RuntimeFinding[] = [];
  for (const g of groups.values()) {
    const first = g[0]!;
    const name = fnName(model, first.d.fn);
    const byCause = new Map<string, DeoptEvent[]>();
    for (const { d } of g) {
      const k = `${d.kind}: ${d.reason}`;
      byCause.set(k, [...(byCause.get(k) ?? []), d]);
    }
    const causes = [...byCause.entries()].map(([cause, evs]) => ({ cause, count: maxPerSource(evs), evs }));
    causes.sort((a, b) => b.count - a.count || a.cause.localeCompare(b.cause));
    const total = causes.reduce((s, c) => s + c.count, 0);
    const tiers = new Set(g.map((p) => p.d.tier ?? ''));
    const onlyDependency = causes.every((c) => c.evs[0]!.kind === 'dependency-change');
    const causeText = causes.map((c) => (c.count > 1 ? `${c.cause} ×${c.count}` : c.cause)).join('; ');
    const where = onlyDependency ? ' (V8 logs dependency deopts at the function start, not at the change that caused them)' : ' here';
    const message = `${displayName(name)} was deoptimized ${times(total)}${where} (${causeText})${tierText(tiers)}.`;
    findings.push({
      ruleId: 'deopt',
      level: onlyDependency ? 'note' : 'warning',
      script: first.site.script,
      line: first.site.line,
      column: first.site.column,
      functionName: name,
      message,
      evidence: causes.map((c) => {
        const d = c.evs[0]!;
        const tier = d.tier ? TIER_NAME[d.tier] : undefined;
        return {
          kind: 'deopt' as const,
          message: `${d.kind} (${d.reason}) ×${c.count}${tier ? ` in ${tier}` : ''}`,
          line: first.site.line,
          column: first.site.column,
          count: c.count,
          reason: d.reason,
          tier,
        };
      }),
      inlinedAt: first.inlinedAt.map((p, i, all) => ({ ...p, ...(i === all.length - 1 ? { functionName: name } : {}) })),
      properties: {
        count: total,
        kinds: [...new Set(causes.map((c) => c.evs[0]!.kind))],
        reasons: causes.map((c) => c.evs[0]!.reason),
        tiers: [...tiers].filter(Boolean),
        atFunctionStart: first.atFunctionStart,
      },
    });
  }
  return findings;
}

function deoptLoopFindings(model: RuntimeModel, threshold: number, keep: (p: SourcePosition | undefined) => p is SourcePosition): RuntimeFinding[] {
  const byFn = new Map<string, DeoptEvent[]>();
  for (const d of model.deopts) {
    if (isOsrDeopt(d) || d.kind === 'dependency-change') continue;
    byFn.set(d.fn, [...(byFn.get(d.fn) ?? []), d]);
  }
  const findings: RuntimeFinding[] = [];
  for (const [key, evs] of byFn) {
    const count = maxPerSource(evs);
    if (count < threshold) continue;
    const fn = model.functions.get(key);
    const site = fn?.position ?? mostFrequentSite(evs);
    if (!keep(site)) continue;
    const reoptimized = fn ? countOptimizations(fn) : 0;
    const name = fn?.name ?? '';
    findings.push({
      ruleId: 'deopt-loop',
      level: 'error',
      script: site.script,
      line: site.line,
      column: site.column,
      functionName: name,
      message: `${displayName(name)} was deoptimized ${count} times and optimized again each time (${[...new Set(evs.map((e) => e.reason))].join('; ')}); each round throws away the optimized code and the work of compiling it. Feed it values of stable types and shapes.`,
      evidence: [{ kind: 'optimization', message: `${count} deopts, ${reoptimized} optimizations`, count }],
      inlinedAt: [],
      properties: { deopts: count, optimizations: reoptimized },
    });
  }
  return findings;
}

function countOptimizations(fn: RuntimeFunction): number {
  const per = new Map<number, number>();
  for (const t of fn.timeline) if (t.kind === 'optimized') per.set(t.source, (per.get(t.source) ?? 0) + 1);
  return Math.max(0, ...per.values());
}

function mostFrequentSite(evs: DeoptEvent[]): SourcePosition | undefined {
  const counts = new Map<string, { p: SourcePosition; n: number }>();
  for (const e of evs) {
    if (!e.site) continue;
    const k = positionKey(e.site.position);
    const c = counts.get(k) ?? { p: e.site.position, n: 0 };
    c.n++;
    counts.set(k, c);
  }
  return [...counts.values()].sort((a, b) => b.n - a.n)[0]?.p;
}

function inliningFindings(model: RuntimeModel, keep: (p: SourcePosition | undefined) => p is SourcePosition): RuntimeFinding[] {
  const groups = new Map<string, typeof model.inlining>();
  for (const d of model.inlining) {
    if (d.inlined) continue;
    const k = `${d.callee}|${d.callSite ? positionKey(d.callSite) : ''}|${d.reason ?? ''}`;
    groups.set(k, [...(groups.get(k) ?? []), d]);
  }
  const findings: RuntimeFinding[] = [];
  for (const g of groups.values()) {
    const d = g[0]!;
    const callee = model.functions.get(d.callee);
    const site = d.callSite ?? callee?.position;
    if (!keep(site)) continue;
    const calleeName = displayName(callee?.name ?? '');
    const callers = [...new Set(g.filter((x) => x.caller).map((x) => displayName(fnName(model, x.caller))))];
    const callerName = callers.length ? callers.join(', ') : undefined;
    const tiers = new Set(g.map((x) => x.tier));
    const reason = d.reason ?? 'no reason printed';
    findings.push({
      ruleId: 'inlining-rejected',
      level: 'note',
      script: site.script,
      line: site.line,
      column: site.column,
      functionName: callee?.name ?? '',
      message: `V8 did not inline ${calleeName}${callerName ? ` into ${callerName}` : ''}: ${reason}${tierText(tiers)}.`,
      evidence: g.map((x) => ({ kind: 'inlining' as const, message: `not inlined (${reason}) in ${TIER_NAME[x.tier]}`, reason, tier: TIER_NAME[x.tier] })),
      inlinedAt: [],
      properties: { callee: callee?.name ?? '', callers, reason, tiers: [...tiers], atCallee: !d.callSite },
    });
  }
  return findings;
}

function icFindings(model: RuntimeModel, keep: (p: SourcePosition | undefined) => p is SourcePosition): RuntimeFinding[] {
  const findings: RuntimeFinding[] = [];
  const seen = new Set<string>();
  for (const ic of model.ics) {
    if (ic.maxState !== 'N' || !keep(ic.position) || !ic.position.script) continue;
    const k = `${ic.icKind}|${positionKey(ic.position)}`;
    if (seen.has(k)) continue;
    seen.add(k);
    const name = fnName(model, ic.fn);
    const what = ic.icKind.startsWith('Keyed') ? 'keyed access' : ic.icKind.includes('Store') ? 'property store' : 'property access';
    const keys = ic.keys.length ? ` (keys: ${ic.keys.slice(0, 4).join(', ')})` : '';
    findings.push({
      ruleId: 'megamorphic-ic',
      level: 'warning',
      script: ic.position.script,
      line: ic.position.line,
      column: ic.position.column,
      functionName: name,
      message: megamorphicMessage(what, ic.icKind, ic.maps, ic.keys.length, keys),
      evidence: [
        { kind: 'ic', message: `${ic.icKind} ${ic.firstMaxTransition.oldState} → N after ${ic.transitions} transitions`, state: 'N', count: ic.transitions },
      ],
      inlinedAt: [],
      properties: { icKind: ic.icKind, maps: ic.maps, keys: ic.keys, transitions: ic.transitions },
    });
  }
  return findings;
}
