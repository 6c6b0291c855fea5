// The provider's parts on their own: codes come from the catalog, the required fields from the spec, the
// factory mounts on any server, options are checked at construction, the store seeds and clears.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { catalogOf, FIXTURE_STATES, OPERATION_IDS } from '../../src/catalog/index.ts';
import { parseBasic, REQUIRED_FIELDS, SCENARIOS, scenarioCode } from '../../src/provider/index.ts';
import { createProviderHandler, createStore, DEFAULT_LIMITS } from '../../src/sandbox/index.ts';
import { spec } from '../../src/spec/document.ts';
import { call, holder, SEND_OTP } from './helpers.ts';

describe('codes and fields come from the spec', () => {
  it.each(OPERATION_IDS.flatMap((op) => SCENARIOS.map((s) => [op, s] as const)))('%s: %s has its catalog code', (op, scenario) => {
    const entry = catalogOf(op).find((e) => e.code === scenarioCode(op, scenario));
    expect(entry?.provokedBy).toEqual({ scenario });
  });

  it('the documented fixed codes', () => {
    expect(SCENARIOS.map((s) => scenarioCode('sendOtp', s))).toEqual([2, 62, 85, 11002, 15000]);
  });

  it('REQUIRED_FIELDS is the request schema’s required list', () => {
    expect([...REQUIRED_FIELDS].sort()).toEqual([...(spec().components.schemas['SendOtpRequest']?.['required'] as string[])].sort());
  });
});

describe('parseBasic', () => {
  it.each([
    [`Basic ${Buffer.from('u:p:w').toString('base64')}`, { username: 'u', password: 'p:w' }],
    [`basic ${Buffer.from('u:').toString('base64')}`, { username: 'u', password: '' }],
    ['Basic', null],
    ['Bearer x', null],
    [undefined, null],
  ])('%s', (header, expected) => {
    expect(parseBasic(header)).toEqual(expected);
  });
});

describe('store', () => {
  it('starts empty, seeds one holder per state, clears holders and outbox', () => {
    const store = createStore();
    expect(store.fixtures()).toEqual({ holders: {} });
    store.seed();
    expect(Object.keys(store.fixtures().holders)).toEqual(FIXTURE_STATES.map((s) => s.name));
    const sms = store.fixtures().holders['smsActive'];
    expect(store.find(sms?.certIdOtp ?? '')?.state.name).toBe('smsActive');
    store.recordSend({ operation: 'sendOtp', channel: 'SMS', certIdOtp: 'x', state: 'smsActive', at: new Date() });
    expect(store.outbox()).toHaveLength(1);
    store.clear();
    expect(store.outbox()).toEqual([]);
    expect(store.find(sms?.certIdOtp ?? '')).toBeUndefined();
  });
});

describe('createProviderHandler', () => {
  it('mounts on a server of the caller’s, which owns listening', async () => {
    const handler = createProviderHandler();
    const server = http.createServer(handler.listener);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const user = handler.users[0];
      if (!user) throw new Error('no default user');
      const running = {
        url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
        credentials: user,
        onBehalfOf: handler.onBehalfOf[0] ?? '',
        fixtures: () => handler.store.fixtures(),
        outbox: () => handler.store.outbox(),
        reset: () => handler.store.reset(),
        close: async () => undefined,
      };
      expect((await call(running, SEND_OTP, { body: holder(running, 'watchlistedMobile') })).code).toBe(101);
      expect(handler.limits).toEqual(DEFAULT_LIMITS);
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('default users: one for every operation, one for sendOtp only, random passwords', () => {
    const [a, b] = [createProviderHandler(), createProviderHandler()];
    expect(a.users.map((u) => [u.username, u.operations])).toEqual([
      ['lean-reference', ['sendOtp', 'sendOtpDisposable']],
      ['lean-reference-limited', ['sendOtp']],
    ]);
    expect(a.users[0]?.password).not.toBe(b.users[0]?.password);
    expect(a.users[0]?.password.length).toBeGreaterThanOrEqual(20);
    expect(a.onBehalfOf).toEqual(['reference-operator']);
  });

  it.each([
    [{ users: [] }, /options\.users must list at least one user/],
    [{ users: [{ username: 'a', password: 'x', operations: [] }, { username: 'a', password: 'y', operations: [] }] }, /names a twice/],
    [{ onBehalfOf: [] }, /options\.onBehalfOf/],
    [{ limits: { maxBodyBytes: 0 } }, /limits\.maxBodyBytes must be a positive integer/],
    [{ limits: { bodyTimeoutMs: 1.5 } }, /limits\.bodyTimeoutMs/],
  ])('refuses %j at construction', (options, message) => {
    expect(() => createProviderHandler(options)).toThrow(message);
  });
});
