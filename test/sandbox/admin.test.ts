// The sandbox's admin operations, each through HTTP (the admin client over the admin API) and through the
// programmatic API (the in-process handle): the same table runs against both. Then what the HTTP API alone
// owns: its own bearer token (never the API's Basic credentials), its absence without --admin, and a clear 4xx
// for every bad input with nothing changed.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PREFIX, connectSandboxAdmin, MAX_WAITERS, SandboxRequestError, startReferenceProvider, startSandbox, type AdminClient, type ReferenceProvider, type Sandbox, type SandboxAdmin } from '../../src/sandbox/index.ts';
import { basic, call, expectConforming, holder, request, SEND_OTP, SEND_OTP_DISPOSABLE, type Answer } from '../provider/helpers.ts';

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
  sandbox.reset();
  await sandbox.admin.clearFaults();
});

const WAYS: ReadonlyArray<readonly [string, () => SandboxAdmin]> = [
  ['through HTTP', () => client],
  ['through the programmatic API', () => sandbox.admin],
];

function admin(path: string, options: { method?: string; token?: string | null; body?: unknown; raw?: string; contentType?: string | null; headers?: Record<string, string> } = {}): Promise<Answer> {
  const token = options.token === undefined ? sandbox.adminToken : options.token;
  return request(`${sandbox.url}${ADMIN_PREFIX}${path}`, {
    method: options.method ?? 'GET',
    credentials: null,
    ...(options.body === undefined ? {} : { body: options.body }),
    ...(options.raw === undefined ? {} : { raw: options.raw }),
    ...(options.contentType === undefined ? {} : { contentType: options.contentType }),
    headers: { ...(token === null ? {} : { authorization: `Bearer ${token}` }), ...options.headers },
  });
}

const json = (answer: Answer): unknown => JSON.parse(answer.body.toString('utf8'));

