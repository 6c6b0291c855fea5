import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CONFIG_VARIABLES, loadConfig, type RunConfig } from '../../src/config/index.ts';
import type { Env } from '../../src/input/index.ts';
import { createRedactor } from '../../src/secrets/index.ts';
import { configErrorOf, expectOneSentence, makePki, PASSPHRASE, PKI, tempDir } from './helpers.ts';

// Arrange once for the file: real PEM material and small files in a temp dir, which is also the cwd that
// relative paths resolve against.
const tmp = tempDir('lean-config-');
makePki(tmp.dir);
const dir = tmp.dir;
const at = (name: string): string => join(dir, name);
const pem = (name: string): string => readFileSync(at(name), 'utf8');
tmp.write('fixtures.json', JSON.stringify({ holders: { smsActive: { certIdOtp: 'cert-000001', deviceCode: 'dev-000001' } } }));
tmp.write('bad-fixtures.json', JSON.stringify({ holders: { smsActiv: { certIdOtp: 'a', deviceCode: 'b' } } }));
const BASELINE_ENTRY = {
  operation: 'sendOtpDisposable', scenario: 'fixture:otpBlocked', observed: { status: 500, code: 6 },
  reason: 'VENDOR-123', until: '2030-01-01',
};
tmp.write('baseline.json', JSON.stringify([BASELINE_ENTRY]));
tmp.write('typo-baseline.json', JSON.stringify([{ ...BASELINE_ENTRY, scenario: 'fixture:notSmsDevise' }]));
execFileSync('mkfifo', [at('a-fifo')]);
tmp.write('a-file', 'not a directory');
tmp.write('garbage-cert.pem', '-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n');
tmp.write('garbage-key.pem', '-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n');
afterAll(() => tmp.remove());

const load = (env: Env): RunConfig => loadConfig(env, { cwd: dir });
const PASSWORD = 'hunter2-Sup3rSecret';
const REMOTE = 'https://lean.example.test/api';
const WARN_NO_CREDENTIALS =
  'LEAN_USERNAME and LEAN_PASSWORD are unset, so requests to the remote target carry no Basic credentials.';
const WARN_NO_CERT =
  'LEAN_CLIENT_CERT and LEAN_CLIENT_KEY are unset, so requests carry no client certificate although the Lean API requires mutual TLS.';
const WARN_HTTP_TLS =
  'LEAN_BASE_URL is http://, so the TLS material of LEAN_CLIENT_CERT, LEAN_CLIENT_KEY and LEAN_CA_CERT is not used.';
const basic = (user: string, password: string): string => Buffer.from(`${user}:${password}`).toString('base64');

/** What loadConfig gives for an empty environment; each case states only what differs. */
const REFERENCE_DEFAULTS: RunConfig = {
  target: { kind: 'reference' },
  fixtures: null,
  maxSends: Infinity,
  timeoutMs: 10_000,
  retries: 2,
  baseline: [],
  requireCodes: [],
  reportDir: join(dir, 'reports'),
  secrets: { values: [undefined, undefined], credentials: [] },
  malformedRuns: 12,
  skipChecks: [],
  warnings: [],
};
const REMOTE_DEFAULTS: Partial<RunConfig> = {
  target: { kind: 'remote', baseUrl: REMOTE },
  maxSends: 0,
  rateLimit: 5,
  warnings: [WARN_NO_CREDENTIALS, WARN_NO_CERT],
};

