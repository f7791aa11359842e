// v8-deopt-parser@0.4.0 on a v8.log: `parseV8Log` of the whole file content (its API takes a
// string, so the file is read whole). Prints what it extracted.
//   node bench/peers/v8-deopt-parser.mjs FILE
import { readFileSync } from 'node:fs';
import { parseV8Log } from 'v8-deopt-parser';

const file = process.argv[2];
const result = await parseV8Log(readFileSync(file, 'utf8'));
const sumUpdates = (entries) => entries.reduce((n, e) => n + (e.updates?.length ?? 0), 0);
console.log(
  JSON.stringify({
    tool: 'v8-deopt-parser',
    deopts: sumUpdates(result.deopts),
    deoptSites: result.deopts.length,
    icTransitions: sumUpdates(result.ics),
    icSites: result.ics.length,
    functions: result.codes.length,
    codeEvents: sumUpdates(result.codes),
  }),
);
