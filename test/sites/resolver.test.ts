// Script identity, path mapping, source maps and expression ranges of src/sites.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { SiteResolver, isUnmapped, scriptIdentity, type ResolvedSite, type Unmapped } from '../../src/sites/index.js';

/** A fresh directory with the given files (relative path → text). */
function tree(files: Record<string, string>): string {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'jitlint-sites-')));
  for (const [rel, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), text);
  }
  return dir;
}

/** `file line:col-endLine:endCol kind fn "snippet"`, or `unmapped: reason`. */
function brief(r: ResolvedSite | Unmapped): string {
  if (isUnmapped(r)) return `unmapped: ${r.reason}`;
  return `${r.file} ${r.line}:${r.column}-${r.endLine}:${r.endColumn} ${r.expression} ${r.functionName || '-'} ${JSON.stringify(r.snippet)}`;
}

// Base64 VLQ, for hand-written source maps.
const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
function vlq(n: number): string {
  let v = n < 0 ? (-n << 1) | 1 : n << 1;
  let out = '';
  do {
    let digit = v & 31;
    v >>>= 5;
    if (v) digit |= 32;
    out += B64[digit];
  } while (v);
  return out;
}
/** Mappings from [genLine, genCol, origLine, origCol] (all 0-based, one source). */
function mappings(segs: Array<[number, number, number, number]>): string {
  let pl = 0;
  let pc = 0;
  const byLine = new Map<number, Array<[number, number, number]>>();
  for (const [gl, gc, ol, oc] of segs) byLine.set(gl, [...(byLine.get(gl) ?? []), [gc, ol, oc]]);
  const maxLine = Math.max(...segs.map((s) => s[0]));
  const out: string[] = [];
  for (let l = 0; l <= maxLine; l++) {
    let prevGen = 0;
    const parts: string[] = [];
    for (const [gc, ol, oc] of byLine.get(l) ?? []) {
      parts.push(vlq(gc - prevGen) + vlq(0) + vlq(ol - pl) + vlq(oc - pc));
      prevGen = gc;
      pl = ol;
      pc = oc;
    }
    out.push(parts.join(','));
  }
  return out.join(';');
}

// ---------------------------------------------------------------- script identity

test('script identity: paths, file:// URLs, Windows paths, internals and evals', () => {
  assert.equal(scriptIdentity('/home/ci/app/src/a.js'), { kind: 'path', path: '/home/ci/app/src/a.js', windows: false });
  assert.equal(scriptIdentity('file:///home/ci/my%20app/src/a%23b.mjs'), { kind: 'path', path: '/home/ci/my app/src/a#b.mjs', windows: false });
  assert.equal(scriptIdentity('file:///home/ci/app/a.mjs?v=3'), { kind: 'path', path: '/home/ci/app/a.mjs', windows: false });
  assert.equal(scriptIdentity('C:\\proj\\src\\a.js'), { kind: 'path', path: 'C:/proj/src/a.js', windows: true });
  assert.equal(scriptIdentity('file:///C:/proj/src/a.js'), { kind: 'path', path: 'C:/proj/src/a.js', windows: true });
  assert.equal(scriptIdentity('node:internal/modules/cjs/loader'), { kind: 'internal' });
  assert.equal(scriptIdentity('node:fs'), { kind: 'internal' });
  assert.equal(scriptIdentity(''), { kind: 'eval' });
  assert.equal(scriptIdentity('evalmachine.<anonymous>'), { kind: 'eval' });
  assert.equal(scriptIdentity('https://example.com/a.js').kind, 'url');
});

const PROGRAM = `'use strict';
function getX(p) {
  return p.x;
}
const addOne = (n) => n + 1;
class Box {
  put(o, key, value) {
    o[key] = value;
    return new Map();
  }
}
function outer(p) {
  return inner(p) + p.m(1);
}
`;