const defaults: [string, { given: Env; want: Partial<RunConfig> }][] = [
  ['nothing set: the reference target, unlimited sends and rate, 10 s timeout, reports/', { given: {}, want: {} }],
  ['empty values count as unset (all but LEAN_BASE_URL, whose empty value is an error)', {
    given: Object.fromEntries(CONFIG_VARIABLES.filter((name) => name !== 'LEAN_BASE_URL').map((name) => [name, ''])),
    want: {},
  }],
  ['variables outside the suite are ignored', { given: { PATH: '/usr/bin', HOME: '/root' }, want: {} }],
  ['a remote target: no sends and 5 requests per second by default', { given: { LEAN_BASE_URL: REMOTE }, want: REMOTE_DEFAULTS }],
  ['the base URL loses its trailing slashes', {
    given: { LEAN_BASE_URL: `${REMOTE}//` },
    want: REMOTE_DEFAULTS,
  }],
  ['the base URL is normalised (case of scheme and host, default port)', {
    given: { LEAN_BASE_URL: 'HTTPS://Lean.Example.TEST:443/api' },
    want: REMOTE_DEFAULTS,
  }],
  ['a remote target with explicit budget, rate and timeout', {
    given: { LEAN_BASE_URL: REMOTE, LEAN_MAX_SENDS: '3', LEAN_RATE_LIMIT: '0.5', LEAN_TIMEOUT_MS: '2500' },
    want: { ...REMOTE_DEFAULTS, maxSends: 3, rateLimit: 0.5, timeoutMs: 2500 },
  }],
  ['the reference target with a budget and a rate', {
    given: { LEAN_MAX_SENDS: '0', LEAN_RATE_LIMIT: '20' },
    want: { maxSends: 0, rateLimit: 20 },
  }],
  ['loopback http targets are accepted', {
    given: { LEAN_BASE_URL: 'http://127.0.0.1:8080/' },
    want: { target: { kind: 'remote', baseUrl: 'http://127.0.0.1:8080' }, maxSends: 0, rateLimit: 5, warnings: [WARN_NO_CREDENTIALS] },
  }],
  ['Basic credentials, and their secrets', {
    given: { LEAN_USERNAME: 'lra-user', LEAN_PASSWORD: PASSWORD },
    want: { credentials: { username: 'lra-user', password: PASSWORD }, secrets: { values: [undefined, undefined], credentials: [{ username: 'lra-user', password: PASSWORD }] } },
  }],
  ['a password with a quote is also scrubbed in its JSON-escaped form', {
    given: { LEAN_USERNAME: 'u', LEAN_PASSWORD: 'pa"ss' },
    want: { credentials: { username: 'u', password: 'pa"ss' }, secrets: { values: [undefined, undefined], credentials: [{ username: 'u', password: 'pa"ss' }] } },
  }],
  ['on-behalf-of', { given: { LEAN_ON_BEHALF_OF: 'lra-42 sub' }, want: { onBehalfOf: 'lra-42 sub' } }],
  ['LEAN_MAX_SENDS with surrounding spaces', { given: { LEAN_MAX_SENDS: ' 7 ' }, want: { maxSends: 7 } }],
  ['LEAN_TIMEOUT_MS at its largest (10 minutes: every timer derived from it stays far from the overflow)', { given: { LEAN_TIMEOUT_MS: '600000' }, want: { timeoutMs: 600_000 } }],
  ['LEAN_RATE_LIMIT at its smallest', { given: { LEAN_RATE_LIMIT: '0.001' }, want: { rateLimit: 0.001 } }],
  ['LEAN_RETRIES=0 (no retry, no confirmation)', { given: { LEAN_RETRIES: '0' }, want: { retries: 0 } }],
  ['LEAN_RETRIES at its largest', { given: { LEAN_RETRIES: '5' }, want: { retries: 5 } }],
  ['LEAN_REQUIRE_CODES with 200, the success path', { given: { LEAN_REQUIRE_CODES: '200,66' }, want: { requireCodes: [200, 66] } }],
  ['LEAN_SKIP_CHECKS', { given: { LEAN_SKIP_CHECKS: 'parity, empty-200,parity' }, want: { skipChecks: ['parity', 'empty-200'] } }],
  ['LEAN_COMPARE_WITH resolved', { given: { LEAN_COMPARE_WITH: 'last/conformance.json' }, want: { compareWith: at('last/conformance.json') } }],
  ['LEAN_REQUIRE_CODES=all', { given: { LEAN_REQUIRE_CODES: 'all' }, want: { requireCodes: 'all' } }],
  ['LEAN_REQUIRE_CODES=ALL', { given: { LEAN_REQUIRE_CODES: 'ALL' }, want: { requireCodes: 'all' } }],
  ['LEAN_REQUIRE_CODES as a list, duplicates dropped', {
    given: { LEAN_REQUIRE_CODES: '66, 11002,66,15000' },
    want: { requireCodes: [66, 11002, 15000] },
  }],
  ['LEAN_REPORT_DIR relative to cwd', { given: { LEAN_REPORT_DIR: 'out/r' }, want: { reportDir: join(dir, 'out/r') } }],
  ['LEAN_REPORT_DIR absolute', { given: { LEAN_REPORT_DIR: '/var/tmp/r' }, want: { reportDir: '/var/tmp/r' } }],
  ['LEAN_REPORT_DIR an existing directory', { given: { LEAN_REPORT_DIR: '.' }, want: { reportDir: dir } }],
  ['LEAN_FIXTURES loaded, path resolved', {
    given: { LEAN_FIXTURES: 'fixtures.json' },
    want: {
      fixtures: { holders: { smsActive: { certIdOtp: 'cert-000001', deviceCode: 'dev-000001' } } },
      fixturesPath: at('fixtures.json'),
    },
  }],
  ['LEAN_BASELINE loaded, path resolved', {
    given: { LEAN_BASELINE: 'baseline.json' },
    want: { baseline: [BASELINE_ENTRY] as RunConfig['baseline'], baselinePath: at('baseline.json') },
  }],
  ['a near-miss LEAN_* variable is warned about', {
    given: { LEAN_MAX_SEND: '3' },
    want: { warnings: ['LEAN_MAX_SEND is not a variable of this suite and is ignored (did you mean LEAN_MAX_SENDS?).'] },
  }],
  ['a cut-short LEAN_* variable is warned about', {
    given: { LEAN_TIMEOUT: '5', LEAN_USER: 'u' },
    want: { warnings: [
      'LEAN_TIMEOUT is not a variable of this suite and is ignored (did you mean LEAN_TIMEOUT_MS?).',
      'LEAN_USER is not a variable of this suite and is ignored (did you mean LEAN_USERNAME?).',
    ] },
  }],
  ['the extension variables are read by the one table too', {
    given: { LEAN_SEED: '42', LEAN_MALFORMED_RUNS: '3', LEAN_PACT_OUTPUT_DIR: 'x' },
    want: { seed: 42, malformedRuns: 3 },
  }],
  ['a misspelt extension variable is warned about like any other (LEAN_SKIP_CHECK would silently run every check)', {
    given: { LEAN_SKIP_CHECK: 'parity' },
    want: { warnings: ['LEAN_SKIP_CHECK is not a variable of this suite and is ignored (did you mean LEAN_SKIP_CHECKS?).'] },
  }],
  ['a wrongly-cased variable is warned about', {
    given: { lean_base_url: REMOTE, Lean_Max_Sends: '2' },
    want: { warnings: [
      'lean_base_url is not a variable of this suite and is ignored (did you mean LEAN_BASE_URL? names are upper case).',
      'Lean_Max_Sends is not a variable of this suite and is ignored (did you mean LEAN_MAX_SENDS? names are upper case).',
    ] },
  }],
];