describe.each(WAYS)('admin operations %s', (_way, get) => {
  it('reads the outbox (operation, channel, holder, time), filters it, and clears it', async () => {
    const a = get();
    const sms = holder(sandbox, 'smsActive');
    const email = holder(sandbox, 'emailActive');
    const before = Date.now();
    await call(sandbox, SEND_OTP, { body: sms });
    await call(sandbox, SEND_OTP_DISPOSABLE, { body: email });
    await call(sandbox, SEND_OTP, { body: holder(sandbox, 'otpBlocked') });

    const all = await a.outbox();
    expect(all.entries.map((e) => [e.operation, e.channel, e.certIdOtp, e.state])).toEqual([
      ['sendOtp', 'SMS', sms.certIdOtp, 'smsActive'],
      ['sendOtpDisposable', 'EMAIL', email.certIdOtp, 'emailActive'],
    ]);
    expect(all.entries[0]?.at).toBeInstanceOf(Date);
    expect(all.entries[0]!.at.getTime()).toBeGreaterThanOrEqual(before - 5);
    expect(all).toMatchObject({ dropped: 0, limit: 1000, lastSeq: all.entries[1]?.seq });

    expect((await a.outbox({ certIdOtp: email.certIdOtp })).entries.map((e) => e.channel)).toEqual(['EMAIL']);
    expect((await a.outbox({ operation: 'sendOtp' })).entries.map((e) => e.certIdOtp)).toEqual([sms.certIdOtp]);
    expect((await a.outbox({ channel: 'WHATSAPP' })).entries).toEqual([]);

    expect(await a.clearOutbox()).toEqual({ cleared: 2 });
    expect((await a.outbox()).entries).toEqual([]);
    expect(sandbox.outbox()).toEqual([]);
  });

  it('waits for the next outbox entry, returns one already there at once, and gives null on timeout', async () => {
    const a = get();
    const sms = holder(sandbox, 'smsActive');
    const waiting = a.nextOutboxEntry({ certIdOtp: sms.certIdOtp, timeoutMs: 5_000 });
    await new Promise((r) => setTimeout(r, 50));
    await call(sandbox, SEND_OTP, { body: holder(sandbox, 'whatsappActive') }); // another holder: not this wait's
    await call(sandbox, SEND_OTP_DISPOSABLE, { body: sms });
    const entry = await waiting;
    expect(entry).toMatchObject({ operation: 'sendOtpDisposable', channel: 'SMS', certIdOtp: sms.certIdOtp });

    // `after: 0` looks back: the first entry ever is there already.
    expect((await a.nextOutboxEntry({ after: 0, timeoutMs: 1 }))?.channel).toBe('WHATSAPP');
    const started = Date.now();
    expect(await a.nextOutboxEntry({ timeoutMs: 200 })).toBeNull();
    expect(Date.now() - started).toBeGreaterThanOrEqual(190);
  });

  it('adds, changes and removes holders in any fixture state, and the API answers by their state at once', async () => {
    const a = get();
    const added = await a.addHolder({ state: 'deviceNotActive', certIdOtp: 'team-cert-1', deviceCode: 'team-device-1' });
    expect(added).toEqual({
      certIdOtp: 'team-cert-1', deviceCode: 'team-device-1', state: 'deviceNotActive', mobile: expect.stringMatching(/^\+39\d{10}$/), email: expect.stringMatching(/@sandbox\.example$/),
    });
    expect((await call(sandbox, SEND_OTP, { body: { certIdOtp: 'team-cert-1', deviceCode: 'team-device-1' } })).code).toBe(66);

    const generated = await a.addHolder({ state: 'smsActive' });
    expect(generated.certIdOtp).toMatch(/^ref-cert-/);
    expect((await a.holders()).map((h) => h.certIdOtp)).toEqual(expect.arrayContaining(['team-cert-1', generated.certIdOtp]));

    expect(await a.changeHolder('team-cert-1', { state: 'otpBlocked' })).toMatchObject({ state: 'otpBlocked', deviceCode: 'team-device-1' });
    expect((await call(sandbox, SEND_OTP, { body: { certIdOtp: 'team-cert-1', deviceCode: 'team-device-1' } })).code).toBe(231);
    await a.changeHolder('team-cert-1', { deviceCode: 'team-device-2' });
    expect((await call(sandbox, SEND_OTP, { body: { certIdOtp: 'team-cert-1', deviceCode: 'team-device-1' } })).code).toBe(85);

    expect(await a.removeHolder('team-cert-1')).toMatchObject({ certIdOtp: 'team-cert-1' });
    expect((await call(sandbox, SEND_OTP, { body: { certIdOtp: 'team-cert-1', deviceCode: 'team-device-2' } })).code).toBe(62);
    expect((await a.holders()).some((h) => h.certIdOtp === 'team-cert-1')).toBe(false);
    expect((await a.fixtures()).holders['smsActive']).toEqual({ certIdOtp: generated.certIdOtp, deviceCode: generated.deviceCode });
  });

  it('injects, lists, removes and clears faults', async () => {
    const a = get();
    const fault = await a.injectFault({ kind: 'code', code: 103, count: 2, operation: 'sendOtp' });
    expect(fault).toMatchObject({ kind: 'code', code: 103, count: 2, operation: 'sendOtp', remaining: 2, applied: 0, expiresAt: null });
    const timed = await a.injectFault({ kind: 'delay', ms: 10, forMs: 60_000 });
    expect(timed.expiresAt).not.toBeNull();
    expect(timed.remaining).toBeNull();

    expect((await call(sandbox, SEND_OTP, { body: holder(sandbox, 'deviceDisabled') })).code).toBe(103);
    expect((await a.faults()).find((f) => f.id === fault.id)).toMatchObject({ remaining: 1, applied: 1 });

    await a.removeFault(fault.id);
    expect((await a.faults()).map((f) => f.id)).toEqual([timed.id]);
    expect((await call(sandbox, SEND_OTP, { body: holder(sandbox, 'deviceDisabled') })).code).toBe(71);
    await a.injectFault({ kind: 'drop' });
    expect(await a.clearFaults()).toEqual({ cleared: 2 });
    expect(await a.faults()).toEqual([]);
  });

  // Every refusal: the status, one sentence, and nothing changed (holders, faults and outbox as before).
  it.each([
    ['an unknown state, with a hint', (x: SandboxAdmin) => x.addHolder({ state: 'smsActiv' }), 400, /state "smsActiv" is not a fixture state \(did you mean smsActive\?\)/],
    ['a holder without a state', (x: SandboxAdmin) => x.addHolder({} as never), 400, /state is required/],
    ['an unknown holder field', (x: SandboxAdmin) => x.addHolder({ state: 'smsActive', phone: '+391234' } as never), 400, /unknown field "phone"/],
    ['an id with spaces', (x: SandboxAdmin) => x.addHolder({ state: 'smsActive', certIdOtp: 'a b' }), 400, /printable ASCII/],
    ['a taken certIdOtp', async (x: SandboxAdmin) => x.addHolder({ state: 'smsActive', certIdOtp: (await x.holders())[0]!.certIdOtp }), 409, /exists already/],
    ['a change of an unknown holder', (x: SandboxAdmin) => x.changeHolder('nobody', { state: 'smsActive' }), 404, /No holder/],
    ['an empty change', async (x: SandboxAdmin) => x.changeHolder((await x.holders())[0]!.certIdOtp, {}), 400, /state, deviceCode or both/],
    ['removing an unknown holder', (x: SandboxAdmin) => x.removeHolder('nobody'), 404, /No holder/],
    ['an unknown fault kind', (x: SandboxAdmin) => x.injectFault({ kind: 'explode' } as never), 400, /kind must be one of code, status/],
    ['a code outside the catalog', (x: SandboxAdmin) => x.injectFault({ kind: 'code', code: 404 as never }), 400, /code 404 is not in the catalog/],
    ['a count of 0', (x: SandboxAdmin) => x.injectFault({ kind: 'drop', count: 0 }), 400, /count must be an integer from 1/],
    ['a delay without ms', (x: SandboxAdmin) => x.injectFault({ kind: 'delay' } as never), 400, /needs ms/],
    ['a field of another kind', (x: SandboxAdmin) => x.injectFault({ kind: 'drop', ms: 5 } as never), 400, /unknown field "ms"/],
    ['an unknown operation, with a hint', (x: SandboxAdmin) => x.injectFault({ kind: 'drop', operation: 'sendOTP' as never }), 400, /did you mean sendOtp\?/],
    ['a status out of range', (x: SandboxAdmin) => x.injectFault({ kind: 'status', status: 99 }), 400, /status must be an integer from 200 to 599/],
    ['removing an unknown fault', (x: SandboxAdmin) => x.removeFault('fault-0'), 404, /No fault/],
    ['a wait of more than a minute', (x: SandboxAdmin) => x.nextOutboxEntry({ timeoutMs: 60_001 }), 400, /timeoutMs must be an integer from 1 to 60000/],
    ['an outbox filter on an unknown channel', (x: SandboxAdmin) => x.outbox({ channel: 'FAX' as never }), 400, /channel must be one of SMS, EMAIL, WHATSAPP/],
  ])('refuses %s with a clear 4xx and changes nothing', async (_name, act, status, message) => {
    const a = get();
    await call(sandbox, SEND_OTP, { body: holder(sandbox, 'smsActive') });
    const before = { holders: await a.holders(), faults: await a.faults(), outbox: (await a.outbox()).entries };
    const refused = await act(a).then(() => null, (error: unknown) => error);
    expect(refused).toBeInstanceOf(SandboxRequestError);
    expect((refused as SandboxRequestError).status).toBe(status);
    expect((refused as SandboxRequestError).message).toMatch(message);
    expect((refused as SandboxRequestError).message.trim().split(/\.\s/)).toHaveLength(1);
    expect({ holders: await a.holders(), faults: await a.faults(), outbox: (await a.outbox()).entries }).toEqual(before);
  });
});

