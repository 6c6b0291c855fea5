// Flaky across runs: a verdict that changed more than once in the sequence, skips and absences left out, a
// known divergence counted as the failure it is.
import { describe, expect, it } from 'vitest';
import { flipsOf } from '../../src/compare/flaky.ts';
import { compareRuns } from '../../src/compare/index.ts';
import type { ConformanceReport, ScenarioResult, Verdict } from '../../src/results/model.ts';

const r = (verdict: Verdict): ScenarioResult => ({
  operation: 'sendOtp', scenario: 'fixture:otpBlocked', expected: { status: 500, code: 231 },
  observed: verdict === 'skip' ? null : { status: 500, code: verdict === 'pass' ? 231 : 6, bodyBytes: 10, transportError: null },
  verdict, reason: null, durationMs: 1,
});

const CASES: [string, (Verdict | null)[], number][] = [
  ['pass, fail, pass', ['pass', 'fail', 'pass'], 2],
  ['pass, fail, fail: a regression, not a flake', ['pass', 'fail', 'fail'], 1],
  ['fail, pass, fail, pass', ['fail', 'pass', 'fail', 'pass'], 3],
  ['skips in between are no verdict', ['pass', 'skip', 'pass', 'skip'], 0],
  ['absent in one run', ['pass', null, 'fail', 'pass'], 2],
  ['known and fail are both failures', ['fail', 'known', 'fail'], 0],
];

describe('flipsOf', () => {
  it.each(CASES)('%s', (_name, verdicts, flips) => {
    expect(flipsOf(verdicts.map((v) => (v === null ? undefined : r(v))))).toBe(flips);
  });
});

const report = (verdict: Verdict): ConformanceReport => ({
  target: 't', startedAt: '2026-12-03T10:00:00Z', durationMs: 1, summary: { passed: 0, failed: 0, skipped: 0, known: 0 },
  results: [r(verdict)], coverage: {}, sends: 0,
});

describe('compareRuns', () => {
  it('lists flaky steps with their flips from three runs on, and leaves the field out for two', () => {
    const three = compareRuns(['pass', 'fail', 'pass'].map((v, i) => ({ label: `run${i}.json`, report: report(v as Verdict) })));
    expect(three.flaky).toEqual([{ operation: 'sendOtp', scenario: 'fixture:otpBlocked', flips: 2 }]);
    const two = compareRuns(['pass', 'fail'].map((v, i) => ({ label: `run${i}.json`, report: report(v as Verdict) })));
    expect(two.flaky).toBeUndefined();
    const steady = compareRuns(['pass', 'pass', 'pass'].map((v, i) => ({ label: `run${i}.json`, report: report(v as Verdict) })));
    expect(steady.flaky).toEqual([]);
  });
});

describe('compare.md', () => {
  it('lists the flaky steps with their flips', async () => {
    const { renderCompareMarkdown } = await import('../../src/report/compare-view.ts');
    const md = renderCompareMarkdown(compareRuns(['pass', 'fail', 'pass'].map((v, i) => ({ label: `run${i}.json`, report: report(v as Verdict) }))));
    expect(md).toContain('## Flaky steps (1)');
    expect(md).toContain('| sendOtp | fixture:otpBlocked | 2 |');
  });
});