test('a recorded path maps through --root, then by the longest path suffix', () => {
  const dir = tree({ 'src/a.js': PROGRAM, 'lib/a.js': '// another a.js\n', 'node_modules/dep/index.js': 'x;\n' });
  const rooted = new SiteResolver({ projectRoot: dir, baseDir: dir, runRoot: '/home/ci/build' });
  assert.is(brief(rooted.resolve('/home/ci/build/src/a.js', 3, 12)), 'src/a.js 3:10-3:13 member getX "p.x"');
  assert.is(brief(rooted.resolve('file:///home/ci/build/src/a.js', 3, 12)), 'src/a.js 3:10-3:13 member getX "p.x"');
  assert.is(rooted.fileOf('/home/ci/build/src/a.js'), 'src/a.js');
  // Outside the run root and not here: not mapped.
  assert.is(brief(rooted.resolve('/opt/tools/x.js', 1, 1)), 'unmapped: outside-project');
  assert.is(brief(rooted.resolve('/home/ci/build/node_modules/dep/index.js', 1, 1)), 'unmapped: node_modules');

  const bare = new SiteResolver({ projectRoot: dir, baseDir: dir });
  // Longest suffix: src/a.js, not lib/a.js.
  assert.is(brief(bare.resolve('/somewhere/else/src/a.js', 3, 12)), 'src/a.js 3:10-3:13 member getX "p.x"');
  assert.is(brief(bare.resolve('C:\\proj\\src\\a.js', 3, 12)), 'src/a.js 3:10-3:13 member getX "p.x"');
  assert.is(brief(bare.resolve('file:///C:/proj/src/a.js', 3, 12)), 'src/a.js 3:10-3:13 member getX "p.x"');
  // Only the basename matches and two files share it: ambiguous, so neither.
  assert.is(brief(bare.resolve('/somewhere/a.js', 3, 12)), 'unmapped: ambiguous');
  // Nothing of the name here at all.
  assert.is(brief(bare.resolve('/somewhere/b.js', 1, 1)), 'unmapped: missing-file');
  assert.is(brief(bare.resolve('/somewhere/else/node_modules/dep/index.js', 1, 1)), 'unmapped: node_modules');
  assert.is(brief(bare.resolve('node:internal/timers', 10, 3)), 'unmapped: internal');
  assert.is(brief(bare.resolve('evalmachine.<anonymous>', 1, 1)), 'unmapped: eval');
  assert.is(brief(bare.resolve('', 1, 1)), 'unmapped: eval');
  // A real file of this machine outside the project.
  const other = tree({ 'elsewhere.js': 'x;\n' });
  assert.is(brief(bare.resolve(path.join(other, 'elsewhere.js'), 1, 1)), 'unmapped: outside-project');
  // Windows run roots, case-insensitively.
  const win = new SiteResolver({ projectRoot: dir, baseDir: dir, runRoot: 'C:\\Proj' });
  assert.is(brief(win.resolve('c:\\proj\\lib\\a.js', 1, 4)), 'lib/a.js 1:4-1:11 other - "another"');
});

test('a file:// URL with percent-encoding maps to the local file', () => {
  const dir = tree({ 'my app/src/e.mjs': 'export const f = (v) => v.x + 1;\n' });
  const root = path.join(dir, 'my app');
  const r = new SiteResolver({ projectRoot: root, baseDir: root });
  const url = pathToFileURL(path.join(root, 'src', 'e.mjs')).href;
  assert.ok(url.includes('my%20app'));
  assert.is(brief(r.resolve(url, 1, 29)), 'src/e.mjs 1:25-1:32 binary f "v.x + 1"');
  assert.is(brief(r.resolve(url, 1, 27)), 'src/e.mjs 1:25-1:28 member f "v.x"');
});

