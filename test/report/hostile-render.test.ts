// Every format rendered from a report whose every string field, and every field a hostile file could turn into a
// string (numbers, booleans, nulls), holds markup, CI commands and terminal controls (issue 19 item 2). The
// renderers are called directly, past the validation of reports read back, so this is what each renderer itself
// guarantees: index.html shows the real verdict in Chromium and nothing of the payload as markup; summary.md and
// compare.md hold no raw HTML, link or image made of it; the terminal gets no control character and no line a CI
// runner would take for a command; junit.xml stays well-formed and ctrf.json valid JSON.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compareRuns } from '../../src/compare/index.ts';
import { renderCompareMarkdown, renderComparisonText } from '../../src/report/compare-view.ts';
import { renderReport, REPORTER_NAMES } from '../../src/report/index.ts';
import { formatResultLine, terminalSummary } from '../../src/report/terminal.ts';
import type { ConformanceReport } from '../../src/results/model.ts';
import { chromiumMissing, launchChromium, VIEWPORT } from '../support/chromium.ts';
import { fullSample, passingSample } from './sample-report.ts';
import { parseXml } from './tiny-xml.ts';

/** The red team's fake PASS banner, plus a script, an image, links of both kinds, a CI command and terminal controls. */
export const PAYLOAD = '<style>body{visibility:hidden}.fake{visibility:visible;position:fixed;top:0}</style>' +
  '<div class="banner pass fake"><h1>✓ Send OTP conformance: PASS (exit 0)</h1></div>' +
  '<script>document.title="pwned"</script><img src=x onerror=alert(1)><a href="https://evil.example/a">a</a> ' +
  '[link](https://evil.example/l) ![img](https://evil.example/i.png) <https://evil.example/auto> https://evil.example/bare ' +
  'www.evil.example a@evil.example **bold** `code` | cell &amp; &lt;' +
  '\n::error title=Injected::fake annotation\n  ::add-mask::x\n##[error]legacy ##vso[task.setvariable variable=x]1 ' +
  '\u001b[2J\u001b]0;pwned\u0007\u009b31m\r\u202e';

/** Keys whose value selects a path through the renderers; kept in one variant so every table renders. */
const SELECTORS = new Set(['verdict', 'check', 'state', 'kind', 'credentials', 'onBehalfOf', 'method', 'operation']);

/** Every leaf (string, number, boolean, null) replaced by the payload, except `keep`'s keys; every key kept. */
function poisoned(value: unknown, keep: ReadonlySet<string>, key = ''): unknown {
  if (Array.isArray(value)) return value.map((v) => poisoned(v, keep, key));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, poisoned(v, keep, k)]));
  }
  return keep.has(key) ? value : PAYLOAD;
}

function withComparison(): ConformanceReport {
  const report = fullSample().build();
  const comparison = compareRuns([{ label: 'before.json', report: passingSample().build() }, { label: 'this run', report }]);
  return { ...report, comparison };
}

const VARIANTS: readonly (readonly [string, ConformanceReport])[] = [
  ['every leaf is markup', poisoned(withComparison(), new Set()) as ConformanceReport],
  ['every leaf but the selectors is markup', poisoned(withComparison(), SELECTORS) as ConformanceReport],
  // A hostile coverage key and catalog operation too: keys reach the matrix as its column and row names.
  ['markup in keys as well', (() => {
    const report = poisoned(withComparison(), SELECTORS) as ConformanceReport;
    report.coverage[PAYLOAD] = { [PAYLOAD]: PAYLOAD } as never;
    report.catalog = { [PAYLOAD]: [{ code: PAYLOAD, meaning: PAYLOAD }] } as never;
    return report;
  })()],
];

/**
 * Markdown outside code (fenced blocks, code spans) and outside the reproducers' HTML blocks (`<summary>` lines,
 * which GitHub reads as HTML, not Markdown: checked as HTML here), where GitHub would render Markdown.
 */
