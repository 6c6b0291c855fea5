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
