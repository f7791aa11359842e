// jitlint's V8 log ingestion (`loadRuntime`, what `analyze --deopt FILE` runs) on one file, from
// the built dist/. Prints what it extracted.
//   node bench/peers/jitlint-runtime.mjs FILE
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const { loadRuntime } = await import(pathToFileURL(path.join(repo, 'dist', 'src', 'runtime', 'index.js')).href);

const file = process.argv[2];
const { model } = await loadRuntime([file]);
// Every IC row is a transition; monomorphic sites are counted per input, not kept.
const icTransitions = model.sources.reduce((n, s) => n + s.icTransitions, 0);
const icSites = model.sources.reduce((n, s) => n + s.icSites, 0);
let codeEvents = 0;
for (const fn of model.functions.values()) for (const t of fn.timeline) if (t.kind === 'optimized') codeEvents++;
console.log(
  JSON.stringify({
    tool: 'jitlint',
    deopts: model.deopts.length,
    deoptSites: new Set(model.deopts.map((d) => (d.site ? `${d.site.position.script}:${d.site.position.line}:${d.site.position.column}` : d.fn))).size,
    icTransitions,
    icSites,
    functions: model.functions.size,
    codeEvents,
    inlining: model.inlining.length,
    lines: model.sources.reduce((n, s) => n + s.lines, 0),
    unknownLines: model.sources.reduce((n, s) => n + s.unknownLines, 0),
  }),
);
