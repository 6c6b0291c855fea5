// The edges where a real CI job runs (issue "A gate that never lies"): arguments, a missing secret, an unwritable
// or busy report directory, a .env that is not the job's, short passwords, an unreachable target. Each case
// runs the real entry point (in-process, or as a process where the process is the subject) against a server
// that counts what reached it, so "nothing was sent" is measured, not assumed.
import { spawn } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/conformance.ts';
import { REPORTERS } from '../../src/report/index.ts';
import { startReferenceProvider, type ReferenceProvider } from '../../src/sandbox/index.ts';
import type { ConformanceReport } from '../../src/results/model.ts';
import { LOCK_FILE } from '../../src/runner/report-dir.ts';
import { freshDir, runCli, runMain } from '../support/spawn-cli.ts';
import { startHttp, type RunningServer } from '../support/servers.ts';
import { parseXml } from '../report/tiny-xml.ts';

const readReport = (dir: string): ConformanceReport => JSON.parse(readFileSync(join(dir, 'conformance.json'), 'utf8')) as ConformanceReport;

describe('a server that answers every request with the empty 200 and counts them', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startHttp((_req, res) => res.end());
  });
  afterAll(() => server.close());
  const target = (extra: Record<string, string> = {}) => ({
    LEAN_BASE_URL: server.url, LEAN_USERNAME: 'u', LEAN_PASSWORD: 'p', LEAN_MAX_SENDS: '2', LEAN_RATE_LIMIT: '1000', ...extra,
  });

  it.each([
    ['--help', ['--help'], 0, /^usage: npm run conformance -- \[options\]/m],
    ['-h', ['-h'], 0, /LEAN_MAX_SENDS .*default: unlimited against the reference provider; 0 against any other target/],
    ['--version', ['--version'], 0, /^lean-send-otp-conformance \d+\.\d+\.\d+$/m],
    ['an unknown option', ['--frobnicate'], 2, /usage error: arguments: Unknown option '--frobnicate' \(see --help\)\./],
    ['a stray positional', ['sendOtp'], 2, /usage error: arguments: Unexpected argument 'sendOtp'/],
    ['an unknown operation filter', ['--operation', 'sendOTP'], 2, /--operation: "sendOTP" is not an operation of the spec \(did you mean sendOtp\?\)/],
    ['a scenario filter that matches nothing', ['--scenario', 'fixture:smsActiv'], 2, /--scenario: "fixture:smsActiv" matches no scenario of this run \(did you mean fixture:smsActive\?\)/],
  ] as const)('%s sends nothing and exits %i', async (_name, args, code, output) => {
    const before = server.received;
    const dir = freshDir();
    const run = await runMain(main, target({ LEAN_REPORT_DIR: join(dir, 'reports') }), [...args]);
    expect(run.code).toBe(code);
    expect(`${run.stdout}${run.stderr}`).toMatch(output);
    expect(server.received).toBe(before);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('--help lists every option and every LEAN_* variable with its default', async () => {
    const run = await runMain(main, {}, ['--help']);
    for (const option of ['--plan', '--operation <operationId>', '--scenario <glob>', '--version', '--help']) expect(run.stdout).toContain(option);
    for (const variable of ['LEAN_BASE_URL', 'LEAN_REQUIRE_CODES', 'LEAN_COMPARE_WITH', 'LEAN_SKIP_CHECKS', 'LEAN_SEED']) {
      expect(run.stdout).toMatch(new RegExp(`^  ${variable} .*\\(default: `, 'm'));
    }
  });

  it('--plan prints every request and the sends the budget allows, sends nothing, writes no report', async () => {
    const before = server.received;
    const dir = freshDir();
    const run = await runMain(main, target({ LEAN_REPORT_DIR: join(dir, 'reports') }), ['--plan']);
    expect(run.code).toBe(0);
    expect(server.received).toBe(before);
    expect(readdirSync(dir)).toEqual([]);
    expect(run.stdout).toMatch(/^  sendOtp\s+missingFields:empty-object\s+500, code 2$/m);
    expect(run.stdout).toMatch(/^  sendOtpDisposable\s+malformed:not-json\s+500, a catalog code other than 6$/m);
    expect(run.stdout).toMatch(/skip: no fixture file \(LEAN_FIXTURES\)/);
    expect(run.stdout).toMatch(/\d+ request\(s\), of which 0 may deliver a real message; the budget allows 2 \(LEAN_MAX_SENDS\)\./);
  });

  it('--plan validates the configuration exactly as a run would (exit 2)', async () => {
    const run = await runMain(main, target({ LEAN_TIMEOUT_MS: '0' }), ['--plan']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^configuration error: LEAN_TIMEOUT_MS: /);
  });

  it('--operation and --scenario run only the matching steps; the others are skipped as "filtered out"', async () => {
    const before = server.received;
    const dir = freshDir();
    const run = await runMain(main, target({ LEAN_REPORT_DIR: dir }), ['--operation', 'sendOtp', '--scenario', 'missingFields:*', '--scenario', 'unknownCertIdOtp']);
    const report = readReport(dir);
    const ran = report.results.filter((r) => r.reason !== 'filtered out');
    expect(ran.map((r) => `${r.operation} ${r.scenario}`)).toEqual([
      'sendOtp missingFields:empty-object', 'sendOtp missingFields:only-deviceCode', 'sendOtp missingFields:only-certIdOtp', 'sendOtp unknownCertIdOtp',
    ]);
    expect(server.received - before).toBe(4);
    expect(report.results.filter((r) => r.reason === 'filtered out').every((r) => r.verdict === 'skip')).toBe(true);
    // No parity is judged: the twin did not run.
    expect(ran.flatMap((r) => r.failures ?? []).filter((f) => f.check === 'parity')).toEqual([]);
    expect(run.code).toBe(1); // 200 where 2 and 62 are due
  });

  it('LEAN_BASE_URL set but empty (a missing CI secret) is exit 2, never a run against the bundled provider', async () => {
    const dir = freshDir();
    const run = await runMain(main, { LEAN_BASE_URL: '', LEAN_REPORT_DIR: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('configuration error: LEAN_BASE_URL: is set but empty (a missing CI secret?); unset it to test the bundled reference provider.\n');
    expect(readdirSync(dir)).toEqual([]);
  });

  it('NODE_TLS_REJECT_UNAUTHORIZED=0 in the environment is exit 2 before any request', async () => {
    const before = server.received;
    const run = await runMain(main, target({ NODE_TLS_REJECT_UNAUTHORIZED: '0' }));
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/NODE_TLS_REJECT_UNAUTHORIZED: is 0/);
    expect(server.received).toBe(before);
  });

  it.each([
    ['a path under a regular file', (dir: string) => { writeFileSync(join(dir, 'file'), ''); return join(dir, 'file', 'reports'); }, /LEAN_REPORT_DIR: cannot (use|create) .*\(ENOTDIR\)\./],
    ['a directory in /proc', () => '/proc/lean-conformance-reports', /LEAN_REPORT_DIR: cannot create \/proc\/lean-conformance-reports \(ENOENT\)\./],
  ])('an unwritable report directory (%s) is exit 2 before the first request', async (_name, path, message) => {
    const before = server.received;
    const run = await runMain(main, target({ LEAN_REPORT_DIR: path(freshDir()) }));
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(server.received).toBe(before);
  });

  it.each(['conformance.json', 'junit.xml', 'summary.md', 'index.html', 'ctrf.json'])('a report file that is a directory (%s) is exit 2 before the first request', async (name) => {
    const dir = freshDir();
    mkdirSync(join(dir, name));
    const before = server.received;
    const run = await runMain(main, target({ LEAN_REPORT_DIR: dir }));
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`LEAN_REPORT_DIR: ${join(dir, name)} is a directory, so that report could not be written`);
    expect(server.received).toBe(before);
    expect(readdirSync(dir).sort()).toEqual([name]);
  });

  it('a report directory another live run holds is exit 2 before the first request; a stale lock is taken over', async () => {
    const dir = freshDir();
    const holder = spawn('sleep', ['30']);
    try {
      writeFileSync(join(dir, LOCK_FILE), `${holder.pid}\n`);
      const before = server.received;
      const busy = await runMain(main, target({ LEAN_REPORT_DIR: dir }));
      expect(busy.code).toBe(2);
      expect(busy.stderr).toContain(`another run (pid ${holder.pid}) is writing its reports into ${dir}`);
      expect(server.received).toBe(before);
    } finally {
      holder.kill('SIGKILL');
    }
    await new Promise((resolve) => holder.once('close', resolve));
    const after = await runMain(main, target({ LEAN_REPORT_DIR: dir, LEAN_MAX_SENDS: '0' }), ['--scenario', 'missingFields:*']);
    expect(after.code).toBe(1);
    expect(readdirSync(dir)).not.toContain(LOCK_FILE);
    expect(readdirSync(dir)).toContain('conformance.json');
  });

  it('counts every 200 outside a success scenario as a possible delivery, lists it, and says so in the verdict', async () => {
    const dir = freshDir();
    const run = await runMain(main, target({ LEAN_REPORT_DIR: dir, LEAN_MAX_SENDS: '0' }));
    const report = readReport(dir);
    const answered200 = report.results.filter((r) => r.observed?.status === 200);
    expect(answered200.length).toBeGreaterThan(30);
    expect(report.sends).toBe(answered200.length);
    expect(report.unexpectedDeliveries).toEqual(answered200.map((r) => ({ operation: r.operation, scenario: r.scenario })));
    expect(run.code).toBe(1);
  });
});

