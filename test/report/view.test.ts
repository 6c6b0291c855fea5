import { describe, expect, it } from 'vitest';
import type { ConformanceReport, Expected, Observed } from '../../src/results/model.ts';
import {
  coverageMatrix, describeExpected, describeObserved, formatDuration, overallVerdict, skippedByReason,
} from '../../src/report/view.ts';
import { fullSample, passingSample, SampleReport } from './sample-report.ts';

describe('overallVerdict', () => {
  const cases: [string, { given: ConformanceReport; want: Partial<ReturnType<typeof overallVerdict>> }][] = [
    ['the exit code wins', { given: fullSample().extend({ exitCode: 0 }).build(), want: { passed: true, exitCode: 0 } }],
    ['derived: a failure fails', { given: fullSample().extend({ exitCode: undefined }).build(), want: { passed: false, exitCode: undefined } }],
    ['derived: passes and skips pass', { given: passingSample().extend({ exitCode: undefined }).build(), want: { passed: true, label: 'PASS' } }],
    ['derived: an empty run fails, with a note', {
      given: new SampleReport().build(), want: { passed: false, note: expect.stringMatching(/No scenario result/) },
    }],
  ];
  it.each(cases)('%s', (_name, { given, want }) => {
    expect(overallVerdict(given)).toMatchObject(want);
  });
});

describe('describing outcomes', () => {
  const expected: [Expected, string][] = [
    [{ status: 200, code: null }, '200'],
    [{ status: 500, code: 66 }, '500, code 66'],
    [{ status: null, code: null }, 'no HTTP response'],
  ];
  it.each(expected)('expected %j reads %j', (given, want) => expect(describeExpected(given)).toBe(want));

  const observed: [Observed | null, string][] = [
    [null, 'not sent'],
    [{ status: 200, code: null, bodyBytes: 0, transportError: null }, '200, 0 bytes'],
    [{ status: 500, code: 6, bodyBytes: 40, transportError: null }, '500, code 6'],
    [{ status: null, code: null, bodyBytes: null, transportError: 'timeout' }, 'no HTTP response (timeout)'],
  ];
  it.each(observed)('observed %j reads %j', (given, want) => expect(describeObserved(given)).toBe(want));

  it.each([[12, '12 ms'], [999.6, '1000 ms'], [1234, '1.2 s']] as const)('%d ms reads %j', (ms, want) => {
    expect(formatDuration(ms)).toBe(want);
  });
});

describe('coverageMatrix and skippedByReason', () => {
  it('an operation or code outside the catalogs is shown, never dropped', () => {
    const report = passingSample().build();
    report.coverage['sendOtpV2'] = { '999': 'observed' };
    const matrix = coverageMatrix(report);
    expect(matrix.operations).toEqual(['sendOtp', 'sendOtpDisposable', 'sendOtpV2']);
    expect(matrix.rows.at(-1)).toMatchObject({ code: 999, meaning: '(not in this report)' });
    expect(matrix.rows.at(-1)?.cells.map((c) => c.state)).toEqual(['not-in-catalog', 'not-in-catalog', 'observed']);
  });

  it('groups skips by reason, most frequent first', () => {
    expect(skippedByReason(fullSample().build())).toEqual([
      { reason: 'LEAN_MAX_SENDS budget exhausted', count: 4 },
      { reason: 'no fixture holder for this scenario', count: 2 },
    ]);
  });
});
