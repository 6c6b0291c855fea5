import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { compareWithEarlier } from '../../src/compare/index.ts';
import { PACKAGE_VERSION } from '../../src/package-info.ts';
import { renderCtrf, reportIdOf, targetOrigin, toCtrf, type CtrfReport } from '../../src/report/ctrf.ts';
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

describe('ctrf.json against the official CTRF schema (test/report/ctrf-schema, see SOURCE.md there)', () => {
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats.default(ajv);
  const validate = ajv.compile(JSON.parse(readFileSync(join(import.meta.dirname, 'ctrf-schema', 'ctrf.schema.json'), 'utf8')) as object);
  const failing = fullSample().build();
  const earlier = passingSample().build();
  earlier.startedAt = '2026-11-30T10:00:00.000Z';
  const compared = { ...failing, comparison: compareWithEarlier({ label: 'previous/conformance.json', report: earlier }, failing) };

  it.each([['a failing run', failing], ['a passing run', passingSample().build()], ['a run compared with an earlier one', compared]] as const)(
    '%s: valid', (_name, report) => {
      expect(validate(JSON.parse(renderCtrf(report))), JSON.stringify(validate.errors)).toBe(true);
    });

  it('the check can fail: a document with a test of an unknown status, or an environment key CTRF lacks, is invalid', () => {
    const ctrf = JSON.parse(renderCtrf(failing)) as CtrfReport;
    expect(validate({ ...ctrf, results: { ...ctrf.results, tests: [{ name: 'x', status: 'fine', duration: 0 }] } })).toBe(false);
    expect(validate({ ...ctrf, results: { ...ctrf.results, environment: { node: 'v24' } } })).toBe(false);
  });

  it('carries a report id and the environment: target origin, package version, Node, seed', () => {
    const ctrf = toCtrf(failing);
    expect(ctrf.reportId).toBe(reportIdOf(failing));
    expect(toCtrf(failing).reportId).toBe(ctrf.reportId);
    expect(ctrf.results.environment).toMatchObject({
      testEnvironment: 'https://lean.example.test',
      extra: { targetOrigin: 'https://lean.example.test', packageVersion: PACKAGE_VERSION, node: process.version, seed: 424242 },
    });
  });

  it('with LEAN_COMPARE_WITH: the baseline is the earlier run, by the report id its own ctrf.json carries', () => {
    const ctrf = toCtrf(compared);
    expect(ctrf.baseline).toEqual({
      reportId: toCtrf(earlier).reportId, timestamp: '2026-11-30T10:00:00.000Z', source: 'previous/conformance.json',
      extra: { regressions: compared.comparison.regressions, changes: compared.comparison.changes.length, unchanged: compared.comparison.unchanged },
    });
    expect(toCtrf(failing).baseline).toBeUndefined();
  });

  it.each([
    ['https://user:pw@lean.example:8443/api/v1?x=1', 'https://lean.example:8443'],
    ['http://127.0.0.1:36181 (bundled reference provider)', 'http://127.0.0.1:36181'],
    ['not a url', 'not'],
  ])('targetOrigin(%s) is %s: never a path, a query or credentials', (given, want) => {
    expect(targetOrigin(given)).toBe(want);
  });
});
