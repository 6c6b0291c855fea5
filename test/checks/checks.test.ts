// Each check called directly with an answer and a scenario built by hand: the failure it reports (or not),
// by name and by message (schemathesis: test_checks.py).
import { describe, expect, it } from 'vitest';
import { CHECKS, runChecks } from '../../src/checks/index.ts';
import type { SendOutcome } from '../../src/client/types.ts';
import type { CheckName } from '../../src/results/model.ts';
import type { Scenario } from '../../src/scenarios/index.ts';

const scenario = (over: Partial<Scenario>): Scenario => ({
  name: 'test', kind: 'error', expected: { status: 500, code: 66 }, request: { body: {} }, usesFixtureHolder: false,
  describe: 'a test request', ...over,
});
const SUCCESS = scenario({ kind: 'success', expected: { status: 200, code: null }, usesFixtureHolder: true });
const ERROR_66 = scenario({ usesFixtureHolder: true });
const MALFORMED = scenario({ kind: 'malformed', expected: { status: 500, code: null } });
const TLS = scenario({ kind: 'tls-refusal', expected: { status: null, code: null } });

const t = { durationMs: 1 };
const sent: SendOutcome = { ...t, kind: 'sent', status: 200, bodyBytes: 0 };
const code = (c: number): SendOutcome => ({ ...t, kind: 'catalog-error', status: 500, code: c as 66, message: 'm', bodyBytes: 20 });
const violation = (v: Extract<SendOutcome, { kind: 'protocol-violation' }>['violation'], status: number, c: number | null = null): SendOutcome =>
  ({ ...t, kind: 'protocol-violation', violation: v, status, code: c, bodyBytes: 2, detail: 'detail' });
const transport = (errorClass: 'timeout' | 'tls' | 'reset' | 'refused', c: string | null = null): SendOutcome => ({ ...t, kind: 'transport-failure', errorClass, code: c, detail: 'd' });

const CASES: [string, { scenario: Scenario; outcome: SendOutcome; want: CheckName[]; message?: RegExp; httpAnswers?: number }][] = [
  ['an empty 200 for a success', { scenario: SUCCESS, outcome: sent, want: [] }],
  ['`{}` on 200', { scenario: SUCCESS, outcome: violation('body-on-200', 200), want: ['empty-200'], message: /Received: HTTP 200 with a body of 2 bytes/ }],
  ['500 for a success', { scenario: SUCCESS, outcome: code(66), want: ['status'], message: /Documented: HTTP 200 with an empty body/ }],
  ['the expected code', { scenario: ERROR_66, outcome: code(66), want: [] }],
  ['a wrong catalog code', { scenario: ERROR_66, outcome: code(71), want: ['expected-code'], message: /Received: HTTP 500 with code 71\nDocumented: HTTP 500 with code 66/ }],
  ['code 6', { scenario: ERROR_66, outcome: code(6), want: ['provider-fault'] }],
  ['62 for a fixture holder', { scenario: ERROR_66, outcome: code(62), want: ['stale-fixture'] }],
  ['62 for a request without fixture ids', { scenario: scenario({}), outcome: code(62), want: ['expected-code'] }],
  ['a code outside the catalog', { scenario: ERROR_66, outcome: violation('uncatalogued-code', 500, 7), want: ['uncatalogued-code'] }],
  ['a non-JSON 500', { scenario: ERROR_66, outcome: violation('non-json-error-body', 500), want: ['error-body'] }],
  ['the code as a string', { scenario: ERROR_66, outcome: violation('schema-invalid-error-body', 500), want: ['error-body'] }],
  ['400 instead of 500', { scenario: ERROR_66, outcome: violation('unexpected-status', 400, 66), want: ['status'] }],
  ['a redirect', { scenario: ERROR_66, outcome: violation('unexpected-status', 302), want: ['status'] }],
  ['200 for a fault', { scenario: ERROR_66, outcome: sent, want: ['status'] }],
  ['a timeout', { scenario: ERROR_66, outcome: transport('timeout'), want: ['transport'], message: /no HTTP answer \(timeout/ }],
  ['any catalog code for malformed input', { scenario: MALFORMED, outcome: code(62), want: [] }],
  ['code 6 for malformed input', { scenario: MALFORMED, outcome: code(6), want: ['provider-fault'] }],
  ['200 for malformed input', { scenario: MALFORMED, outcome: sent, want: ['status'] }],
  ['a reset without a client certificate', { scenario: TLS, outcome: transport('reset'), want: [] }],
  ['a TLS alert without a client certificate', { scenario: TLS, outcome: transport('tls'), want: [] }],
  ['an HTTP answer without a client certificate', { scenario: TLS, outcome: code(11002), want: ['tls-refused'] }],
  ['a timeout without a client certificate', { scenario: TLS, outcome: transport('timeout'), want: ['tls-refused'], message: /not a TLS refusal|Received: no HTTP answer/ }],
  ["an untrusted server certificate, not a refusal of ours", { scenario: TLS, outcome: transport('tls', 'DEPTH_ZERO_SELF_SIGNED_CERT'), want: ['tls-refused'], message: /this client refused the server/ }],
  ['a reset when no request with the certificate got an answer either', { scenario: TLS, outcome: transport('reset', 'UND_ERR_SOCKET'), want: ['tls-refused'], message: /no request of this run got an HTTP answer/, httpAnswers: 0 }],
];

describe('checks', () => {
  it.each(CASES)('%s', (_name, c) => {
    const { scenario: s, outcome, want, message } = c;
    const failures = runChecks({ operation: 'sendOtp', scenario: s, run: { httpAnswers: c.httpAnswers ?? 1 } }, outcome);
    expect(failures.map((f) => f.check)).toEqual(want);
    if (message) expect(failures[0]?.message).toMatch(message);
  });

  it('every registered check fails for at least one case above', () => {
    const failing = new Set(CASES.flatMap(([, c]) => runChecks({ operation: 'sendOtp', scenario: c.scenario, run: { httpAnswers: c.httpAnswers ?? 1 } }, c.outcome).map((f) => f.check)));
    expect([...CHECKS.keys()].filter((name) => !failing.has(name))).toEqual([]);
  });
});
