// The fault hook the self-tests build faulty providers with: rewrite, hang, destroy. A hung request must not
// keep close() waiting.
import { afterEach, describe, expect, it } from 'vitest';
import { type ProviderRequestInfo, type ResponseMutator } from '../../src/provider/index.ts';
import { startReferenceProvider, type ReferenceProvider } from '../../src/sandbox/index.ts';
import { holder, request, SEND_OTP, SEND_OTP_DISPOSABLE } from './helpers.ts';

let provider: ReferenceProvider | undefined;
afterEach(async () => {
  await provider?.close();
  provider = undefined;
});

async function start(mutate: ResponseMutator): Promise<ReferenceProvider> {
  provider = await startReferenceProvider({ mutate });
  return provider;
}

function post(p: ReferenceProvider, path: string, state: string, timeoutMs = 2_000) {
  return request(`${p.url}${path}`, { body: holder(p, state), credentialsDefault: p.credentials, timeoutMs });
}

describe('mutate', () => {
  it('sees every answer with the request it answers, and may rewrite it', async () => {
    const seen: ProviderRequestInfo[] = [];
    const p = await start((response, info) => {
      seen.push({ ...info });
      return info.state === 'smsActive' ? { status: 200, headers: { 'content-type': 'application/json' }, body: '{}' } : response;
    });
    const rewritten = await post(p, SEND_OTP_DISPOSABLE.path, 'smsActive');
    expect(rewritten.status).toBe(200);
    expect(rewritten.body.toString()).toBe('{}');
    // The send happened; only the answer was spoiled.
    expect(p.outbox()).toHaveLength(1);
    const untouched = await post(p, SEND_OTP.path, 'deviceDisabled');
    expect(JSON.parse(untouched.body.toString()).code).toBe(71);
    await request(`${p.url}/nowhere`, { body: {} });
    expect(seen).toEqual([
      { operation: 'sendOtpDisposable', path: '/sendOtpDisposable', state: 'smsActive' },
      { operation: 'sendOtp', path: '/sendOtp', state: 'deviceDisabled' },
      { operation: null, path: '/nowhere', state: null },
    ]);
  });

  it('can rewrite the code of an error', async () => {
    const p = await start((response) =>
      response.status === 500 ? { ...response, body: JSON.stringify({ code: 6, message: 'rewritten' }) } : response,
    );
    const answer = await post(p, SEND_OTP.path, 'otpBlocked');
    expect(JSON.parse(answer.body.toString())).toEqual({ code: 6, message: 'rewritten' });
  });

  it("'hang' never answers, and close() still returns promptly", async () => {
    const p = await start(() => 'hang');
    await expect(post(p, SEND_OTP.path, 'smsActive', 400)).rejects.toThrow('client timeout');
    const pending = post(p, SEND_OTP.path, 'deviceNotActive', 10_000);
    const settled = pending.then(() => 'answered', (error: Error) => error.message);
    await new Promise((r) => setTimeout(r, 100));
    const started = Date.now();
    await p.close();
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(await settled).not.toBe('answered');
    provider = undefined;
  });

  it("'destroy' resets the connection without an answer", async () => {
    const p = await start((response, info) => (info.state === 'emailActive' ? 'destroy' : response));
    await expect(post(p, SEND_OTP.path, 'emailActive')).rejects.toThrow(/socket hang up|ECONNRESET/);
    expect(JSON.parse((await post(p, SEND_OTP.path, 'invalidEmail')).body.toString()).code).toBe(102);
  });
});

describe('close()', () => {
  it('is idempotent and frees the port', async () => {
    const p = await startReferenceProvider();
    await Promise.all([p.close(), p.close()]);
    await p.close();
    await expect(post(p, SEND_OTP.path, 'smsActive')).rejects.toThrow(/ECONNREFUSED/);
  });
});