describe('loadConfig: defaults and accepted values', () => {
  it.each(defaults)('%s', (_name, { given, want }) => {
    expect(load(given)).toEqual({ ...REFERENCE_DEFAULTS, ...want });
  });

  it('does not modify the environment it is given', () => {
    const env: Env = { LEAN_BASE_URL: `${REMOTE}/`, LEAN_MAX_SENDS: '' };
    load(env);
    expect(env).toEqual({ LEAN_BASE_URL: `${REMOTE}/`, LEAN_MAX_SENDS: '' });
  });
});

describe('loadConfig: TLS material', () => {
  const cases: [string, { given: Env; want: RunConfig['tls']; secrets: string[]; warnings?: string[] }][] = [
    ['a client certificate and its plain key', {
      given: { LEAN_CLIENT_CERT: PKI.clientCert, LEAN_CLIENT_KEY: PKI.clientKey },
      want: { cert: pem(PKI.clientCert), key: pem(PKI.clientKey) },
      secrets: [pem(PKI.clientKey)],
    }],
    ['a certificate chain (leaf first) and absolute paths', {
      given: { LEAN_CLIENT_CERT: at(PKI.clientChain), LEAN_CLIENT_KEY: at(PKI.clientKey) },
      want: { cert: pem(PKI.clientChain), key: pem(PKI.clientKey) },
      secrets: [pem(PKI.clientKey)],
    }],
    ['a PKCS#8 encrypted key with its passphrase', {
      given: {
        LEAN_CLIENT_CERT: PKI.clientCert, LEAN_CLIENT_KEY: PKI.clientKeyPkcs8Encrypted,
        LEAN_CLIENT_KEY_PASSPHRASE: PASSPHRASE,
      },
      want: { cert: pem(PKI.clientCert), key: pem(PKI.clientKeyPkcs8Encrypted), passphrase: PASSPHRASE },
      secrets: [pem(PKI.clientKeyPkcs8Encrypted), PASSPHRASE],
    }],
    ['a legacy encrypted EC key with its passphrase', {
      given: {
        LEAN_CLIENT_CERT: PKI.clientCert, LEAN_CLIENT_KEY: PKI.clientKeyLegacyEncrypted,
        LEAN_CLIENT_KEY_PASSPHRASE: PASSPHRASE,
      },
      want: { cert: pem(PKI.clientCert), key: pem(PKI.clientKeyLegacyEncrypted), passphrase: PASSPHRASE },
      secrets: [pem(PKI.clientKeyLegacyEncrypted), PASSPHRASE],
    }],
    ['a passphrase for a key that is not encrypted is harmless', {
      given: { LEAN_CLIENT_CERT: PKI.clientCert, LEAN_CLIENT_KEY: PKI.clientKey, LEAN_CLIENT_KEY_PASSPHRASE: PASSPHRASE },
      want: { cert: pem(PKI.clientCert), key: pem(PKI.clientKey), passphrase: PASSPHRASE },
      secrets: [pem(PKI.clientKey), PASSPHRASE],
    }],
    ['a CA bundle of two certificates, alone', {
      given: { LEAN_CA_CERT: PKI.caBundle },
      want: { ca: pem(PKI.caBundle) },
      secrets: [],
    }],
    ['TLS material with a loopback http target is loaded, with a warning', {
      given: { LEAN_BASE_URL: 'http://localhost:9', LEAN_USERNAME: 'u', LEAN_PASSWORD: 'p', LEAN_CA_CERT: PKI.caCert },
      want: { ca: pem(PKI.caCert) },
      secrets: ['p'],
      warnings: [WARN_HTTP_TLS],
    }],
  ];

  it.each(cases)('%s', (_name, { given, want, secrets, warnings = [] }) => {
    const config = load(given);
    expect(config.tls).toEqual(want);
    const redact = createRedactor(config.secrets);
    for (const secret of secrets) {
      expect(redact(`echo ${secret} end`)).not.toContain(secret.trim());
      // Reports are JSON: a PEM shows up there with its newlines escaped.
      expect(redact(JSON.stringify(secret))).not.toContain(JSON.stringify(secret.trim()).slice(1, -1));
    }
    expect(config.warnings).toEqual(warnings);
  });

  it('a remote https target with full credentials and certificate gives no warning', () => {
    const config = load({
      LEAN_BASE_URL: REMOTE, LEAN_USERNAME: 'u', LEAN_PASSWORD: PASSWORD,
      LEAN_CLIENT_CERT: PKI.clientCert, LEAN_CLIENT_KEY: PKI.clientKey, LEAN_CA_CERT: PKI.caCert,
    });
    expect(config.warnings).toEqual([]);
    expect(config.secrets).toEqual({ values: [pem(PKI.clientKey), undefined], credentials: [{ username: 'u', password: PASSWORD }] });
    const redact = createRedactor(config.secrets);
    for (const secret of [PASSWORD, basic('u', PASSWORD), pem(PKI.clientKey).trim(), JSON.stringify(pem(PKI.clientKey).trim()).slice(1, -1)]) {
      expect(redact(`echo ${secret} end`)).toBe('echo [REDACTED] end');
    }
  });
});

