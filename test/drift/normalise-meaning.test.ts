import { describe, expect, it } from 'vitest';
import {
  compareMeanings, DEFAULT_SIMILARITY_THRESHOLD, jaccard, meaningVariants, normaliseMeaning, stem,
} from '../../src/drift/normalise-meaning.ts';

describe('normaliseMeaning', () => {
  const cases: [string, string[]][] = [
    ['Some required fields are missing', ['requir', 'field', 'miss']],
    ['The `certIdOtp` is **not** valid.', ['certidotp', 'not', 'valid']],
    ['[Invalid](https://x.test/#62) e-mail address', ['not', 'valid', 'email', 'address']],
    ["The OTP wasn't sent", ['otp', 'not', 'send']],
    ['No template; never configured, without LRA', ['not', 'templat', 'not', 'configur', 'not', 'lra']],
    ['LRA not authorised to use OTPs', ['lra', 'not', 'authoriz', 'use', 'otp']],
    ['This is a the of to by', []],
  ];
  it.each(cases)('%j → %j', (text, tokens) => {
    expect(normaliseMeaning(text)).toEqual(tokens);
  });

  const stems: [string, string][] = [
    ['fields', 'field'], ['addresses', 'address'], ['address', 'address'], ['status', 'status'],
    ['exceeded', 'exceed'], ['exceeds', 'exceed'], ['exceed', 'exceed'], ['blocked', 'block'], ['authorizes', 'authoriz'], ['authorized', 'authoriz'],
    ['entries', 'entry'], ['missing', 'miss'], ['sms', 'sms'], ['otps', 'otp'],
  ];
  it.each(stems)('stem(%s) = %s', (word, expected) => {
    expect(stem(word)).toBe(expected);
  });
});

describe('meaningVariants and jaccard', () => {
  it('adds the head clause before a comma, parenthesis or spaced dash', () => {
    expect(meaningVariants('generic internal exception, never expected')).toEqual([
      'generic internal exception, never expected', 'generic internal exception',
    ]);
    expect(meaningVariants('Generic exception — internal exception')).toEqual([
      'Generic exception — internal exception', 'Generic exception',
    ]);
    expect(meaningVariants('OTP is blocked')).toEqual(['OTP is blocked']);
    // A hyphen inside a word is not a clause break.
    expect(meaningVariants('SMS blocked by the watch-list')).toEqual(['SMS blocked by the watch-list']);
  });

  it('is the shared share of the union of two word sets', () => {
    expect(jaccard(['a', 'b'], ['a', 'b'])).toBe(1);
    expect(jaccard(['a', 'b', 'c'], ['a', 'd'])).toBe(0.25);
    expect(jaccard([], [])).toBe(1);
    expect(jaccard(['a'], [])).toBe(0);
  });
});

describe('compareMeanings (default threshold)', () => {
  it('uses 0.6 unless told otherwise', () => {
    expect(DEFAULT_SIMILARITY_THRESHOLD).toBe(0.6);
  });

  // [page text, spec meaning, same?]
  const cases: [string, string, boolean][] = [
    ['Generic exception — internal exception', 'generic internal exception, never expected in normal operation', true],
    ['Internal exception (generic)', 'generic internal exception, never expected in normal operation', true],
    ['Invalid `certIdOtp`', 'certIdOtp not valid', true],
    ['Device OTP is inactive', 'device OTP not active', true],
    ['The OTP could not be sent', 'OTP was not sent', true],
    ['There is no e-mail template configured for this LRA', 'no email template configured for this LRA', true],
    ['Email template not configured for this LRA', 'no email template configured for this LRA', true],
    ['Timeout exceeded by the OTP service', 'OTP service exceeded its timeout', true],
    ['This LRA is not authorised to use this type of OTP', 'LRA not authorized to use this OTP type', true],
    ['OTP blocked', 'OTP is blocked', true],
    // Changed meanings.
    ['The device OTP has expired', 'device OTP not active', false],
    ['The OTP is not blocked', 'OTP is blocked', false],
    ['SMS sent to the watchlist', 'SMS blocked by the watchlist', false],
    ['Holder has reached the daily OTP quota', 'OTP was not sent', false],
    ['', 'OTP is blocked', false],
  ];
  it.each(cases)('%j vs %j → same: %s', (page, spec, same) => {
    expect(compareMeanings(page, spec).same).toBe(same);
  });

  it('tells a flipped negation from a reworded meaning', () => {
    expect(compareMeanings('The OTP is not blocked', 'OTP is blocked')).toMatchObject({
      same: false, negationDiffers: true,
    });
    expect(compareMeanings('The device OTP has expired', 'device OTP not active')).toEqual({
      same: false, negationDiffers: false, similarity: 0.4,
    });
  });

  it('honours another threshold', () => {
    expect(compareMeanings('SMS sent to the watchlist', 'SMS blocked by the watchlist', 0.5).same).toBe(true);
    // Below the threshold only because of the words, not of a negation; a lower threshold accepts it.
    expect(compareMeanings('OTP is unlocked again', 'OTP is blocked', 0.25)).toMatchObject({ same: true, similarity: 0.25 });
    expect(compareMeanings('OTP is blocked', 'OTP is blocked', 1).same).toBe(true);
  });
});
