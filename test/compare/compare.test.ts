import { describe, expect, it } from 'vitest';
import { compareRuns } from '../../src/compare/index.ts';
import type { ChangeKind, ConformanceReport, Observed } from '../../src/results/model.ts';
import { SampleReport } from '../report/sample-report.ts';

const http = (status: number, code: number | null): Observed => ({ status, code, bodyBytes: code === null ? 0 : 40, transportError: null });

type Step = { verdict: 'pass' | 'fail' | 'skip'; observed?: Observed };
/** One run holding one step, `sendOtp fixture:deviceNotActive`, with the given outcome (absent: no result at all). */
function run(step: Step | null): ConformanceReport {
  const b = new SampleReport();
  if (step === null) return b.build();
  const report = b.add({
    operation: 'sendOtp', scenario: 'fixture:deviceNotActive', expected: { status: 500, code: 66 }, verdict: step.verdict,
    reason: step.verdict === 'pass' ? null : 'x', observed: step.verdict === 'skip' ? null : step.observed ?? http(500, 66),
  }).build();
  // The coverage a runner would compute for this one step.
  report.coverage['sendOtp']!['66'] = step.verdict === 'pass' ? 'asserted' : 'unreached';
  return report;
}

const pass: Step = { verdict: 'pass' };
const fail6: Step = { verdict: 'fail', observed: http(500, 6) };
const fail2: Step = { verdict: 'fail', observed: http(500, 2) };
const skip: Step = { verdict: 'skip' };

describe('compareRuns: how a step moved', () => {
  const cases: [string, { runs: (Step | null)[]; want: ChangeKind | 'unchanged' }][] = [
    ['the same outcome', { runs: [pass, pass], want: 'unchanged' }],
    ['passed, now fails: a regression', { runs: [pass, fail6], want: 'regression' }],
    ['passed, fails in the third run only: still a regression', { runs: [pass, pass, fail6], want: 'regression' }],
    ['failed, now passes: a changed verdict', { runs: [fail6, pass], want: 'changed-verdict' }],
    ['ran, now skipped', { runs: [pass, skip], want: 'newly-skipped' }],
    ['skipped, now run', { runs: [skip, pass], want: 'newly-run' }],
    ['absent, now run', { runs: [null, pass], want: 'newly-run' }],
    ['absent, now present but skipped', { runs: [null, skip], want: 'newly-skipped' }],
    ['fails with another code', { runs: [fail6, fail2], want: 'changed-outcome' }],
    ['no longer reported', { runs: [pass, null], want: 'not-reported' }],
    ['absent, now fails (newly run or renamed): a regression', { runs: [null, fail6], want: 'regression' }],
    ['skipped, now fails: a regression', { runs: [skip, fail6], want: 'regression' }],
    ['absent, run and passing, then failing: a regression', { runs: [null, pass, fail6], want: 'regression' }],
    ['failed, fails again differently: no regression', { runs: [fail6, fail2], want: 'changed-outcome' }],
    ['failed, then skipped, then failing again: no regression', { runs: [fail6, skip, fail6], want: 'newly-skipped' }],
  ];
  it.each(cases)('%s', (_name, { runs, want }) => {
    const comparison = compareRuns(runs.map((step, i) => ({ label: `run${i}.json`, report: run(step) })));
    if (want === 'unchanged') {
      expect(comparison.changes).toEqual([]);
      expect(comparison.unchanged).toBe(1);
    } else {
      expect(comparison.changes.map((c) => c.kind)).toEqual([want]);
    }
    expect(comparison.regressions).toBe(want === 'regression' ? 1 : 0);
  });

  it('lists regressions first and shows every run\'s outcome', () => {
    const before = new SampleReport()
      .pass('sendOtp', 'fixture:otpBlocked', { status: 500, code: 231 })
      .pass('sendOtp', 'fixture:deviceDisabled', { status: 500, code: 71 })
      .build();
    const after = new SampleReport()
      .skip('sendOtp', 'fixture:otpBlocked', 'no fixture holder')
      .fail('sendOtp', 'fixture:deviceDisabled', [], http(500, 6), { status: 500, code: 71 })
      .build();
    const comparison = compareRuns([{ label: 'before.json', report: before }, { label: 'after.json', report: after }]);
    expect(comparison.changes).toEqual([
      { operation: 'sendOtp', scenario: 'fixture:deviceDisabled', kind: 'regression',
        outcomes: [{ verdict: 'pass', observed: '500, code 71' }, { verdict: 'fail', observed: '500, code 6' }] },
      { operation: 'sendOtp', scenario: 'fixture:otpBlocked', kind: 'newly-skipped',
        outcomes: [{ verdict: 'pass', observed: '500, code 231' }, { verdict: 'skip', observed: 'not sent' }] },
    ]);
    expect(comparison.runs.map((r) => r.label)).toEqual(['before.json', 'after.json']);
  });

  it('builds the code × run matrix from each run\'s own failure view', () => {
    const comparison = compareRuns([{ label: 'a', report: run(pass) }, { label: 'b', report: run(fail6) }]);
    expect(comparison.matrix.find((r) => r.operation === 'sendOtp' && r.code === 66)?.cells).toEqual(['asserted', 'failed']);
    expect(comparison.matrix.find((r) => r.operation === 'sendOtp' && r.code === null)?.meaning).toMatch(/^success/);
  });
});
