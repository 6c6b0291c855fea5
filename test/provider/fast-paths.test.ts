// The provider's per-request shortcuts keep its behaviour: a password digest computed once still follows a
// changed password; answers built once are never changed by a fault hook that edits what it is given; a body
// taken straight from the buffer is the whole body, and a body still on its way is read from the stream.
import http from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { OPERATIONS } from '../../src/catalog/index.ts';
import { readBody, type ProviderUser } from '../../src/provider/index.ts';
import { startReferenceProvider, type ReferenceProvider } from '../../src/sandbox/index.ts';
import { basic, call, holder, request, SEND_OTP, SEND_OTP_DISPOSABLE } from './helpers.ts';

let provider: ReferenceProvider | undefined;
afterEach(async () => {
  await provider?.close();
  provider = undefined;
});

describe('password digests computed once', () => {
  it('follow a password changed after the first request', async () => {
    const user: ProviderUser = { username: 'u', password: 'first-password', operations: OPERATIONS.map((op) => op.id) };
    provider = await startReferenceProvider({ users: [user] });
    const body = holder(provider, 'deviceDisabled');
    const as = (password: string) => ({ body, credentials: { username: 'u', password } });
    expect((await call(provider, SEND_OTP, as('first-password'))).code).toBe(71);
    user.password = 'second-password';
    expect((await call(provider, SEND_OTP, as('first-password'))).code).toBe(11002);
    expect((await call(provider, SEND_OTP, as('second-password'))).code).toBe(71);
    expect((await call(provider, SEND_OTP, as('second-passwordx'))).code).toBe(11002);
    expect((await call(provider, SEND_OTP, as(''))).code).toBe(11002);
  });
});

describe('answers built once', () => {
  it('a fault hook that edits its response in place changes only that answer', async () => {
    let spoil = true;
    provider = await startReferenceProvider({
      mutate: (response) => {
        if (!spoil) return response;
        response.headers['x-spoiled'] = 'yes';
        response.body = '{"code":1}';
        response.status = 502;
        return response;
      },
    });
    for (const state of ['deviceNotActive', 'smsActive']) {
      const spoiled = await request(`${provider.url}${SEND_OTP.path}`, { body: holder(provider, state), credentialsDefault: provider.credentials });
      expect([spoiled.status, spoiled.headers['x-spoiled'], spoiled.body.toString()]).toEqual([502, 'yes', '{"code":1}']);
    }
    spoil = false;
    const error = await call(provider, SEND_OTP, { body: holder(provider, 'deviceNotActive') });
    expect(error.code).toBe(66);
    expect(error.answer.headers['x-spoiled']).toBeUndefined();
    const sent = await call(provider, SEND_OTP, { body: holder(provider, 'smsActive') });
    expect(sent.status).toBe(200);
    expect(sent.answer.body.length).toBe(0);
    expect(sent.answer.headers['x-spoiled']).toBeUndefined();
  });

  it('the same error answers the same bytes every time, with its length declared', async () => {
    provider = await startReferenceProvider();
    const first = await call(provider, SEND_OTP, { body: holder(provider, 'otpBlocked') });
    const again = await call(provider, SEND_OTP, { body: holder(provider, 'otpBlocked') });
    expect(again.answer.body.equals(first.answer.body)).toBe(true);
    expect(Number(first.answer.headers['content-length'])).toBe(first.answer.body.length);
  });
});