test('expressions at the columns V8 prints: member at the property, call at the callee, binary and assignment at the operator', () => {
  const dir = tree({ 'a.js': PROGRAM });
  const r = new SiteResolver({ projectRoot: dir, baseDir: dir });
  const at = (line: number, col: number, hint?: 'call') => brief(r.resolve(path.join(dir, 'a.js'), line, col, hint));
  assert.is(at(3, 12), 'a.js 3:10-3:13 member getX "p.x"');
  assert.is(at(5, 25), 'a.js 5:23-5:28 binary addOne "n + 1"');
  assert.is(at(8, 12), 'a.js 8:5-8:19 assignment Box.put "o[key] = value"');
  assert.is(at(8, 6), 'a.js 8:5-8:11 member Box.put "o[key]"');
  assert.is(at(9, 12), 'a.js 9:12-9:21 new Box.put "new Map()"');
  assert.is(at(13, 10), 'a.js 13:10-13:18 call outer "inner(p)"');
  assert.is(at(13, 19), 'a.js 13:10-13:27 binary outer "inner(p) + p.m(1)"');
  // `o.m(x)` is reported at `m`: the member, or the call for call events.
  assert.is(at(13, 23), 'a.js 13:21-13:24 member outer "p.m"');
  assert.is(at(13, 23, 'call'), 'a.js 13:21-13:27 call outer "p.m(1)"');
  // Function positions (code-creation, dependency deopts) are the parameter list: the signature.
  assert.is(at(2, 14), 'a.js 2:1-2:17 function getX "function getX(p)"');
  assert.is(at(5, 16), 'a.js 5:16-5:22 function addOne "(n) =>"');
  assert.is(at(7, 6), 'a.js 7:3-7:21 function Box.put "put(o, key, value)"');
  // A statement keyword: the token.
  assert.is(at(3, 3), 'a.js 3:3-3:9 other getX "return"');
  assert.is(brief(r.resolve(path.join(dir, 'a.js'), 99, 1)), 'unmapped: out-of-range');
});

test('TypeScript run by Node (type stripping) is parsed as TypeScript and not remapped', () => {
  const ts = 'interface V { x: number }\nexport function f(a: V, n: number): number {\n  return (a as V).x + n;\n}\n//# sourceMappingURL=nothing.map\n';
  const dir = tree({ 'src/f.ts': ts });
  const r = new SiteResolver({ projectRoot: dir, baseDir: dir });
  assert.is(brief(r.resolve(pathToFileURL(path.join(dir, 'src/f.ts')).href, 3, 19)), 'src/f.ts 3:10-3:20 member f "(a as V).x"');
  assert.is(brief(r.resolve(path.join(dir, 'src/f.ts'), 3, 21)), 'src/f.ts 3:10-3:24 binary f "(a as V).x + n"');
});

// Original TS and the JS tsc would emit for it; the map is written by hand.
const TS = 'export function f(a: { x: number }, n: number): number {\n  return (a as { x: number }).x + n;\n}\n';
const JS = 'export function f(a, n) {\n    return a.x + n;\n}\n';
// Generated line 2 "    return a.x + n;": return@4, a@11, .@12, x@13, n@17; original line 2 "  return (a as ...).x + n;": return@2, a@10, x@30, n@34.
const MAP = {
  version: 3,
  file: 'f.js',
  sources: ['../src/f.ts'],
  names: [],
  mappings: mappings([
    [0, 0, 0, 0],
    [0, 16, 0, 16],
    [1, 4, 1, 2],
    [1, 11, 1, 10],
    [1, 12, 1, 29],
    [1, 13, 1, 30],
    [1, 14, 1, 31],
    [1, 17, 1, 34],
    [2, 0, 2, 0],
  ]),
};

test('source maps: an external map file leads to the .ts expression', () => {
  const dir = tree({ 'src/f.ts': TS, 'dist/f.js': `${JS}//# sourceMappingURL=f.js.map\n`, 'dist/f.js.map': JSON.stringify(MAP) });
  const r = new SiteResolver({ projectRoot: dir, baseDir: dir });
  const site = r.resolve(path.join(dir, 'dist/f.js'), 2, 14);
  assert.is(brief(site), 'src/f.ts 2:10-2:32 member f "(a as { x: number }).x"');
  assert.equal((site as ResolvedSite).generated, { file: 'dist/f.js', line: 2, column: 14 });
  assert.equal((site as ResolvedSite).at, { line: 2, column: 31 });
  // The operator has no segment of its own: the distance from `x` carries over (+ is at column 33).
  assert.is(brief(r.resolve(path.join(dir, 'dist/f.js'), 2, 16)), 'src/f.ts 2:10-2:36 binary f "(a as { x: number }).x + n"');
});

