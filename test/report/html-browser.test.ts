// The demo's HTML report in a real browser (Debian's Chromium through puppeteer-core): what the
// rendered DOM shows against the JSON report of the same run, filters, details on click,
// `#file:line` links, keyboard navigation, colour schemes, no request and no console output.
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Browser, Page } from 'puppeteer-core';
import { formatHtml } from '../../src/report/html/index.js';
import { repoRoot } from '../helpers.js';
import { findChromium, inCI, launch, openRecorded } from './browser.js';
import { demoReport, type DemoReport } from './demo.js';
import { syntheticInput } from './synthetic.js';

// Page functions run in the browser; this suite compiles without the DOM library.
declare const document: any, location: any, innerHeight: number, getComputedStyle: any, requestAnimationFrame: any, scrollBy: any;
type HTMLElement = any;

const chromium = findChromium();
const dir = mkdtempSync(path.join(os.tmpdir(), 'jitlint-html-browser-'));
let browser: Browser;
let demo: DemoReport;
let url: string;

if (!chromium && !inCI) {
  console.log('html-browser: skipped, no Chromium found (apt-get install chromium, or set JITLINT_CHROMIUM)');
  test.skip('the demo report in Chromium');
} else {
  test.before(async () => {
    if (!chromium) throw new Error('Chromium not found under CI: .ci/run installs it with apt-get (or set JITLINT_CHROMIUM)');
    demo = demoReport();
    const file = path.join(dir, 'demo.html');
    writeFileSync(file, formatHtml(demo.input));
    url = pathToFileURL(file).href;
    browser = await launch(chromium);
  });
  test.after(async () => {
    await browser?.close();
  });
  register();
}

/** Renders every file (each is rendered when scrolled near) and returns the annotations' finding indices. */
async function renderAll(page: Page): Promise<number[]> {
  return page.evaluate(async () => {
    for (const s of document.querySelectorAll('section.file:not([hidden])')) {
      s.scrollIntoView();
      await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    }
    return [...document.querySelectorAll('.ann')].map((a) => Number(a.dataset['k']));
  });
}

const shown = (page: Page) => page.$eval('#shown', (e) => e.textContent);

