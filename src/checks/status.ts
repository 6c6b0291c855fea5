import { failed, NOT_APPLICABLE, PASS, type Check } from './check.ts';
import { describeExpected, describeOutcome, statusOf } from './describe.ts';

/** Success is 200 and every failure is 500: any other status, or the wrong one of the two, fails. */
export const status: Check = {
  name: 'status',
  run({ scenario }, outcome) {
    const observed = statusOf(outcome);
    if (observed === null || scenario.expected.status === null) return NOT_APPLICABLE;
    if (observed === scenario.expected.status) return PASS;
    return failed('status', `status ${observed} instead of ${scenario.expected.status}`,
      describeOutcome(outcome), describeExpected(scenario.expected, scenario.kind === 'malformed'));
  },
};