describe('outbox waits', () => {
  it(`refuses a wait beyond ${MAX_WAITERS} at once with 429, and takes one again when they end`, async () => {
    const waits = Array.from({ length: MAX_WAITERS }, () => sandbox.admin.nextOutboxEntry({ timeoutMs: 300 }));
    const refused = await client.nextOutboxEntry({ timeoutMs: 10 }).then(() => null, (error: unknown) => error);
    expect((refused as SandboxRequestError).status).toBe(429);
    expect(await Promise.all(waits)).toEqual(waits.map(() => null));
    expect(await client.nextOutboxEntry({ timeoutMs: 10 })).toBeNull();
  });
});

describe('the HTTP admin API', () => {
  it('is refused without its token, with a wrong one, and with the API Basic credentials (401, nothing said)', async () => {
    const tries: Record<string, string>[] = [{}, { authorization: 'Bearer wrong-token-wrong-token' }, { authorization: basic(sandbox.credentials) }];
    for (const headers of tries) {
      const answer = await admin('/holders', { token: null, headers });
      expect(answer.status).toBe(401);
      expect(answer.headers['www-authenticate']).toBe('Bearer realm="lean-sandbox-admin"');
      expect(answer.body.toString()).not.toContain('ref-cert');
    }
    // Unknown admin paths are 401 too before the token: nothing tells which paths exist.
    expect((await admin('/nowhere', { token: null })).status).toBe(401);
    expect((await admin('/holders')).status).toBe(200);
  });

  it('never takes its token as API credentials', async () => {
    const answer = await request(`${sandbox.url}${SEND_OTP.path}`, {
      body: holder(sandbox, 'smsActive'),
      credentials: null,
      headers: { authorization: `Bearer ${sandbox.adminToken}` },
    });
    expect(expectConforming(SEND_OTP, answer)).toBe(11002);
    const asBasic = await request(`${sandbox.url}${SEND_OTP.path}`, {
      body: holder(sandbox, 'smsActive'),
      credentials: { username: 'admin', password: sandbox.adminToken ?? '' },
    });
    expect(expectConforming(SEND_OTP, asBasic)).toBe(11002);
    expect(sandbox.outbox()).toEqual([]);
  });

  interface RawCall {
    method: string;
    path: string;
    raw?: string;
    contentType?: string;
  }
  it.each<[string, RawCall, number, RegExp]>([
    ['a body that is not JSON', { method: 'POST', path: '/holders', raw: '{state:' }, 400, /not valid JSON/],
    ['a body sent as text/plain', { method: 'POST', path: '/faults', raw: '{"kind":"drop"}', contentType: 'text/plain' }, 415, /application\/json/],
    ['a body over 512 KiB', { method: 'POST', path: '/holders', raw: JSON.stringify({ state: 'x'.repeat(530_000) }) }, 413, /larger than 524288 bytes/],
    ['a JSON array', { method: 'POST', path: '/faults', raw: '[]' }, 400, /must be a JSON object/],
    ['an unknown route', { method: 'GET', path: '/mailbox' }, 404, /No admin route/],
    ['a wrong method', { method: 'PUT', path: '/outbox' }, 405, /use GET or DELETE/],
    ['an unknown query parameter', { method: 'GET', path: '/outbox?holder=x' }, 400, /"holder" is not one this route reads/],
    ['a repeated query parameter', { method: 'GET', path: '/outbox?channel=SMS&channel=EMAIL' }, 400, /given more than once/],
    ['a wait that is not a number', { method: 'GET', path: '/outbox/next?timeoutMs=soon' }, 400, /timeoutMs must be an integer/],
    ['bad percent-encoding in a holder path', { method: 'DELETE', path: '/holders/%E0%A4%A' }, 400, /percent-encoding/],
  ])('answers %s with a clear 4xx and changes nothing', async (_name, r, status, message) => {
    const before = { holders: await sandbox.admin.holders(), faults: await sandbox.admin.faults() };
    const answer = await admin(r.path, { method: r.method, ...(r.raw ? { raw: r.raw } : {}), ...(r.contentType ? { contentType: r.contentType } : {}) });
    expect(answer.status).toBe(status);
    expect(answer.headers['content-type']).toBe('application/json');
    expect((json(answer) as { error: string }).error).toMatch(message);
    expect({ holders: await sandbox.admin.holders(), faults: await sandbox.admin.faults() }).toEqual(before);
  });

  it('answers 204 to a wait that saw nothing, and 201 to what it created', async () => {
    expect((await admin('/outbox/next?timeoutMs=20')).status).toBe(204);
    const created = await admin('/holders', { method: 'POST', body: { state: 'invalidEmail' } });
    expect(created.status).toBe(201);
    expect(json(created)).toMatchObject({ state: 'invalidEmail' });
    const fault = await admin('/faults', { method: 'POST', body: { kind: 'silence', forMs: 1000 } });
    expect(fault.status).toBe(201);
    expect((await admin(`/faults/${(json(fault) as { id: string }).id}`, { method: 'DELETE' })).status).toBe(204);
  });
});

