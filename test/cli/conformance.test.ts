// `npm run conformance` end to end, as CI runs it: exit codes, the four reports, and nothing secret in them.
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningProvider } from '../../src/provider/index.ts';
import { startReferenceProvider } from '../../src/sandbox/index.ts';
import type { ConformanceReport } from '../../src/results/model.ts';
import { main } from '../../src/cli/conformance.ts';
import { runCli, runMain } from '../support/spawn-cli.ts';

const CLI = 'src/cli/conformance.ts';
const REPORTS = ['conformance.json', 'ctrf.json', 'index.html', 'junit.xml', 'summary.md'];
const tempDir = () => mkdtempSync(join(tmpdir(), 'lean-conformance-'));
const readReport = (dir: string) => JSON.parse(readFileSync(join(dir, 'conformance.json'), 'utf8')) as ConformanceReport;

describe('npm run conformance', () => {
  it('with no target, runs every scenario against the bundled provider, exits 0 and writes the four reports', async () => {
    const dir = tempDir();
    const run = await runCli(CLI, { LEAN_REPORT_DIR: dir, LEAN_REQUIRE_CODES: 'all' });

    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(readdirSync(dir).sort()).toEqual(REPORTS);
    const report = readReport(dir);
    expect(report.summary.failed).toBe(0);
    expect(report.sends).toBe(6);
    expect(run.stdout).toMatch(/^PASS\b/m);
  });

  describe('against a target given by the variables', () => {
    const PASSWORD = 'S3cr3t-Pa55-4-tests';
    let provider: RunningProvider;
    let fixturesFile: string;
    const env = (extra: Record<string, string>) => ({
      LEAN_BASE_URL: provider.url, LEAN_USERNAME: 'ci-user', LEAN_PASSWORD: PASSWORD, LEAN_FIXTURES: fixturesFile,
      LEAN_MAX_SENDS: '100', LEAN_RATE_LIMIT: '1000', ...extra,
    });

    beforeAll(async () => {
      provider = await startReferenceProvider({
        users: [{ username: 'ci-user', password: PASSWORD, operations: ['sendOtp', 'sendOtpDisposable'] }],
        // A faulty variant: sendOtpDisposable answers a body on its 200s.
        mutate: (r, req) => (req.operation === 'sendOtpDisposable' && r.status === 200 ? { ...r, body: '{}' } : r),
      });
      fixturesFile = join(tempDir(), 'fixtures.json');
      writeFileSync(fixturesFile, JSON.stringify(provider.fixtures()));
    });
    afterAll(() => provider.close());

    it('exits 1 naming the failing check, and no output or report carries the password', async () => {
      const dir = tempDir();
      const run = await runMain(main, env({ LEAN_REPORT_DIR: dir }));

      expect(run.code).toBe(1);
      expect(run.stdout).toMatch(/✗ sendOtpDisposable\s+fixture:smsActive .*\[empty-200\] body on 200/);
      const outputs = [run.stdout, run.stderr, ...REPORTS.map((f) => readFileSync(join(dir, f), 'utf8'))];
      const basic = Buffer.from(`ci-user:${PASSWORD}`).toString('base64');
      for (const text of outputs) {
        expect(text).not.toContain(PASSWORD);
        expect(text).not.toContain(basic);
      }
    });

    it('skips the success scenarios, with the reason, when the send budget is 0', async () => {
      const dir = tempDir();
      const run = await runMain(main, env({ LEAN_REPORT_DIR: dir, LEAN_MAX_SENDS: '0' }));

      const report = readReport(dir);
      expect(report.sends).toBe(0);
      const successes = report.results.filter((r) => /fixture:(sms|email|whatsapp)Active/.test(r.scenario));
      expect(successes.map((r) => r.verdict)).toEqual(Array(6).fill('skip'));
      expect(successes[0]?.reason).toMatch(/LEAN_MAX_SENDS=0/);
      expect(run.code).toBe(0); // the faulty 200s were never requested
    });
  });

  it.each([
    ['a non-loopback http:// target', { LEAN_BASE_URL: 'http://lean.example.com/api' }, /LEAN_BASE_URL/],
    ['an unreadable client certificate', { LEAN_BASE_URL: 'https://127.0.0.1:9', LEAN_CLIENT_CERT: '/nonexistent/cert.pem', LEAN_CLIENT_KEY: '/nonexistent/key.pem' }, /LEAN_CLIENT_(CERT|KEY)/],
    ['a fixture file with an unknown state', { LEAN_FIXTURES: 'FIXTURE_WITH_TYPO' }, /LEAN_FIXTURES.*smsActive/],
    ['a malformed seed', { LEAN_SEED: 'abc' }, /LEAN_SEED/],
    ['a misspelt check name', { LEAN_SKIP_CHECKS: 'empty200' }, /LEAN_SKIP_CHECKS: "empty200" is not a check \(did you mean empty-200\?\)/],
  ])('exits 2 with one sentence, before any request, for %s', async (_name, env, message) => {
    const dir = tempDir();
    const resolved: Record<string, string> = { ...env, LEAN_REPORT_DIR: dir };
    if (resolved['LEAN_FIXTURES'] === 'FIXTURE_WITH_TYPO') {
      resolved['LEAN_FIXTURES'] = join(dir, 'fixtures.json');
      writeFileSync(resolved['LEAN_FIXTURES'], JSON.stringify({ holders: { smsActiv: { certIdOtp: 'a', deviceCode: 'b' } } }));
    }
    const run = await runMain(main, resolved);

    expect(run.code).toBe(2);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(message);
    expect(readdirSync(dir).filter((f) => REPORTS.includes(f))).toEqual([]);
  });
});
