// The documented outcomes, on both operations: fixture states, the fixture-free scenarios, authentication,
// routing, and the store (fixtures, outbox, reset).
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FIXTURE_STATE_NAMES, OPERATIONS, type Operation } from '../../src/catalog/index.ts';
import { LIMITED_USERNAME } from '../../src/provider/index.ts';
import { startReferenceProvider, type ReferenceProvider } from '../../src/sandbox/index.ts';
import { call, holder, request, SEND_OTP, SEND_OTP_DISPOSABLE } from './helpers.ts';

/** interface.md's table, written out here so the provider is checked against the document, not against itself. */
const DOCUMENTED: Record<string, { status: 200; channel: string } | { status: 500; code: number }> = {
  smsActive: { status: 200, channel: 'SMS' },
  emailActive: { status: 200, channel: 'EMAIL' },
  whatsappActive: { status: 200, channel: 'WHATSAPP' },
  deviceNotActive: { status: 500, code: 66 },
  deviceDisabled: { status: 500, code: 71 },
  notSmsDevice: { status: 500, code: 138 },
  otpBlocked: { status: 500, code: 231 },
  lraNotAuthorizedForOtpType: { status: 500, code: 241 },
  noEmailTemplate: { status: 500, code: 240 },
  invalidMobile: { status: 500, code: 100 },
  watchlistedMobile: { status: 500, code: 101 },
  invalidEmail: { status: 500, code: 102 },
  otpServiceTimeout: { status: 500, code: 103 },
  otpNotSent: { status: 500, code: 99 },
};

const byOperation = OPERATIONS.map((op) => [op.id, op] as const);
const stateCases = OPERATIONS.flatMap((op) => Object.entries(DOCUMENTED).map(([state, outcome]) => [op.id, state, op, outcome] as const));

let provider: ReferenceProvider;
beforeAll(async () => {
  provider = await startReferenceProvider();
});
afterAll(() => provider.close());
beforeEach(() => provider.reset());

describe('fixture states', () => {
  it('seeds exactly one holder per fixture state of the spec, the documented ones', () => {
    expect(Object.keys(provider.fixtures().holders).sort()).toEqual([...FIXTURE_STATE_NAMES].sort());
    expect([...FIXTURE_STATE_NAMES].sort()).toEqual(Object.keys(DOCUMENTED).sort());
  });

  it.each(stateCases)('%s, holder in state %s: documented outcome', async (_id, state, op, outcome) => {
    const { status, code } = await call(provider, op, { body: holder(provider, state) });
    expect(status).toBe(outcome.status);
    if (outcome.status === 500) {
      expect(code).toBe(outcome.code);
      expect(provider.outbox()).toEqual([]);
    } else {
      const outbox = provider.outbox();
      expect(outbox).toHaveLength(1);
      expect(outbox[0]).toMatchObject({
        operation: op.id,
        channel: outcome.channel,
        certIdOtp: holder(provider, state).certIdOtp,
        state,
      });
      expect(outbox[0]?.at).toBeInstanceOf(Date);
    }
  });

  it('holder ids are unique and do not give the state away', () => {
    const holders = Object.entries(provider.fixtures().holders);
    const ids = holders.flatMap(([, h]) => [h?.certIdOtp, h?.deviceCode]);
    expect(new Set(ids).size).toBe(ids.length);
    for (const [state, h] of holders) {
      expect(`${h?.certIdOtp} ${h?.deviceCode}`.toLowerCase()).not.toContain(state.toLowerCase());
    }
  });

  it('reset() re-seeds with new ids and empties the outbox', async () => {
    const before = holder(provider, 'smsActive');
    await call(provider, SEND_OTP, { body: before });
    expect(provider.outbox()).toHaveLength(1);
    provider.reset();
    expect(provider.outbox()).toEqual([]);
    expect(holder(provider, 'smsActive').certIdOtp).not.toBe(before.certIdOtp);
    expect((await call(provider, SEND_OTP, { body: before })).code).toBe(62);
  });

  it('the outbox handed out is a copy', async () => {
    await call(provider, SEND_OTP, { body: holder(provider, 'emailActive') });
    const copy = provider.outbox() as unknown[];
    copy.pop();
    expect(provider.outbox()).toHaveLength(1);
  });
});

