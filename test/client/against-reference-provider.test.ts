// The typed client against the bundled reference provider, over plain HTTP and over mutual TLS: every code of
// both operations' catalogs that a request can provoke comes back as a `catalog-error` with that code, and every
// success state as `sent`.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURE_STATES, OPERATION_IDS, scenarioCode, type FixtureFreeScenario, type OperationId } from '../../src/catalog/index.ts';
import { createClient } from '../../src/client/index.ts';
import type { OtpClient, SendOverrides } from '../../src/client/types.ts';
import { startReferenceProvider, type ReferenceProvider } from '../../src/sandbox/index.ts';

type Want = { kind: 'sent' } | { kind: 'catalog-error'; code: number };
type Case = [string, { op: OperationId; body: (p: ReferenceProvider) => unknown; overrides?: (p: ReferenceProvider) => SendOverrides; want: Want }];

function cases(): Case[] {
  const rows: Case[] = [];
  for (const op of OPERATION_IDS) {
    for (const state of FIXTURE_STATES) {
      rows.push([`${op} ${state.name}`, {
        op,
        body: (p) => p.fixtures().holders[state.name],
        want: state.outcome === 'sent' ? { kind: 'sent' } : { kind: 'catalog-error', code: state.code },
      }]);
    }
    const code = (scenario: FixtureFreeScenario) => scenarioCode(op, scenario);
    const holder = (p: ReferenceProvider) => p.fixtures().holders['deviceNotActive']!;
    rows.push(
      [`${op} missing fields`, { op, body: () => ({}), want: { kind: 'catalog-error', code: code('missingFields') } }],
      [`${op} unknown certIdOtp`, { op, body: (p) => ({ ...holder(p), certIdOtp: 'unknown-cert' }), want: { kind: 'catalog-error', code: code('unknownCertIdOtp') } }],
      [`${op} wrong deviceCode`, { op, body: (p) => ({ ...holder(p), deviceCode: 'wrong-device' }), want: { kind: 'catalog-error', code: code('wrongDeviceCode') } }],
      [`${op} wrong credentials`, { op, body: holder, overrides: (p) => ({ credentials: { username: p.credentials.username, password: 'wrong' } }), want: { kind: 'catalog-error', code: code('wrongCredentials') } }],
      [`${op} invalid on-behalf-of`, { op, body: holder, overrides: () => ({ onBehalfOf: 'nobody' }), want: { kind: 'catalog-error', code: code('invalidOnBehalfOf') } }],
    );
  }
  return rows;
}

describe.each([['plain HTTP', false], ['mutual TLS', true]] as const)('the client against the reference provider over %s', (_name, tls) => {
  let provider: ReferenceProvider;
  let client: OtpClient;
  beforeAll(async () => {
    provider = await startReferenceProvider({ tls });
    client = createClient({
      baseUrl: provider.url,
      credentials: provider.credentials,
      ...(provider.tls ? { tls: { cert: provider.tls.clientCert, key: provider.tls.clientKey, ca: provider.tls.ca } } : {}),
    });
  });
  afterAll(async () => {
    await client.close();
    await provider.close();
  });

  it.each(cases())('%s', async (_case, { op, body, overrides, want }) => {
    const outcome = await client.send(op, { body: body(provider) }, overrides?.(provider));
    expect(outcome.kind === 'catalog-error' ? { kind: outcome.kind, code: outcome.code } : { kind: outcome.kind }).toEqual(want);
  });

  if (tls) {
    it('without the client certificate, gets no HTTP answer', async () => {
      const outcome = await client.send('sendOtp', { body: {} }, { withoutClientCertificate: true });
      expect(outcome.kind).toBe('transport-failure');
    });
  }
});
