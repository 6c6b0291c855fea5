// `npm run conformance` over mutual TLS with recognisable secrets: a password, a client key encrypted with a
// passphrase. None of them (nor 12 characters of one), nor 40 characters of the key's PEM body, nor the Basic
// token may show in stdout, stderr or any report, and neither may the fixture file's ids (which may identify
// people). Checked on a passing run, on a target that reflects what it received back into its answers, and on
// configuration errors.
import { createPrivateKey } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OPERATION_IDS } from '../../src/catalog/index.ts';
import { type ResponseMutator } from '../../src/provider/index.ts';
import { createPki, startReferenceProvider, type Pki, type ReferenceProvider } from '../../src/sandbox/index.ts';
import { fixtureIds } from '../../src/fixtures/index.ts';
import type { FixtureFile } from '../../src/fixtures/types.ts';
import type { ConformanceReport } from '../../src/results/model.ts';
import { main } from '../../src/cli/conformance.ts';
import { runMain, type CliRun } from '../support/spawn-cli.ts';

const REPORT_FILES = ['conformance.json', 'ctrf.json', 'index.html', 'junit.xml', 'summary.md'];

const USERNAME = 'secrets-test-user';
const PASSWORD = 'Pw-Zebra-Quokka-7431-secret';
const PASSPHRASE = 'Pp-Marmot-Ibis-9902-passphrase';
const BASIC_TOKEN = Buffer.from(`${USERNAME}:${PASSWORD}`).toString('base64');

/** Every `size`-character piece of `text`: a cut secret or id must not leave a recognisable piece behind. */
function windows(text: string, size: number): string[] {
  if (text.length <= size) return [text];
  return Array.from({ length: text.length - size + 1 }, (_, i) => text.slice(i, i + size));
}

/** Every 40 characters of a PEM's base64 body lines (a chance match of 40 base64 characters is nil). */
function pemBodyPieces(pem: string): string[] {
  const lines = pem.split('\n').map((l) => l.trim()).filter((l) => l.length >= 40 && !l.startsWith('-----'));
  return lines.flatMap((l) => windows(l, 40));
}

interface Material {
  dir: string;
  env: Record<string, string>;
  /** Every secret form that must never be printed or written. */
  secrets: string[];
  ids: string[];
}

async function material(provider: ReferenceProvider, pki: Pki): Promise<Material> {
  const dir = mkdtempSync(join(tmpdir(), 'lean-secrets-'));
  const encryptedKey = createPrivateKey(pki.client.key)
    .export({ type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase: PASSPHRASE })
    .toString();
  const file = (name: string, text: string): string => {
    const path = join(dir, name);
    writeFileSync(path, text, { mode: 0o600 });
    return path;
  };
  const fixtures = provider.fixtures();
  return {
    dir,
    env: {
      LEAN_BASE_URL: provider.url,
      LEAN_USERNAME: USERNAME,
      LEAN_PASSWORD: PASSWORD,
      LEAN_CLIENT_CERT: file('client.pem', pki.client.cert),
      LEAN_CLIENT_KEY: file('client.key', encryptedKey),
      LEAN_CLIENT_KEY_PASSPHRASE: PASSPHRASE,
      LEAN_CA_CERT: file('ca.pem', pki.ca.cert),
      LEAN_FIXTURES: file('fixtures.json', JSON.stringify(fixtures)),
      LEAN_MAX_SENDS: '100',
      LEAN_RATE_LIMIT: '1000',
      LEAN_TIMEOUT_MS: '5000',
      LEAN_MALFORMED_RUNS: '4',
    },
    // The encrypted file's lines and the decrypted key's: the run holds both.
    secrets: [
      ...[PASSWORD, PASSPHRASE, BASIC_TOKEN].flatMap((s) => windows(s, 12)),
      ...pemBodyPieces(encryptedKey), ...pemBodyPieces(pki.client.key),
    ],
    ids: fixtureIds(fixtures).flatMap((id) => windows(id, 12)),
  };
}

interface Outputs {
  run: CliRun;
  report: ConformanceReport;
  /** name → text, for stdout, stderr and each report. */
  texts: Record<string, string>;
}

async function conformance(env: Record<string, string>): Promise<Outputs> {
  const reportDir = mkdtempSync(join(tmpdir(), 'lean-secrets-reports-'));
  const run = await runMain(main, { ...env, LEAN_REPORT_DIR: reportDir });
  const reports = Object.fromEntries(REPORT_FILES.map((f) => [f, readFileSync(join(reportDir, f), 'utf8')]));
  return {
    run,
    report: JSON.parse(reports['conformance.json'] ?? 'null') as ConformanceReport,
    texts: { stdout: run.stdout, stderr: run.stderr, ...reports },
  };
}

