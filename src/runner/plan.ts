// `--plan`: every request a run would make, in order, with its expected outcome and whether it may deliver a
// real message, and how many real sends the budget allows. Nothing is sent: this only reads the session's steps.
import type { Expected } from '../results/model.ts';
import { ConformanceSession, FILTERED_OUT } from './session.ts';

export interface PlannedStep {
  operation: string;
  scenario: string;
  expected: Expected;
  /** `send`: may deliver a real message (within the budget); `skip`: will not be sent, and why. */
  disposition: { kind: 'request'; delivers: boolean } | { kind: 'skip'; reason: string };
}

export interface RunPlan {
  steps: PlannedStep[];
  /** Requests the run would make, and how many of them may deliver a message. */
  requests: number;
  sends: number;
  /** LEAN_MAX_SENDS (Infinity: unlimited). */
  maxSends: number;
}

export function planRun(session: ConformanceSession, maxSends: number): RunPlan {
  let budget = maxSends;
  const steps = session.steps.map((step): PlannedStep => {
    const base = { operation: step.operation, scenario: step.scenario.name, expected: step.scenario.expected };
    if (!session.isSelected(step)) return { ...base, disposition: { kind: 'skip', reason: FILTERED_OUT } };
    if (step.scenario.skip) return { ...base, disposition: { kind: 'skip', reason: step.scenario.skip } };
    if (ConformanceSession.isSend(step)) {
      if (budget < 1) return { ...base, disposition: { kind: 'skip', reason: `send budget spent: LEAN_MAX_SENDS=${maxSends}` } };
      budget -= 1;
      return { ...base, disposition: { kind: 'request', delivers: true } };
    }
    return { ...base, disposition: { kind: 'request', delivers: false } };
  });
  const requests = steps.filter((s) => s.disposition.kind === 'request');
  return {
    steps,
    requests: requests.length,
    sends: requests.filter((s) => s.disposition.kind === 'request' && s.disposition.delivers).length,
    maxSends,
  };
}

function expectation(expected: Expected): string {
  if (expected.status === null) return 'no HTTP answer (TLS refused)';
  if (expected.status === 200) return '200, zero bytes';
  return expected.code === null ? '500, a catalog code other than 6' : `500, code ${expected.code}`;
}

/** @param retries LEAN_RETRIES, said at the end: which requests may be retried, and that the others never are. */
export function formatPlan(plan: RunPlan, target: string, retries?: number): string {
  const lines = [`plan of a conformance run against ${target} (nothing is sent)`, ''];
  const width = Math.max(...plan.steps.map((s) => s.scenario.length));
  for (const step of plan.steps) {
    const what = step.disposition.kind === 'skip'
      ? `skip: ${step.disposition.reason}`
      : `${expectation(step.expected)}${step.disposition.delivers ? '  ← may deliver a real message' : ''}`;
    lines.push(`  ${step.operation.padEnd(18)} ${step.scenario.padEnd(width)}  ${what}`);
  }
  const budget = Number.isFinite(plan.maxSends) ? String(plan.maxSends) : 'unlimited';
  lines.push('', `${plan.requests} request(s), of which ${plan.sends} may deliver a real message; the budget allows ${budget} (LEAN_MAX_SENDS).`);
  if (retries !== undefined) {
    lines.push(retries === 0
      ? 'No request is retried or asked again (LEAN_RETRIES=0).'
      : `A request that cannot deliver is retried up to ${retries} time(s) on a transient outcome (no answer, 429, a gateway's ` +
        '502/503/504) and a failing answer is asked once more (LEAN_RETRIES); a request that may deliver never is.');
  }
  return `${lines.join('\n')}\n`;
}
