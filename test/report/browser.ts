// Chromium for the HTML report's tests: Debian's package, driven by puppeteer-core (which never
// downloads a browser). Missing under CI is a failure; locally the browser tests are skipped.
import { existsSync } from 'node:fs';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

export function findChromium(): string | undefined {
  const env = process.env['JITLINT_CHROMIUM'];
  if (env) return existsSync(env) ? env : undefined;
  return CANDIDATES.find((p) => existsSync(p));
}

export const inCI = !!process.env['CI'] && process.env['CI'] !== 'false' && process.env['CI'] !== '0';

export async function launch(executablePath: string): Promise<Browser> {
  // --no-sandbox: CI runs as root, where Chromium's sandbox refuses to start.
  return puppeteer.launch({ executablePath, headless: true, args: ['--no-sandbox', '--disable-gpu', '--font-render-hinting=none'] });
}

export interface Recorded {
  requests: string[];
  console: string[];
  errors: string[];
}

/** A page that records every request, console message and uncaught error from the start. */
export async function openRecorded(browser: Browser, url: string, opts: { width?: number; height?: number; scheme?: 'light' | 'dark' } = {}): Promise<{ page: Page; rec: Recorded }> {
  const page = await browser.newPage();
  const rec: Recorded = { requests: [], console: [], errors: [] };
  page.on('request', (r) => rec.requests.push(r.url()));
  page.on('console', (m) => rec.console.push(`${m.type()}: ${m.text()}`));
  page.on('pageerror', (e) => rec.errors.push(String((e as Error).message ?? e)));
  await page.setViewport({ width: opts.width ?? 1400, height: opts.height ?? 1000 });
  await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: opts.scheme ?? 'light' }]);
  await page.goto(url, { waitUntil: 'load' });
  await page.waitForSelector('html[data-ready="1"]');
  return { page, rec };
}
