// `npm run report:preview`: writes a passing and a failing sample report in every format, and a screenshot of
// each index.html as headless Chromium shows it at 1280×800, under reports/preview/ (git-ignored), so a person
// can look at what the reporters make without running the suite. `--readme` also refreshes docs/report.png.
// Parses its arguments like every entry point: `--help` and `--version` print and exit 0 without writing anything;
// anything else given is exit 2.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CommandSpec } from '../src/cli/args.ts';
import { defineCommand } from '../src/cli/command.ts';
import { isEntryPoint, runAsProcess, type CliIo, type CliMain } from '../src/cli/io.ts';
import { PACKAGE_ROOT } from '../src/package-info.ts';
import { writeReports } from '../src/report/index.ts';
import { chromiumMissing, launchChromium, VIEWPORT } from '../test/support/chromium.ts';
import { fullSample, passingSample } from '../test/report/sample-report.ts';

const NAME = 'report:preview';

export const COMMAND: CommandSpec = {
  usage: 'npm run report:preview --',
  summary: 'Writes a passing and a failing sample report in every format under reports/preview/, with a screenshot\n' +
    'of each index.html when Chromium is installed.',
  options: {
    readme: { type: 'boolean', doc: "also refresh docs/report.png, the README's picture of a failing report" },
  },
};

async function screenshots(out: string, names: readonly string[], readme: boolean, io: CliIo): Promise<void> {
  const browser = await launchChromium();
  try {
    const context = await browser.newContext({ viewport: VIEWPORT, javaScriptEnabled: false, offline: true });
    const page = await context.newPage();
    for (const name of names) {
      await page.goto(pathToFileURL(join(out, name, 'index.html')).href);
      const path = join(out, `${name}.png`);
      await page.screenshot({ path });
      io.out(`screenshot: ${path}\n`);
      if (name === 'failing' && readme) {
        await mkdir(join(PACKAGE_ROOT, 'docs'), { recursive: true });
        await page.screenshot({ path: join(PACKAGE_ROOT, 'docs', 'report.png') });
        io.out('screenshot: docs/report.png\n');
      }
    }
  } finally {
    await browser.close();
  }
}

export const main: CliMain = defineCommand(NAME, COMMAND, async (args, _env, io) => {
  const out = join(PACKAGE_ROOT, 'reports', 'preview');
  const samples = { passing: passingSample().build(), failing: fullSample().build() };
  for (const [name, report] of Object.entries(samples)) {
    const files = await writeReports(report, { dir: join(out, name) });
    io.out(`${name}: ${files.join(', ')}\n`);
  }
  const missing = chromiumMissing();
  if (missing) io.out(`no screenshots: ${missing}\n`);
  else await screenshots(out, Object.keys(samples), args.values['readme'] === true, io);
  return 0;
});

if (isEntryPoint(import.meta.url)) await runAsProcess(NAME, main);
