// A step is flaky across runs when its verdict changed more than once in the sequence (interface.md, "Compare:
// flaky steps"): pass → fail → pass says more about the target or the network than about a release. Only steps
// that ran count: a skip (a filter, a budget, an unavailable target) is no verdict of the step, and `known` is a
// failure a baseline accepted, so a baseline edited between runs is no flip either.
import type { FlakyStep, ScenarioResult } from '../results/model.ts';

/** Runs needed before a step can be called flaky: two changes need three verdicts. */
export const FLAKY_MIN_RUNS = 3;

type Judged = 'pass' | 'fail';

function judged(r: ScenarioResult | undefined): Judged | null {
  if (r === undefined || r.verdict === 'skip') return null;
  return r.verdict === 'pass' ? 'pass' : 'fail';
}

/** Verdict changes between consecutive runs in which the step ran. */
export function flipsOf(byRun: readonly (ScenarioResult | undefined)[]): number {
  const verdicts = byRun.map(judged).filter((v): v is Judged => v !== null);
  let flips = 0;
  for (let i = 1; i < verdicts.length; i += 1) if (verdicts[i] !== verdicts[i - 1]) flips += 1;
  return flips;
}

export function flakySteps(steps: Iterable<{ operation: string; scenario: string; byRun: readonly (ScenarioResult | undefined)[] }>): FlakyStep[] {
  const flaky: FlakyStep[] = [];
  for (const { operation, scenario, byRun } of steps) {
    const flips = flipsOf(byRun);
    if (flips > 1) flaky.push({ operation, scenario, flips });
  }
  return flaky.sort((a, b) => b.flips - a.flips);
}
