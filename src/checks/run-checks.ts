import type { SendOutcome } from '../client/types.ts';
import type { Failure } from '../results/model.ts';
import type { CheckContext } from './check.ts';
import { CHECKS } from './registry.ts';

/** Runs every check and collects every failure; a check that throws is a failure of that check, not a crash. */
export function runChecks(ctx: CheckContext, outcome: SendOutcome): Failure[] {
  const failures: Failure[] = [];
  for (const check of CHECKS.values()) {
    try {
      const result = check.run(ctx, outcome);
      if (result.status === 'fail') failures.push(result.failure);
    } catch (error) {
      failures.push({ check: check.name, title: 'check crashed', message: error instanceof Error ? error.message : String(error) });
    }
  }
  return failures;
}
