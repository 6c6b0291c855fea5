import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { curlCommand, reproducerOf, rerunCommand, shellQuote } from '../../src/report/reproducer.ts';
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
        `--data-binary '{"certIdOtp":"\${fixture.deviceNotActive.certIdOtp}","deviceCode":"\${fixture.deviceNotActive.deviceCode}"}'`],
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

  it('re-runs exactly that step, with the seed only where the request was drawn', () => {
    expect(rerunCommand(result('fixture:otpBlocked'), 42)).toBe("npm run conformance -- --operation sendOtp --scenario 'fixture:otpBlocked'");
    expect(rerunCommand(result('malformed:03:not-json'), 42)).toBe("LEAN_SEED=42 npm run conformance -- --operation sendOtp --scenario 'malformed:03:not-json'");
  });

  it('names the fixture states to fill in, a body cut short, and the seed', () => {
    const cut = { ...bare, contentType: 'application/json', body: '{"x":"aaaa', bodyBytes: 1_048_600 };
    expect(reproducerOf(result('fixture:otpBlocked', fixtureRequest('otpBlocked')), { seed: 1 }).notes[0])
      .toBe("Replace ${fixture.<state>.<field>} with that holder's value from LEAN_FIXTURES (otpBlocked).");
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
