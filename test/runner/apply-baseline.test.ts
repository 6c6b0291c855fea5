import { describe, expect, it } from 'vitest';
import type { BaselineEntry } from '../../src/baseline/index.ts';
import { applyBaseline } from '../../src/runner/apply-baseline.ts';
import type { OperationId } from '../../src/catalog/index.ts';
import type { BaselineNotice, ScenarioResult } from '../../src/results/model.ts';

const TODAY = new Date('2026-03-15T23:30:00Z');
const FAILURE = { check: 'provider-fault' as const, title: 'provider fault', message: 'Received: 500, code 6 / Documented: 500, code 231' };

function result(
  operation: OperationId,
  scenario: string,
  verdict: ScenarioResult['verdict'],
  observed: { status: number | null; code: number | null } | null,
): ScenarioResult {
  return {
    operation,
    scenario,
    expected: { status: 500, code: 231 },
    observed: observed && { ...observed, bodyBytes: 40, transportError: null },
    verdict,
    reason: verdict === 'fail' ? 'wrong code' : verdict === 'skip' ? 'no fixture' : null,
    ...(verdict === 'fail' ? { failures: [FAILURE] } : {}),
    durationMs: 12,
  };
}

function entry(operation: OperationId, scenario: string, code: number | null, until: string): BaselineEntry {
  return { operation, scenario, observed: { status: 500, code }, reason: `VENDOR-1 ${scenario}`, until };
}

const FAIL_6 = result('sendOtpDisposable', 'fixture:otpBlocked', 'fail', { status: 500, code: 6 });
const PASS = result('sendOtpDisposable', 'fixture:otpBlocked', 'pass', { status: 500, code: 231 });
const SKIP = result('sendOtpDisposable', 'fixture:otpBlocked', 'skip', null);
const OTHER_OP_FAIL_6 = result('sendOtp', 'fixture:otpBlocked', 'fail', { status: 500, code: 6 });
const LIVE = entry('sendOtpDisposable', 'fixture:otpBlocked', 6, '2026-03-15');
const EXPIRED = entry('sendOtpDisposable', 'fixture:otpBlocked', 6, '2026-03-14');

const notice = (e: BaselineEntry, state: BaselineNotice['state']): BaselineNotice =>
  ({ operation: e.operation, scenario: e.scenario, state, until: e.until, reason: e.reason });

