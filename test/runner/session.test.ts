// The session against the conforming reference provider: everything passes, sends match the outbox, the
// budget and the baseline are honoured.
import { describe, expect, it } from 'vitest';
import type { BaselineEntry } from '../../src/baseline/index.ts';
import { FIXTURE_STATES } from '../../src/catalog/index.ts';
import { runSession } from '../support/run-session.ts';

const SUCCESS_STATES = FIXTURE_STATES.filter((s) => s.outcome === 'sent');

describe('a session against the reference provider', () => {
  it('passes every scenario, asserts every provokable code, and each send is in the outbox', async () => {
    const { report, outbox } = await runSession({}, { requireCodes: 'all' });

    expect(report.results.filter((r) => r.verdict === 'fail')).toEqual([]);
    expect(report.exitCode).toBe(0);
    expect(report.requiredCodesMissing).toEqual({});
    expect(report.sends).toBe(SUCCESS_STATES.length * 2);
    expect(outbox.map((e) => `${e.operation}:${e.state}:${e.channel}`).sort()).toEqual(
      SUCCESS_STATES.flatMap((s) => ['sendOtp', 'sendOtpDisposable'].map((op) => `${op}:${s.name}:${s.channel}`)).sort(),
    );
    expect(report.coverage['sendOtp']?.['6']).toBe('unreached');
    expect(report.coverage['sendOtpDisposable']?.['11002']).toBe('asserted');
  });

  it('never exceeds LEAN_MAX_SENDS, and reports the rest as skipped with the reason', async () => {
    const { report, outbox } = await runSession({}, { maxSends: 1 });

    expect(report.sends).toBe(1);
    expect(outbox).toHaveLength(1);
    const skipped = report.results.filter((r) => r.verdict === 'skip');
    const forBudget = skipped.filter((r) => /LEAN_MAX_SENDS=1/.test(r.reason ?? ''));
    expect(forBudget).toHaveLength(SUCCESS_STATES.length * 2 - 1);
    expect(report.summary.skipped).toBe(skipped.length);
  });

  it('fails the run when a required code is left unasserted', async () => {
    const { report } = await runSession({}, { requireCodes: [66], fixtures: () => ({ holders: {} }) });
    expect(report.requiredCodesMissing).toEqual({ sendOtp: [66], sendOtpDisposable: [66] });
    expect(report.exitCode).toBe(1);
  });

  it('reports a baselined divergence as known, an expired one as failed, an unused one as stale', async () => {
    const divergence = (until: string): BaselineEntry => ({
      operation: 'sendOtp', scenario: 'fixture:deviceNotActive', observed: { status: 500, code: 71 }, reason: 'TICKET-1', until,
    });
    const mutate = (r: { status: number; headers: Record<string, string>; body: string | Buffer }, req: { operation: string | null; state: string | null }) =>
      req.state === 'deviceNotActive' && req.operation === 'sendOtp' ? { ...r, body: JSON.stringify({ code: 71, message: 'x' }) } : r;
    const today = () => new Date('2026-11-25T12:00:00Z');

    const known = await runSession({ mutate }, { baseline: [divergence('2026-12-31')], now: today });
    expect(known.report.results.find((r) => r.scenario === 'fixture:deviceNotActive' && r.operation === 'sendOtp')?.verdict).toBe('known');

    const expired = await runSession({ mutate }, { baseline: [divergence('2026-11-24')], now: today });
    expect(expired.report.results.find((r) => r.scenario === 'fixture:deviceNotActive' && r.operation === 'sendOtp')?.verdict).toBe('fail');
    expect(expired.report.baseline?.map((n) => n.state)).toContain('expired');

    const stale = await runSession({}, { baseline: [divergence('2026-12-31')], now: today });
    expect(stale.report.baseline?.map((n) => n.state)).toEqual(['stale']);
    expect(stale.report.exitCode).toBe(0);
  });

  it('leaves out the checks switched off by name, and the report says which', async () => {
    const bodyOn200 = (r: { status: number; headers: Record<string, string>; body: string | Buffer }) => (r.status === 200 ? { ...r, body: '{}' } : r);

    const checked = await runSession({ mutate: bodyOn200 });
    const unchecked = await runSession({ mutate: bodyOn200 }, { skipChecks: ['empty-200'] });

    expect(checked.report.exitCode).toBe(1);
    expect(unchecked.report.exitCode).toBe(0);
    expect(unchecked.report.checksOff).toEqual(['empty-200']);
  });

  it('stops sending once 3 steps in a row got no answer: inconclusive, exit 3, the rest not run', async () => {
    const started = performance.now();
    const { report } = await runSession({ mutate: () => 'hang' }, { timeoutMs: 200 });
    const ran = report.results.filter((r) => r.observed?.transportError === 'timeout');

    // The first three steps are sends (fixture:smsActive on both operations, then emailActive): one attempt each.
    expect(ran.map((r) => [r.scenario, r.attempts?.length ?? 1])).toEqual([
      ['fixture:smsActive', 1], ['fixture:smsActive', 1], ['fixture:emailActive', 1],
    ]);
    expect(ran.every((r) => r.verdict === 'skip' && /^target unavailable: no answer after 1 attempt/.test(r.reason ?? ''))).toBe(true);
    const unsent = report.results.filter((r) => r.observed === null);
    expect(unsent.every((r) => r.verdict === 'skip')).toBe(true);
    // Every step after the third is not run for that reason, but those the plan skips anyway (noClientCertificate here).
    expect(unsent.filter((r) => r.reason !== 'not run: target unavailable').map((r) => r.scenario)).toEqual(['noClientCertificate', 'noClientCertificate']);
    expect(report.verdict).toBe('inconclusive');
    expect(report.exitCode).toBe(3);
    expect(report.summary.failed).toBe(0);
    expect(report.sends).toBe(3);
    expect(performance.now() - started).toBeLessThan(5_000);
  });
});