interface Rejection {
  given: Env;
  variable: string;
  message: string;
  /** A secret of `given` that must not appear in the message. */
  secret?: string;
}

const rejections: [string, Rejection][] = [
  // LEAN_BASE_URL
  ['a base URL that is no URL', {
    given: { LEAN_BASE_URL: 'lean.example.test/api' }, variable: 'LEAN_BASE_URL',
    message: 'LEAN_BASE_URL: is not a valid absolute URL (expected https://host[:port][/path]).',
  }],
  ['a base URL with another scheme', {
    given: { LEAN_BASE_URL: 'ftp://lean.example.test' }, variable: 'LEAN_BASE_URL',
    message: 'LEAN_BASE_URL: must use https:// (or http:// for a loopback host), not ftp://.',
  }],
  ['a non-loopback http base URL', {
    given: { LEAN_BASE_URL: 'http://lean.example.test', LEAN_USERNAME: 'u', LEAN_PASSWORD: PASSWORD }, variable: 'LEAN_BASE_URL',
    message: 'LEAN_BASE_URL: http:// is allowed only for a loopback host (127.0.0.0/8, ::1, localhost) because Basic credentials would travel in clear; use https://.',
  }],
  ['an http base URL on a private address', {
    given: { LEAN_BASE_URL: 'http://10.0.0.1:8080' }, variable: 'LEAN_BASE_URL',
    message: 'LEAN_BASE_URL: http:// is allowed only for a loopback host (127.0.0.0/8, ::1, localhost) because Basic credentials would travel in clear; use https://.',
  }],
  ['an http base URL on a host that only starts like a loopback address', {
    given: { LEAN_BASE_URL: 'http://127.0.0.1.example.test' }, variable: 'LEAN_BASE_URL',
    message: 'LEAN_BASE_URL: http:// is allowed only for a loopback host (127.0.0.0/8, ::1, localhost) because Basic credentials would travel in clear; use https://.',
  }],
  ['a base URL carrying credentials', {
    given: { LEAN_BASE_URL: `https://lra:${PASSWORD}@lean.example.test` }, variable: 'LEAN_BASE_URL', secret: PASSWORD,
    message: 'LEAN_BASE_URL: must not carry credentials; set LEAN_USERNAME and LEAN_PASSWORD instead.',
  }],
  ['a base URL with a query', {
    given: { LEAN_BASE_URL: `${REMOTE}?env=test` }, variable: 'LEAN_BASE_URL',
    message: 'LEAN_BASE_URL: must not have a query or a fragment, since operation paths are appended to it.',
  }],
  ['a base URL with an empty query', {
    given: { LEAN_BASE_URL: `${REMOTE}?` }, variable: 'LEAN_BASE_URL',
    message: 'LEAN_BASE_URL: must not have a query or a fragment, since operation paths are appended to it.',
  }],
  ['a base URL with a fragment', {
    given: { LEAN_BASE_URL: `${REMOTE}#x` }, variable: 'LEAN_BASE_URL',
    message: 'LEAN_BASE_URL: must not have a query or a fragment, since operation paths are appended to it.',
  }],
  // LEAN_USERNAME, LEAN_PASSWORD
  ['a password without a username', {
    given: { LEAN_PASSWORD: PASSWORD }, variable: 'LEAN_USERNAME', secret: PASSWORD,
    message: 'LEAN_USERNAME: is unset while LEAN_PASSWORD is set; give both Basic credentials, or neither.',
  }],
  ['a username without a password', {
    given: { LEAN_USERNAME: 'lra-user' }, variable: 'LEAN_PASSWORD',
    message: 'LEAN_PASSWORD: is unset while LEAN_USERNAME is set; give both Basic credentials, or neither.',
  }],
  ['a username with a colon', {
    given: { LEAN_USERNAME: 'lra:user', LEAN_PASSWORD: PASSWORD }, variable: 'LEAN_USERNAME', secret: PASSWORD,
    message: 'LEAN_USERNAME: must not contain a colon, which HTTP Basic uses to end the username.',
  }],
  ['a username with a carriage return', {
    given: { LEAN_USERNAME: 'lra-user\r', LEAN_PASSWORD: PASSWORD }, variable: 'LEAN_USERNAME', secret: PASSWORD,
    message: 'LEAN_USERNAME: must not contain control characters (a stray carriage return, say).',
  }],
  ['a password with a carriage return', {
    given: { LEAN_USERNAME: 'lra-user', LEAN_PASSWORD: `${PASSWORD}\r` }, variable: 'LEAN_PASSWORD', secret: PASSWORD,
    message: 'LEAN_PASSWORD: must not contain control characters (a stray carriage return, say).',
  }],
  // TLS
  ['a client certificate without its key', {
    given: { LEAN_CLIENT_CERT: PKI.clientCert }, variable: 'LEAN_CLIENT_KEY',
    message: 'LEAN_CLIENT_KEY: is unset while LEAN_CLIENT_CERT is set; give both the client certificate and its key, or neither.',
  }],
  ['a client key without its certificate', {
    given: { LEAN_CLIENT_KEY: PKI.clientKey }, variable: 'LEAN_CLIENT_CERT',
    message: 'LEAN_CLIENT_CERT: is unset while LEAN_CLIENT_KEY is set; give both the client certificate and its key, or neither.',
  }],
  ['a passphrase without a key', {
    given: { LEAN_CLIENT_KEY_PASSPHRASE: PASSPHRASE }, variable: 'LEAN_CLIENT_KEY_PASSPHRASE', secret: PASSPHRASE,
    message: 'LEAN_CLIENT_KEY_PASSPHRASE: is set without LEAN_CLIENT_KEY, so there is no key to decrypt.',
  }],
  ['a missing certificate file', {
    given: { LEAN_CLIENT_CERT: 'nope/cert.pem', LEAN_CLIENT_KEY: PKI.clientKey }, variable: 'LEAN_CLIENT_CERT',
    message: `LEAN_CLIENT_CERT: cannot read ${at('nope/cert.pem')} (ENOENT).`,
  }],
  ['a certificate path that is a directory', {
    given: { LEAN_CLIENT_CERT: '.', LEAN_CLIENT_KEY: PKI.clientKey }, variable: 'LEAN_CLIENT_CERT',
    message: `LEAN_CLIENT_CERT: cannot read ${dir} (EISDIR).`,
  }],
  ['a certificate file that is not PEM', {
    given: { LEAN_CLIENT_CERT: 'fixtures.json', LEAN_CLIENT_KEY: PKI.clientKey }, variable: 'LEAN_CLIENT_CERT',
    message: `LEAN_CLIENT_CERT: ${at('fixtures.json')} is not a PEM certificate file (no -----BEGIN CERTIFICATE----- block).`,
  }],
  ['a key given as the certificate', {
    given: { LEAN_CLIENT_CERT: PKI.clientKey, LEAN_CLIENT_KEY: PKI.clientKey }, variable: 'LEAN_CLIENT_CERT',
    secret: pem(PKI.clientKey).split('\n')[1],
    message: `LEAN_CLIENT_CERT: ${at(PKI.clientKey)} is not a PEM certificate file (no -----BEGIN CERTIFICATE----- block).`,
  }],
  ['a certificate block that is not X.509', {
    given: { LEAN_CLIENT_CERT: 'garbage-cert.pem', LEAN_CLIENT_KEY: PKI.clientKey }, variable: 'LEAN_CLIENT_CERT',
    message: `LEAN_CLIENT_CERT: certificate 1 of ${at('garbage-cert.pem')} does not parse as X.509 (ERR_OSSL_ASN1_WRONG_TAG).`,
  }],
  ['a missing key file', {
    given: { LEAN_CLIENT_CERT: PKI.clientCert, LEAN_CLIENT_KEY: 'missing.key' }, variable: 'LEAN_CLIENT_KEY',
    message: `LEAN_CLIENT_KEY: cannot read ${at('missing.key')} (ENOENT).`,
  }],
  ['a certificate given as the key', {
    given: { LEAN_CLIENT_CERT: PKI.clientCert, LEAN_CLIENT_KEY: PKI.clientCert }, variable: 'LEAN_CLIENT_KEY',
    message: `LEAN_CLIENT_KEY: ${at(PKI.clientCert)} is not a PEM private key (no -----BEGIN … PRIVATE KEY----- line).`,
  }],
  ['a key block that does not parse', {
    given: { LEAN_CLIENT_CERT: PKI.clientCert, LEAN_CLIENT_KEY: 'garbage-key.pem' }, variable: 'LEAN_CLIENT_KEY',
    message: `LEAN_CLIENT_KEY: ${at('garbage-key.pem')} does not parse as a private key (ERR_OSSL_UNSUPPORTED).`,
  }],
  ['a key that is not the certificate\'s', {
    given: { LEAN_CLIENT_CERT: PKI.clientCert, LEAN_CLIENT_KEY: PKI.otherKey }, variable: 'LEAN_CLIENT_KEY',
    secret: pem(PKI.otherKey).split('\n')[1],
    message: `LEAN_CLIENT_KEY: ${at(PKI.otherKey)} is not the private key of the certificate ${at(PKI.clientCert)}.`,
  }],
  ['an encrypted key without a passphrase', {
    given: { LEAN_CLIENT_CERT: PKI.clientCert, LEAN_CLIENT_KEY: PKI.clientKeyPkcs8Encrypted }, variable: 'LEAN_CLIENT_KEY_PASSPHRASE',
    message: `LEAN_CLIENT_KEY_PASSPHRASE: is unset, but the key ${at(PKI.clientKeyPkcs8Encrypted)} is encrypted.`,
  }],
  ['a legacy encrypted key without a passphrase', {
    given: { LEAN_CLIENT_CERT: PKI.clientCert, LEAN_CLIENT_KEY: PKI.clientKeyLegacyEncrypted }, variable: 'LEAN_CLIENT_KEY_PASSPHRASE',
    message: `LEAN_CLIENT_KEY_PASSPHRASE: is unset, but the key ${at(PKI.clientKeyLegacyEncrypted)} is encrypted.`,
  }],
  ['a wrong passphrase', {
    given: {
      LEAN_CLIENT_CERT: PKI.clientCert, LEAN_CLIENT_KEY: PKI.clientKeyPkcs8Encrypted,
      LEAN_CLIENT_KEY_PASSPHRASE: 'Wr0ng-Passphrase',
    },
    variable: 'LEAN_CLIENT_KEY_PASSPHRASE', secret: 'Wr0ng-Passphrase',
    message: `LEAN_CLIENT_KEY_PASSPHRASE: does not decrypt the key ${at(PKI.clientKeyPkcs8Encrypted)}.`,
  }],
  ['a wrong passphrase for a legacy key', {
    given: {
      LEAN_CLIENT_CERT: PKI.clientCert, LEAN_CLIENT_KEY: PKI.clientKeyLegacyEncrypted,
      LEAN_CLIENT_KEY_PASSPHRASE: 'Wr0ng-Passphrase',
    },
    variable: 'LEAN_CLIENT_KEY_PASSPHRASE', secret: 'Wr0ng-Passphrase',
    message: `LEAN_CLIENT_KEY_PASSPHRASE: does not decrypt the key ${at(PKI.clientKeyLegacyEncrypted)}.`,
  }],
  ['a missing CA file', {
    given: { LEAN_CA_CERT: 'ca-missing.pem' }, variable: 'LEAN_CA_CERT',
    message: `LEAN_CA_CERT: cannot read ${at('ca-missing.pem')} (ENOENT).`,
  }],
  ['a CA file that is not PEM', {
    given: { LEAN_CA_CERT: 'baseline.json' }, variable: 'LEAN_CA_CERT',
    message: `LEAN_CA_CERT: ${at('baseline.json')} is not a PEM certificate file (no -----BEGIN CERTIFICATE----- block).`,
  }],
  ['a CA bundle with a broken certificate', {
    given: { LEAN_CA_CERT: 'garbage-cert.pem' }, variable: 'LEAN_CA_CERT',
    message: `LEAN_CA_CERT: certificate 1 of ${at('garbage-cert.pem')} does not parse as X.509 (ERR_OSSL_ASN1_WRONG_TAG).`,
  }],
  // LEAN_ON_BEHALF_OF
  ['an on-behalf-of value with a line break', {
    given: { LEAN_ON_BEHALF_OF: 'lra\nX-Injected: 1' }, variable: 'LEAN_ON_BEHALF_OF',
    message: 'LEAN_ON_BEHALF_OF: must be a valid HTTP header value (printable ASCII, no line breaks).',
  }],
  ['an on-behalf-of value outside ASCII', {
    given: { LEAN_ON_BEHALF_OF: 'lrà' }, variable: 'LEAN_ON_BEHALF_OF',
    message: 'LEAN_ON_BEHALF_OF: must be a valid HTTP header value (printable ASCII, no line breaks).',
  }],
  // Numbers
  ...(['-1', '1.5', 'abc', '1e3', 'Infinity'] as const).map((value): [string, Rejection] => [`LEAN_MAX_SENDS=${value}`, {
    given: { LEAN_MAX_SENDS: value }, variable: 'LEAN_MAX_SENDS',
    message: `LEAN_MAX_SENDS: must be a whole number from 0 up, not "${value}".`,
  }]),
  ...(['0', '-5', '600001', '2147483647', '1.5', 'ten'] as const).map((value): [string, Rejection] => [`LEAN_TIMEOUT_MS=${value}`, {
    given: { LEAN_TIMEOUT_MS: value }, variable: 'LEAN_TIMEOUT_MS',
    message: `LEAN_TIMEOUT_MS: must be a whole number of milliseconds from 1 to 600000, not "${value}".`,
  }]),
  ...(['6', '-1', '1.5', 'two'] as const).map((value): [string, Rejection] => [`LEAN_RETRIES=${value}`, {
    given: { LEAN_RETRIES: value }, variable: 'LEAN_RETRIES',
    message: `LEAN_RETRIES: must be a whole number of extra attempts from 0 to 5, not "${value}".`,
  }]),
  // 4.7e-7 requests per second is an interval longer than a timer holds: it would silently become no limit.
  ...(['0', '0.0', '-1', 'fast', 'Infinity', '1e2', '0.00000047', '0.0009', '100001'] as const).map((value): [string, Rejection] => [`LEAN_RATE_LIMIT=${value}`, {
    given: { LEAN_RATE_LIMIT: value }, variable: 'LEAN_RATE_LIMIT',
    message: `LEAN_RATE_LIMIT: must be a number of requests per second from 0.001 to 100000, not "${value}".`,
  }]),
  ['LEAN_BASE_URL set but empty (a missing CI secret)', {
    given: { LEAN_BASE_URL: '' }, variable: 'LEAN_BASE_URL',
    message: 'LEAN_BASE_URL: is set but empty (a missing CI secret?); unset it to test the bundled reference provider.',
  }],
  ['LEAN_BASE_URL of blanks', {
    given: { LEAN_BASE_URL: '  ' }, variable: 'LEAN_BASE_URL',
    message: 'LEAN_BASE_URL: is set but empty (a missing CI secret?); unset it to test the bundled reference provider.',
  }],
  ['certificate verification switched off in the environment', {
    given: { NODE_TLS_REJECT_UNAUTHORIZED: '0' }, variable: 'NODE_TLS_REJECT_UNAUTHORIZED',
    message: 'NODE_TLS_REJECT_UNAUTHORIZED: is 0, which turns certificate verification off; the suite never runs that way (unset it, and trust a private CA with LEAN_CA_CERT).',
  }],
  ['a misspelt check name', {
    given: { LEAN_SKIP_CHECKS: 'parity,empty200' }, variable: 'LEAN_SKIP_CHECKS',
    message: 'LEAN_SKIP_CHECKS: "empty200" is not a check (did you mean empty-200?).',
  }],
  ['a seed out of range', {
    given: { LEAN_SEED: '2147483648' }, variable: 'LEAN_SEED',
    message: 'LEAN_SEED: must be an integer from 0 to 2147483647, not "2147483648".',
  }],
  ['a baseline entry naming no scenario of the suite', {
    given: { LEAN_BASELINE: 'typo-baseline.json' }, variable: 'LEAN_BASELINE',
    message: `LEAN_BASELINE: ${at('typo-baseline.json')}: entry [0].scenario "fixture:notSmsDevise" is not a scenario of the suite (did you mean fixture:notSmsDevice?).`,
  }],
  ['a fixture file that is a FIFO (it would block the run)', {
    given: { LEAN_FIXTURES: 'a-fifo' }, variable: 'LEAN_FIXTURES',
    message: `LEAN_FIXTURES: ${at('a-fifo')} is not a regular file (a device, a FIFO or a socket).`,
  }],
  ['a fixture file that is a device (/dev/zero never ends)', {
    given: { LEAN_FIXTURES: '/dev/zero' }, variable: 'LEAN_FIXTURES',
    message: 'LEAN_FIXTURES: /dev/zero is not a regular file (a device, a FIFO or a socket).',
  }],
  // LEAN_REQUIRE_CODES
  ['a required code outside both catalogs', {
    given: { LEAN_REQUIRE_CODES: '66,42' }, variable: 'LEAN_REQUIRE_CODES',
    message: 'LEAN_REQUIRE_CODES: 42 is in neither operation\'s catalog (provokable codes: 2, 62, 66, 71, 85, 99, 100, 101, 102, 103, 138, 231, 240, 241, 11002, 15000; 200 for the success path).',
  }],
  ['the internal fault required', {
    given: { LEAN_REQUIRE_CODES: '6' }, variable: 'LEAN_REQUIRE_CODES',
    message: 'LEAN_REQUIRE_CODES: 6 cannot be required because no scenario provokes it (it is never expected).',
  }],
  ['a required code that is not an integer', {
    given: { LEAN_REQUIRE_CODES: '66,sixty' }, variable: 'LEAN_REQUIRE_CODES',
    message: 'LEAN_REQUIRE_CODES: must be "all" or comma-separated integer codes, and "sixty" is not an integer.',
  }],
  ['an empty item among the required codes', {
    given: { LEAN_REQUIRE_CODES: '66,,71' }, variable: 'LEAN_REQUIRE_CODES',
    message: 'LEAN_REQUIRE_CODES: must be "all" or comma-separated integer codes, and an item is empty.',
  }],
  // Files of the run
  ['a missing fixture file', {
    given: { LEAN_FIXTURES: 'none.json' }, variable: 'LEAN_FIXTURES',
    message: `LEAN_FIXTURES: cannot read ${at('none.json')} (ENOENT).`,
  }],
  ['a malformed fixture file', {
    given: { LEAN_FIXTURES: 'bad-fixtures.json' }, variable: 'LEAN_FIXTURES',
    message: `LEAN_FIXTURES: ${at('bad-fixtures.json')}: unknown state "smsActiv" in holders (did you mean smsActive?).`,
  }],
  ['a missing baseline file', {
    given: { LEAN_BASELINE: 'none.json' }, variable: 'LEAN_BASELINE',
    message: `LEAN_BASELINE: cannot read ${at('none.json')} (ENOENT).`,
  }],
  ['a baseline file that is a fixture file', {
    given: { LEAN_BASELINE: 'fixtures.json' }, variable: 'LEAN_BASELINE',
    message: `LEAN_BASELINE: ${at('fixtures.json')} must hold a JSON list of entries, not an object.`,
  }],
  ['a report directory that is a file', {
    given: { LEAN_REPORT_DIR: 'a-file' }, variable: 'LEAN_REPORT_DIR',
    message: `LEAN_REPORT_DIR: ${at('a-file')} exists and is not a directory.`,
  }],
];

describe('loadConfig: every rejection is one sentence naming the variable', () => {
  it.each(rejections)('%s', (_name, { given, variable, message, secret }) => {
    const error = configErrorOf(() => load(given));
    expect(error.variable).toBe(variable);
    expect(error.message).toBe(message);
    expectOneSentence(error);
    if (secret !== undefined) expect(error.message).not.toContain(secret);
  });

  it('never quotes the key or the passphrase, not even in the error it wraps', () => {
    const error = configErrorOf(() => load({
      LEAN_CLIENT_CERT: PKI.clientCert, LEAN_CLIENT_KEY: PKI.clientKeyPkcs8Encrypted, LEAN_CLIENT_KEY_PASSPHRASE: 'Wr0ng-Passphrase',
    }));
    const everything = `${error.message} ${String(error.cause)} ${JSON.stringify(error)}`;
    expect(everything).not.toContain('Wr0ng-Passphrase');
    expect(everything).not.toContain(pem(PKI.clientKeyPkcs8Encrypted).split('\n')[1]);
  });
});
