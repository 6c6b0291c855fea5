import type { SendOutcome } from '../client/types.ts';
import type { Observed } from '../results/model.ts';
import { codeOf, statusOf } from '../checks/describe.ts';

/** The facts of an answer that reports keep: never its body, which may carry personal data. */
export function observe(outcome: SendOutcome): Observed {
  return {
    status: statusOf(outcome),
    code: codeOf(outcome),
    bodyBytes: outcome.kind === 'transport-failure' ? null : outcome.bodyBytes,
    transportError: outcome.kind === 'transport-failure' ? outcome.errorClass : null,
  };
}
