// `node bench/html.mjs [--runs N] [--out FILE]`: the HTML report at scale (issue 13).
//   synthetic: 5,000 findings over 500 files: generation time and size, then in Debian's Chromium
//              (puppeteer-core) the load, first contentful paint, script-ready time, and the longest
//              frame while jumping through the whole page in 40 steps and while scrolling
//              120 px a frame. Printed and written, never asserted.
//   rxjs:      the report of the rxjs corpus (static findings): its size against the 5 MB budget.
// Needs `npm run build` first (it imports dist/). Results: bench/html-results.json by default.
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { spawnSync } from 'node:child_process';
import { ensureCorpus } from './corpora.mjs';
import { BENCH_DIR, REPO, median } from './lib.mjs';

const { values: opts } = parseArgs({ options: { runs: { type: 'string', default: '5' }, out: { type: 'string' } } });
const runs = Number(opts.runs);
const loadavgAtStart = os.loadavg();
const dist = (p) => import(pathToFileURL(path.join(REPO, 'dist', p)).href);
const { formatHtml } = await dist('src/report/html/index.js');
const { reportInputFromJson } = await dist('src/report/html/from-json.js');
const { syntheticInput } = await dist('test/report/synthetic.js');
const { ALL_RULES } = await dist('src/rules/index.js');
const { findChromium, launch } = await dist('test/report/browser.js');
const tmp = mkdtempSync(path.join(os.tmpdir(), 'jitlint-bench-html-'));
const mb = (n) => `${(n / 1024 / 1024).toFixed(2)} MB`;

function timed(fn) {
  const t = performance.now();
  const value = fn();
  return { value, ms: performance.now() - t };
}

// Synthetic: generation.
const input = syntheticInput(500, 10);
const gens = [];
let html = '';
for (let i = 0; i < runs; i++) {
  const r = timed(() => formatHtml(input));
  gens.push(r.ms);
  html = r.value;
}
const synthFile = path.join(tmp, 'synthetic.html');
writeFileSync(synthFile, html);
const synthetic = { files: 500, findings: input.findings.length, bytes: Buffer.byteLength(html), generateMs: median(gens) };

// Synthetic: in the browser.
const chromium = findChromium();
if (chromium) {
  const browser = await launch(chromium);
  const loads = [];
  for (let i = 0; i < runs; i++) {
    const page = await browser.newPage();
    await page.setViewport({ width: 1400, height: 900 });
    await page.goto(pathToFileURL(synthFile).href, { waitUntil: 'load' });
    await page.waitForSelector('html[data-ready="1"]');
    const m = await page.evaluate(async () => {
      const nav = performance.getEntriesByType('navigation')[0];
      const fcp = performance.getEntriesByName('first-contentful-paint')[0];
      const ready = performance.getEntriesByName('jitlint-ready')[0];
      // Scroll the whole page in steps, one step per frame; the longest frame is what freezes.
      let longest = 0;
      let last = performance.now();
      const start = last;
      const steps = 40;
      const height = document.documentElement.scrollHeight;
      for (let s = 1; s <= steps; s++) {
        scrollTo(0, (height * s) / steps);
        await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
        const now = performance.now();
        longest = Math.max(longest, now - last);
        last = now;
      }
      // Then a reader's scroll from the top: 120 px a frame for 300 frames.
      scrollTo(0, 0);
      await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
      let smooth = 0;
      let t0 = performance.now();
      for (let s = 0; s < 300; s++) {
        scrollBy(0, 120);
        await new Promise((r) => requestAnimationFrame(r));
        const now = performance.now();
        smooth = Math.max(smooth, now - t0);
        t0 = now;
      }
      return { scrollStepLongestFrameMs: smooth, domContentLoadedMs: nav.domContentLoadedEventEnd, loadMs: nav.loadEventEnd, fcpMs: fcp ? fcp.startTime : null, readyMs: ready ? ready.startTime : null, scrollLongestFrameMs: longest, scrollTotalMs: last - start, renderedLines: document.querySelectorAll('.ln').length };
    });
    loads.push(m);
    await page.close();
  }
  await browser.close();
  for (const k of Object.keys(loads[0])) synthetic[k] = median(loads.map((l) => l[k]));
} else {
  console.error('bench/html: no Chromium (apt-get install chromium): browser timings left out');
}

// rxjs: the real report's size.
const corpus = ensureCorpus('rxjs').dir;
const res = spawnSync(process.execPath, [path.join(REPO, 'bin', 'jitlint.js'), 'analyze', 'src', '--format', 'json'], { cwd: corpus, encoding: 'utf8', maxBuffer: 1 << 30 });
const doc = JSON.parse(res.stdout);
const readSource = (f) => {
  try {
    return readFileSync(path.join(corpus, f), 'utf8');
  } catch {
    return undefined;
  }
};
const rx = timed(() => formatHtml(reportInputFromJson(doc, ALL_RULES, readSource)));
const rxjs = { filesAnalyzed: doc.summary.files, findings: doc.findings.length, filesWithFindings: new Set(doc.findings.map((f) => f.file)).size, bytes: Buffer.byteLength(rx.value), generateMs: rx.ms, budgetBytes: 5 * 1024 * 1024 };

// The machine is shared: the load beside the numbers says how much to trust them.
const results = { tool: 'jitlint bench html', node: process.version, cores: os.cpus().length, loadavgAtStart, loadavgAtEnd: os.loadavg(), runs, synthetic, rxjs };
console.log(`synthetic ${synthetic.findings} findings / ${synthetic.files} files: ${mb(synthetic.bytes)}, generated in ${synthetic.generateMs.toFixed(0)} ms` +
  (synthetic.readyMs != null ? `; in Chromium: FCP ${synthetic.fcpMs?.toFixed(0)} ms, script ready ${synthetic.readyMs.toFixed(0)} ms, load ${synthetic.loadMs.toFixed(0)} ms, longest frame jumping through the page ${synthetic.scrollLongestFrameMs.toFixed(0)} ms, scrolling 120 px/frame ${synthetic.scrollStepLongestFrameMs.toFixed(0)} ms` : ''));
console.log(`rxjs ${rxjs.filesAnalyzed} files (${rxjs.filesWithFindings} with findings, ${rxjs.findings} findings): ${mb(rxjs.bytes)} (budget 5 MB), generated in ${rxjs.generateMs.toFixed(0)} ms`);
const out = opts.out ?? path.join(BENCH_DIR, 'html-results.json');
writeFileSync(out, JSON.stringify(results, null, 2) + '\n');
console.log(`results: ${path.relative(process.cwd(), out)}`);
