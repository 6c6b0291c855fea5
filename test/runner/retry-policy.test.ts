// Which outcome is transient (a retry may help and cannot send) and how long the wait before a retry is: the
// backoff with its jitter, a Retry-After honoured up to the cap, beyond it no retry at all.
import { describe, expect, it } from 'vitest';
import type { SendOutcome } from '../../src/client/types.ts';
import { backoffMs, isTransient, retryWait, RETRY_WAIT_CAP_MS } from '../../src/runner/retry-policy.ts';

const t = { durationMs: 1 };
const status = (s: number, extra: Partial<Extract<SendOutcome, { kind: 'protocol-violation' }>> = {}): SendOutcome =>
  ({ ...t, kind: 'protocol-violation', violation: 'unexpected-status', status: s, code: null, bodyBytes: 0, detail: 'd', ...extra });
const transport = (errorClass: 'timeout' | 'tls' | 'reset' | 'refused' | 'dns' | 'other'): SendOutcome =>
  ({ ...t, kind: 'transport-failure', errorClass, code: null, detail: 'd' });

const TRANSIENT: [string, SendOutcome, boolean][] = [
  ['refused', transport('refused'), true],
  ['reset', transport('reset'), true],
  ['timeout', transport('timeout'), true],
  ['a name that did not resolve', transport('dns'), true],
  ['a TLS failure: an untrusted certificate stays untrusted', transport('tls'), false],
  ['an odd transport failure (a header overflow)', transport('other'), false],
  ['429', status(429), true],
  ['429 even with a catalog body', status(429, { code: 66, catalogBody: true }), true],
  ['502 from a gateway', status(502), true],
  ['503 with an HTML page', status(503), true],
  ['504', status(504), true],
  ['503 whose body is a catalog error: the API answered', status(503, { code: 66, catalogBody: true }), false],
  ['500', { ...t, kind: 'catalog-error', status: 500, code: 66, message: 'm', bodyBytes: 2 }, false],
  ['404', status(404), false],
  ['400', status(400), false],
  ['200', { ...t, kind: 'sent', status: 200, bodyBytes: 0 }, false],
  ['a 500 that is not JSON', { ...t, kind: 'protocol-violation', violation: 'non-json-error-body', status: 500, code: null, bodyBytes: 3, detail: 'd' }, false],
];

describe('isTransient', () => {
  it.each(TRANSIENT)('%s', (_name, outcome, want) => {
    expect(isTransient(outcome)).toBe(want);
  });
});

describe('backoffMs: 250 ms doubling, plus up to half again of jitter', () => {
  const CASES: [number, number, number][] = [
    [1, 0, 250], [1, 1, 375], [2, 0, 500], [2, 0.5, 625], [3, 0, 1000], [5, 0.999, 5998],
  ];
  it.each(CASES)('retry %i with random %f waits %i ms', (retry, random, want) => {
    expect(backoffMs(retry, () => random)).toBe(want);
  });
});

describe('retryWait', () => {
  const NOW = Date.parse('2026-12-03T10:00:00Z');
  const CASES: [string, SendOutcome, ReturnType<typeof retryWait>][] = [
    ['no Retry-After: the backoff', status(503), { retry: true, waitMs: 250 }],
    ['Retry-After in seconds', status(429, { retryAfter: '2' }), { retry: true, waitMs: 2_000 }],
    ['Retry-After as an HTTP date', status(503, { retryAfter: 'Thu, 03 Dec 2026 10:00:07 GMT' }), { retry: true, waitMs: 7_000 }],
    ['Retry-After at the cap', status(503, { retryAfter: String(RETRY_WAIT_CAP_MS / 1000) }), { retry: true, waitMs: RETRY_WAIT_CAP_MS }],
    ['Retry-After beyond the cap ends the retries', status(503, { retryAfter: '61' }),
      { retry: false, reason: 'Retry-After asked for 61 s, beyond the 60 s cap' }],
    ['an unreadable Retry-After: the backoff', status(503, { retryAfter: 'later' }), { retry: true, waitMs: 250 }],
    ['no answer: the backoff', transport('refused'), { retry: true, waitMs: 250 }],
  ];
  it.each(CASES)('%s', (_name, outcome, want) => {
    expect(retryWait(outcome, 1, () => 0, NOW)).toEqual(want);
  });
});
