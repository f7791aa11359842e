// `jitlint top --deopt DIR [-n N] [paths...]`: pprof's top with V8's view beside it. The N
// hottest project functions (self %, total %, bytes allocated), each with its tiers, deopts,
// what was inlined into it and the findings inside it; then a GC line, with the leak warning.
import path from 'node:path';
import { parseArgs } from 'node:util';
import { UsageError } from '../errors.js';
import { analyze } from '../pipeline/analyze.js';
import type { HotFunction } from '../pipeline/hot-functions.js';
import type { Finding } from '../model.js';
import type { GcSection, ReportModel } from '../report/model.js';
import { formatBytes } from '../correlate/allocations.js';
import { TOP_HELP } from './help.js';

export interface TopIo {
  cwd: string;
  stdout: (s: string) => void;
  stderr: (s: string) => void;
}

export async function runTop(argv: string[], io: TopIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: {
      deopt: { type: 'string', multiple: true },
      n: { type: 'string', short: 'n' },
      root: { type: 'string' },
      project: { type: 'string', short: 'p' },
      debug: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    io.stdout(TOP_HELP);
    return 0;
  }
  const deopt = values.deopt ?? [];
  if (!deopt.length) throw new UsageError('top: --deopt DIR is required (a `jitlint record` folder, or .cpuprofile/.heapprofile/log files)');
  const n = values.n === undefined ? 10 : Number(values.n);
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`top: -n ${values.n}: expected a whole number above 0`);
  const common = { cwd: io.cwd, deopt, ...(values.root ? { root: values.root } : {}), ...(values.project ? { project: values.project } : {}), showNotes: true };

  // The profiles first; then the static pass over the files of the hottest functions (or the paths given).
  let result = await analyze({ ...common, paths: positionals });
  const top = result.hot.slice(0, n);
  if (!positionals.length && top.length) {
    const files = [...new Set(top.map((h) => path.resolve(result.baseDir, h.file)))];
    result = await analyze({ ...common, paths: files });
  }
  io.stdout(formatTop(result.report, result.hot.slice(0, n), result.hot.length));
  for (const e of result.inputErrors) io.stderr(`jitlint: ${e}\n`);
  for (const note of result.notes) io.stderr(`jitlint: ${note}\n`);
  return result.inputErrors.length ? 2 : 0;
}

const pct = (n: number) => `${n.toFixed(2)}%`;

export function formatTop(report: ReportModel, top: readonly HotFunction[], all: number): string {
  const rt = report.runtime;
  const out: string[] = [];
  const head: string[] = [];
  if (rt?.profile) head.push(`${rt.profile.samples} samples over ${Math.round(rt.profile.durationMs)} ms`);
  if (rt?.allocations) head.push(`${formatBytes(rt.allocations.bytes)} allocated`);
  if (rt?.node) head.push(`node ${rt.node}`);
  out.push(`Showing ${top.length} of ${all} profiled functions${head.length ? ` (${head.join(', ')})` : ''}`);
  if (!top.length) out.push('  no function of the project in the profiles (record with `jitlint record`; are the paths right?)');
  else out.push(`  ${'self'.padStart(7)}  ${'total'.padStart(7)}  ${'alloc'.padStart(9)}  function`);
  for (const h of top) {
    const alloc = h.bytes ? formatBytes(h.bytes) : '-';
    out.push(`  ${pct(h.selfPercent).padStart(7)}  ${pct(h.totalPercent).padStart(7)}  ${alloc.padStart(9)}  ${h.name}  ${h.file}:${h.line}:${h.column}`);
    const pad = ' '.repeat(32);
    if (h.tiers.length) out.push(`${pad}tiers: ${h.tiers.join(' → ')}`);
    if (h.deopts.length) out.push(`${pad}deopts: ${h.deopts.map((d) => `${d.count}× ${d.reason}${d.line !== undefined ? ` (line ${d.line})` : ''}`).join('; ')}`);
    if (h.inlined.length) out.push(`${pad}inlined: ${h.inlined.join(', ')}`);
    const inside = report.findings.filter((f) => inFunction(f, h));
    for (const f of inside) out.push(`${pad}${f.line}:${f.column} ${f.ruleId} (${f.level}${f.confirmed ? ', confirmed' : ''})`);
  }
  const gc = gcLine(rt?.gc);
  if (gc.length) out.push('', ...gc);
  return out.join('\n') + '\n';
}

function inFunction(f: Finding, h: HotFunction): boolean {
  if (f.file !== h.file) return false;
  if (f.hotness) return f.hotness.function === h.name;
  return !!f.allocated && (f.functionName ?? '') === h.name;
}

export function gcLine(gc: GcSection | undefined): string[] {
  if (!gc) return [];
  const kinds = gc.kinds.map((k) => `${k.count} ${k.kind} (${k.pauseMs.toFixed(1)} ms)`).join(', ');
  const share = gc.gcPercent !== undefined ? `; ${pct(gc.gcPercent)} of CPU samples in the garbage collector` : '';
  const lines = [`GC: ${gc.collections} collection${gc.collections === 1 ? '' : 's'}: ${kinds}; ${gc.pauseMs.toFixed(1)} ms paused${share}`];
  if (gc.growing) {
    const a = gc.growing.fullHeapAfterMB;
    lines.push(
      `warning: the heap left after each full collection kept growing (${a[0]} → ${a[a.length - 1]} MB over ${a.length} collections, isolate ${gc.growing.isolate}): what stays reachable grows, the sign of a leak`,
    );
  }
  return lines;
}
