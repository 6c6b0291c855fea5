import { describe, expect, it } from 'vitest';
import { FIXTURE_STATE_NAMES } from '../../src/catalog/index.ts';
import { closestName, didYouMean, editDistance } from '../../src/input/index.ts';

describe('editDistance', () => {
  const cases: [string, { given: [string, string]; want: number }][] = [
    ['equal', { given: ['smsActive', 'smsActive'], want: 0 }],
    ['case only', { given: ['smsactive', 'smsActive'], want: 0 }],
    ['one deletion', { given: ['smsActiv', 'smsActive'], want: 1 }],
    ['one substitution', { given: ['smsActibe', 'smsActive'], want: 1 }],
    ['from empty', { given: ['', 'abc'], want: 3 }],
    ['kitten/sitting', { given: ['kitten', 'sitting'], want: 3 }],
  ];
  it.each(cases)('%s', (_name, { given, want }) => {
    expect(editDistance(...given)).toBe(want);
  });
});

describe('closestName against the fixture states', () => {
  const cases: [string, { given: string; want: string | undefined }][] = [
    ['a missing letter', { given: 'smsActiv', want: 'smsActive' }],
    ['wrong case', { given: 'SMSACTIVE', want: 'smsActive' }],
    ['a synonym with a similar spelling', { given: 'deviceInactive', want: 'deviceNotActive' }],
    ['swapped letters', { given: 'otpBlcoked', want: 'otpBlocked' }],
    ['snake case', { given: 'otp_not_sent', want: 'otpNotSent' }],
    ['nothing close', { given: 'holder', want: undefined }],
  ];
  it.each(cases)('%s', (_name, { given, want }) => {
    expect(closestName(given, FIXTURE_STATE_NAMES)).toBe(want);
  });

  it('didYouMean lists the known names when none is close', () => {
    expect(didYouMean('zzz', ['a', 'b'])).toBe(' (known: a, b)');
    expect(didYouMean('smsActiv', FIXTURE_STATE_NAMES)).toBe(' (did you mean smsActive?)');
  });
});