describe('without the admin API', () => {
  let plain: ReferenceProvider;
  beforeAll(async () => {
    plain = await startReferenceProvider();
  });
  afterAll(() => plain?.close());

  it('its paths are unknown paths: 404 with an empty body, as /nowhere is, whatever the credentials', async () => {
    const nowhere = await request(`${plain.url}/nowhere`, { method: 'GET', credentials: null });
    for (const path of [ADMIN_PREFIX, `${ADMIN_PREFIX}/outbox`, `${ADMIN_PREFIX}/holders`, `${ADMIN_PREFIX}/faults`]) {
      for (const authorization of [undefined, `Bearer ${sandbox.adminToken}`]) {
        const answer = await request(`${plain.url}${path}`, { method: 'GET', credentials: null, headers: authorization ? { authorization } : {} });
        expect([answer.status, answer.body.length, answer.headers['content-type']]).toEqual([nowhere.status, 0, undefined]);
      }
    }
    expect(nowhere.status).toBe(404);
  });

  it('startSandbox({ adminApi: false }) has no admin URL and no token, and keeps the in-process handle', async () => {
    const quiet = await startSandbox({ adminApi: false });
    try {
      expect([quiet.adminUrl, quiet.adminToken]).toEqual([null, null]);
      expect((await request(`${quiet.url}${ADMIN_PREFIX}/holders`, { method: 'GET', credentials: null })).status).toBe(404);
      expect((await quiet.admin.holders()).length).toBeGreaterThan(0);
    } finally {
      await quiet.close();
    }
  });
});
