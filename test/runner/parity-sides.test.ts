// Self-tests of parity against the sandbox, with a fault on one operation only: the other operation answers as
// the spec documents and must pass every step; the parity failures land on the faulted side; and no parity
// sentence calls a side documented that failed a check of its own in the same step.
import { describe, expect, it } from 'vitest';
import type { FaultSpec } from '../../src/sandbox/index.ts';
import type { ConformanceReport, ScenarioResult } from '../../src/results/model.ts';
import { runSession } from '../support/run-session.ts';

const SIDES = ['sendOtp', 'sendOtpDisposable'] as const;
type Side = (typeof SIDES)[number];

// What the sandbox can inject on one side: a code, a status (with and without a catalog body), a body on 200.
const FAULTS: [string, FaultSpec][] = [
  ['code 6 on every answer', { kind: 'code', code: 6 }],
  ['code 103 on every answer', { kind: 'code', code: 103 }],
  ['status 503 on every answer', { kind: 'status', status: 503 }],
  ['status 400 with a catalog body', { kind: 'status', status: 400, body: '{"code":2,"message":"Bad Request"}' }],
  ['a body on every 200', { kind: 'body200', body: '{"sent":true}' }],
];

const CASES = FAULTS.flatMap(([name, fault]) => SIDES.map((side): [string, FaultSpec, Side] => [`${name}, on ${side} only`, fault, side]));

async function runWithFault(fault: FaultSpec, side: Side): Promise<ConformanceReport> {
  const { report } = await runSession({ onInternalFault: () => {} }, {
    arrange: (provider) => provider.admin.injectFault({ ...fault, operation: side, forMs: 10 * 60 * 1000 }),
  });
  return report;
}

const parityOf = (r: ScenarioResult) => (r.failures ?? []).filter((f) => f.check === 'parity');
const ownFailures = (r: ScenarioResult | undefined) => (r?.failures ?? []).filter((f) => f.check !== 'parity');

/** The operations a parity sentence says answered as documented. */
function calledDocumented(message: string): string[] {
  const named = [...message.matchAll(/which (\w+) answered \(/g), ...message.matchAll(/the same answer as (\w+), which gave [^\n]*, as the spec documents/g)];
  return named.map((m) => m[1]!);
}

describe('a fault on one side: parity blames that side, and says only true things', () => {
  it.each(CASES)('%s', async (_name, fault, side) => {
    const report = await runWithFault(fault, side);
    const other = SIDES.find((s) => s !== side)!;
    const ran = report.results.filter((r) => r.verdict !== 'skip');

    // The side left alone answered as documented: no check of its own fails.
    expect(ran.filter((r) => r.operation === other && ownFailures(r).length > 0).map((r) => `${r.scenario}: ${r.reason}`)).toEqual([]);
    expect(ran.some((r) => r.operation === side && r.verdict === 'fail')).toBe(true);
    for (const r of ran.filter((x) => x.operation === side)) {
      const twin = ran.find((x) => x.operation === other && x.scenario === r.scenario);
      const differ = Boolean(twin?.observed && r.observed && (twin.observed.status !== r.observed.status || twin.observed.code !== r.observed.code));
      if (!differ) {
        expect(parityOf(r).length + parityOf(twin!).length, `${r.scenario}`).toBe(0);
      } else if (ownFailures(r).length > 0) {
        // The faulted side's answer is not the documented one: the parity failure is its own, the other passes.
        expect(parityOf(r), `${r.operation} ${r.scenario}`).toHaveLength(1);
        expect(twin?.verdict, `${twin?.operation} ${r.scenario}`).toBe('pass');
      } else {
        // Both answers are documented (a catalog code other than 6 on malformed input): they must still be alike,
        // which is the deprecated method's failure, and the sentence says both answers pass.
        const deprecated = r.operation === 'sendOtpDisposable' ? r : twin!;
        expect(parityOf(deprecated).map((f) => f.message).join('')).toMatch(/Both answers pass this step's checks/);
      }
    }
    // No sentence names a side as documented when that side failed a check of the same step.
    for (const r of ran) {
      for (const failure of parityOf(r)) {
        for (const operation of calledDocumented(failure.message)) {
          const step = report.results.find((x) => x.operation === operation && x.scenario === r.scenario);
          expect(ownFailures(step), `${failure.message}`).toEqual([]);
        }
      }
    }
  });
});

describe('faults on both sides', () => {
  it('a body on sendOtp\'s 200 and code 6 on the twin: neither is called documented, each fails on its own checks', async () => {
    const { report } = await runSession({ onInternalFault: () => {} }, {
      arrange: async (provider) => {
        await provider.admin.injectFault({ kind: 'body200', body: '{"sent":true}', operation: 'sendOtp', forMs: 600_000 });
        await provider.admin.injectFault({ kind: 'code', code: 6, operation: 'sendOtpDisposable', forMs: 600_000 });
      },
    });
    const step = (operation: Side) => report.results.find((r) => r.operation === operation && r.scenario === 'fixture:smsActive')!;

    expect(ownFailures(step('sendOtp')).map((f) => f.check)).toEqual(['empty-200']);
    expect(ownFailures(step('sendOtpDisposable')).map((f) => f.check)).toEqual(['status', 'provider-fault']);
    expect(parityOf(step('sendOtp'))).toEqual([]);
    expect(parityOf(step('sendOtpDisposable')).map((f) => f.message)).toEqual([
      'Received: HTTP 500 with code 6 from sendOtpDisposable\nDocumented: the same answer as sendOtp, which gave HTTP 200 with a ' +
        'body of 13 bytes. Neither answer is the documented one (HTTP 200 with an empty body (zero bytes)): each fails on its ' +
        'own checks (sendOtp: empty-200; sendOtpDisposable: status, provider-fault)',
    ]);
  });
});
