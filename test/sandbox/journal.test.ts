// The request journal and the rest of what a consumer team asserts on besides the outbox: every request with its
// headers (Authorization masked), body and answer, filtered, counted and waited for; the message each send
// carried (destination, text, OTP); one reset over HTTP. Each through HTTP and through the programmatic API.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createJournal, MAX_JOURNAL_BODY_BYTES } from '../../src/sandbox/journal.ts';
import { ADMIN_PREFIX, connectSandboxAdmin, startSandbox, type AdminClient, type Sandbox, type SandboxAdmin } from '../../src/sandbox/index.ts';
import { basic, call, holder, request, SEND_OTP, SEND_OTP_DISPOSABLE } from '../provider/helpers.ts';

let sandbox: Sandbox;
let client: AdminClient;
beforeAll(async () => {
  sandbox = await startSandbox();
  client = connectSandboxAdmin({ url: sandbox.adminUrl ?? '', token: sandbox.adminToken ?? '' });
});
afterAll(async () => {
  await client?.close();
  await sandbox?.close();
});
afterEach(async () => {
  await sandbox.admin.reset();
});

const WAYS: ReadonlyArray<readonly [string, () => SandboxAdmin]> = [
  ['through HTTP', () => client],
  ['through the programmatic API', () => sandbox.admin],
];

describe.each(WAYS)('the request journal %s', (_way, get) => {
  it('records each request: method, path, operation, headers with Authorization masked, body as sent, answer, fault', async () => {
    const a = get();
    const sms = holder(sandbox, 'smsActive');
    const fault = await a.injectFault({ kind: 'code', code: 103, operation: 'sendOtpDisposable' });
    await call(sandbox, SEND_OTP, { body: sms, onBehalfOf: sandbox.onBehalfOf });
    await call(sandbox, SEND_OTP_DISPOSABLE, { body: sms });
    await request(`${sandbox.url}/nowhere`, { method: 'GET', credentials: null });

    const { entries, lastSeq, limit, dropped } = await a.requests();
    expect([limit, dropped, lastSeq]).toEqual([1000, 0, entries[2]?.seq]);
    expect(entries.map((e) => [e.method, e.path, e.operation, e.answer.status, e.answer.code, e.fault])).toEqual([
      ['POST', SEND_OTP.path, 'sendOtp', 200, null, null],
      ['POST', SEND_OTP_DISPOSABLE.path, 'sendOtpDisposable', 500, 103, fault.id],
      ['GET', '/nowhere', null, 404, null, null],
    ]);
    const first = entries[0]!;
    expect(first.headers['authorization']).toBe('Basic ***');
    expect(JSON.stringify(entries)).not.toContain(basic(sandbox.credentials).slice('Basic '.length));
    expect(first.headers['on-behalf-of']).toBe(sandbox.onBehalfOf);
    expect(JSON.parse(first.body)).toEqual(sms);
    expect(first.at).toBeInstanceOf(Date);
  });

  it('filters by operation, status, holder and after; counts; clears', async () => {
    const a = get();
    const sms = holder(sandbox, 'smsActive');
    const blocked = holder(sandbox, 'otpBlocked');
    await call(sandbox, SEND_OTP, { body: sms });
    await call(sandbox, SEND_OTP, { body: blocked });
    await call(sandbox, SEND_OTP_DISPOSABLE, { body: blocked });

    expect((await a.requests({ certIdOtp: blocked.certIdOtp })).entries.map((e) => e.operation)).toEqual(['sendOtp', 'sendOtpDisposable']);
    expect((await a.requests({ status: 200 })).entries.map((e) => JSON.parse(e.body).certIdOtp)).toEqual([sms.certIdOtp]);
    expect(await a.countRequests({ operation: 'sendOtp', status: 500 })).toEqual({ count: 1 });
    const { entries } = await a.requests();
    expect((await a.requests({ after: entries[1]!.seq })).entries.map((e) => e.seq)).toEqual([entries[2]!.seq]);
    expect(await a.countRequests()).toEqual({ count: 3 });
    expect(await a.clearRequests()).toEqual({ cleared: 3 });
    expect(await a.countRequests()).toEqual({ count: 0 });
  });

  it('waits for the next request, and gives null on timeout', async () => {
    const a = get();
    const waiting = a.nextRequest({ operation: 'sendOtpDisposable', timeoutMs: 5_000 });
    await new Promise((r) => setTimeout(r, 50));
    await call(sandbox, SEND_OTP, { body: holder(sandbox, 'smsActive') });
    await call(sandbox, SEND_OTP_DISPOSABLE, { body: holder(sandbox, 'emailActive') });
    expect(await waiting).toMatchObject({ operation: 'sendOtpDisposable', answer: { status: 200, code: null } });
    expect(await a.nextRequest({ timeoutMs: 20 })).toBeNull();
  });

  it('carries the message of each send: the destination by channel, the text and the OTP in it', async () => {
    const a = get();
    const added = await a.addHolder({ state: 'smsActive', mobile: '+393001234567', email: 'someone@team.example' });
    const email = await a.addHolder({ state: 'emailActive', mobile: '+393007654321', email: 'other@team.example' });
    await call(sandbox, SEND_OTP, { body: { certIdOtp: added.certIdOtp, deviceCode: added.deviceCode } });
    await call(sandbox, SEND_OTP, { body: { certIdOtp: email.certIdOtp, deviceCode: email.deviceCode } });
    const { entries } = await a.outbox();
    expect(entries.map((e) => [e.channel, e.destination])).toEqual([['SMS', '+393001234567'], ['EMAIL', 'other@team.example']]);
    for (const entry of entries) {
      expect(entry.otp).toMatch(/^\d{6}$/);
      expect(entry.text).toContain(entry.otp);
    }
    expect(entries[0]?.otp === entries[1]?.otp && entries[0]?.otp === '000000').toBe(false);
    expect(added).toMatchObject({ mobile: '+393001234567', email: 'someone@team.example' });
  });

  it('resets holders, faults, outbox and journal to their state at start', async () => {
    const a = get();
    const start = await a.holders();
    await a.addHolder({ state: 'smsActive', certIdOtp: 'added-for-reset' });
    await a.removeHolder(start[0]!.certIdOtp);
    await a.injectFault({ kind: 'drop', forMs: 60_000 });
    await a.injectFault({ kind: 'delay', ms: 1, forMs: 60_000 });
    await request(`${sandbox.url}/nowhere`, { method: 'GET', credentials: null });
    await call(sandbox, SEND_OTP, { body: holder(sandbox, 'smsActive') }).catch(() => undefined);
    await a.clearFaults();
    await call(sandbox, SEND_OTP, { body: holder(sandbox, 'smsActive') });

    expect(await a.reset()).toEqual({ holders: start.length, cleared: { outbox: 1, requests: 3, faults: 0 } });
    expect(await a.holders()).toEqual(start);
    expect(await a.faults()).toEqual([]);
    expect((await a.outbox()).entries).toEqual([]);
    expect(await a.countRequests()).toEqual({ count: 0 });
  });
});