describe('the .env of a directory is read only when it is the working directory', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startHttp((_req, res) => res.end());
  });
  afterAll(() => server.close());

  it('a test never reads one by accident: in-process runs use a fresh directory unless told otherwise', async () => {
    const dotenvDir = freshDir();
    writeFileSync(join(dotenvDir, '.env'), `LEAN_BASE_URL=${server.url}\nLEAN_MAX_SENDS=2\nLEAN_RATE_LIMIT=1000\n`);
    const before = server.received;
    const run = await runMain(main, { LEAN_REPORT_DIR: join(freshDir(), 'r') }, ['--plan']);
    expect(run.stdout).toMatch(/against http:\/\/127\.0\.0\.1:\d+ \(bundled reference provider\)/);
    expect(server.received).toBe(before);

    // As the command is used, from a directory with a .env, the .env is the configuration.
    const child = await runCli('src/cli/conformance.ts', {}, ['--scenario', 'missingFields:empty-object'], { cwd: dotenvDir });
    expect(child.code).toBe(1);
    expect(server.received - before).toBe(2);
    expect(readdirSync(join(dotenvDir, 'reports'))).toContain('conformance.json');
  });
});

describe('short passwords that are also words of the reports', () => {
  let provider: ReferenceProvider;
  const PASSWORDS = ['pass', 'test', 'code', 'Otp', 'scenario', 'message'];
  beforeAll(async () => {
    provider = await startReferenceProvider({
      users: PASSWORDS.map((password, i) => ({ username: `user${i}`, password, operations: ['sendOtp', 'sendOtpDisposable'] })),
      // A target that echoes what it received into its error messages.
      mutate: (response) => response.status === 500 ? { ...response, body: JSON.stringify({ ...JSON.parse(String(response.body)), message: `pass test code Otp scenario message` }) } : response,
    });
  });
  afterAll(() => provider.close());

  it.each(PASSWORDS.map((password, i) => [password, i] as const))('%s leaves every report valid with every result in it', async (password, i) => {
    const fixtures = join(freshDir(), 'fixtures.json');
    writeFileSync(fixtures, JSON.stringify(provider.fixtures()));
    const dir = freshDir();
    const run = await runMain(main, {
      LEAN_BASE_URL: provider.url, LEAN_USERNAME: `user${i}`, LEAN_PASSWORD: password, LEAN_FIXTURES: fixtures,
      LEAN_MAX_SENDS: '6', LEAN_RATE_LIMIT: '1000', LEAN_REPORT_DIR: dir, LEAN_MALFORMED_RUNS: '2',
    });
    expect(run.code).toBe(0);
    const report = readReport(dir);
    expect(report.results).toHaveLength(2 * (14 + 7 + 1 + 7 + 2));
    expect(report.results.map((r) => r.scenario)).toContain('fixture:otpBlocked');
    const junit = readFileSync(join(dir, 'junit.xml'), 'utf8');
    expect(() => parseXml(junit)).not.toThrow();
    expect(junit).toContain('<testsuites');
    expect((junit.match(/<testcase /g) ?? []).length).toBe(report.results.length);
    const html = readFileSync(join(dir, 'index.html'), 'utf8');
    expect(html).toContain('<!DOCTYPE html>');
    // The target's echo is the only place the password appears, and it is masked there.
    expect(JSON.stringify(report.results.flatMap((r) => r.failures ?? []))).not.toMatch(new RegExp(`\\b${password}\\b`));
  });
});

