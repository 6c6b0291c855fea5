// --plan says which requests may be retried (LEAN_RETRIES) and that a request that may deliver never is.
import { describe, expect, it } from 'vitest';
import { formatPlan, type RunPlan } from '../../src/runner/plan.ts';

const plan: RunPlan = {
  steps: [{ operation: 'sendOtp', scenario: 'fixture:smsActive', expected: { status: 200, code: null }, disposition: { kind: 'request', delivers: true } }],
  requests: 1, sends: 1, maxSends: 1,
};

describe('formatPlan', () => {
  it.each<[number | undefined, RegExp | null]>([
    [2, /retried up to 2 time\(s\) on a transient outcome .* a request that may deliver never is\.\n$/],
    [0, /No request is retried or asked again \(LEAN_RETRIES=0\)\.\n$/],
    [undefined, null],
  ])('LEAN_RETRIES=%s', (retries, line) => {
    const text = formatPlan(plan, 'http://t', retries);
    if (line) expect(text).toMatch(line);
    else expect(text).not.toMatch(/retried/);
  });
});
