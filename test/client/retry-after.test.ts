// Retry-After as a recipient reads it (RFC 9110 §10.2.3): delta-seconds or an HTTP date, a past date is no wait,
// anything else is not honoured (null: the caller's own backoff applies).
import { describe, expect, it } from 'vitest';
import { parseRetryAfter } from '../../src/client/retry-after.ts';

const NOW = Date.parse('2026-12-03T10:00:00Z');

const CASES: [string, string | undefined, number | null][] = [
  ['absent', undefined, null],
  ['empty', '', null],
  ['delta-seconds', '1', 1_000],
  ['zero seconds', '0', 0],
  ['delta-seconds with spaces', ' 120 ', 120_000],
  ['an IMF-fixdate 30 s ahead', 'Thu, 03 Dec 2026 10:00:30 GMT', 30_000],
  ['the obsolete RFC 850 form', 'Thursday, 03-Dec-26 10:00:05 GMT', 5_000],
  ['a date in the past: no wait', 'Thu, 03 Dec 2026 09:00:00 GMT', 0],
  ['a negative number', '-1', null],
  ['a fraction', '1.5', null],
  ['a large delta-seconds (the caller caps it)', '2027', 2_027_000],
  ['text', 'soon', null],
  ['an ISO date is not an HTTP date', '2026-12-03T10:00:30Z', null],
];

describe('parseRetryAfter', () => {
  it.each(CASES)('%s', (_name, value, want) => {
    expect(parseRetryAfter(value, NOW)).toBe(want);
  });
});
