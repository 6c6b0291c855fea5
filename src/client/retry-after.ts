// `Retry-After` (RFC 9110 §10.2.3): delta-seconds or an HTTP date. Read as a wait in ms from `nowMs`; a date in
// the past is no wait at all. Anything else (a negative number, a fraction, text that is not a date) is not a
// Retry-After this client can honour: null, so the caller falls back to its own backoff.
const DELTA_SECONDS = /^\d+$/;

export function parseRetryAfter(value: string | undefined, nowMs: number): number | null {
  if (value === undefined) return null;
  const text = value.trim();
  if (text === '') return null;
  if (DELTA_SECONDS.test(text)) {
    const seconds = Number(text);
    return Number.isSafeInteger(seconds) ? seconds * 1000 : null;
  }
  // An HTTP date always names its weekday and its time zone (IMF-fixdate; the obsolete RFC 850 and asctime forms
  // are accepted too, as the RFC asks of a recipient): a bare number or a word is not one.
  if (!/^[A-Za-z]{3}/.test(text) || !/\d{1,2}:\d{2}:\d{2}/.test(text)) return null;
  const at = Date.parse(text);
  if (!Number.isFinite(at)) return null;
  return Math.max(0, at - nowMs);
}