describe('an unreachable target', () => {
  it('is inconclusive (exit 3), said on top, in under 5 s at the default rate of a foreign target and at most 10 requests', async () => {
    const closed = await startHttp((_req, res) => res.end());
    const url = closed.url;
    await closed.close();
    const dir = freshDir();
    const started = performance.now();
    // No LEAN_RATE_LIMIT: a foreign target's default, 5 requests per second.
    const run = await runMain(main, { LEAN_BASE_URL: url, LEAN_REPORT_DIR: dir, LEAN_MALFORMED_RUNS: '0' });
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(run.code).toBe(3);
    expect(run.stdout).toMatch(/^INCONCLUSIVE: target unavailable/m);
    // The live lines never call a step failed that the verdict then judges a skip: the streak is printed pending.
    const live = run.stdout.slice(0, run.stdout.indexOf('  target unavailable:'));
    expect(live).not.toContain('✗');
    expect(live).toMatch(/^ {2}… sendOtp +\S+ → \S+ {2}no definitive answer after \d attempt\(s\); judged at the end of the run$/m);
    const report = readReport(dir);
    expect(report.verdict).toBe('inconclusive');
    const requests = report.results.reduce((n, r) => n + (r.observed === null ? 0 : r.attempts?.length ?? 1), 0);
    expect(requests).toBeLessThanOrEqual(10);
    expect(report.targetUnreachable).toEqual({ errorClass: 'refused', requests });
    expect(readFileSync(join(dir, 'junit.xml'), 'utf8')).toContain('<property name="verdict" value="inconclusive"/>');
    expect(readFileSync(join(dir, 'summary.md'), 'utf8')).toMatch(/INCONCLUSIVE \(exit 3\)/);
    expect(readFileSync(join(dir, 'index.html'), 'utf8')).toMatch(/INCONCLUSIVE \(exit 3\)/);
    expect(JSON.parse(readFileSync(join(dir, 'ctrf.json'), 'utf8')).results.extra.runVerdict).toBe('inconclusive');
  });
});

