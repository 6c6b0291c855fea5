// Hostile and broken input: the provider answers each with a catalog code (never 6, never a crash, never a
// hang), sends nothing, and still answers correctly afterwards.
import http from 'node:http';
import { connect } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { OPERATIONS, type Operation } from '../../src/catalog/index.ts';
import { startReferenceProvider, type ReferenceProvider } from '../../src/sandbox/index.ts';
import { basic, call, holder, request, SEND_OTP, type CallOptions } from './helpers.ts';

const BODY_TIMEOUT_MS = 600;
let provider: ReferenceProvider;
beforeAll(async () => {
  provider = await startReferenceProvider({ limits: { bodyTimeoutMs: BODY_TIMEOUT_MS } });
});
afterAll(() => provider.close());
beforeEach(() => provider.reset());

/** The provider still gives the documented answers: an error state, then a send. */
async function stillAnswers(op: Operation = SEND_OTP): Promise<void> {
  expect((await call(provider, op, { body: holder(provider, 'deviceNotActive') })).code).toBe(66);
  const before = provider.outbox().length;
  expect((await call(provider, op, { body: holder(provider, 'whatsappActive') })).status).toBe(200);
  expect(provider.outbox().length).toBe(before + 1);
}

const sms = (p: ReferenceProvider): Record<string, string> => ({ ...holder(p, 'smsActive') });
// Each carries the ids of a success holder where it can, so a provider that lets it through would send.
const malformed: [string, (p: ReferenceProvider) => CallOptions][] = [
  ['truncated JSON', (p) => ({ raw: JSON.stringify(sms(p)).slice(0, -3) })],
  ['not JSON at all', () => ({ raw: 'certIdOtp=a&deviceCode=b' })],
  ['an empty body', () => ({ raw: '' })],
  ['no body and no length', () => ({})],
  ['a JSON array of the holder', (p) => ({ body: [sms(p)] })],
  ['JSON null', () => ({ raw: 'null' })],
  ['a JSON number', () => ({ raw: '42' })],
  ['a JSON string', (p) => ({ body: JSON.stringify(sms(p)) })],
  ['numbers as ids', () => ({ body: { certIdOtp: 1, deviceCode: 2 } })],
  ['objects as ids', (p) => ({ body: { certIdOtp: { value: sms(p)['certIdOtp'] }, deviceCode: [sms(p)['deviceCode']] } })],
  ['ids under __proto__', (p) => ({ raw: `{"__proto__": ${JSON.stringify(sms(p))}}` })],
  ['a byte-order mark before the JSON', (p) => ({ raw: `\uFEFF${JSON.stringify(sms(p))}` })],
  ['invalid UTF-8', () => ({ raw: Buffer.from([0x7b, 0xff, 0xfe, 0x7d]) })],
  ['deeply nested arrays', () => ({ raw: '['.repeat(60_000) })],
  ['content type text/plain', (p) => ({ body: sms(p), contentType: 'text/plain' })],
  ['content type application/x-www-form-urlencoded', (p) => ({ body: sms(p), contentType: 'application/x-www-form-urlencoded' })],
  ['no content type', (p) => ({ body: sms(p), contentType: null })],
  ['content type application/jsonx', (p) => ({ body: sms(p), contentType: 'application/jsonx' })],
];

describe.each(OPERATIONS.map((op) => [op.id, op] as const))('%s: malformed input', (_id, op) => {
  it.each(malformed)('%s → 2, nothing sent', async (_name, options) => {
    expect((await call(provider, op, options(provider))).code).toBe(2);
    expect(provider.outbox()).toEqual([]);
  });

  it('application/json with parameters and in capitals is accepted', async () => {
    expect((await call(provider, op, { body: sms(provider), contentType: 'Application/JSON; charset=utf-8' })).status).toBe(200);
  });

  it('a 1 MiB body with its length announced → 2, connection closed', async () => {
    const { code, answer } = await call(provider, op, { raw: Buffer.alloc(1024 * 1024, 0x20) });
    expect(code).toBe(2);
    expect(answer.headers['connection']).toBe('close');
    await stillAnswers(op);
  });

  it('a 1 MiB body that is valid JSON, sent chunked → 2', async () => {
    const big = Buffer.from(JSON.stringify({ ...sms(provider), padding: 'x'.repeat(1024 * 1024) }));
    const answer = await streamBody(`${provider.url}${op.path}`, [big.subarray(0, 300_000), big.subarray(300_000)]);
    expect(answer.status).toBe(500);
    expect(JSON.parse(answer.body).code).toBe(2);
    expect(provider.outbox()).toEqual([]);
    await stillAnswers(op);
  });

  it('a body just under the limit is read', async () => {
    const padding = 'x'.repeat(provider.limits.maxBodyBytes - 300);
    expect((await call(provider, op, { body: { ...holder(provider, 'invalidEmail'), padding } })).code).toBe(102);
  });

  it('with global fetch (undici) too: a 1 MiB body is answered, not reset', async () => {
    const res = await fetch(`${provider.url}${op.path}`, {
      method: 'POST',
      headers: { authorization: basic(provider.credentials), 'content-type': 'application/json' },
      body: Buffer.alloc(1024 * 1024, 0x7b),
    });
    expect(res.status).toBe(500);
    expect(((await res.json()) as { code: number }).code).toBe(2);
  });
});

/** Sends the body in the given chunks (chunked encoding) and reads the answer, whatever happens to the upload. */
function streamBody(url: string, chunks: Buffer[]): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, {
      method: 'POST',
      agent: false,
      headers: { authorization: basic(provider.credentials), 'content-type': 'application/json' },
    }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    chunks.slice(0, -1).forEach((c) => req.write(c));
    req.end(chunks.at(-1));
  });
}

