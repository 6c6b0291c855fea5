// Faults on demand: each kind does what it says to exactly the requests it is scoped to (the next N, a time
// window, one operation, one holder), and every other request is answered on the spec as before. Whether the
// request was still handled (an OTP sent) shows in the outbox.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type FaultSpec, type Sandbox } from '../../src/sandbox/index.ts';
import { call, expectConforming, holder, request, SEND_OTP, SEND_OTP_DISPOSABLE } from '../provider/helpers.ts';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox();
});
afterAll(() => sandbox?.close());
afterEach(async () => {
  await sandbox.admin.clearFaults();
  sandbox.reset();
});

function post(state: string, operation = SEND_OTP, timeoutMs = 2_000) {
  return request(`${sandbox.url}${operation.path}`, { body: holder(sandbox, state), credentialsDefault: sandbox.credentials, timeoutMs });
}

async function codeOf(state: string, operation = SEND_OTP): Promise<number | null> {
  return expectConforming(operation, await post(state, operation));
}

describe('a fault for one request', () => {
  it('affects exactly that request: the one after it is answered as documented', async () => {
    await sandbox.admin.injectFault({ kind: 'code', code: 103 });
    expect(await codeOf('deviceNotActive')).toBe(103);
    expect(await codeOf('deviceNotActive')).toBe(66);
    expect(await sandbox.admin.faults()).toEqual([]);
  });

  it('affects exactly one of many concurrent requests', async () => {
    await sandbox.admin.injectFault({ kind: 'code', code: 6, count: 3 });
    const codes = await Promise.all(Array.from({ length: 40 }, () => codeOf('otpNotSent')));
    expect(codes.filter((c) => c === 6)).toHaveLength(3);
    expect(codes.filter((c) => c === 99)).toHaveLength(37);
  });

  it('scoped to one holder, leaves every other holder alone, however many requests come first', async () => {
    const target = holder(sandbox, 'smsActive');
    await sandbox.admin.injectFault({ kind: 'code', code: 103, certIdOtp: target.certIdOtp });
    expect(await codeOf('emailActive')).toBeNull();
    expect(await codeOf('invalidMobile')).toBe(100);
    expect(await codeOf('smsActive')).toBe(103);
    expect(await codeOf('smsActive')).toBeNull();
    // 103 stood in for the service: nothing went to that holder on the faulted request.
    expect(sandbox.outbox().map((e) => e.state)).toEqual(['emailActive', 'smsActive']);
  });

  it('scoped to one operation, leaves the other alone', async () => {
    await sandbox.admin.injectFault({ kind: 'code', code: 103, operation: 'sendOtpDisposable' });
    expect(await codeOf('otpBlocked', SEND_OTP)).toBe(231);
    expect(await codeOf('otpBlocked', SEND_OTP_DISPOSABLE)).toBe(103);
    expect(await codeOf('otpBlocked', SEND_OTP_DISPOSABLE)).toBe(231);
  });

  it('is never taken by an admin request or an unknown path', async () => {
    await sandbox.admin.injectFault({ kind: 'drop' });
    expect((await request(`${sandbox.url}/nowhere`, { body: {} })).status).toBe(404);
    expect((await request(`${sandbox.url}/__admin/faults`, { method: 'GET', credentials: null, headers: { authorization: `Bearer ${sandbox.adminToken}` } })).status).toBe(200);
    expect((await sandbox.admin.faults())[0]?.remaining).toBe(1);
  });
});

describe('a fault for a time', () => {
  it('affects every matching request until it ends, then none', async () => {
    await sandbox.admin.injectFault({ kind: 'code', code: 103, forMs: 300 });
    expect(await Promise.all([codeOf('deviceDisabled'), codeOf('deviceDisabled'), codeOf('smsActive')])).toEqual([103, 103, 103]);
    await new Promise((r) => setTimeout(r, 350));
    expect(await codeOf('deviceDisabled')).toBe(71);
    expect(await sandbox.admin.faults()).toEqual([]);
  });
});