describe('the request journal over HTTP', () => {
  const adminGet = (path: string) =>
    request(`${sandbox.url}${ADMIN_PREFIX}${path}`, { method: 'GET', credentials: null, headers: { authorization: `Bearer ${sandbox.adminToken}` } });

  it('dates an entry when the request arrived, and records it when it was answered (after a delay fault)', async () => {
    const fault = await sandbox.admin.injectFault({ kind: 'delay', ms: 300 });
    const sent = Date.now();
    await call(sandbox, SEND_OTP, { body: holder(sandbox, 'smsActive') });
    const answered = Date.now();
    const [entry] = (await sandbox.admin.requests()).entries;
    expect(entry?.fault).toBe(fault.id);
    expect(entry!.at.getTime()).toBeLessThan(sent + 100);
    expect(answered - entry!.at.getTime()).toBeGreaterThanOrEqual(290);
  });

  it('does not journal the admin API itself', async () => {
    await adminGet('/outbox');
    await adminGet('/requests');
    expect(await sandbox.admin.countRequests()).toEqual({ count: 0 });
  });

  it.each([
    ['/requests?operaton=sendOtp', /"operaton" is not one this route reads \(did you mean operation\?\)/],
    ['/outbox?chanel=SMS', /"chanel" is not one this route reads \(did you mean channel\?\)/],
    ['/requests/count?status=abc', /status must be an integer from 100 to 599/],
    ['/requests/next?timeoutMs=0', /timeoutMs must be an integer from 1 to 60000/],
    ['/holders?x=1', /"x" is not one this route reads \(it reads none\)/],
  ])('refuses %s in one sentence', async (path, sentence) => {
    const answer = await adminGet(path);
    expect(answer.status).toBe(400);
    expect((JSON.parse(answer.body.toString()) as { error: string }).error).toMatch(sentence);
  });
});

describe('the journal bound', () => {
  const input = (body: string) => ({
    at: new Date(), method: 'POST', path: '/x', operation: null, headers: { authorization: 'Bearer abcdefgh12345678' }, body: Buffer.from(body), answer: { status: 404, code: null }, fault: null,
  });

  it('keeps the newest entries and counts the dropped ones, by count and by the size of the bodies', () => {
    const journal = createJournal(3, 10);
    for (const body of ['a', 'b', 'c', 'd']) journal.record(input(body));
    expect(journal.snapshot()).toMatchObject({ dropped: 1, lastSeq: 4, limit: 3 });
    expect(journal.entries().map((e) => e.body)).toEqual(['b', 'c', 'd']);
    journal.record(input('1234567890'));
    expect(journal.entries().map((e) => e.body)).toEqual(['1234567890']);
    expect(journal.entries()[0]?.headers['authorization']).toBe('Bearer ***');
  });

  it(`cuts a body at ${MAX_JOURNAL_BODY_BYTES} bytes`, () => {
    const journal = createJournal(1);
    expect(journal.record(input('x'.repeat(MAX_JOURNAL_BODY_BYTES + 10))).body.length).toBe(MAX_JOURNAL_BODY_BYTES);
  });

  it('is off when asked: nothing is recorded', async () => {
    const off = await startSandbox({ journal: false });
    try {
      await call(off, SEND_OTP, { body: holder(off, 'smsActive') });
      expect(await off.admin.countRequests()).toEqual({ count: 0 });
      expect(off.outbox()).toHaveLength(1);
    } finally {
      await off.close();
    }
  });
});
