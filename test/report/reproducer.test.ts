import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bodyWasCut, curlCommand, envFileLine, reproducerOf, rerunCommand, shellQuote, withReproductionContext } from '../../src/report/reproducer.ts';
import type { RequestRecord, ScenarioResult } from '../../src/results/model.ts';
import { fixtureRequest } from './sample-report.ts';

const bare: RequestRecord = {
  method: 'POST', path: '/sendOtpDisposable', contentType: null, body: null, bodyBytes: 0,
  credentials: 'none', onBehalfOf: 'none', clientCertificate: false,
};

describe('curlCommand', () => {
  const cases: [string, { given: RequestRecord; has: string[]; lacks: string[] }][] = [
    ['a fixture request: configured credentials, certificate, CA, placeholders', {
      given: fixtureRequest('deviceNotActive'),
      has: ['"$LEAN_BASE_URL"/sendOtp', '--user "$LEAN_USERNAME:$LEAN_PASSWORD"', '--cert "$LEAN_CLIENT_CERT" --key "$LEAN_CLIENT_KEY"',
        '--cacert "$LEAN_CA_CERT"', "--header 'Content-Type: application/json'",
        `fixture_deviceNotActive_certIdOtp="$(jq -j '.holders.deviceNotActive.certIdOtp // error("fill .holders.deviceNotActive.certIdOtp in LEAN_FIXTURES")' "$LEAN_FIXTURES")" &&`,
        `--data-binary '{"certIdOtp":"'"$fixture_deviceNotActive_certIdOtp"'","deviceCode":"'"$fixture_deviceNotActive_deviceCode"'"}'`],
      lacks: ['on-behalf-of'],
    }],
    ['wrong credentials: an obviously invalid user, never the configured one', {
      given: { ...fixtureRequest('smsActive'), credentials: 'invalid', body: '{}', bodyBytes: 2 },
      has: ['--user lean-conformance-no-such-user:not-the-password'], lacks: ['$LEAN_USERNAME', '$LEAN_PASSWORD'],
    }],
    ['on-behalf-of configured and invalid', {
      given: { ...bare, onBehalfOf: 'configured' }, has: ['--header "on-behalf-of: $LEAN_ON_BEHALF_OF"'], lacks: ['--data-binary'],
    }],
    ['no content type, no body, no certificate', {
      given: bare, has: ['--header Content-Type:', '"$LEAN_BASE_URL"/sendOtpDisposable'], lacks: ['--cert', '--cacert', '--user', '--data-binary'],
    }],
  ];
  it.each(cases)('%s', (_name, { given, has, lacks }) => {
    const curl = curlCommand(given);
    for (const text of has) expect(curl).toContain(text);
    for (const text of lacks) expect(curl).not.toContain(text);
    if (given.contentType === null) expect(curl.endsWith('--header Content-Type:')).toBe(true); // curl then sends none
  });
});

describe('shellQuote', () => {
  const bodies = ["it's", 'a "quoted" $HOME `cmd` \\ x', 'line\nbreak\u0001\u007f tab\t', '{"a":1}', ''];
  it.each(bodies)('%j survives the shell byte for byte', (text) => {
    // The shell is the judge: printf prints back exactly what it received.
    const out = execFileSync('bash', ['-c', `printf %s ${shellQuote(text)}`], { encoding: 'utf8', env: {} });
    expect(out).toBe(text);
  });
});

