import { INTERNAL_FAULT_CODE } from '../catalog/index.ts';
import { failed, NOT_APPLICABLE, PASS, type Check } from './check.ts';
import { describeExpected } from './describe.ts';
import { isStaleFixtureAnswer } from './stale-fixture.ts';

/** A catalog code other than the one the scenario provokes: "wrong code", and which. */
export const expectedCode: Check = {
  name: 'expected-code',
  run(ctx, outcome) {
    const { expected } = ctx.scenario;
    // Code 6 and stale fixtures have checks of their own, with a more precise reason.
    if (expected.code === null || outcome.kind !== 'catalog-error' || outcome.code === INTERNAL_FAULT_CODE) return NOT_APPLICABLE;
    if (isStaleFixtureAnswer(ctx, outcome)) return NOT_APPLICABLE;
    if (outcome.code === expected.code) return PASS;
    return failed('expected-code', `wrong code ${outcome.code} instead of ${expected.code}`,
      `HTTP 500 with code ${outcome.code}`, describeExpected(expected));
  },
};
