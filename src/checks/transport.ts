import { failed, NOT_APPLICABLE, PASS, type Check } from './check.ts';
import { describeExpected } from './describe.ts';

/** An HTTP answer was due and none came: timeout, tls, refused, reset, dns or other. */
export const transport: Check = {
  name: 'transport',
  run({ scenario }, outcome) {
    if (scenario.kind === 'tls-refusal') return NOT_APPLICABLE; // tls-refused judges that scenario
    if (outcome.kind !== 'transport-failure') return PASS;
    return failed('transport', `transport failure: ${outcome.errorClass}`,
      `no HTTP answer (${outcome.errorClass}: ${outcome.detail})`, describeExpected(scenario.expected));
  },
};
