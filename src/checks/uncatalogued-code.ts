import { failed, NOT_APPLICABLE, type Check } from './check.ts';
import { describeExpected } from './describe.ts';

/** An integer code outside the operation's catalog: undocumented behaviour. */
export const uncataloguedCode: Check = {
  name: 'uncatalogued-code',
  run({ operation, scenario }, outcome) {
    if (outcome.kind !== 'protocol-violation' || outcome.violation !== 'uncatalogued-code') return NOT_APPLICABLE;
    return failed('uncatalogued-code', `uncatalogued code ${outcome.code}`,
      `HTTP ${outcome.status} with code ${outcome.code}, which is not in the ${operation} catalog`,
      describeExpected(scenario.expected, scenario.kind === 'malformed'));
  },
};
