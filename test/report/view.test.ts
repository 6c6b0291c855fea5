import { describe, expect, it } from 'vitest';
import type { ConformanceReport, Expected, Observed } from '../../src/results/model.ts';
import {
  cellText, coverageMatrix, describeExpected, describeObserved, formatDuration, missingRequiredCodes, overallVerdict,
  skippedByReason, verdictLine,
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

describe('the verdict line says why', () => {
  const base = () => passingSample().extend({ exitCode: undefined });
  const cases: [string, { given: ConformanceReport; passed: boolean; reasons: string[] }][] = [
    ['a clean run: no reason', { given: base().build(), passed: true, reasons: [] }],
    ['failed checks, by name and count', {
      given: fullSample().extend({ requiredCodesMissing: undefined }).build(), passed: false,
      reasons: ['4 failed results (failed checks: expected-code 2, provider-fault 2, parity 1, transport 1)'],
    }],
    ['missing required codes, with no failed result', {
      given: base().extend({ requiredCodesMissing: { sendOtp: [66, 71], sendOtpDisposable: [] } }).build(), passed: false,
      reasons: ['2 required codes not asserted (sendOtp: 66, 71)'],
    }],
    ['unexpected deliveries', {
      given: base().extend({ unexpectedDeliveries: [{ operation: 'sendOtp', scenario: 'wrongCredentials' }] }).build(), passed: false,
      reasons: ['1 unexpected delivery: a 200 outside a success scenario (sendOtp wrongCredentials)'],
    }],
    ['interrupted', { given: base().extend({ interrupted: true }).build(), passed: false,
      reasons: ['interrupted (SIGINT/SIGTERM): the steps not run are reported as not run'] }],
    ['target unreachable', { given: base().extend({ targetUnreachable: { errorClass: 'refused', requests: 80 } }).build(), passed: false,
      reasons: ['target unreachable: none of 80 requests got an HTTP answer (refused)'] }],
    ['a regression against the earlier run', {
      given: base().extend({ comparison: { runs: [{ label: 'prod.json', target: 't', startedAt: 's', summary: { passed: 1, failed: 0, skipped: 0, known: 0 } }], changes: [], unchanged: 0, regressions: 2, matrix: [] } }).build(),
      passed: false, reasons: ['2 regressions against prod.json'],
    }],
    ['a green run that asserted no zero-byte 200 says so', {
      given: base().extend({ successAsserted: { sendOtp: false, sendOtpDisposable: false } }).build(), passed: true,
      reasons: ['the success path was not checked (no zero-byte 200 asserted on sendOtp, sendOtpDisposable)'],
    }],
    ['a red exit code with nothing recorded still says something', {
      given: passingSample().extend({ exitCode: 1 }).build(), passed: false,
      reasons: ['the run ended with exit 1 and recorded no cause'],
    }],
  ];
  it.each(cases)('%s', (_name, { given, passed, reasons }) => {
    const verdict = overallVerdict(given);
    expect(verdict.passed).toBe(passed);
    expect(verdict.reasons).toEqual(reasons);
    expect(verdictLine(verdict)).toBe(reasons.length ? `${verdict.label}: ${reasons.join(' · ')}` : verdict.label);
  });
});

describe('meanings come from the report, never from today\'s spec', () => {
  it('a report carries its own meanings', () => {
    const report = passingSample().build();
    report.catalog!['sendOtp'] = report.catalog!['sendOtp']!.map((e) => (e.code === 66 ? { ...e, meaning: 'as the spec said then' } : e));
    expect(coverageMatrix(report).rows.find((r) => r.code === 66)?.meaning).toBe('as the spec said then');
  });

  it('an old report without a catalog shows the code, meaning "(not in this report)"', () => {
    const report = passingSample().extend({ catalog: undefined, requiredCodesMissing: { sendOtp: [66] } }).build();
    const row = coverageMatrix(report).rows.find((r) => r.code === 66);
    expect(row?.meaning).toBe('(not in this report)');
    expect(row?.cells.map((c) => c.state)).toEqual([report.coverage['sendOtp']!['66'], report.coverage['sendOtpDisposable']!['66']]);
    expect(missingRequiredCodes(report)).toEqual([{ operation: 'sendOtp', code: 66, meaning: '(not in this report)' }]);
  });
});

describe('the success row', () => {
  const ok = { status: 200, code: null, bodyBytes: 0, transportError: null };
  const cases: [string, { given: ConformanceReport; want: string }][] = [
    ['asserted where a zero-byte 200 passed', { given: passingSample().build(), want: 'asserted' }],
    ['failed where a success scenario got something else', {
      given: new SampleReport().fail('sendOtp', 'fixture:smsActive', [{ check: 'empty-200', title: 'body on 200', message: 'Received: 2 bytes' }],
        { ...ok, bodyBytes: 2 }, { status: 200, code: null }).build(),
      want: 'failed (got 200, 2 bytes but empty-200 failed)',
    }],
    ['observed, red, where only a fault scenario got a 200', {
      given: new SampleReport().extend({ unexpectedDeliveries: [{ operation: 'sendOtp', scenario: 'wrongCredentials' }] }).build(),
      want: 'observed (a 200 outside a success scenario)',
    }],
    ['unreached where no 200 was asked for or seen', { given: new SampleReport().build(), want: 'unreached' }],
  ];
  it.each(cases)('%s', (_name, { given, want }) => {
    expect(cellText(coverageMatrix(given).rows[0]!.cells[0]!)).toBe(want);
  });
});