function register(): void {
  test('loads from file:// with no request but the page itself, no console message, no error', async () => {
    const { page, rec } = await openRecorded(browser, url);
    await renderAll(page);
    await page.click('.ann .ah');
    assert.equal(rec.requests, [url]);
    assert.equal(rec.console, []);
    assert.equal(rec.errors, []);
    await page.close();
  });

  test('the findings shown are the JSON report\'s, each marked on its exact range', async () => {
    const { page } = await openRecorded(browser, url);
    const { findings } = demo.json;
    assert.is(await shown(page), `${findings.length} findings`);
    const ks = await renderAll(page);
    assert.equal(ks, findings.map((_, k) => k), 'one annotation per finding, in report order');
    const perFile = await page.$$eval('section.file', (ss) => ss.map((s) => [s.getAttribute('aria-label'), s.querySelectorAll('.ann').length]));
    const expected = new Map<string, number>();
    for (const f of findings) expected.set(f.file, (expected.get(f.file) ?? 0) + 1);
    assert.equal(perFile, [...expected]);
    // The marked text of each single-line finding is the source between its columns (end exclusive).
    const marked = await page.evaluate(() =>
      [...document.querySelectorAll('.ann')].map((a) => {
        const k = (a as HTMLElement).dataset['k']!;
        return [...a.closest('section')!.querySelectorAll('.m')].filter((m) => (m as HTMLElement).dataset['f']!.split(' ').includes(k)).map((m) => m.textContent).join('');
      }),
    );
    findings.forEach((f, k) => {
      if (f.line !== f.endLine) return;
      const line = demo.input.readSource(f.file)!.split('\n')[f.line - 1]!;
      assert.is(marked[k], line.slice(f.column - 1, Math.max(f.endColumn - 1, f.column)), `${f.ruleId} ${f.file}:${f.line}:${f.column}`);
    });
    await page.close();
  });

  test('filters: level, rule, confirmed only, search', async () => {
    const { page } = await openRecorded(browser, url);
    const { findings } = demo.json;
    const idx = (pred: (f: (typeof findings)[number]) => boolean) => findings.flatMap((f, k) => (pred(f) ? [k] : []));

    await page.click('input[data-level="1"]');
    const noWarnings = idx((f) => f.level !== 'warning');
    assert.is(await shown(page), `${noWarnings.length} of ${findings.length} findings`);
    assert.equal(await renderAll(page), noWarnings);
    const hidden = await page.$$eval('section.file[hidden]', (ss) => ss.map((s) => s.getAttribute('aria-label')));
    const onlyWarnings = [...new Set(findings.map((f) => f.file))].filter((file) => findings.every((f) => f.file !== file || f.level === 'warning'));
    assert.equal(hidden, onlyWarnings, 'files left with no finding are hidden');
    await page.click('input[data-level="1"]');

    await page.select('#f-rule', 'megamorphic-ic');
    assert.equal(await renderAll(page), idx((f) => f.ruleId === 'megamorphic-ic'));
    await page.select('#f-rule', '');

    await page.click('#f-confirmed');
    const confirmed = idx((f) => f.confirmed);
    assert.ok(confirmed.length > 0);
    assert.equal(await renderAll(page), confirmed);
    await page.click('#f-confirmed');

    // Typing filters per keystroke: wait for the whole word's count, not the first letter's.
    const matching = idx((f) => `${f.message} ${f.ruleId} ${f.file}`.toLowerCase().includes('arguments'));
    assert.ok(matching.length > 0 && matching.length < findings.length, 'the demo has some findings that mention arguments');
    await page.type('#f-q', 'ARGUMENTS');
    await page.waitForFunction((want) => document.querySelector('#shown')!.textContent === want, {}, `${matching.length} of ${findings.length} findings`);
    assert.equal(await renderAll(page), matching);
    await page.close();
  });

  test('clicking a finding reveals its message, evidence and rule help; evidence links land on their line', async () => {
    const { page } = await openRecorded(browser, url);
    await renderAll(page);
    const k = demo.json.findings.findIndex((f) => f.confirmed && f.evidence?.length);
    const f = demo.json.findings[k]!;
    const sel = `.ann[data-k="${k}"]`;
    assert.is(await page.$eval(`${sel} .ab`, (b) => (b as HTMLElement).offsetHeight), 0, 'details hidden before the click');
    await page.click(`${sel} .ah`);
    const body = await page.$eval(`${sel} .ab`, (b) => ({ height: (b as HTMLElement).offsetHeight, msg: b.querySelector('.msg')!.textContent, help: b.querySelector('.help h4')!.textContent, links: [...b.querySelectorAll('.ev a')].map((a) => a.getAttribute('href')) }));
    assert.ok(body.height > 0);
    // Backticked spans are rendered as code: the text is the message without the backticks.
    assert.is(body.msg, f.message.replace(/`/g, ''));
    assert.match(body.help!, new RegExp(`^${f.ruleId} — `));
    const ev = f.evidence!.filter((e) => e.line !== undefined);
    assert.equal(body.links, ev.map((e) => `#${e.file ?? f.file}:${e.line}`));
    assert.is(await page.$eval(`${sel} .ah`, (h) => h.getAttribute('aria-expanded')), 'true');
    await page.click(`${sel} .ev a`);
    await page.waitForFunction(() => !!document.querySelector('.ln.hl'));
    const hl = await page.$eval('.ln.hl', (l) => [l.closest('section')!.getAttribute('aria-label'), Number((l as HTMLElement).dataset['n'])]);
    assert.equal(hl, [ev[0]!.file ?? f.file, ev[0]!.line]);
    // A click on a marked range opens that finding.
    const other = demo.json.findings.findIndex((g, j) => j !== k && g.line === g.endLine);
    await page.click(`.m[data-f~="${other}"]`);
    assert.is(await page.$eval(`.ann[data-k="${other}"] .ab`, (b) => (b as HTMLElement).hidden), false);
    await page.close();
  });

  test('#file:line links scroll to the line, from a fresh load', async () => {
    const target = demo.json.findings[demo.json.findings.length - 1]!;
    const { page } = await openRecorded(browser, `${url}#${target.file}:${target.line}`);
    const at = await page.$eval('.ln.hl', (l) => {
      const r = l.getBoundingClientRect();
      return { file: l.closest('section')!.getAttribute('aria-label'), n: Number((l as HTMLElement).dataset['n']), inView: r.top >= 0 && r.bottom <= innerHeight };
    });
    assert.equal(at, { file: target.file, n: target.line, inView: true });
    await page.close();
  });

  test('keyboard: j/k and arrows move between findings, Enter opens one', async () => {
    const { page } = await openRecorded(browser, url);
    const focused = () => page.evaluate(() => Number((document.activeElement?.closest('.ann') as HTMLElement | null)?.dataset['k'] ?? -1));
    await page.keyboard.press('j');
    assert.is(await focused(), 0);
    await page.keyboard.press('j');
    assert.is(await focused(), 1);
    await page.keyboard.press('ArrowDown');
    assert.is(await focused(), 2);
    await page.keyboard.press('k');
    await page.keyboard.press('ArrowUp');
    assert.is(await focused(), 0);
    await page.keyboard.press('Enter');
    assert.is(await page.$eval('.ann[data-k="0"] .ab', (b) => (b as HTMLElement).hidden), false);
    const f = demo.json.findings[0]!;
    assert.is(await page.evaluate(() => decodeURIComponent(location.hash)), `#${f.file}:${f.line}`);
    await page.close();
  });

  test('colour scheme follows prefers-color-scheme', async () => {
    const bg = async (scheme: 'light' | 'dark') => {
      const { page } = await openRecorded(browser, url, { scheme });
      const rgb: string = await page.$eval('body', (b) => getComputedStyle(b).backgroundColor);
      await page.close();
      return rgb.match(/\d+/g)!.slice(0, 3).map(Number).reduce((a: number, b: number) => a + b, 0);
    };
    assert.ok((await bg('light')) > 600, 'light background');
    assert.ok((await bg('dark')) < 60, 'dark background');
  });

  test('runtime: one card per function of the run, with its deopts and inline caches', async () => {
    const { page } = await openRecorded(browser, url);
    const cards = await page.$$eval('#runtime article.fn', (as) => as.map((a) => ({ name: a.querySelector('h3')!.textContent, deopts: a.querySelectorAll('.step.deopt').length, ics: [...a.querySelectorAll('.badge')].map((b) => b.textContent) })));
    const rt = demo.json.runtime as unknown as { functions: Array<{ name: string }>; ics: Array<{ state: string }> };
    for (const fn of rt.functions) assert.ok(cards.some((c) => c.name === (fn.name || '(anonymous)')), fn.name);
    const states = cards.flatMap((c) => c.ics).filter((b) => /morphic/.test(b!)).sort();
    assert.equal(states, rt.ics.map((i) => (i.state === 'N' ? 'megamorphic' : i.state === 'P' ? 'polymorphic' : i.state)).sort());
    await page.close();
  });

  test('screenshot of the demo report (docs/demo-report.png with UPDATE_SCREENSHOT=1)', async () => {
    const { page } = await openRecorded(browser, url, { width: 1280, height: 860 });
    // The first file with a confirmed finding opened, as a reader would look at it.
    const k = demo.json.findings.findIndex((f) => f.confirmed);
    await page.evaluate((k) => {
      (document.querySelector(`.ann[data-k="${k}"] .ah`) as HTMLElement).click();
      document.getElementById('files').scrollIntoView();
    }, k);
    const file = path.join(dir, 'demo-report.png');
    const png = Buffer.from(await page.screenshot({ path: file }));
    const size = readFileSync(file).length;
    assert.ok(size > 40_000 && size < 1_500_000, `screenshot size ${size}`);
    assert.equal([png.readUInt32BE(16), png.readUInt32BE(20)], [1280, 860]);
    if (process.env['UPDATE_SCREENSHOT']) copyFileSync(file, path.join(repoRoot, 'docs', 'demo-report.png'));
    await page.close();
  });

  test('5,000 findings over 500 files: opens with only the files in view rendered', async () => {
    const file = path.join(dir, 'synthetic.html');
    writeFileSync(file, formatHtml(syntheticInput(500, 10)));
    const { page, rec } = await openRecorded(browser, pathToFileURL(file).href);
    assert.is(await shown(page), '5000 findings');
    const state = await page.evaluate(() => ({ files: document.querySelectorAll('section.file').length, rendered: document.querySelectorAll('section.file .ln').length > 0 ? new Set([...document.querySelectorAll('.ln')].map((l) => l.closest('section'))).size : 0, side: document.querySelectorAll('#side-files a').length }));
    assert.is(state.files, 500);
    assert.is(state.side, 500);
    assert.ok(state.rendered >= 1 && state.rendered < 20, `rendered files: ${state.rendered}`);
    await page.keyboard.press('k');
    assert.is(await page.evaluate(() => Number((document.activeElement?.closest('.ann') as HTMLElement | null)?.dataset['k'])), 4999, 'k from the top wraps to the last finding');
    assert.equal(rec.errors, []);
    await page.close();
  });
}

test.run();