describe('rerunCommand and reproducerOf', () => {
  const result = (scenario: string, request?: RequestRecord): ScenarioResult => ({
    operation: 'sendOtp', scenario, expected: { status: 500, code: 2 }, observed: null, verdict: 'fail', reason: 'x', durationMs: 1,
    ...(request ? { request } : {}),
  });

  it('re-runs exactly that step, with the seed only where the request was drawn, as the reader runs the suite', () => {
    expect(rerunCommand(result('fixture:otpBlocked'), 42)).toBe("npm run conformance -- --operation sendOtp --scenario 'fixture:otpBlocked'");
    expect(rerunCommand(result('malformed:03:not-json'), 42)).toBe("LEAN_SEED=42 npm run conformance -- --operation sendOtp --scenario 'malformed:03:not-json'");
    expect(rerunCommand(result('malformed:03:not-json'), 42, 'package')).toBe("LEAN_SEED=42 npx lean-otp-conformance --operation sendOtp --scenario 'malformed:03:not-json'");
    expect(rerunCommand(result('fixture:otpBlocked'), 42, 'action')).toBe("with: { operation: 'sendOtp', scenario: 'fixture:otpBlocked' }");
    expect(rerunCommand(result("malformed:03:it's"), 7, 'action')).toBe("with: { operation: 'sendOtp', scenario: 'malformed:03:it''s', seed: '7' }");
  });

  it('takes the command form of the run that renders it (the CLI sets it), and returns to the default after', async () => {
    const inRun = await withReproductionContext({ invocation: 'package', envFile: null }, async () => reproducerOf(result('wrongDeviceCode'), {}).rerun);
    expect(inRun).toBe("npx lean-otp-conformance --operation sendOtp --scenario 'wrongDeviceCode'");
    expect(reproducerOf(result('wrongDeviceCode'), {}).rerun).toBe("npm run conformance -- --operation sendOtp --scenario 'wrongDeviceCode'");
  });

  it('names the fixture keys it reads, a body cut short (only when it was), and the seed', () => {
    const cut = { ...bare, contentType: 'application/json', body: `{"x":"${'a'.repeat(2042)}…`, bodyBytes: 1_048_600 };
    expect(bodyWasCut(cut)).toBe(true);
    expect(reproducerOf(result('fixture:otpBlocked', fixtureRequest('otpBlocked')), { seed: 1 }).notes)
      .toEqual(['The holder ids are read from $LEAN_FIXTURES with jq (holders.otpBlocked); fill those keys if the file lacks them.']);
    // Whole bodies: a short one, and one whose fixture ids are longer than their placeholders.
    expect(reproducerOf(result('malformed:01:not-json', { ...bare, body: 'not json', bodyBytes: 8 }), { seed: 9 }).notes)
      .toEqual(['Drawn by the malformed-input generator with seed 9 (LEAN_SEED).']);
    expect(reproducerOf(result('fixture:otpBlocked', { ...fixtureRequest('otpBlocked'), bodyBytes: 5000 }), {}).notes.join(' ')).not.toMatch(/cut/);
    expect(reproducerOf(result('malformed:04:oversized', cut), { seed: 9 }).notes).toEqual([
      'The body was 1048600 bytes and is cut short here: re-run the step to send it whole.',
      'Drawn by the malformed-input generator with seed 9 (LEAN_SEED).',
    ]);
  });

  it('an old report without a request record still gets the re-run command', () => {
    expect(reproducerOf(result('wrongDeviceCode'), {})).toEqual({
      curl: null, notes: [], rerun: "npm run conformance -- --operation sendOtp --scenario 'wrongDeviceCode'",
    });
  });
});

describe('the passphrase', () => {
  it('is passed to curl only when LEAN_CLIENT_KEY_PASSPHRASE is set', () => {
    const line = curlCommand(fixtureRequest('smsActive')).split('\n').find((l) => l.includes('--cert'))!.replace(/ \\$/, '');
    const words = (env: Record<string, string>) => execFileSync('bash', ['-c', `printf '[%s]' ${line}`], { encoding: 'utf8', env });
    expect(words({ LEAN_CLIENT_CERT: 'c.pem', LEAN_CLIENT_KEY: 'k.pem' })).toBe('[--cert][c.pem][--key][k.pem]');
    expect(words({ LEAN_CLIENT_CERT: 'c.pem', LEAN_CLIENT_KEY: 'k.pem', LEAN_CLIENT_KEY_PASSPHRASE: 'two words' }))
      .toBe('[--cert][c.pem][--key][k.pem][--pass][two words]');
  });
});

