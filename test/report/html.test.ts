// The HTML report without a browser: self-contained and deterministic output, TypeScript-scanner
// highlighting, rule help Markdown, the embedded data, and the runtime section per function
// (with and without the optional timeline and profile fields).
import vm from 'node:vm';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Finding } from '../../src/model.js';
import type { ReportModel } from '../../src/report/model.js';
import { formatHtml } from '../../src/report/html/index.js';
import { buildData, type HtmlData } from '../../src/report/html/data.js';
import { highlight, TOKEN_CLASSES } from '../../src/report/html/highlight.js';
import { markdownToHtml } from '../../src/report/html/markdown.js';
import { SCRIPT } from '../../src/report/html/client.js';
import { ALL_RULES } from '../../src/rules/index.js';
import { demoReport } from './demo.js';

function tokens(src: string, file = 'a.ts'): string[] {
  const t = highlight(src, file);
  const out: string[] = [];
  let pos = 0;
  for (let i = 0; i < t.length; i += 3) {
    const start = pos + t[i]!;
    pos = start + t[i + 1]!;
    out.push(`${TOKEN_CLASSES[t[i + 2]!]} ${src.slice(start, pos)}`);
  }
  return out;
}

test('highlighting comes from TypeScript\'s scanner: templates, regexes, division, contextual keywords', () => {
  const src = 'const s = `a${x + `in${1}`}b` / 2; // c\nlet r = /re}/g.test(o.type), n = 0x1F;\n/* m */ class Foo extends Bar { get v(): string { return f(1n); } }';
  assert.equal(tokens(src), [
    'tk-kw const',
    'tk-str `a${',
    'tk-str `in${',
    'tk-num 1',
    'tk-str }`',
    'tk-str }b`',
    'tk-num 2',
    'tk-com // c',
    'tk-kw let',
    'tk-re /re}/g',
    'tk-fn test',
    'tk-num 0x1F',
    'tk-com /* m */',
    'tk-kw class',
    'tk-ty Foo',
    'tk-kw extends',
    'tk-ty Bar',
    'tk-kw get',
    'tk-fn v',
    'tk-kw string',
    'tk-kw return',
    'tk-fn f',
    'tk-num 1n',
  ]);
});

test('rule help Markdown: escaped, code spans, emphasis, lists, fences, only http(s) links', () => {
  assert.is(
    markdownToHtml('A `<b>` and **fix** *now*\n[docs](https://x.test/a) [bad](javascript:x)\n\n- one\n- two `x*y*z`\n\n```ts\nif (a < b) {}\n```'),
    '<p>A <code>&lt;b&gt;</code> and <strong>fix</strong> <em>now</em> <a href="https://x.test/a" target="_blank" rel="noopener noreferrer">docs</a> bad</p>' +
      '<ul><li>one</li><li>two <code>x*y*z</code></li></ul><pre><code>if (a &lt; b) {}</code></pre>',
  );
});

const finding = (over: Partial<Finding>): Finding => ({
  ruleId: 'delete-property', level: 'warning', file: 'src/a.ts', line: 2, column: 3, endLine: 2, endColumn: 9, message: 'Deleted.', confirmed: false, ...over,
});

function input(findings: Finding[], over: Partial<ReportModel> = {}, sources: Record<string, string> = { 'src/a.ts': 'let o = {};\n  delete o.p;\n', 'src/b.ts': 'export {};\n' }): ReportModel & { reads: string[] } {
  const reads: string[] = [];
  return {
    toolVersion: '1.2.3', findings, rules: ALL_RULES.filter((r) => r.kind !== 'internal'), filesAnalyzed: 2, notifications: [], category: 'test',
    readSource: (f) => (reads.push(f), sources[f]),
    reads,
    ...over,
  };
}

function embedded(html: string): HtmlData {
  const m = /<script type="application\/json" id="jitlint-data">([^<]*)<\/script>/.exec(html);
  assert.ok(m, 'embedded data');
  return JSON.parse(m![1]!);
}

