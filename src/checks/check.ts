// A check is a named function with one signature, `(ctx, outcome) => CheckResult`, registered once under its
// name. The name is the report label and the key of the failure; registering a name twice is an error.
import type { OperationId } from '../catalog/index.ts';
import type { SendOutcome } from '../client/types.ts';
import type { CheckName, Failure } from '../results/model.ts';
import type { Scenario } from '../scenarios/index.ts';

export interface CheckContext {
  operation: OperationId;
  scenario: Scenario;
  /** What the run saw before this answer: how many requests got an HTTP answer (0 when unknown). */
  run?: { readonly httpAnswers: number };
}

/** `skip`: the check does not apply to this answer (a precondition failed), which is neither pass nor fail. */
export type CheckResult = { status: 'pass' } | { status: 'skip' } | { status: 'fail'; failure: Failure };

export interface Check {
  name: CheckName;
  run(ctx: CheckContext, outcome: SendOutcome): CheckResult;
}

export const PASS: CheckResult = { status: 'pass' };
export const NOT_APPLICABLE: CheckResult = { status: 'skip' };

export function failed(check: CheckName, title: string, received: string, documented: string): CheckResult {
  return { status: 'fail', failure: { check, title, message: `Received: ${received}\nDocumented: ${documented}` } };
}
