import { describe, expect, it } from 'vitest';
import { parityFailure } from '../../src/checks/index.ts';
import type { Observed } from '../../src/results/model.ts';

const http = (status: number, code: number | null): Observed => ({ status, code, bodyBytes: 0, transportError: null });
const none = (cls: 'timeout' | 'reset'): Observed => ({ status: null, code: null, bodyBytes: null, transportError: cls });

const CASES: [string, { a: Observed; b: Observed; differs: boolean }][] = [
  ['the same code', { a: http(500, 66), b: http(500, 66), differs: false }],
  ['another code', { a: http(500, 66), b: http(500, 71), differs: true }],
  ['another status', { a: http(500, 2), b: http(400, 2), differs: true }],
  ['both empty 200s', { a: http(200, null), b: http(200, null), differs: false }],
  ['the same transport failure', { a: none('timeout'), b: none('timeout'), differs: false }],
  ['another transport failure', { a: none('timeout'), b: none('reset'), differs: true }],
];

describe('parity', () => {
  it.each(CASES)('%s', (_name, { a, b, differs }) => {
    const failure = parityFailure({ operation: 'sendOtp', observed: a }, { operation: 'sendOtpDisposable', observed: b });
    expect(failure !== null).toBe(differs);
    if (failure) expect(failure.message).toMatch(/^Received: .* from sendOtpDisposable\nDocumented: the same answer as sendOtp/);
  });
});

describe('parity names the side that matches the spec', () => {
  const expected = { status: 500, code: 11002 };
  const SIDES: [string, { a: Observed; b: Observed; want: string }][] = [
    ['the standard method is wrong (401), the twin documented', {
      a: http(401, null), b: http(500, 11002), want: 'sendOtpDisposable matches the spec; sendOtp is the one that differs.',
    }],
    ['the twin is wrong', { a: http(500, 11002), b: http(500, 6), want: 'sendOtp matches the spec; sendOtpDisposable does not.' }],
    ['both are wrong', { a: http(500, 2), b: http(500, 6), want: 'Neither matches the spec.' }],
    ['a TLS refusal expected, the twin answered', {
      a: none('reset'), b: http(500, 2), want: 'sendOtp matches the spec; sendOtpDisposable does not.',
    }],
  ];
  it.each(SIDES)('%s', (name, { a, b, want }) => {
    const given = name.startsWith('a TLS') ? { status: null, code: null } : expected;
    const failure = parityFailure({ operation: 'sendOtp', observed: a }, { operation: 'sendOtpDisposable', observed: b }, given);
    expect(failure?.message.split('\n').at(-1)).toBe(want);
  });
});
