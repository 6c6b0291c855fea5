// Runs the real command to pin its exit codes: 0 no drift, 1 drift, 2 no report.
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/spec-drift.ts';
import { runCli as spawnCli, runMain } from '../support/spawn-cli.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const PAGES = 'test/drift/pages/';

interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * The command's main, in-process, from the repository's folder (the page paths are relative to it); the pages
 * served by URL come from a server in this same process. One case spawns the real script, for the exit code
 * as the shell sees it.
 */
function runCli(...args: string[]): Promise<Run> {
  return runMain(main, {}, args, { cwd: ROOT });
}
describe('npx tsx src/cli/spec-drift.ts <file>', () => {
  // [arguments, exit code, what stdout (0/1) or stderr (2) must contain]
  const cases: [string[], number, RegExp][] = [
    [[`${PAGES}matching.md`], 0, /Result: no drift/],
    [[`${PAGES}matching.html`], 0, /sendOtpDisposable \(deprecated\): no drift/],
    [[`${PAGES}new-code.md`], 1, /\+ code 250 is on the page but not in the spec/],
    [[`${PAGES}missing-code.html`], 1, /- code 101 is in the spec but not on the page/],
    [[`${PAGES}changed-meaning.md`], 1, /~ code 66 has a changed meaning/],
    [[`${PAGES}no-error-table.md`], 2, /^spec-drift: No error table found in .*\.\n$/],
    [[], 2, /^spec-drift: Give one docs page to check, as a file path or URL \(usage: .*\)\.\n$/],
    [[`${PAGES}absent.md`], 2, /^spec-drift: Cannot read .*absent\.md: no such file\.\n$/],
    [['--threshold', 'high', `${PAGES}matching.md`], 2, /^spec-drift: --threshold must be a number from 0 to 1/],
    [['http://docs.example.test/page'], 2, /^spec-drift: Refusing .*plain http is allowed only on loopback/],
  ];
  it.each(cases)('%j → exit %i', async (args, code, output) => {
    const run = await runCli(...args);
    expect(run.code).toBe(code);
    expect(code === 2 ? run.stderr : run.stdout).toMatch(output);
    if (code !== 2) expect(run.stderr).toBe('');
  });

  it('as a process, the shell sees the same exit code (1: drift)', async () => {
    const run = await spawnCli('src/cli/spec-drift.ts', {}, [`${ROOT}${PAGES}changed-meaning.md`]);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/~ code 66 has a changed meaning/);
  });

  it('--json prints the typed report', async () => {
    const run = await runCli('--json', `${PAGES}missing-code.html`);
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout) as { drift: boolean; operations: { missingFromPage: { code: number }[] }[] };
    expect(report.drift).toBe(true);
    expect(report.operations.map((op) => op.missingFromPage.map((c) => c.code))).toEqual([[101], [101]]);
  });
});

describe('npx tsx src/cli/spec-drift.ts <url>', () => {
  let server: Server;
  let base: string;
  beforeAll(async () => {
    server = createServer((req, res) => {
      const name = req.url?.slice(1) ?? '';
      if (!/^[a-z-]+\.(?:md|html)$/.test(name)) {
        res.writeHead(404).end();
        return;
      }
      try {
        const body = readFileSync(fileURLToPath(new URL(`./pages/${name}`, import.meta.url)));
        // No extension hint in the Content-Type for Markdown: the reader must fall back to the URL's path.
        res.writeHead(200, { 'content-type': name.endsWith('.html') ? 'text/html; charset=utf-8' : 'text/plain' }).end(body);
      } catch {
        res.writeHead(404).end();
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  const cases: [string, number][] = [
    ['matching.html', 0],
    ['matching.md', 0],
    ['changed-meaning.md', 1],
    ['absent.md', 2],
  ];
  it.each(cases)('a served %s → exit %i', async (name, code) => {
    const run = await runCli(`${base}/${name}`);
    expect(run.code).toBe(code);
    if (code === 2) expect(run.stderr).toMatch(/^spec-drift: Cannot fetch .*: the server answered HTTP 404\.\n$/);
  });
});