describe('slow, endless and aborted bodies', () => {
  it('a body that never ends is answered with 2 within the body timeout, and the connection closed', async () => {
    const started = Date.now();
    const outcome = await new Promise<{ status: number; body: string; closed: boolean }>((resolve, reject) => {
      const req = http.request(`${provider.url}${SEND_OTP.path}`, {
        method: 'POST',
        agent: false,
        headers: { authorization: basic(provider.credentials), 'content-type': 'application/json' },
      }, (res) => {
        let body = '';
        res.on('data', (c: Buffer) => (body += c.toString()));
        res.on('end', () => {
          clearInterval(trickle);
          resolve({ status: res.statusCode ?? 0, body, closed: res.headers['connection'] === 'close' });
        });
      });
      req.on('error', (error) => {
        clearInterval(trickle);
        reject(error);
      });
      req.write('{"certIdOtp": ');
      const trickle = setInterval(() => req.write(' '), 40);
    });
    const elapsed = Date.now() - started;
    expect(outcome.status).toBe(500);
    expect(JSON.parse(outcome.body).code).toBe(2);
    expect(outcome.closed).toBe(true);
    expect(elapsed).toBeGreaterThanOrEqual(BODY_TIMEOUT_MS - 50);
    expect(elapsed).toBeLessThan(BODY_TIMEOUT_MS + 2_000);
    await stillAnswers();
  });

  it('a client that aborts mid-body leaves the provider unharmed', async () => {
    await new Promise<void>((resolve) => {
      const req = http.request(`${provider.url}${SEND_OTP.path}`, {
        method: 'POST',
        agent: false,
        headers: { authorization: basic(provider.credentials), 'content-type': 'application/json', 'content-length': 1000 },
      });
      req.on('error', () => resolve());
      req.on('close', () => resolve());
      req.write(JSON.stringify(holder(provider, 'smsActive')).slice(0, 20), () => setTimeout(() => req.destroy(), 50));
    });
    await new Promise((r) => setTimeout(r, 100));
    expect(provider.outbox()).toEqual([]);
    await stillAnswers();
  });

  it('a connection closed right after the headers leaves the provider unharmed', async () => {
    await new Promise<void>((resolve) => {
      const socket = connect(Number(new URL(provider.url).port), '127.0.0.1', () => {
        socket.end(`POST ${SEND_OTP.path} HTTP/1.1\r\nHost: x\r\nContent-Length: 50\r\n\r\n{"cert`);
      });
      socket.on('close', () => resolve());
      socket.on('error', () => resolve());
      socket.resume();
    });
    await stillAnswers();
  });

  it('garbage instead of HTTP is refused and the provider carries on', async () => {
    const reply = await new Promise<string>((resolve) => {
      let text = '';
      const socket = connect(Number(new URL(provider.url).port), '127.0.0.1', () => socket.write('\x00\x01\x02 not http\r\n\r\n'));
      socket.on('data', (c: Buffer) => (text += c.toString()));
      socket.on('close', () => resolve(text));
      socket.on('error', () => resolve(text));
    });
    expect(reply).toMatch(/^HTTP\/1\.1 400/);
    await stillAnswers();
  });

  it('an oversized header is refused (431) and the provider carries on', async () => {
    const answer = await request(`${provider.url}${SEND_OTP.path}`, {
      body: holder(provider, 'smsActive'),
      credentialsDefault: provider.credentials,
      headers: { 'x-padding': 'x'.repeat(32 * 1024) },
    });
    expect(answer.status).toBe(431);
    expect(provider.outbox()).toEqual([]);
    await stillAnswers();
  });

  it('keeps a connection usable after a complete request (keep-alive)', async () => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    try {
      const sockets = new Set<unknown>();
      for (const state of ['deviceDisabled', 'otpNotSent']) {
        const payload = JSON.stringify(holder(provider, state));
        const code = await new Promise<number>((resolve, reject) => {
          const req = http.request(`${provider.url}${SEND_OTP.path}`, {
            method: 'POST',
            agent,
            headers: { authorization: basic(provider.credentials), 'content-type': 'application/json' },
          }, (res) => {
            sockets.add(res.socket);
            let body = '';
            res.on('data', (c: Buffer) => (body += c.toString()));
            res.on('end', () => resolve(JSON.parse(body).code));
          });
          req.on('error', reject);
          req.end(payload);
        });
        expect(code).toBe(state === 'deviceDisabled' ? 71 : 99);
      }
      expect(sockets.size).toBe(1);
    } finally {
      agent.destroy();
    }
  });
});

describe('internal faults', () => {
  it('a thrown error is answered with 500 code 6, valid against the spec, and the provider carries on', async () => {
    const faults: unknown[] = [];
    let throwing = true;
    const faulty = await startReferenceProvider({
      onInternalFault: (error) => faults.push(error),
      mutate: (response) => {
        if (throwing) throw new Error('injected fault');
        return response;
      },
    });
    try {
      for (const op of OPERATIONS) {
        expect((await call(faulty, op, { body: holder(faulty, 'smsActive') })).code).toBe(6);
      }
      expect(faults).toHaveLength(OPERATIONS.length);
      throwing = false;
      expect((await call(faulty, SEND_OTP, { body: holder(faulty, 'otpBlocked') })).code).toBe(231);
    } finally {
      await faulty.close();
    }
  });
});
