// The floor of the log cases: a plain node:readline loop over the file that only counts lines.
//   node bench/peers/readline-floor.mjs FILE
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';

const file = process.argv[2];
let lines = 0;
const rl = createInterface({ input: createReadStream(file), crlfDelay: Infinity });
for await (const _line of rl) lines++;
console.log(JSON.stringify({ tool: 'readline', lines }));
