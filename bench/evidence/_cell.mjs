// Shared by the evidence benchmarks: one fresh process per measured cell, and the table print.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/**
 * Runs the benchmark file `moduleUrl` again in a new process with `args` (its child mode) and
 * returns the JSON it printed. `natives` adds --allow-natives-syntax for %-calls in the child.
 */
export function runCell(moduleUrl, args, { natives = false } = {}) {
  const argv = [...(natives ? ['--allow-natives-syntax'] : []), fileURLToPath(moduleUrl), ...args.map(String)];
  const res = spawnSync(process.execPath, argv, { encoding: 'utf8' });
  if (res.status !== 0) throw new Error(res.stderr);
  return JSON.parse(res.stdout);
}

/** Prints rows (first row: header) as a markdown table with padded columns. */
export function printTable(rows) {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => String(r[c]).length)));
  for (const r of rows) console.log(`| ${r.map((cell, c) => String(cell).padEnd(widths[c])).join(' | ')} |`);
}
