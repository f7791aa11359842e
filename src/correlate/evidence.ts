// What V8 did at original source positions, as evidence for static findings: deopts (grouped
// per function, site, inlining chain and cause) and polymorphic or megamorphic inline caches.
import type { Evidence } from '../model.js';
import { isOsrDeopt } from '../runtime/deopt-kinds.js';
import { positionKey, type DeoptEvent, type RuntimeModel, type SourcePosition } from '../runtime/model.js';

/** One thing V8 did at an original source position. */
export interface RuntimeEvidence extends Evidence {
  file: string;
  line: number;
  column: number;
  functionName?: string;
}

/** Places a V8 position in a project file (through source maps), or undefined when it maps to none. */
export type PlacePosition = (p: SourcePosition) => { file: string; line: number; column: number } | undefined;

const TIER: Record<string, string> = { turbofan: 'Turbofan', maglev: 'Maglev' };
const STATE: Record<string, string> = { P: 'polymorphic', N: 'megamorphic' };

export function runtimeEvidence(model: RuntimeModel, place: PlacePosition): RuntimeEvidence[] {
  const out: RuntimeEvidence[] = [];
  const fnName = (key: string | undefined) => (key ? model.functions.get(key)?.name ?? '' : '');

  // Deopts: one item per (function, site, chain, kind, reason), counted as the largest per-input count.
  const groups = new Map<string, { d: DeoptEvent; per: Map<number, number> }>();
  for (const d of model.deopts) {
    if (!d.site || isOsrDeopt(d) || d.kind === 'dependency-change') continue;
    const k = `${d.fn}|${positionKey(d.site.position)}|${d.site.inlinedAt.map(positionKey).join('<')}|${d.kind}|${d.reason}`;
    let g = groups.get(k);
    if (!g) groups.set(k, (g = { d, per: new Map() }));
    g.per.set(d.source, (g.per.get(d.source) ?? 0) + 1);
  }
  for (const { d, per } of groups.values()) {
    const at = place(d.site!.position);
    if (!at) continue;
    let count = 0;
    for (const n of per.values()) if (n > count) count = n;
    const name = fnName(d.fn);
    const tier = d.tier ? ` in ${TIER[d.tier] ?? d.tier}` : '';
    out.push({
      kind: 'deopt',
      ...at,
      count,
      reason: d.reason,
      ...(d.tier ? { tier: d.tier } : {}),
      functionName: name,
      message: `${name || '(anonymous)'} was deoptimized ${count === 1 ? 'once' : `${count} times`} at line ${at.line} (${d.kind}: ${d.reason})${tier}`,
    });
  }

  // In source order, as the report lists them: the first items name the evidence in messages.
  out.sort(byPosition);
  const ics: RuntimeEvidence[] = [];
  for (const ic of model.ics) {
    if (ic.maxState !== 'P' && ic.maxState !== 'N') continue;
    const at = place(ic.position);
    if (!at) continue;
    const name = fnName(ic.fn);
    ics.push({
      kind: 'ic',
      ...at,
      state: ic.maxState,
      ...(name ? { functionName: name } : {}),
      message: `the ${ic.icKind} for '${ic.firstMaxTransition.key}' at line ${at.line} went ${STATE[ic.maxState]}`,
    });
  }

  ics.sort(byPosition);
  for (const e of ics) out.push(e);
  return out;
}

function byPosition(a: RuntimeEvidence, b: RuntimeEvidence): number {
  return a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column;
}