const cases: [string, { given: { entries: BaselineEntry[]; results: ScenarioResult[] }; want: { results: ScenarioResult[]; notices: BaselineNotice[] } }][] = [
  ['no entries: nothing changes', { given: { entries: [], results: [FAIL_6, PASS] }, want: { results: [FAIL_6, PASS], notices: [] } }],
  ['a matching failure on its last day becomes known, failures kept', {
    given: { entries: [LIVE], results: [FAIL_6] },
    want: { results: [{ ...FAIL_6, verdict: 'known', reason: LIVE.reason }], notices: [] },
  }],
  ['an expired entry no longer applies: the failure says so, with a notice', {
    given: { entries: [EXPIRED], results: [FAIL_6] },
    want: {
      results: [{ ...FAIL_6, reason: 'wrong code (baseline entry expired 2026-03-14)' }],
      notices: [notice(EXPIRED, 'expired')],
    },
  }],
  ['an expired entry on a failure without a reason', {
    given: { entries: [EXPIRED], results: [{ ...FAIL_6, reason: null }] },
    want: { results: [{ ...FAIL_6, reason: 'baseline entry expired 2026-03-14' }], notices: [notice(EXPIRED, 'expired')] },
  }],
  ['the scenario now passes: stale', {
    given: { entries: [LIVE], results: [PASS] },
    want: { results: [PASS], notices: [notice(LIVE, 'stale')] },
  }],
  ['the scenario fails differently: stale, and the new failure stays a failure', {
    given: { entries: [entry('sendOtpDisposable', 'fixture:otpBlocked', 62, '2030-01-01')], results: [FAIL_6] },
    want: { results: [FAIL_6], notices: [notice(entry('sendOtpDisposable', 'fixture:otpBlocked', 62, '2030-01-01'), 'stale')] },
  }],
  ['the same divergence on the other operation does not match', {
    given: { entries: [LIVE], results: [OTHER_OP_FAIL_6, PASS] },
    want: { results: [OTHER_OP_FAIL_6, PASS], notices: [notice(LIVE, 'stale')] },
  }],
  ['an entry for a scenario that does not exist: stale', {
    given: { entries: [entry('sendOtp', 'fixture:otpBlokced', 6, '2030-01-01')], results: [FAIL_6] },
    want: { results: [FAIL_6], notices: [notice(entry('sendOtp', 'fixture:otpBlokced', 6, '2030-01-01'), 'stale')] },
  }],
  ['an expired entry whose divergence is gone: stale', {
    given: { entries: [EXPIRED], results: [PASS] },
    want: { results: [PASS], notices: [notice(EXPIRED, 'stale')] },
  }],
  ['a skipped scenario teaches nothing: no notice for a live entry', {
    given: { entries: [LIVE], results: [SKIP] },
    want: { results: [SKIP], notices: [] },
  }],
  ['a skipped scenario with an expired entry: the expiry is still named', {
    given: { entries: [EXPIRED], results: [SKIP] },
    want: { results: [SKIP], notices: [notice(EXPIRED, 'expired')] },
  }],
  ['status and code must both match', {
    given: { entries: [LIVE], results: [result('sendOtpDisposable', 'fixture:otpBlocked', 'fail', { status: 200, code: 6 })] },
    want: {
      results: [result('sendOtpDisposable', 'fixture:otpBlocked', 'fail', { status: 200, code: 6 })],
      notices: [notice(LIVE, 'stale')],
    },
  }],
  ['a divergence without an HTTP answer (null status and code)', {
    given: {
      entries: [{ ...entry('sendOtp', 'noClientCertificate', null, '2030-01-01'), observed: { status: null, code: null } }],
      results: [result('sendOtp', 'noClientCertificate', 'fail', { status: null, code: null })],
    },
    want: {
      results: [{ ...result('sendOtp', 'noClientCertificate', 'fail', { status: null, code: null }), verdict: 'known', reason: 'VENDOR-1 noClientCertificate' }],
      notices: [],
    },
  }],
  ['several entries, each judged on its own, notices in file order', {
    given: {
      entries: [entry('sendOtp', 'parity:x', 85, '2030-01-01'), LIVE, entry('sendOtp', 'fixture:otpBlocked', 6, '2020-01-01')],
      results: [OTHER_OP_FAIL_6, FAIL_6],
    },
    want: {
      results: [
        { ...OTHER_OP_FAIL_6, reason: 'wrong code (baseline entry expired 2020-01-01)' },
        { ...FAIL_6, verdict: 'known', reason: LIVE.reason },
      ],
      notices: [
        notice(entry('sendOtp', 'parity:x', 85, '2030-01-01'), 'stale'),
        notice(entry('sendOtp', 'fixture:otpBlocked', 6, '2020-01-01'), 'expired'),
      ],
    },
  }],
];

describe('applyBaseline', () => {
  it.each(cases)('%s', (_name, { given, want }) => {
    // Arrange
    const before = structuredClone(given);
    // Act
    const got = applyBaseline(given.entries, given.results, TODAY);
    // Assert
    expect(got).toEqual(want);
    expect(given).toEqual(before);
  });

  it('compares days in UTC, whatever the time of day', () => {
    const results = [FAIL_6];
    expect(applyBaseline([LIVE], results, new Date('2026-03-15T00:00:00Z')).results[0]?.verdict).toBe('known');
    expect(applyBaseline([LIVE], results, new Date('2026-03-15T23:59:59.999Z')).results[0]?.verdict).toBe('known');
    expect(applyBaseline([LIVE], results, new Date('2026-03-16T00:00:00Z')).results[0]?.verdict).toBe('fail');
    // 23:30 on the 15th in UTC is already the 16th in Rome: UTC decides.
    expect(applyBaseline([LIVE], results, new Date('2026-03-15T23:30:00+00:00')).results[0]?.verdict).toBe('known');
  });

  it('known results keep every failure behind them', () => {
    const got = applyBaseline([LIVE], [FAIL_6], TODAY).results[0];
    expect(got?.failures).toEqual([FAILURE]);
  });
});
