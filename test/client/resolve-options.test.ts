// Options are checked at construction; each rejection names the option and never quotes a secret value.
import { describe, expect, it } from 'vitest';
import { ClientOptionsError, createClient, type ClientOptions, type SendOverrides } from '../../src/client/index.ts';

const base = 'https://lean.example.test/api';
const secret = 'Pa55-w0rd-never-shown';

const rejected: Array<[string, { given: Partial<ClientOptions>; want: string }]> = [
  ['a base URL that is not a URL', { given: { baseUrl: 'not a url' }, want: 'baseUrl' }],
  ['a base URL of another scheme', { given: { baseUrl: 'ftp://example.test/' }, want: 'baseUrl' }],
  ['a base URL with userinfo', { given: { baseUrl: `https://user:${secret}@example.test/` }, want: 'baseUrl' }],
  ['a base URL with a query', { given: { baseUrl: 'https://example.test/?x=1' }, want: 'baseUrl' }],
  [
    'http to a non-loopback host with credentials',
    { given: { baseUrl: 'http://lean.example.test/', credentials: { username: 'u', password: secret } }, want: 'baseUrl' },
  ],
  ['a username with a colon', { given: { credentials: { username: 'a:b', password: secret } }, want: 'credentials.username' }],
  ['a password with a line break', { given: { credentials: { username: 'a', password: `${secret}\r\n` } }, want: 'credentials' }],
  ['on-behalf-of with a line break', { given: { onBehalfOf: 'x\r\nInjected: 1' }, want: 'onBehalfOf' }],
  ['a zero timeout', { given: { timeoutMs: 0 }, want: 'timeoutMs' }],
  ['an infinite timeout', { given: { timeoutMs: Infinity }, want: 'timeoutMs' }],
  ['a fractional body cap', { given: { maxBodyBytes: 1.5 }, want: 'maxBodyBytes' }],
  ['a negative rate', { given: { rateLimit: -1 }, want: 'rateLimit' }],
  ['a certificate without its key', { given: { tls: { cert: 'x' } }, want: 'tls.key' }],
  ['a key without its certificate', { given: { tls: { key: 'x' } }, want: 'tls.cert' }],
  ['a passphrase without a key', { given: { tls: { passphrase: secret } }, want: 'tls.passphrase' }],
  ['a CA that is not PEM', { given: { tls: { ca: 'not a certificate' } }, want: 'tls.ca' }],
  ['a certificate that is not PEM', { given: { tls: { cert: 'nope', key: 'nope' } }, want: 'tls.cert' }],
];

const accepted: Array<[string, { given: Partial<ClientOptions> }]> = [
  ['https with credentials', { given: { credentials: { username: 'u', password: secret } } }],
  ['loopback http with credentials', { given: { baseUrl: 'http://127.0.0.1:1/', credentials: { username: 'u', password: secret } } }],
  ['localhost http with credentials', { given: { baseUrl: 'http://localhost:1', credentials: { username: 'u', password: secret } } }],
  ['non-loopback http without credentials', { given: { baseUrl: 'http://lean.example.test/' } }],
  ['a fractional rate', { given: { rateLimit: 0.5 } }],
];

describe('client options', () => {
  it.each(rejected)('rejects %s', (_name, { given, want }) => {
    let caught: unknown;
    try {
      createClient({ baseUrl: base, ...given });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ClientOptionsError);
    expect(caught).toMatchObject({ option: want, code: 'LEAN_CLIENT_OPTIONS' });
    expect((caught as Error).message).toContain(want);
    expect((caught as Error).message).not.toContain(secret);
  });

  it.each(accepted)('accepts %s', async (_name, { given }) => {
    const client = createClient({ baseUrl: base, ...given });
    await client.close();
  });

  it.each<[string, { given: SendOverrides; want: string }]>([
    ['a zero per-call timeout', { given: { timeoutMs: 0 }, want: 'overrides.timeoutMs' }],
    ['a per-call on-behalf-of with a line break', { given: { onBehalfOf: 'a\nb' }, want: 'overrides.onBehalfOf' }],
    ['per-call credentials with a colon in the user', { given: { credentials: { username: 'a:b', password: secret } }, want: 'overrides.credentials.username' }],
  ])('rejects %s before sending', async (_name, { given, want }) => {
    const client = createClient({ baseUrl: 'http://127.0.0.1:1' });
    await expect(client.send('sendOtp', { body: {} }, given)).rejects.toMatchObject({ option: want });
    await client.close();
  });
});
