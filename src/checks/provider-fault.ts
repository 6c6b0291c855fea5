import { INTERNAL_FAULT_CODE } from '../catalog/index.ts';
import { failed, NOT_APPLICABLE, type Check } from './check.ts';
import { describeExpected } from './describe.ts';

/** Code 6 is documented but never expected: wherever it appears, the provider had an internal fault. */
export const providerFault: Check = {
  name: 'provider-fault',
  run({ scenario }, outcome) {
    if (outcome.kind !== 'catalog-error' || outcome.code !== INTERNAL_FAULT_CODE) return NOT_APPLICABLE;
    return failed('provider-fault', `provider fault (code ${INTERNAL_FAULT_CODE})`,
      `HTTP 500 with code ${INTERNAL_FAULT_CODE}, the internal exception`,
      describeExpected(scenario.expected, scenario.kind === 'malformed'));
  },
};
