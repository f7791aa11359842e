// ESLint + typescript-eslint (type-aware) with a generated flat config, on the files that config
// names, through ESLint's Node API (what the CLI does, minus formatting). Prints counts.
//   node bench/peers/eslint.mjs CONFIG DIR [PATTERN...]
import path from 'node:path';
import { ESLint } from 'eslint';

const [config, dir, ...patterns] = process.argv.slice(2);
const eslint = new ESLint({ cwd: path.resolve(dir), overrideConfigFile: path.resolve(config), cache: false, errorOnUnmatchedPattern: true });
const results = await eslint.lintFiles(patterns.length ? patterns : ['src/**/*.ts']);
const byRule = {};
let warnings = 0;
let errors = 0;
for (const r of results) {
  warnings += r.warningCount;
  errors += r.errorCount;
  for (const m of r.messages) byRule[m.ruleId ?? '(parse)'] = (byRule[m.ruleId ?? '(parse)'] ?? 0) + 1;
}
console.log(JSON.stringify({ tool: 'eslint', files: results.length, errors, warnings, byRule }));