describe.each(byOperation)('%s: fixture-free scenarios', (_id, op: Operation) => {
  const missingFields: [string, (p: ReferenceProvider) => unknown][] = [
    ['{}', () => ({})],
    ['only deviceCode', (p) => ({ deviceCode: holder(p, 'smsActive').deviceCode })],
    ['only certIdOtp', (p) => ({ certIdOtp: holder(p, 'smsActive').certIdOtp })],
    ['empty certIdOtp', (p) => ({ ...holder(p, 'smsActive'), certIdOtp: '' })],
    ['empty deviceCode', (p) => ({ ...holder(p, 'smsActive'), deviceCode: '' })],
    ['certIdOtp as a number', (p) => ({ ...holder(p, 'smsActive'), certIdOtp: 12345 })],
    ['deviceCode as null', (p) => ({ ...holder(p, 'smsActive'), deviceCode: null })],
  ];
  it.each(missingFields)('missing fields (%s) → 2, nothing sent', async (_name, body) => {
    expect((await call(provider, op, { body: body(provider) })).code).toBe(2);
    expect(provider.outbox()).toEqual([]);
  });

  it('unknown certIdOtp → 62', async () => {
    const body = { certIdOtp: `ref-cert-${randomUUID()}`, deviceCode: holder(provider, 'smsActive').deviceCode };
    expect((await call(provider, op, { body })).code).toBe(62);
  });

  it.each(['smsActive', 'deviceDisabled'])('wrong deviceCode for a %s holder → 85', async (state) => {
    const body = { certIdOtp: holder(provider, state).certIdOtp, deviceCode: `ref-device-${randomUUID()}` };
    expect((await call(provider, op, { body })).code).toBe(85);
    expect(provider.outbox()).toEqual([]);
  });

  it("another holder's deviceCode → 85", async () => {
    const body = { certIdOtp: holder(provider, 'smsActive').certIdOtp, deviceCode: holder(provider, 'emailActive').deviceCode };
    expect((await call(provider, op, { body })).code).toBe(85);
  });

  it('unknown extra fields are ignored', async () => {
    const body = { ...holder(provider, 'otpBlocked'), extra: true, nested: { a: [1] } };
    expect((await call(provider, op, { body })).code).toBe(231);
  });
});

describe.each(byOperation)('%s: authentication', (_id, op: Operation) => {
  const body = (): unknown => holder(provider, 'smsActive');
  const authFailures: [string, () => { username: string; password: string } | null][] = [
    ['no Authorization header', () => null],
    ['a wrong password', () => ({ username: provider.credentials.username, password: `${provider.credentials.password}x` })],
    ['an unknown user', () => ({ username: 'nobody', password: provider.credentials.password })],
    ['an empty password', () => ({ username: provider.credentials.username, password: '' })],
  ];
  it.each(authFailures)('%s → 11002 "Wrong username or password", nothing sent', async (_name, credentials) => {
    const { code, answer } = await call(provider, op, { body: body(), credentials: credentials() });
    expect(code).toBe(11002);
    expect(JSON.parse(answer.body.toString()).message).toBe('Wrong username or password');
    expect(provider.outbox()).toEqual([]);
  });

  it.each(['Bearer abc', 'Basic', 'Basic !!!', `Basic ${Buffer.from('no-colon').toString('base64')}`])(
    'a malformed Authorization header (%s) → 11002',
    async (authorization) => {
      const { code } = await call(provider, op, { body: body(), credentials: null, headers: { authorization } });
      expect(code).toBe(11002);
    },
  );

  it('the limited user on this operation', async () => {
    const limited = provider.users.find((u) => u.username === LIMITED_USERNAME);
    expect(limited).toBeDefined();
    const { status, code, answer } = await call(provider, op, { body: body(), credentials: limited ?? null });
    if (op.id === SEND_OTP_DISPOSABLE.id) {
      expect(code).toBe(11002);
      expect(JSON.parse(answer.body.toString()).message).toContain(op.id);
      expect(provider.outbox()).toEqual([]);
    } else {
      expect(status).toBe(200);
    }
  });

  it('an unknown on-behalf-of → 15000, nothing sent', async () => {
    expect((await call(provider, op, { body: body(), onBehalfOf: `operator-${randomUUID()}` })).code).toBe(15000);
    expect((await call(provider, op, { body: body(), onBehalfOf: '' })).code).toBe(15000);
    expect(provider.outbox()).toEqual([]);
  });

  it('the accepted on-behalf-of is accepted', async () => {
    expect((await call(provider, op, { body: body(), onBehalfOf: provider.onBehalfOf })).status).toBe(200);
  });

  it('credentials are checked before on-behalf-of and the body', async () => {
    const { code } = await call(provider, op, { raw: 'not json', credentials: null, onBehalfOf: 'bad' });
    expect(code).toBe(11002);
    expect((await call(provider, op, { raw: 'not json', onBehalfOf: 'bad' })).code).toBe(15000);
  });
});

describe('routing', () => {
  it.each(['/', '/sendOTP', '/sendOtp/extra', '/api/sendOtp', '/enroll'])('unknown path %s → 404, empty body', async (path) => {
    const answer = await request(`${provider.url}${path}`, { body: holder(provider, 'smsActive'), credentialsDefault: provider.credentials });
    expect(answer.status).toBe(404);
    expect(answer.body.length).toBe(0);
  });

  it.each(OPERATIONS.flatMap((op) => ['GET', 'PUT', 'DELETE', 'PATCH'].map((m) => [op.path, m] as const)))(
    '%s with %s → 405, Allow: POST',
    async (path, method) => {
      const answer = await request(`${provider.url}${path}`, { method, credentialsDefault: provider.credentials });
      expect(answer.status).toBe(405);
      expect(answer.headers['allow']).toBe('POST');
      expect(provider.outbox()).toEqual([]);
    },
  );

  it('a query string does not change the route', async () => {
    const answer = await request(`${provider.url}${SEND_OTP.path}?x=1`, { body: holder(provider, 'deviceDisabled'), credentialsDefault: provider.credentials });
    expect(JSON.parse(answer.body.toString()).code).toBe(71);
  });
});
