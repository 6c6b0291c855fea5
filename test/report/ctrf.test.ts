import { describe, expect, it } from 'vitest';
import { renderCtrf, toCtrf, type CtrfReport } from '../../src/report/ctrf.ts';
import type { ConformanceReport } from '../../src/results/model.ts';
import { fullSample, passingSample } from './sample-report.ts';

const STATUSES = ['passed', 'failed', 'skipped', 'pending', 'other'];

/** The fields CTRF readers require (ctrf.io specification: reportFormat, specVersion, results.tool/summary/tests). */
function expectCtrfShape(ctrf: CtrfReport): void {
  expect(ctrf.reportFormat).toBe('CTRF');
  expect(ctrf.specVersion).toMatch(/^\d+\.\d+\.\d+$/);
  expect(ctrf.results.tool.name).not.toBe('');
  const { summary, tests } = ctrf.results;
  for (const key of ['tests', 'passed', 'failed', 'skipped', 'pending', 'other', 'start', 'stop'] as const) {
    expect(Number.isInteger(summary[key]), key).toBe(true);
  }
  expect(summary.tests).toBe(tests.length);
  for (const status of ['passed', 'failed', 'skipped', 'pending', 'other'] as const) {
    expect(summary[status], status).toBe(tests.filter((t) => t.status === status).length);
  }
  for (const test of tests) {
    expect(test.name).not.toBe('');
    expect(STATUSES).toContain(test.status);
    expect(Number.isInteger(test.duration)).toBe(true);
  }
}

describe('ctrf.json', () => {
  const samples: [string, ConformanceReport][] = [['failing run', fullSample().build()], ['passing run', passingSample().build()]];
  it.each(samples)('%s: a CTRF document with one test per result and per missing required code', (_name, report) => {
    const ctrf = JSON.parse(renderCtrf(report)) as CtrfReport;
    expectCtrfShape(ctrf);
    const missing = Object.values(report.requiredCodesMissing ?? {}).flat().length;
    expect(ctrf.results.tests).toHaveLength(report.results.length + missing);
    expect(ctrf.results.summary.failed).toBe(report.summary.failed + missing);
    expect(ctrf.results.summary.other).toBe(report.summary.known);
    expect(ctrf.results.summary.start).toBe(Date.parse(report.startedAt));
    expect(ctrf.results.summary.stop - ctrf.results.summary.start).toBe(report.durationMs);
  });

  it('a failed test carries its failure text, the per-result data and the reproducer in extra', () => {
    const test = toCtrf(fullSample().build()).results.tests.find((t) => t.name === 'sendOtp fixture:deviceNotActive')!;
    expect(test).toMatchObject({
      status: 'failed', suite: ['sendOtp'], rawStatus: 'fail',
      message: '[expected-code] wrong code: Received: code 99',
      trace: expect.stringContaining('[provider-fault] provider fault'),
      extra: { operation: 'sendOtp', scenario: 'fixture:deviceNotActive', expected: { status: 500, code: 66 },
        checks: ['expected-code', 'provider-fault'],
        reproducer: { rerun: "npm run conformance -- --operation sendOtp --scenario 'fixture:deviceNotActive'" } },
    });
  });

  it('the per-code matrix, the verdict and its reasons are in results.extra', () => {
    const extra = toCtrf(fullSample().build()).results.extra as { codes: Record<string, unknown>[]; verdict: string; reasons: string[] };
    expect(extra.verdict).toBe('FAIL');
    expect(extra.reasons[1]).toBe('3 required codes not asserted (sendOtp: 103; sendOtpDisposable: 103, 240)');
    expect(extra.codes.find((c) => c.code === 66)).toEqual({
      code: 66, meaning: 'device OTP not active', sendOtp: 'failed (got 500, code 6)', sendOtpDisposable: 'failed (got 500, code 6)',
    });
    expect(extra.codes[0]).toMatchObject({ code: null, sendOtp: 'asserted' });
  });

  it('is the same text for the same report (no wall clock)', () => {
    expect(renderCtrf(fullSample().build())).toBe(renderCtrf(fullSample().build()));
  });
});
