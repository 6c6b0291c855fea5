// `--plan`: every request a run would make, in order, with its expected outcome and whether it may deliver a
// real message, and how many real sends the budget allows. Nothing is sent: this only reads the session's steps.
import type { Expected } from '../results/model.ts';
import { ConformanceSession, FILTERED_OUT } from './session.ts';

export interface PlannedStep {
  operation: string;
  scenario: string;
  expected: Expected;
  /** The request, for a malformed-input step: its body was drawn from the seed (the other steps' requests are fixed). */
  drawn?: string;
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
    const base = {
      operation: step.operation, scenario: step.scenario.name, expected: step.scenario.expected,
      ...(step.scenario.kind === 'malformed' ? { drawn: step.scenario.describe } : {}),
    };
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

export interface PlanHeading {
  /** The target, printable (no credentials). */
  target: string;
  /** The seed the run draws its malformed bodies from: LEAN_SEED=<seed> makes a run send exactly the bodies listed. */
  seed: number;
  /** LEAN_COMPARE_WITH, already read and validated. */
  compareWith?: string | undefined;
}

/**
 * A bare target (the signature of the first releases) prints no seed line.
 * @param retries LEAN_RETRIES, said at the end: which requests may be retried, and that the others never are.
 */
export function formatPlan(plan: RunPlan, target: string | PlanHeading, retries?: number): string {
  const heading = typeof target === 'string' ? { target } : target;
  const lines = [`plan of a conformance run against ${heading.target} (nothing is sent)`];
  if ('seed' in heading) lines.push(`seed ${heading.seed}: with LEAN_SEED=${heading.seed} a run sends exactly the malformed bodies listed below`);
  lines.push('');
  const width = Math.max(...plan.steps.map((s) => s.scenario.length));
  for (const step of plan.steps) {
    const what = step.disposition.kind === 'skip'
      ? `skip: ${step.disposition.reason}`
      : `${expectation(step.expected)}${step.disposition.delivers ? '  ← may deliver a real message' : ''}`;
    lines.push(`  ${step.operation.padEnd(18)} ${step.scenario.padEnd(width)}  ${what}`);
  }
  const drawn = new Map(plan.steps.filter((s) => s.drawn !== undefined && s.disposition.kind === 'request').map((s) => [s.scenario, s.drawn!]));
  if (drawn.size > 0) {
    lines.push('', `malformed bodies${'seed' in heading ? ` (seed ${heading.seed})` : ''}, each sent to every operation planned for it:`);
    for (const [scenario, body] of drawn) lines.push(`  ${scenario.padEnd(width)}  ${body}`);
  }
  const budget = Number.isFinite(plan.maxSends) ? String(plan.maxSends) : 'unlimited';
  lines.push('', `${plan.requests} request(s), of which ${plan.sends} may deliver a real message; the budget allows ${budget} (LEAN_MAX_SENDS).`);
  if ('compareWith' in heading && heading.compareWith !== undefined) lines.push(`The run ends with the comparison against ${heading.compareWith} (LEAN_COMPARE_WITH).`);
  if (retries !== undefined) {
    lines.push(retries === 0
      ? 'No request is retried or asked again (LEAN_RETRIES=0).'
      : `A request that cannot deliver is retried up to ${retries} time(s) on a transient outcome (no answer, 429, a gateway's ` +
        '502/503/504) and a failing answer is asked once more (LEAN_RETRIES); a request that may deliver never is.');
  }
  return `${lines.join('\n')}\n`;
}