/** Writes the given pieces to one connection, `gapMs` apart, and collects every answer it gets back. */
function rawExchange(p: ReferenceProvider, pieces: string[], answers: number, gapMs = 0): Promise<{ status: number; code: number | null }[]> {
  return new Promise((resolve, reject) => {
    let received = '';
    const socket = connect(Number(new URL(p.url).port), '127.0.0.1', async () => {
      for (const piece of pieces) {
        socket.write(piece);
        if (gapMs > 0) await new Promise((r) => setTimeout(r, gapMs));
      }
    });
    const parsed = (): { status: number; code: number | null }[] | null => {
      const found: { status: number; code: number | null }[] = [];
      let rest = received;
      while (found.length < answers) {
        const end = rest.indexOf('\r\n\r\n');
        if (end < 0) return null;
        const head = rest.slice(0, end);
        const length = Number(/\r\ncontent-length: (\d+)/i.exec(head)?.[1] ?? 0);
        if (rest.length < end + 4 + length) return null;
        const body = rest.slice(end + 4, end + 4 + length);
        found.push({ status: Number(head.split(' ')[1]), code: body ? (JSON.parse(body) as { code: number }).code : null });
        rest = rest.slice(end + 4 + length);
      }
      return found;
    };
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`no ${answers} answers within 5 s: ${received}`));
    }, 5_000);
    socket.on('data', (chunk: Buffer) => {
      received += chunk.toString('latin1');
      const done = parsed();
      if (done) {
        clearTimeout(timer);
        socket.destroy();
        resolve(done);
      }
    });
    socket.on('error', reject);
  });
}

function head(p: ReferenceProvider, path: string, length: number): string {
  return `POST ${path} HTTP/1.1\r\nHost: x\r\nAuthorization: ${basic(p.credentials)}\r\nContent-Type: application/json\r\nContent-Length: ${length}\r\n\r\n`;
}

describe('bodies', () => {
  it('two requests pipelined in one write are each read whole and answered in order', async () => {
    provider = await startReferenceProvider();
    const a = JSON.stringify(holder(provider, 'invalidMobile'));
    const b = JSON.stringify(holder(provider, 'emailActive'));
    const answers = await rawExchange(provider, [head(provider, SEND_OTP.path, a.length) + a + head(provider, SEND_OTP_DISPOSABLE.path, b.length) + b], 2);
    expect(answers).toEqual([{ status: 500, code: 100 }, { status: 200, code: null }]);
    expect(provider.outbox().map((e) => [e.operation, e.state])).toEqual([['sendOtpDisposable', 'emailActive']]);
  });

  it('a body that arrives after its headers, in pieces, is read from the stream', async () => {
    provider = await startReferenceProvider();
    const body = JSON.stringify(holder(provider, 'whatsappActive'));
    const answers = await rawExchange(provider, [head(provider, SEND_OTP.path, body.length), body.slice(0, 10), body.slice(10)], 1, 50);
    expect(answers).toEqual([{ status: 200, code: null }]);
    expect(provider.outbox()).toHaveLength(1);
  });

  it('a body shorter than its declared length is not taken as whole', async () => {
    provider = await startReferenceProvider({ limits: { bodyTimeoutMs: 300 } });
    const body = JSON.stringify(holder(provider, 'smsActive'));
    const answers = await rawExchange(provider, [head(provider, SEND_OTP.path, body.length + 5) + body], 1);
    expect(answers).toEqual([{ status: 500, code: 2 }]);
    expect(provider.outbox()).toEqual([]);
  });

  it('Content-Length: 0 is an empty body', async () => {
    provider = await startReferenceProvider();
    expect(await rawExchange(provider, [head(provider, SEND_OTP.path, 0)], 1)).toEqual([{ status: 500, code: 2 }]);
  });

  it('readBody returns exactly the bytes sent, and the request still ends', async () => {
    const payload = Buffer.from('{"certIdOtp":"a","deviceCode":"b"}');
    let ended = false;
    const server = http.createServer((req, res) => {
      req.once('end', () => (ended = true));
      void readBody(req, { maxBytes: 1024, timeoutMs: 1_000 }).then((result) => {
        res.end(result.kind === 'complete' ? result.bytes : result.kind);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const res = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`, { method: 'POST', body: payload });
      expect(Buffer.from(await res.arrayBuffer()).equals(payload)).toBe(true);
      await vi.waitFor(() => expect(ended).toBe(true));
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