/** Lists every (output, secret) pair where the secret shows, so a failure names all leaks at once. */
function leaks(texts: Record<string, string>, secrets: readonly string[]): string[] {
  return Object.entries(texts).flatMap(([name, text]) =>
    secrets.filter((s) => text.includes(s)).map((s) => `${name} shows ${JSON.stringify(s.slice(0, 12))}…`));
}

describe('secrets never reach the output', () => {
  let pki: Pki;
  let conforming: ReferenceProvider;
  let reflecting: ReferenceProvider;
  let good: Material;
  let echoing: Material;

  beforeAll(async () => {
    pki = await createPki();
    const users = [{ username: USERNAME, password: PASSWORD, operations: OPERATION_IDS }];
    conforming = await startReferenceProvider({ tls: true, pki, users });
    // A target that quotes back what it received, the way a debug error page or a chatty gateway does: the
    // Basic credentials and the holder's ids, in 500 bodies that are not JSON and in bodies on 200.
    let reflectingIds: FixtureFile = { holders: {} };
    const reflect: ResponseMutator = (response, request) => {
      const holder = request.state === null ? undefined : reflectingIds.holders[request.state];
      const echo = [
        `Authorization: Basic ${BASIC_TOKEN}`, `user=${USERNAME} password=${PASSWORD}`,
        `token ${BASIC_TOKEN}`, `pw ${encodeURIComponent(PASSWORD)}`,
        holder ? `certIdOtp=${holder.certIdOtp} deviceCode=${holder.deviceCode}` : '',
      ].join(' | ');
      if (response.status === 200) return { ...response, body: holder ? `${holder.certIdOtp}/${holder.deviceCode}` : echo };
      return { status: 500, headers: { 'content-type': 'text/plain' }, body: holder ? `holder ${holder.certIdOtp} ${holder.deviceCode}: ${echo}` : echo };
    };
    reflecting = await startReferenceProvider({ tls: true, pki, users, mutate: reflect });
    reflectingIds = reflecting.fixtures();
    [good, echoing] = await Promise.all([material(conforming, pki), material(reflecting, pki)]);
  });
  afterAll(() => Promise.all([conforming?.close(), reflecting?.close()]));

  it('a mutual-TLS run with an encrypted key passes, the no-client-certificate scenario included, and leaks nothing', async () => {
    const { run, report, texts } = await conformance(good.env);

    expect(run.code, run.stdout + run.stderr).toBe(0);
    const refusal = report.results.filter((r) => r.scenario === 'noClientCertificate');
    expect(refusal.map((r) => [r.operation, r.verdict])).toEqual(OPERATION_IDS.map((op) => [op, 'pass']));
    for (const r of refusal) expect(['tls', 'reset']).toContain(r.observed?.transportError);
    expect(report.sends).toBe(6);
    expect(leaks(texts, good.secrets)).toEqual([]);
    expect(leaks(texts, good.ids)).toEqual([]);
  });

  it('a target reflecting the credentials and the holder ids into its answers gets them masked everywhere', async () => {
    const { run, report, texts } = await conformance(echoing.env);

    expect(run.code).toBe(1);
    // The reflection did reach the reports (quoted bodies), so the test is not vacuous.
    expect(report.results.flatMap((r) => r.failures ?? []).some((f) => f.check === 'error-body' && /holder /.test(f.message))).toBe(true);
    expect(leaks(texts, echoing.secrets)).toEqual([]);
    expect(leaks(texts, echoing.ids)).toEqual([]);
  });

  it.each([
    ['a wrong passphrase', { LEAN_CLIENT_KEY_PASSPHRASE: `${PASSPHRASE}-wrong` }, /LEAN_CLIENT_KEY_PASSPHRASE/],
    ['a key that is not the certificate\'s', { LEAN_CLIENT_CERT: 'CA_AS_CLIENT_CERT' }, /LEAN_CLIENT_(CERT|KEY)/],
  ])('a configuration error (%s) exits 2 and its message carries no secret', async (_name, change, names) => {
    const env: Record<string, string> = { ...good.env, ...change };
    if (env['LEAN_CLIENT_CERT'] === 'CA_AS_CLIENT_CERT') env['LEAN_CLIENT_CERT'] = env['LEAN_CA_CERT'] ?? '';
    const reportDir = mkdtempSync(join(tmpdir(), 'lean-secrets-reports-'));
    const run = await runMain(main, { ...env, LEAN_REPORT_DIR: reportDir });

    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(names);
    expect(leaks({ stdout: run.stdout, stderr: run.stderr }, [...good.secrets, `${PASSPHRASE}-wrong`])).toEqual([]);
  });
});
