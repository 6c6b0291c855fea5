// index.html in a real browser (issue 11 §8): on a 1280×800 screen the verdict, its reason and the matrix's first
// rows show without scrolling, the page makes no request and holds no script, and a failed cell reads "failed".
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderHtml } from '../../src/report/html.ts';
import { chromiumMissing, launchChromium, VIEWPORT } from '../support/chromium.ts';
import { fullSample, passingSample } from './sample-report.ts';

const missing = chromiumMissing();
// Never silent: the reason is in the suite's name (shown as skipped) and printed.
if (missing) console.warn(`browser test skipped: ${missing}`);

describe.skipIf(missing !== null)(`index.html in headless Chromium${missing ? ` (skipped: ${missing})` : ''}`, () => {
  let browser: Browser;
  let dir: string;
  beforeAll(async () => {
    browser = await launchChromium();
    dir = await mkdtemp(join(tmpdir(), 'lean-browser-'));
  });
  afterAll(async () => {
    await browser?.close();
    await rm(dir, { recursive: true, force: true });
  });

  /** Opens a rendered report from a file, as a person opens a CI artifact, with scripts off and every request recorded. */
  async function open(name: string, html: string): Promise<{ page: Page; requests: string[]; close: () => Promise<void> }> {
    const path = join(dir, name);
    await writeFile(path, html);
    const url = pathToFileURL(path).href;
    const context = await browser.newContext({ viewport: VIEWPORT, javaScriptEnabled: false, offline: true });
    const page = await context.newPage();
    const requests: string[] = [];
    page.on('request', (request) => { if (request.url() !== url) requests.push(request.url()); });
    await page.goto(url, { waitUntil: 'load' });
    return { page, requests, close: () => context.close() };
  }

  async function inFirstScreen(page: Page, selector: string): Promise<boolean> {
    const box = await page.locator(selector).first().boundingBox();
    return box !== null && box.y >= 0 && box.y + box.height <= VIEWPORT.height && box.x + box.width <= VIEWPORT.width;
  }

  const samples = [['a failing run', fullSample().build()], ['a passing run', passingSample().build()]] as const;
  it.each(samples)('%s: the verdict, its reason and the first rows of the matrix show without scrolling', async (name, report) => {
    const { page, close } = await open(`${name}.html`, renderHtml(report));
    try {
      expect(await inFirstScreen(page, 'h1')).toBe(true);
      if (report.exitCode === 1) {
        expect(await inFirstScreen(page, '#why')).toBe(true);
        expect(await page.locator('#why').innerText()).toMatch(/^FAIL: 4 failed results/);
      }
      const rows = page.locator('h2:text("Coverage") + table tbody tr');
      for (const i of [0, 1, 2, 3]) {
        const box = await rows.nth(i).boundingBox();
        expect(box && box.y + box.height <= VIEWPORT.height, `matrix row ${i + 1} is on the first screen`).toBe(true);
      }
    } finally {
      await close();
    }
  });

  it('needs no network and no script', async () => {
    const { page, requests, close } = await open('failing.html', renderHtml(fullSample().build()));
    try {
      expect(requests).toEqual([]);
      expect(await page.locator('script').count()).toBe(0);
      expect(await page.locator('[onerror], [onload], [onclick]').count()).toBe(0);
    } finally {
      await close();
    }
  });

  it('the checks above can fail: a page that fetches, holds a script, or pushes the matrix down is caught', async () => {
    const html = renderHtml(fullSample().build())
      .replace(/<meta http-equiv="Content-Security-Policy"[^>]*>/, '<link rel="stylesheet" href="extra.css"><script>1</script>')
      .replace('<h2>Coverage', '<div style="height:900px"></div><h2>Coverage');
    const { page, requests, close } = await open('control.html', html);
    try {
      expect(requests).toEqual([pathToFileURL(join(dir, 'extra.css')).href]);
      expect(await page.locator('script').count()).toBe(1);
      expect(await inFirstScreen(page, 'h2:text("Coverage") + table tbody tr')).toBe(false);
    } finally {
      await close();
    }
  });

  it('a failed cell reads "failed" in text, with what came instead, whatever the fonts', async () => {
    const { page, close } = await open('failing.html', renderHtml(fullSample().build()));
    try {
      const row66 = page.locator('h2:text("Coverage") + table tbody tr', { hasText: 'device OTP not active' });
      const cells = await row66.locator('td').allInnerTexts();
      expect(cells.slice(2)).toEqual(['✗ failed (got 500, code 6)', '✗ failed (got 500, code 6)']);
      // Red, but beside the word, never instead of it.
      const colour = await row66.locator('td').nth(2).evaluate((td) => getComputedStyle(td).backgroundColor);
      expect(colour).toBe('rgb(255, 206, 203)');
    } finally {
      await close();
    }
  });
});