describe('each kind', () => {
  it('code: an on-spec 500 with that catalog code, worded from the catalog; nothing sent', async () => {
    await sandbox.admin.injectFault({ kind: 'code', code: 103 });
    const answer = await post('smsActive');
    expect(expectConforming(SEND_OTP, answer)).toBe(103);
    expect(JSON.parse(answer.body.toString()).message).toBe('The OTP was not sent: OTP service exceeded its timeout.');
    expect(sandbox.outbox()).toEqual([]);
  });

  it('code with handled: true: the OTP went out, and the answer still says 103', async () => {
    await sandbox.admin.injectFault({ kind: 'code', code: 103, handled: true });
    expect(await codeOf('smsActive')).toBe(103);
    expect(sandbox.outbox().map((e) => e.state)).toEqual(['smsActive']);
  });

  it('status: that status with the given body; nothing sent', async () => {
    await sandbox.admin.injectFault({ kind: 'status', status: 503, body: '{"busy":true}' });
    const answer = await post('smsActive');
    expect([answer.status, answer.body.toString()]).toEqual([503, '{"busy":true}']);
    expect(sandbox.outbox()).toEqual([]);
  });

  it('body200: the send happens and its 200 carries the body; a request that is no send is not touched', async () => {
    await sandbox.admin.injectFault({ kind: 'body200', body: '{"ok":true}' });
    expect(await codeOf('otpBlocked')).toBe(231); // no send: the fault waits for one
    const answer = await post('whatsappActive');
    expect([answer.status, answer.body.toString()]).toEqual([200, '{"ok":true}']);
    expect((await post('whatsappActive')).body.length).toBe(0);
    expect(sandbox.outbox()).toHaveLength(2);
  });

  it('delay: the documented answer, that much later', async () => {
    await sandbox.admin.injectFault({ kind: 'delay', ms: 300 });
    const started = performance.now();
    expect(await codeOf('invalidEmail')).toBe(102);
    expect(performance.now() - started).toBeGreaterThanOrEqual(290);
    const quick = performance.now();
    expect(await codeOf('invalidEmail')).toBe(102);
    expect(performance.now() - quick).toBeLessThan(250);
  });

  it('silence: no answer until the client gives up; nothing sent unless handled', async () => {
    await sandbox.admin.injectFault({ kind: 'silence' });
    await expect(post('smsActive', SEND_OTP, 300)).rejects.toThrow('client timeout');
    expect(sandbox.outbox()).toEqual([]);
    await sandbox.admin.injectFault({ kind: 'silence', handled: true });
    await expect(post('smsActive', SEND_OTP, 300)).rejects.toThrow('client timeout');
    expect(sandbox.outbox()).toHaveLength(1);
    expect(await codeOf('smsActive')).toBeNull();
  });

  it('drop: the connection is reset without an answer; nothing sent unless handled', async () => {
    await sandbox.admin.injectFault({ kind: 'drop' });
    await expect(post('emailActive')).rejects.toThrow(/socket hang up|ECONNRESET/);
    expect(sandbox.outbox()).toEqual([]);
    await sandbox.admin.injectFault({ kind: 'drop', handled: true });
    await expect(post('emailActive')).rejects.toThrow(/socket hang up|ECONNRESET/);
    expect(sandbox.outbox().map((e) => e.channel)).toEqual(['EMAIL']);
  });

  it('the oldest matching fault wins, one fault per request', async () => {
    const faults: FaultSpec[] = [{ kind: 'code', code: 99 }, { kind: 'code', code: 103 }];
    for (const fault of faults) await sandbox.admin.injectFault(fault);
    expect([await codeOf('deviceNotActive'), await codeOf('deviceNotActive'), await codeOf('deviceNotActive')]).toEqual([99, 103, 66]);
  });

  it('close() ends silenced and delayed requests at once', async () => {
    const other = await startSandbox();
    await other.admin.injectFault({ kind: 'silence', count: 2 });
    const pending = [1, 2].map(() =>
      request(`${other.url}${SEND_OTP.path}`, { body: holder(other, 'smsActive'), credentialsDefault: other.credentials, timeoutMs: 10_000 }).then(() => 'answered', () => 'cut'),
    );
    await new Promise((r) => setTimeout(r, 100));
    const started = Date.now();
    await other.close();
    expect(await Promise.all(pending)).toEqual(['cut', 'cut']);
    expect(Date.now() - started).toBeLessThan(1_000);
  });
});

describe('reset()', () => {
  it('puts the holders back and clears the faults too', async () => {
    await sandbox.admin.injectFault({ kind: 'code', code: 103, count: 5 });
    sandbox.reset();
    expect(await sandbox.admin.faults()).toEqual([]);
    expect(await codeOf('deviceNotActive')).toBe(66);
  });
});

describe('with no fault in force', () => {
  it('every fixture state is answered as documented on both operations', async () => {
    await sandbox.admin.injectFault({ kind: 'code', code: 103, count: 1 });
    await sandbox.admin.clearFaults();
    for (const state of Object.keys(sandbox.fixtures().holders)) {
      const [a, b] = [await call(sandbox, SEND_OTP, { body: holder(sandbox, state) }), await call(sandbox, SEND_OTP_DISPOSABLE, { body: holder(sandbox, state) })];
      expect(a.code).toBe(b.code);
      if (state !== 'otpServiceTimeout') expect(a.code, state).not.toBe(103);
    }
  });
});
