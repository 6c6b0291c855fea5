// Fixture ids that JSON escapes (a quote, a backslash) are masked wherever ids are masked: the request records
// of every report (conformance.json, ctrf.json, index.html, summary.md, junit.xml) and the terminal. They used to
// be found by searching the body's JSON text for the raw id, which never holds it. Ids with a control character
// (a trailing carriage return of a Windows or spreadsheet export, a tab) are refused: exit 2, nothing sent.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/conformance.ts';
import { startHttp, type RunningServer } from '../support/servers.ts';
import { freshDir, runMain } from '../support/spawn-cli.ts';

// Each id is made of 4-character parts that occur nowhere else: none of them may be shown.
const HOLDERS = {
  deviceNotActive: { certIdOtp: 'K9ZQ"W7XP"M4NV', deviceCode: 'R2TB\\H8LC\\Y5FD' },
  otpBlocked: { certIdOtp: 'Jane "Q3GS" Doe/U6PE', deviceCode: 'V1JK\\"X4MW' },
  smsActive: { certIdOtp: 'A7HN"B3QR', deviceCode: 'C5LW\\D9TZ' },
};
const PARTS = Object.values(HOLDERS).flatMap((h) => [h.certIdOtp, h.deviceCode]).flatMap((id) => id.match(/[A-Z0-9]{4}/g) ?? []);

describe('fixture ids that JSON escapes', () => {
  let server: RunningServer;
  let received = 0;
  beforeAll(async () => {
    server = await startHttp((_req, res) => {
      received += 1;
      res.writeHead(500, { 'content-type': 'application/json' }).end(JSON.stringify({ code: 3, message: 'no' }));
    });
  });
  afterAll(() => server.close());

  it('are masked in every report and on the terminal', async () => {
    const dir = freshDir();
    writeFileSync(join(dir, 'fixtures.json'), JSON.stringify({ holders: HOLDERS }));
    const run = await runMain(main, {
      LEAN_BASE_URL: server.url, LEAN_USERNAME: 'u', LEAN_PASSWORD: 'p', LEAN_FIXTURES: join(dir, 'fixtures.json'),
      LEAN_MAX_SENDS: '0', LEAN_RATE_LIMIT: '1000', LEAN_MALFORMED_RUNS: '0', LEAN_REPORT_DIR: join(dir, 'reports'),
    }, [], { cwd: dir });
    expect(run.code).toBe(1);
    const files = readdirSync(join(dir, 'reports')).filter((name) => !name.startsWith('.'));
    expect(files.sort()).toEqual(['conformance.json', 'ctrf.json', 'index.html', 'junit.xml', 'summary.md']);
    const texts: Record<string, string> = { stdout: run.stdout, stderr: run.stderr, ...Object.fromEntries(files.map((f) => [f, readFileSync(join(dir, 'reports', f), 'utf8')])) };
    for (const [name, text] of Object.entries(texts)) {
      expect(PARTS.filter((part) => text.includes(part)), name).toEqual([]);
    }
    // The request records were there, with placeholders: this is no vacuous pass.
    expect(texts['conformance.json']).toContain('${fixture.deviceNotActive.certIdOtp}');
    expect(texts['conformance.json']).toContain('${fixture.otpBlocked.deviceCode}');
  });

  it.each([
    ['a trailing carriage return', 'C-STAGING-0002\r', /holders\.deviceNotActive\.certIdOtp holds a control character \(a carriage return at its end, as an export from Windows or a spreadsheet leaves\)/],
    ['a tab', 'D-0002\t', /holders\.deviceNotActive\.certIdOtp holds a control character \(a tab at its end/],
  ])('with a control character (%s) are refused: exit 2, nothing sent', async (_name, id, message) => {
    const dir = freshDir();
    writeFileSync(join(dir, 'fixtures.json'), JSON.stringify({ holders: { deviceNotActive: { certIdOtp: id, deviceCode: 'D-0002' } } }));
    const before = received;
    const run = await runMain(main, {
      LEAN_BASE_URL: server.url, LEAN_USERNAME: 'u', LEAN_PASSWORD: 'p', LEAN_FIXTURES: join(dir, 'fixtures.json'), LEAN_REPORT_DIR: join(dir, 'reports'),
    }, [], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stderr).not.toContain(id.trim());
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(received).toBe(before);
  });
});