describe('a slow rate limit never loses results', () => {
  it('every step of a run spaced at 4 requests per second is in the report, with its send counted', async () => {
    const provider = await startReferenceProvider();
    try {
      const fixtures = join(freshDir(), 'fixtures.json');
      writeFileSync(fixtures, JSON.stringify(provider.fixtures()));
      const dir = freshDir();
      const started = performance.now();
      const run = await runMain(main, {
        LEAN_BASE_URL: provider.url, LEAN_USERNAME: provider.credentials.username, LEAN_PASSWORD: provider.credentials.password,
        LEAN_FIXTURES: fixtures, LEAN_MAX_SENDS: '1', LEAN_RATE_LIMIT: '4', LEAN_TIMEOUT_MS: '500', LEAN_REPORT_DIR: dir,
      }, ['--scenario', 'fixture:smsActive', '--scenario', 'fixture:deviceNotActive']);
      // Three requests: the second and third each wait a quarter of a second for their slot.
      expect(performance.now() - started).toBeGreaterThanOrEqual(2 * 250 - 20);
      const report = readReport(dir);
      expect(report.results.filter((r) => r.observed !== null)).toHaveLength(3);
      expect(report.sends).toBe(1);
      expect(run.code).toBe(0);
    } finally {
      await provider.close();
    }
  });
});

describe('interrupted by a signal', () => {
  it.each(['SIGTERM', 'SIGINT', 'SIGHUP'] as const)('%s: no new request, the reports hold the results so far, interrupted: true, exit 1', async (signal) => {
    let requests = 0;
    // Answers after 300 ms: slow enough to be interrupted mid-run.
    const slow = await startHttp((_req, res) => {
      requests += 1;
      setTimeout(() => res.end(), 300);
    });
    try {
      const dir = freshDir();
      mkdirSync(dir, { recursive: true });
      let sentAt = 0;
      const run = await runCli('src/cli/conformance.ts', {
        LEAN_BASE_URL: slow.url, LEAN_USERNAME: 'u', LEAN_PASSWORD: 'p', LEAN_RATE_LIMIT: '1000', LEAN_REPORT_DIR: dir,
      }, [], {
        onSpawn: (child) => {
          child.stdout?.on('data', (chunk: Buffer) => {
            if (sentAt === 0 && chunk.toString().includes('missingFields:only-deviceCode')) {
              sentAt = requests;
              child.kill(signal);
            }
          });
        },
      });
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(/interrupted/);
      const report = readReport(dir);
      expect(report.interrupted).toBe(true);
      expect(report.exitCode).toBe(1);
      const notRun = report.results.filter((r) => r.reason === 'not run: the run was interrupted');
      expect(notRun.length).toBeGreaterThan(40);
      // At most the request in flight when the signal came went out after it.
      expect(requests - sentAt).toBeLessThanOrEqual(1);
      expect(readdirSync(dir).sort()).toEqual(Object.values(REPORTERS).map((r) => r.fileName).sort());
    } finally {
      await slow.close();
    }
  });
});
