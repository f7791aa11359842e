// The floor of `--engine tsgo`: what any Node tool on TypeScript 7's sync API does before a rule
// runs. Node starts, the server opens the project, and the syntax tree of every source file
// under SRC is transferred and walked once. No type question is asked.
//   node bench/peers/tsgo-floor.mjs TSCONFIG SRC
import path from 'node:path';
import { createRequire } from 'node:module';

const [tsconfig, src] = process.argv.slice(2).map((p) => path.resolve(p));
// The TypeScript 7 package jitlint pins (devDependency `typescript7`), resolved from this repo.
const require = createRequire(import.meta.url);
const { API } = await import(require.resolve('typescript7/unstable/sync'));
const api = new API({ cwd: path.dirname(tsconfig) });
const project = api.updateSnapshot({ openProjects: [tsconfig] }).getProjects()[0];
const inSrc = (f) => path.resolve(f).startsWith(src + path.sep) && !/\.d\.[cm]?ts$/.test(f);
let files = 0;
let nodes = 0;
// Iterative: deep expressions would overflow a recursive walk.
const count = (root) => {
  const stack = [root];
  while (stack.length > 0) {
    nodes++;
    stack.pop().forEachChild((c) => void stack.push(c));
  }
};
for (const f of project.program.getSourceFileNames().filter(inSrc)) {
  const sf = project.program.getSourceFile(f);
  if (!sf) continue;
  files++;
  count(sf);
}
api.close();
console.log(JSON.stringify({ tool: 'tsgo-floor', files, nodes }));
