import type { SendOutcome } from '../client/types.ts';
import type { CheckName, Failure } from '../results/model.ts';
import type { CheckContext } from './check.ts';
import { CHECKS } from './registry.ts';

/**
 * Runs every check not switched off and collects every failure; a check that throws is a failure of that check,
 * not a crash.
 */
export function runChecks(ctx: CheckContext, outcome: SendOutcome, off: ReadonlySet<CheckName> = new Set()): Failure[] {
  const failures: Failure[] = [];
  for (const check of CHECKS.values()) {
    if (off.has(check.name)) continue;
    try {
      const result = check.run(ctx, outcome);
      if (result.status === 'fail') failures.push(result.failure);
    } catch (error) {
      failures.push({ check: check.name, title: 'check crashed', message: error instanceof Error ? error.message : String(error) });
    }
  }
  return failures;
}