test('source maps: an inline data: URL; a script known only from its logged source', () => {
  const inline = `${JS}//# sourceMappingURL=data:application/json;charset=utf-8;base64,${Buffer.from(JSON.stringify(MAP)).toString('base64')}\n`;
  const dir = tree({ 'src/f.ts': TS, 'dist/f.js': inline });
  const r = new SiteResolver({ projectRoot: dir, baseDir: dir });
  assert.is(brief(r.resolve(path.join(dir, 'dist/f.js'), 2, 14)), 'src/f.ts 2:10-2:32 member f "(a as { x: number }).x"');
  // The bundle ran in CI and is not here; V8 logged its source, whose inline map leads to src/f.ts.
  const logged = new SiteResolver({ projectRoot: dir, baseDir: dir, runRoot: '/ci/work', scriptSources: (s) => (s === '/ci/work/out/f.js' ? inline : undefined) });
  assert.is(brief(logged.resolve('/ci/work/out/f.js', 2, 14)), 'src/f.ts 2:10-2:32 member f "(a as { x: number }).x"');
  assert.is(brief(logged.resolve('/ci/work/out/g.js', 2, 14)), 'unmapped: missing-file');
});

test('source maps: missing, broken or pointing nowhere keep the generated position', () => {
  const dir = tree({
    'dist/missing.js': `${JS}//# sourceMappingURL=missing.js.map\n`,
    'dist/broken.js': `${JS}//# sourceMappingURL=broken.js.map\n`,
    'dist/broken.js.map': '{"version":3,"mappings":',
    'dist/elsewhere.js': `${JS}//# sourceMappingURL=elsewhere.js.map\n`,
    'dist/elsewhere.js.map': JSON.stringify({ ...MAP, sources: ['../../../nowhere/f.ts'] }),
    'dist/deps.js': `${JS}//# sourceMappingURL=deps.js.map\n`,
    'dist/deps.js.map': JSON.stringify({ ...MAP, sources: ['../node_modules/lib/f.ts'] }),
    'junk.js': 'a\u0000b\u0001\u0002',
  });
  const r = new SiteResolver({ projectRoot: dir, baseDir: dir });
  for (const name of ['missing', 'broken', 'elsewhere']) {
    const site = r.resolve(path.join(dir, `dist/${name}.js`), 2, 14);
    assert.is(brief(site), `dist/${name}.js 2:12-2:15 member f "a.x"`, name);
    assert.is((site as ResolvedSite).generated, undefined);
  }
  assert.is(brief(r.resolve(path.join(dir, 'dist/deps.js'), 2, 14)), 'unmapped: node_modules');
  assert.is(brief(r.resolve(path.join(dir, 'junk.js'), 1, 1)), 'unmapped: unreadable');
});

test('one parse and one source map per file, whatever the number of events', () => {
  const dir = tree({ 'src/f.ts': TS, 'dist/f.js': `${JS}//# sourceMappingURL=f.js.map\n`, 'dist/f.js.map': JSON.stringify(MAP) });
  const r = new SiteResolver({ projectRoot: dir, baseDir: dir });
  const first = brief(r.resolve(path.join(dir, 'dist/f.js'), 2, 14));
  fs.rmSync(path.join(dir, 'dist/f.js.map'));
  fs.writeFileSync(path.join(dir, 'src/f.ts'), 'changed\n');
  for (let i = 0; i < 1000; i++) assert.is(brief(r.resolve(path.join(dir, 'dist/f.js'), 2, 14)), first);
});

test.run();
