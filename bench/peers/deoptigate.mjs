// deoptigate@0.7.1 on a v8.log: its own `processLogContent` over a node:readline stream, the
// extraction step of `deoptigate` (without the HTML rendering). Prints what it extracted.
//   node bench/peers/deoptigate.mjs FILE
import { createReadStream } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { createInterface } from 'node:readline';

const require = createRequire(import.meta.url);
const { processLogContent } = require('deoptigate');

const file = process.argv[2];
const rl = createInterface({ input: createReadStream(file), crlfDelay: Infinity });
const processed = await processLogContent(rl, path.dirname(file));
const sumUpdates = (m) => {
  let n = 0;
  for (const e of m.values()) n += e.updates?.length ?? 0;
  return n;
};
console.log(
  JSON.stringify({
    tool: 'deoptigate',
    deopts: sumUpdates(processed.entriesDeopt),
    deoptSites: processed.entriesDeopt.size,
    icTransitions: sumUpdates(processed.entriesIC),
    icSites: processed.entriesIC.size,
    functions: processed.entriesCode.size,
    codeEvents: sumUpdates(processed.entriesCode),
  }),
);
