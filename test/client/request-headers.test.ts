// What goes on the wire: Basic credentials, on-behalf-of, Content-Type and the body, exactly as configured,
// with per-call overrides spread over the client-wide options (null removes).
import { REDACTED } from '../../src/secrets/index.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient, type ClientOptions, type SendOverrides, type SendRequest } from '../../src/client/index.ts';
import { startHttp, type RunningServer } from '../support/servers.ts';

const basic = (user: string, password: string): string => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

interface Want {
  authorization?: string | undefined;
  'on-behalf-of'?: string | undefined;
  'content-type'?: string | undefined;
  body?: string;
}

const alice = { username: 'alice', password: 'p@ss wörd:42' };
const bob = { username: 'bob', password: 'hunter2' };

const cases: Array<[string, { given: { options?: Partial<ClientOptions>; request?: SendRequest; overrides?: SendOverrides }; want: Want }]> = [
  ['no credentials, no on-behalf-of', { given: {}, want: { authorization: undefined, 'on-behalf-of': undefined } }],
  [
    'client-wide credentials and on-behalf-of',
    { given: { options: { credentials: alice, onBehalfOf: 'LRA-7' } }, want: { authorization: basic(alice.username, alice.password), 'on-behalf-of': 'LRA-7' } },
  ],
  [
    'per-call credentials replace the client-wide ones',
    { given: { options: { credentials: alice }, overrides: { credentials: bob } }, want: { authorization: basic('bob', 'hunter2') } },
  ],
  ['null credentials send no Authorization', { given: { options: { credentials: alice }, overrides: { credentials: null } }, want: { authorization: undefined } }],
  [
    'per-call on-behalf-of replaces the client-wide one',
    { given: { options: { onBehalfOf: 'LRA-7' }, overrides: { onBehalfOf: 'someone-else' } }, want: { 'on-behalf-of': 'someone-else' } },
  ],
  ['null on-behalf-of omits the header', { given: { options: { onBehalfOf: 'LRA-7' }, overrides: { onBehalfOf: null } }, want: { 'on-behalf-of': undefined } }],
  [
    'an undefined override keeps the client-wide value',
    { given: { options: { onBehalfOf: 'LRA-7', credentials: alice }, overrides: { onBehalfOf: undefined, credentials: undefined } }, want: { 'on-behalf-of': 'LRA-7', authorization: basic(alice.username, alice.password) } },
  ],
  [
    'a JSON body with the default Content-Type',
    { given: { request: { body: { certIdOtp: 'c1', deviceCode: 'd1' } } }, want: { 'content-type': 'application/json', body: '{"certIdOtp":"c1","deviceCode":"d1"}' } },
  ],
  [
    'a raw body wins over body and goes as it is',
    { given: { request: { body: { a: 1 }, raw: '{"certIdOtp":', contentType: 'text/plain' } }, want: { 'content-type': 'text/plain', body: '{"certIdOtp":' } },
  ],
  ['a null Content-Type sends none', { given: { request: { raw: 'x', contentType: null } }, want: { 'content-type': undefined, body: 'x' } }],
  ['no body at all', { given: { request: {} }, want: { body: '' } }],
];

describe('request headers and body', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startHttp((_req, res) => res.end());
  });
  afterAll(() => server.close());

  it.each(cases)('%s', async (_name, { given, want }) => {
    const client = createClient({ baseUrl: server.url, ...given.options });
    try {
      expect(await client.send('sendOtp', given.request ?? { body: {} }, given.overrides)).toMatchObject({ kind: 'sent' });
    } finally {
      await client.close();
    }
    const seen = server.requests.at(-1);
    const { body, ...headers } = want;
    for (const [name, value] of Object.entries(headers)) expect(seen?.headers[name], name).toBe(value);
    if (body !== undefined) expect(seen?.body.toString()).toBe(body);
  });
});

describe('secrets never reach a detail', () => {
  const secret = { username: 'svc-user', password: 'S3cr3t-Pa55' };
  const token = Buffer.from(`${secret.username}:${secret.password}`).toString('base64');
  let server: RunningServer;
  let mode = '';

  // Each answer echoes the Authorization header and the decoded password back, in the places a detail quotes.
  beforeAll(async () => {
    server = await startHttp((req, res) => {
      const auth = req.headers.authorization ?? '';
      const password = Buffer.from(auth.replace('Basic ', ''), 'base64').toString().split(':')[1] ?? '';
      const echo = `auth=${auth} password=${password} encoded=${encodeURIComponent(password)}`;
      switch (mode) {
        case 'body-on-200':
          return res.end(echo);
        case 'non-json-500':
          res.writeHead(500);
          return res.end(echo);
        case 'schema-invalid-500':
          res.writeHead(500, { 'content-type': 'application/json' });
          return res.end(JSON.stringify({ code: '62', message: echo }));
        case 'catalog-500':
          res.writeHead(500, { 'content-type': 'application/json' });
          return res.end(JSON.stringify({ code: 11002, message: echo }));
        case 'redirect':
          res.writeHead(302, { location: `https://evil.invalid/?p=${password}&a=${auth}` });
          return res.end(echo);
        case 'straddle':
          res.writeHead(500);
          return res.end(`${'z'.repeat(115)}${password}`);
        case 'too-large':
          res.writeHead(200);
          return res.end(`${echo}${'x'.repeat(200)}`);
        default:
          req.socket.destroy();
      }
    });
  });
  afterAll(() => server.close());

  it.each([
    ['a body on 200 quoted in the detail', { given: 'body-on-200', want: { quotesEcho: true } }],
    ['a non-JSON 500 quoted in the detail', { given: 'non-json-500', want: { quotesEcho: true } }],
    ['a schema-invalid 500', { given: 'schema-invalid-500', want: { quotesEcho: false } }],
    ['a catalog error message', { given: 'catalog-500', want: { quotesEcho: true } }],
    ['a redirect Location', { given: 'redirect', want: { quotesEcho: true } }],
    ['a body past the cap', { given: 'too-large', want: { quotesEcho: false } }],
    ['a reset', { given: 'reset', want: { quotesEcho: false } }],
    ['a secret straddling the snippet cut', { given: 'straddle', want: { quotesEcho: false } }],
  ])(
    '%s',
    async (_name, { given, want }) => {
      mode = given;
      const client = createClient({ baseUrl: server.url, credentials: secret, maxBodyBytes: given === 'too-large' ? 120 : 4096 });
      const outcome = await client.send('sendOtp', { body: {} });
      await client.close();
      const text = JSON.stringify(outcome);
      expect(text).not.toContain(secret.password);
      // Not even a prefix left behind by a cut.
      expect(text).not.toContain(secret.password.slice(0, 4));
      expect(text).not.toContain(token);
      if (want.quotesEcho) expect(text).toContain(REDACTED);
    },
  );

  it('per-call credentials are redacted too', async () => {
    mode = 'body-on-200';
    const client = createClient({ baseUrl: server.url, credentials: secret });
    const outcome = await client.send('sendOtp', { body: {} }, { credentials: { username: 'x', password: 'other-S3cret' } });
    await client.close();
    expect(JSON.stringify(outcome)).not.toContain('other-S3cret');
  });
});
