// Every HTTP classification, driven end to end through the client against a server that answers exactly the
// status, headers and body of the case.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OPERATION_IDS, operation } from '../../src/catalog/index.ts';
import { createClient, type OtpClient, type SendOutcome } from '../../src/client/index.ts';
import { startHttp, type RunningServer } from '../support/servers.ts';

interface Answer {
  status: number;
  headers?: Record<string, string>;
  body?: string;
}

const json = { 'content-type': 'application/json' };

const cases: Array<[string, { given: Answer; want: Partial<SendOutcome> }]> = [
  ['200 with zero bytes is sent', { given: { status: 200 }, want: { kind: 'sent', status: 200, bodyBytes: 0 } }],
  [
    '200 with Content-Type and a chunked empty body is sent',
    { given: { status: 200, headers: { ...json, 'transfer-encoding': 'chunked' } }, want: { kind: 'sent', bodyBytes: 0 } },
  ],
  [
    '200 with a single space is a body on 200',
    { given: { status: 200, body: ' ' }, want: { kind: 'protocol-violation', violation: 'body-on-200', bodyBytes: 1, code: null } },
  ],
  [
    '200 with {} is a body on 200',
    { given: { status: 200, headers: json, body: '{}' }, want: { kind: 'protocol-violation', violation: 'body-on-200', bodyBytes: 2 } },
  ],
  [
    '200 with null is a body on 200',
    { given: { status: 200, headers: json, body: 'null' }, want: { kind: 'protocol-violation', violation: 'body-on-200', bodyBytes: 4 } },
  ],
  [
    '500 with a catalog code is a catalog error',
    {
      given: { status: 500, headers: json, body: '{"code":62,"message":"certIdOtp not valid"}' },
      want: { kind: 'catalog-error', status: 500, code: 62, message: 'certIdOtp not valid' },
    },
  ],
  [
    '500 with the authentication code is a catalog error',
    {
      given: { status: 500, headers: json, body: '{"code":11002,"message":"Wrong username or password"}' },
      want: { kind: 'catalog-error', code: 11002 },
    },
  ],
  [
    '500 with code 6 is still a catalog error (judging it is the checks\' job)',
    { given: { status: 500, headers: json, body: '{"code":6,"message":"internal"}' }, want: { kind: 'catalog-error', code: 6 } },
  ],
  [
    '500 with an HTML body is a non-JSON error body',
    {
      given: { status: 500, headers: { 'content-type': 'text/html' }, body: '<h1>Internal Server Error</h1>' },
      want: { kind: 'protocol-violation', violation: 'non-json-error-body', status: 500, code: null },
    },
  ],
  [
    '500 with an empty body is a non-JSON error body',
    { given: { status: 500 }, want: { kind: 'protocol-violation', violation: 'non-json-error-body', bodyBytes: 0 } },
  ],
  [
    '500 with the code as a string is schema-invalid with no code',
    {
      given: { status: 500, headers: json, body: '{"code":"62","message":"certIdOtp not valid"}' },
      want: { kind: 'protocol-violation', violation: 'schema-invalid-error-body', code: null },
    },
  ],
  [
    '500 with code 7 is an uncatalogued code',
    {
      given: { status: 500, headers: json, body: '{"code":7,"message":"what is this"}' },
      want: { kind: 'protocol-violation', violation: 'uncatalogued-code', code: 7 },
    },
  ],
  [
    '500 without a message is schema-invalid and keeps the code',
    {
      given: { status: 500, headers: json, body: '{"code":62}' },
      want: { kind: 'protocol-violation', violation: 'schema-invalid-error-body', code: 62 },
    },
  ],
  [
    '500 with a JSON array is schema-invalid',
    { given: { status: 500, headers: json, body: '[62]' }, want: { kind: 'protocol-violation', violation: 'schema-invalid-error-body', code: null } },
  ],
  [
    '400 is an unexpected status, with the body\'s code read',
    {
      given: { status: 400, headers: json, body: '{"code":2,"message":"missing"}' },
      want: { kind: 'protocol-violation', violation: 'unexpected-status', status: 400, code: 2 },
    },
  ],
  [
    '204 is an unexpected status',
    { given: { status: 204 }, want: { kind: 'protocol-violation', violation: 'unexpected-status', status: 204, code: null, bodyBytes: 0 } },
  ],
  [
    '401 with a non-JSON body is an unexpected status with no code',
    { given: { status: 401, body: 'nope' }, want: { kind: 'protocol-violation', violation: 'unexpected-status', code: null } },
  ],
];

describe('classification of HTTP answers', () => {
  let server: RunningServer;
  let client: OtpClient;
  let next: Answer = { status: 200 };

  beforeAll(async () => {
    server = await startHttp((_req, res) => {
      res.writeHead(next.status, next.headers);
      res.end(next.body);
    });
    client = createClient({ baseUrl: server.url, timeoutMs: 3000 });
  });
  afterAll(async () => {
    await client.close();
    await server.close();
  });

  it.each(cases)('%s', async (_name, { given, want }) => {
    next = given;
    const outcome = await client.send('sendOtp', { body: { certIdOtp: 'c', deviceCode: 'd' } });
    expect(outcome).toMatchObject(want);
    expect(outcome.durationMs).toBeGreaterThanOrEqual(0);
  });

  it('names the Location of a redirect and does not follow it', async () => {
    next = { status: 302, headers: { location: `${server.url}/elsewhere` } };
    const before = server.requests.length;
    const outcome = await client.send('sendOtp', { body: {} });
    expect(outcome).toMatchObject({ kind: 'protocol-violation', violation: 'unexpected-status', status: 302, code: null });
    expect(outcome.kind === 'protocol-violation' && outcome.detail).toContain(`${server.url}/elsewhere`);
    expect(server.requests.slice(before).map((r) => r.url)).toEqual(['/sendOtp']);
  });

  it('keeps a 500 body that is not JSON visible in the detail, on one line', async () => {
    next = { status: 500, body: 'line one\nline two' };
    const outcome = await client.send('sendOtp', { body: {} });
    expect(outcome.kind === 'protocol-violation' && outcome.detail).toMatch(/^[^\n]*line one\\nline two[^\n]*$/);
  });
});

describe('request line', () => {
  const paths: Array<[string, { given: { base: string; op: (typeof OPERATION_IDS)[number] }; want: string }]> = [];
  for (const op of OPERATION_IDS) {
    paths.push([`${op} at the root`, { given: { base: '', op }, want: operation(op).path }]);
    paths.push([`${op} with a trailing slash`, { given: { base: '/', op }, want: operation(op).path }]);
    paths.push([`${op} under a prefix with slashes`, { given: { base: '/api//', op }, want: `/api${operation(op).path}` }]);
  }
  let server: RunningServer;
  beforeAll(async () => {
    server = await startHttp((_req, res) => res.end());
  });
  afterAll(() => server.close());

  it.each(paths)('POSTs %s', async (_name, { given, want }) => {
    const client = createClient({ baseUrl: `${server.url}${given.base}` });
    try {
      expect(await client.send(given.op, { body: {} })).toMatchObject({ kind: 'sent' });
    } finally {
      await client.close();
    }
    expect(server.requests.at(-1)).toMatchObject({ method: 'POST', url: want });
  });
});