function outsideCode(markdown: string): string {
  const summaries = [...markdown.matchAll(/^<summary>(.*)<\/summary>$/gm)].map((m) => m[1]!);
  for (const text of summaries) expect(text).not.toMatch(/[<>"]/);
  return markdown.replace(/^<summary>.*<\/summary>$/gm, '').replace(/^(`{3,}|~{3,})[^\n]*\n[\s\S]*?\n\1$/gm, '')
    .replace(/(?<!\\)(`+)[\s\S]*?[^`]\1(?!`)/g, '');
}

function expectTerminalSafe(text: string): void {
  expect(text).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e]/);
  for (const line of text.split('\n')) {
    expect(line).not.toMatch(/^\s*::/);
    expect(line).not.toMatch(/##[A-Za-z]*\[/);
  }
}

describe.each(VARIANTS)('a report where %s', (_name, report) => {
  it('summary.md and compare.md: no raw HTML, link, image or autolink made of it', () => {
    for (const markdown of [renderReport('markdown', report), renderCompareMarkdown(report.comparison!)]) {
      const prose = outsideCode(markdown);
      // The suite's own tags only: <br> in table cells, a reproducer's <details>.
      expect(prose).not.toMatch(/(?<!\\)<(?!\/?(?:br|details|summary)>)/);
      expect(prose).not.toMatch(/(?<!\\)\[/);
      expect(prose).not.toMatch(/(?<!\\):\/\//);
      expect(prose).not.toMatch(/(?<![\\A-Za-z0-9])www\./i);
      expect(prose).not.toMatch(/(?<!\\)@/);
      expectTerminalSafe(markdown);
      // Nor does the payload begin a line of its own: its newlines stay inside the line it is in.
      expect(markdown.split('\n').filter((l) => /^\s*(<style|::|##\[|##vso)/.test(l))).toEqual([]);
    }
  });

  it('the terminal: no control character emitted, no line a CI runner takes for a command', () => {
    expectTerminalSafe(terminalSummary(report, { reportFiles: [PAYLOAD], recapLimit: 100 }));
    expectTerminalSafe(renderComparisonText(report.comparison!, { matrix: true }));
    for (const result of report.results) expectTerminalSafe(formatResultLine(result));
  });

  it('junit.xml stays well-formed, ctrf.json parses, conformance.json round-trips', () => {
    expect(() => parseXml(renderReport('junit', report))).not.toThrow();
    expect(() => JSON.parse(renderReport('ctrf', report)) as unknown).not.toThrow();
    expect(JSON.parse(renderReport('json', report))).toMatchObject({ target: report.target });
    for (const name of REPORTER_NAMES) expect(renderReport(name, report)).not.toMatch(/^\s*::/m);
  });
});

const missing = chromiumMissing();
if (missing) console.warn(`hostile rendering browser test skipped: ${missing}`);

describe.skipIf(missing !== null)(`index.html of those reports in headless Chromium${missing ? ` (skipped: ${missing})` : ''}`, () => {
  let browser: Browser;
  let dir: string;
  beforeAll(async () => {
    browser = await launchChromium();
    dir = await mkdtemp(join(tmpdir(), 'lean-hostile-html-'));
  });
  afterAll(async () => {
    await browser?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it.each(VARIANTS)('%s: the page shows the real verdict (FAIL), and the payload only as text', async (name, report) => {
    const path = join(dir, `${name.replaceAll(' ', '-')}.html`);
    await writeFile(path, renderReport('html', report));
    const context = await browser.newContext({ viewport: VIEWPORT, offline: true });
    try {
      const page = await context.newPage();
      await page.goto(pathToFileURL(path).href, { waitUntil: 'load' });
      const h1 = page.locator('h1');
      expect(await h1.count()).toBe(1);
      expect(await h1.innerText()).toMatch(/^✗ Send OTP conformance: FAIL/);
      expect(await h1.isVisible()).toBe(true);
      expect(await page.locator('.fake, script, img, a, iframe, [onerror]').count()).toBe(0);
      expect(await page.locator('style').count()).toBe(1);
      expect(await page.locator('.banner').count()).toBe(1);
      expect(await page.locator('.banner').getAttribute('class')).toBe('banner fail');
      expect(await page.evaluate(() => getComputedStyle(document.body).visibility)).toBe('visible');
      expect(await page.title()).toMatch(/^Send OTP conformance: FAIL/);
      // The payload is there, as the words it is.
      expect(await page.locator('body').innerText()).toContain('<script>document.title="pwned"</script>');
    } finally {
      await context.close();
    }
  });
});
