// Self-tests of the suite: every faulty variant of the reference provider must make the run fail, on the
// scenario it breaks, with the check that names the fault. A suite that stays green here is broken.
import { describe, expect, it } from 'vitest';
import type { ProviderResponse, ResponseMutator } from '../../src/provider/types.ts';
import type { CheckName } from '../../src/results/model.ts';
import { runSession } from '../support/run-session.ts';

const json = (status: number, body: unknown): ProviderResponse => ({
  status, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body),
});
const codeIn = (r: ProviderResponse): number | null => {
  if (r.status !== 500) return null;
  return (JSON.parse(String(r.body)) as { code: number }).code;
};
/** Rewrites the answers that carry `code`. */
const whenCode = (code: number, rewrite: (r: ProviderResponse) => ProviderResponse | 'hang' | 'destroy'): ResponseMutator =>
  (r) => (codeIn(r) === code ? rewrite(r) : r);
const onSuccess = (rewrite: (r: ProviderResponse) => ProviderResponse): ResponseMutator =>
  (r) => (r.status === 200 ? rewrite(r) : r);

interface Fault {
  mutate: ResponseMutator;
  /** A scenario (prefix) and operation that must fail with `check`. */
  want: { scenario: string; check: CheckName; operation?: string };
  timeoutMs?: number;
}

const FAULTS: [string, Fault][] = [
  ['a body `{}` on 200', { mutate: onSuccess((r) => ({ ...r, body: '{}' })), want: { scenario: 'fixture:smsActive', check: 'empty-200' } }],
  ['a single space on 200', { mutate: onSuccess((r) => ({ ...r, body: ' ' })), want: { scenario: 'fixture:emailActive', check: 'empty-200' } }],
  ['`null` on 200', { mutate: onSuccess((r) => ({ ...r, body: 'null' })), want: { scenario: 'fixture:whatsappActive', check: 'empty-200' } }],
  ['400 instead of 500 for missing fields', { mutate: whenCode(2, (r) => ({ ...r, status: 400 })), want: { scenario: 'missingFields:empty-object', check: 'status' } }],
  ['code 62 where 85 is due', { mutate: whenCode(85, () => json(500, { code: 62, message: 'unknown' })), want: { scenario: 'wrongDeviceCode', check: 'stale-fixture' } }],
  ['code 71 where 66 is due', { mutate: whenCode(66, () => json(500, { code: 71, message: 'disabled' })), want: { scenario: 'fixture:deviceNotActive', check: 'expected-code' } }],
  ['the code as a string', { mutate: whenCode(231, () => json(500, { code: '231', message: 'blocked' })), want: { scenario: 'fixture:otpBlocked', check: 'error-body' } }],
  ['a non-JSON 500 body', { mutate: whenCode(99, (r) => ({ ...r, headers: { 'content-type': 'text/html' }, body: '<h1>Internal Server Error</h1>' })), want: { scenario: 'fixture:otpNotSent', check: 'error-body' } }],
  ['an empty 500 body', { mutate: whenCode(100, (r) => ({ ...r, body: '' })), want: { scenario: 'fixture:invalidMobile', check: 'error-body' } }],
  ['an error body without message', { mutate: whenCode(101, () => json(500, { code: 101 })), want: { scenario: 'fixture:watchlistedMobile', check: 'error-body' } }],
  ['a code outside the catalog', { mutate: whenCode(102, () => json(500, { code: 1102, message: 'x' })), want: { scenario: 'fixture:invalidEmail', check: 'uncatalogued-code' } }],
  ['wrong credentials accepted', { mutate: whenCode(11002, () => ({ status: 200, headers: {}, body: '' })), want: { scenario: 'wrongCredentials', check: 'status' } }],
  ['401 for wrong credentials', { mutate: whenCode(11002, (r) => ({ ...r, status: 401 })), want: { scenario: 'wrongCredentials', check: 'status' } }],
  ['403 for an invalid on-behalf-of', { mutate: whenCode(15000, (r) => ({ ...r, status: 403 })), want: { scenario: 'invalidOnBehalfOf', check: 'status' } }],
  ['sendOtpDisposable answering differently', {
    mutate: (r, req) => (req.operation === 'sendOtpDisposable' && codeIn(r) === 138 ? json(500, { code: 2, message: 'x' }) : r),
    want: { scenario: 'fixture:notSmsDevice', check: 'parity', operation: 'sendOtpDisposable' },
  }],
  ['a scenario that never answers', { mutate: whenCode(240, () => 'hang'), want: { scenario: 'fixture:noEmailTemplate', check: 'transport' }, timeoutMs: 400 }],
  ['a connection reset', { mutate: whenCode(241, () => 'destroy'), want: { scenario: 'fixture:lraNotAuthorizedForOtpType', check: 'transport' } }],
  ['code 6 everywhere', { mutate: (r) => json(500, { code: 6, message: 'internal' }) ?? r, want: { scenario: 'missingFields:only-certIdOtp', check: 'provider-fault' } }],
  ['a send for a holder in an error state', { mutate: whenCode(103, () => ({ status: 200, headers: {}, body: '' })), want: { scenario: 'fixture:otpServiceTimeout', check: 'status' } }],
  ['a fixture holder the target does not know', { mutate: whenCode(71, () => json(500, { code: 62, message: 'x' })), want: { scenario: 'fixture:deviceDisabled', check: 'stale-fixture' } }],
  ['200 for a malformed body', { mutate: (r, req) => (req.state === null && codeIn(r) === 2 ? { status: 200, headers: {}, body: '' } : r), want: { scenario: 'malformed:', check: 'status' } }],
  ['a redirect instead of an answer', { mutate: whenCode(62, () => ({ status: 302, headers: { location: 'https://elsewhere.invalid/' }, body: '' })), want: { scenario: 'unknownCertIdOtp', check: 'status' } }],
];

describe('the suite fails against each faulty provider, naming the fault', () => {
  it.each(FAULTS)('%s', async (_name, { mutate, want, timeoutMs }) => {
    const { report } = await runSession({ mutate }, timeoutMs ? { timeoutMs } : {});

    expect(report.exitCode).toBe(1);
    const failing = report.results.filter((r) =>
      r.verdict === 'fail' && r.scenario.startsWith(want.scenario) && (!want.operation || r.operation === want.operation));
    expect(failing.flatMap((r) => r.failures ?? []).map((f) => f.check)).toContain(want.check);
  });
});

describe('harmless differences still pass', () => {
  const HARMLESS: [string, ResponseMutator][] = [
    ['a Content-Type header on the empty 200', onSuccess((r) => ({ ...r, headers: { ...r.headers, 'content-type': 'application/json' } }))],
    ['chunked encoding on the empty 200', onSuccess((r) => ({ ...r, headers: { ...r.headers, 'transfer-encoding': 'chunked' } }))],
    ['other message texts', (r) => (r.status === 500 ? json(500, { code: codeIn(r), message: 'Ein anderer Text' }) : r)],
  ];
  it.each(HARMLESS)('%s', async (_name, mutate) => {
    const { report } = await runSession({ mutate });
    expect(report.results.filter((r) => r.verdict === 'fail')).toEqual([]);
    expect(report.exitCode).toBe(0);
  });
});
