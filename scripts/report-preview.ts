// `npm run report:preview`: writes a passing and a failing sample report in every format, and a screenshot of
// each index.html as headless Chromium shows it at 1280×800, under reports/preview/ (git-ignored), so a person
// can look at what the reporters make without running the suite. `--readme` also refreshes docs/report.png.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { PACKAGE_ROOT } from '../src/package-info.ts';
import { writeReports } from '../src/report/index.ts';
import { chromiumMissing, launchChromium, VIEWPORT } from '../test/support/chromium.ts';
import { fullSample, passingSample } from '../test/report/sample-report.ts';

const out = join(PACKAGE_ROOT, 'reports', 'preview');
const samples = { passing: passingSample().build(), failing: fullSample().build() };

for (const [name, report] of Object.entries(samples)) {
  const files = await writeReports(report, { dir: join(out, name) });
  process.stdout.write(`${name}: ${files.join(', ')}\n`);
}

const missing = chromiumMissing();
if (missing) {
  process.stdout.write(`no screenshots: ${missing}\n`);
} else {
  const browser = await launchChromium();
  try {
    const context = await browser.newContext({ viewport: VIEWPORT, javaScriptEnabled: false, offline: true });
    const page = await context.newPage();
    for (const name of Object.keys(samples)) {
      await page.goto(pathToFileURL(join(out, name, 'index.html')).href);
      const path = join(out, `${name}.png`);
      await page.screenshot({ path });
      process.stdout.write(`screenshot: ${path}\n`);
      if (name === 'failing' && process.argv.includes('--readme')) {
        await mkdir(join(PACKAGE_ROOT, 'docs'), { recursive: true });
        await page.screenshot({ path: join(PACKAGE_ROOT, 'docs', 'report.png') });
        process.stdout.write('screenshot: docs/report.png\n');
      }
    }
  } finally {
    await browser.close();
  }
}