describe('the curl command, pasted into a fresh shell', () => {
  const dir = mkdtempSync(join(tmpdir(), 'lean-reproducer-'));
  const fixtures = join(dir, 'fixtures.json');
  writeFileSync(fixtures, JSON.stringify({ holders: { otpBlocked: { certIdOtp: "C-1 it's", deviceCode: 'D-$HOME' } } }));
  /** Runs the command with `curl` replaced by one that prints its arguments, in an environment of only `env`. */
  const paste = (command: string, env: Record<string, string>): string => execFileSync('bash', ['-c', `curl() { printf '[%s]' "$@"; }\n${command}`], {
    encoding: 'utf8', cwd: dir, stdio: ['ignore', 'pipe', 'pipe'], env: { PATH: process.env['PATH'] ?? '', ...env },
  });

  it('sends the holder ids of $LEAN_FIXTURES (read with jq), byte for byte', () => {
    const out = paste(curlCommand(fixtureRequest('otpBlocked'), null), { LEAN_FIXTURES: fixtures, LEAN_BASE_URL: 'https://t.example' });
    expect(out).toContain(`[--data-binary][{"certIdOtp":"C-1 it's","deviceCode":"D-$HOME"}]`);
    expect(out).toContain('[https://t.example/sendOtp]');
  });

  it('sends a body that starts with @ as it is, not the file curl would read for it', () => {
    const out = paste(curlCommand({ ...bare, contentType: 'text/plain', body: '@/etc/passwd', bodyBytes: 12 }, null), {});
    expect(out).toContain('[--data-binary][@-]');
    const piped = execFileSync('bash', ['-c', `curl() { cat; }\n${curlCommand({ ...bare, body: '@&s', bodyBytes: 3 }, null)}`], { encoding: 'utf8' });
    expect(piped).toBe('@&s');
  });

  it('stops with the fixture key to fill when the file lacks the holder', () => {
    let error: { stdout: string; stderr: string } | undefined;
    try {
      paste(`${curlCommand(fixtureRequest('deviceDisabled'), null)} || exit 9`, { LEAN_FIXTURES: fixtures });
    } catch (thrown) {
      error = thrown as { stdout: string; stderr: string };
    }
    expect(error?.stderr).toMatch(/fill \.holders\.deviceDisabled\.certIdOtp in LEAN_FIXTURES/);
    expect(error?.stdout).toBe(''); // nothing sent
  });

  it('reads the variables the run read from its .env, the environment winning as in the run', () => {
    const envFile = join(dir, '.env');
    writeFileSync(envFile, "LEAN_BASE_URL='https://from-dotenv.example'\nLEAN_USERNAME=user\nLEAN_PASSWORD=\"pa'ss $x\"\nLEAN_FIXTURES=" + fixtures + "\n");
    const command = curlCommand(fixtureRequest('otpBlocked'), envFile);
    expect(command.split('\n')[0]).toBe(envFileLine(envFile, ['LEAN_BASE_URL', 'LEAN_USERNAME', 'LEAN_PASSWORD', 'LEAN_CLIENT_CERT', 'LEAN_CLIENT_KEY', 'LEAN_CLIENT_KEY_PASSPHRASE', 'LEAN_CA_CERT', 'LEAN_FIXTURES']));
    const out = paste(command, { LEAN_USERNAME: 'from-env', LEAN_CLIENT_CERT: 'c.pem', LEAN_CLIENT_KEY: 'k.pem', LEAN_CA_CERT: 'ca.pem' });
    expect(out).toContain('[https://from-dotenv.example/sendOtp]');
    expect(out).toContain("[--user][from-env:pa'ss $x]");
    expect(out).toContain('"certIdOtp":"C-1 it\'s"');
  });
});