test('one self-contained page: nothing loaded from anywhere, a CSP that forbids requests, a script that parses', () => {
  const html = formatHtml(input([finding({ message: 'ends </script><script>alert(1)</script> <!-- here' })]));
  assert.match(html, /^<!doctype html>\n<html lang="en">/);
  assert.match(html, /<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'">/);
  assert.not.match(html, /<link|<img|<iframe|@import|url\(|\ssrc=/i);
  assert.is(html.match(/<script/g)!.length, 2, 'the data and the page script');
  assert.is(html.match(/<\/script>/g)!.length, 2, 'a message cannot close the data element');
  assert.is(embedded(html).findings[0]!.m, 'ends </script><script>alert(1)</script> <!-- here');
  new vm.Script(SCRIPT);
});

test('deterministic: the same input gives the same bytes', () => {
  const { input: demo } = demoReport();
  assert.is(formatHtml(demo), formatHtml(demo));
});

test('embedded data: sources only of files with findings or referenced by them, findings by file index', () => {
  const i = input([
    finding({ evidence: [{ kind: 'ic', message: 'the LoadIC went megamorphic', file: 'src/b.ts', line: 1, column: 8, state: 'N' }], confirmed: true, level: 'error' }),
    finding({ file: 'src/c.ts', line: 1, column: 1, endLine: 1, endColumn: 1, level: 'note', related: [{ file: 'src/a.ts', line: 1, column: 5, endLine: 1, endColumn: 6, message: 'here' }] }),
  ]);
  const d = embedded(formatHtml(i));
  assert.equal(d.files.map((f) => [f.path, f.n, f.src !== undefined]), [['src/a.ts', [1, 0, 0], true], ['src/c.ts', [0, 0, 1], false], ['src/b.ts', [0, 0, 0], true]]);
  assert.equal(i.reads, ['src/a.ts', 'src/c.ts', 'src/b.ts']);
  assert.equal(d.findings.map((f) => [f.f, f.l, f.c, f.el, f.ec, f.lv, d.rules[f.r]!.id, f.ok ?? 0]), [[0, 2, 3, 2, 9, 0, 'delete-property', 1], [1, 1, 1, 1, 1, 2, 'delete-property', 0]]);
  assert.equal(d.findings[0]!.ev, [{ k: 'ic', m: 'the LoadIC went megamorphic', at: { f: 2, l: 1, c: 8 } }]);
  assert.equal(d.findings[1]!.rel, [{ m: 'here', at: { f: 0, l: 1, c: 5 }, el: 1, ec: 6 }]);
  assert.equal(d.summary, { errors: 1, warnings: 0, notes: 1, files: 2, confirmed: 1, filesWithFindings: 2 });
  assert.not.ok('runtime' in d, 'the runtime section is rendered into the page, not embedded');
});

const runtime = {
  node: 'v22.1.0',
  v8: '12.4.254.14-node.12',
  functions: [
    { name: 'hot', file: 'src/a.ts', line: 1, column: 1, optimizations: 3, deopts: 3 },
    { name: 'hot', file: 'src/a.ts', line: 10, column: 1, optimizations: 1, deopts: 0 },
  ],
  deopts: [{ function: 'hot', file: 'src/a.ts', line: 12, column: 5, kind: 'deopt-eager', reason: 'wrong map', tier: 'turbofan', count: 3, actionable: true, inlinedAt: [] }],
  inlining: [
    { caller: 'hot', callee: 'small', inlined: true, tier: 'maglev', file: 'src/a.ts', line: 3, column: 2 },
    { caller: 'hot', callee: 'big', inlined: false, reason: 'exceeds bytecode limit', tier: 'turbofan', file: 'src/a.ts', line: 4, column: 2 },
  ],
  ics: [
    { file: 'src/a.ts', line: 11, column: 3, state: 'P', key: 'x', kind: 'LoadIC', function: 'hot', keys: ['x', 'y'], maps: 3 },
    { file: 'src/z.ts', line: 1, column: 3, state: 'N', key: 'y', kind: 'KeyedLoadIC', function: 'elsewhere' },
  ],
  unmapped: 7,
};

function section(html: string, id: string): string {
  const start = html.indexOf(`<section id="${id}"`);
  return html.slice(start, html.indexOf('</section>', start));
}
const text = (h: string) => h.replace(/<[^>]+>/g, '').replace(/&amp;/g, '&').replace(/&gt;/g, '>');

test('runtime: sites go to the function of that name that starts closest above them; counts summarized without a timeline', () => {
  const loop = finding({ ruleId: 'deopt-loop', level: 'error', line: 1, column: 1, endLine: 1, endColumn: 2 });
  const html = formatHtml(input([loop], { runtime }));
  const d = buildData(input([loop], { runtime }));
  const fns = d.runtime!.functions.map((f) => [f.name, f.at?.l ?? null, f.deoptSites.length, f.inlined.length, f.rejected.length, f.ics.length, f.loop ?? 0]);
  assert.equal(fns, [['hot', 1, 0, 1, 1, 0, 1], ['hot', 10, 1, 0, 0, 1, 0], ['elsewhere', null, 0, 0, 0, 1, 0]]);
  const rt = section(html, 'runtime');
  // Deopt loops first, then by deopts.
  const cards = rt.split('<article').slice(1).map((a) => text(a.slice(a.indexOf('<h3>'), a.indexOf('</header>'))));
  assert.equal(cards, ['hota.ts:1:1optimized 3× · deoptimized 3×deopt loop', 'hota.ts:10:1optimized 1× · deoptimized 0×', 'elsewhere']);
  assert.match(rt, /<li class="step t-ignition" title="Ignition bytecode"><span>Interpreted<\/span><\/li><li class="step t-maglev t-opt|<li class="step t-opt"/);
  assert.match(text(rt), /small inlined by Maglev at a\.ts:3:2/);
  assert.match(text(rt), /big not inlined by Turbofan: exceeds bytecode limit at a\.ts:4:2/);
  assert.match(text(rt), /Order of events not recorded in this report/);
  assert.match(rt, /<td><code>x<\/code> <code>y<\/code><\/td><td class="num">3<\/td><td><span class="badge ic-poly">polymorphic<\/span>/, 'keys and maps when the section has them');
  assert.match(rt, /<span class="loc" title="src\/z.ts">z.ts:1:3<\/span>/, 'a file the report does not hold is not a link');
  assert.match(rt, /<a class="loc" href="#src\/a.ts:12" title="src\/a.ts:12:5">a.ts:12:5<\/a>/);
  assert.match(text(rt), /7 runtime events outside the analyzed files/);
  assert.match(text(section(html, 'summary')), /jitlint 1\.2\.3 · Node v22\.1\.0 · V8 12\.4\.254\.14-node\.12 · 2 files analyzed/);
});

test('runtime: a recorded timeline renders tier by tier, OSR and deopts included; a profile fills the hottest functions', () => {
  const timeline = [
    { kind: 'baseline', tier: 'sparkplug' },
    { kind: 'optimized', tier: 'maglev', osr: true },
    { kind: 'deoptimized', deoptKind: 'deopt-eager', reason: 'wrong map', tier: 'maglev' },
    { kind: 'optimized', tier: 'turbofan' },
    { kind: 'optimized', tier: 'turbofan' },
    { kind: 'disabled', reason: 'too many deopts' },
  ];
  const profile = { samples: 1200, durationMs: 1500, functions: [
    { name: 'cold', file: 'src/a.ts', line: 10, column: 1, selfPercent: 2, totalPercent: 5 },
    { name: 'hot', file: 'src/a.ts', line: 1, column: 1, selfPercent: 40.25, totalPercent: 80 },
  ] };
  const rt = { ...runtime, functions: [{ ...runtime.functions[0]!, timeline }], profile };
  const html = formatHtml(input([], { runtime: rt as unknown as ReportModel['runtime'] }));
  const steps = [...section(html, 'runtime').split('<article')[1]!.matchAll(/<li class="step ([^"]+)"[^>]*>(.*?)<\/li>/g)].map((m) => `${m[1]}: ${text(m[2]!)}`);
  assert.equal(steps, [
    't-ignition: Interpreted',
    't-sparkplug: Sparkplug',
    't-maglev osr: Maglev OSR',
    'deopt: deopt-eager: wrong map',
    't-ignition: Interpreted',
    't-turbofan: Turbofan×2',
    'stop: optimization disabled: too many deopts',
  ]);
  assert.not.match(section(html, 'runtime').split('<article')[1]!, /Order of events not recorded/);
  const hot = section(html, 'summary');
  assert.match(text(hot), /Hottest functions 1,200 samples, 1\.50 sFunctionSelfTotalhot a\.ts:1:140\.3%80\.0%cold a\.ts:10:12\.0%5\.0%/);
});

test('no runtime, no findings: the page still renders its sections with a word on what is missing', () => {
  const html = formatHtml(input([]));
  assert.match(text(section(html, 'runtime')), /No V8 output in this report/);
  assert.match(text(section(html, 'summary')), /No findings\./);
  assert.match(text(section(html, 'summary')), /No CPU profile in this report/);
  assert.is(embedded(html).files.length, 0);
});

test.run();
