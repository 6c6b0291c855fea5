import { describe, expect, it } from 'vitest';
import type { BaselineEntry } from '../../src/baseline/types.ts';
import { checkBaselineScenarios } from '../../src/config/baseline-scenarios.ts';

const entry = (scenario: string): BaselineEntry => ({
  operation: 'sendOtp', scenario, observed: { status: 500, code: 2 }, reason: 'TICKET-1', until: '2099-12-31',
});

const CASES: [string, { scenario: string; want: string | null }][] = [
  ['a malformed step of this release', { scenario: 'malformed:not-json:2', want: null }],
  ['a fixed malformed body', { scenario: 'malformed:empty-body', want: null }],
  ['a misspelt scenario', {
    scenario: 'fixture:notSmsDevise',
    want: 'LEAN_BASELINE: b.json: entry [0].scenario "fixture:notSmsDevise" is not a scenario of the suite (did you mean fixture:notSmsDevice?).',
  }],
  ["an earlier release's malformed name, whose body depended on the seed", {
    scenario: 'malformed:03:not-json',
    want: 'LEAN_BASELINE: b.json: entry [0].scenario "malformed:03:not-json" is not a scenario of the suite (an earlier ' +
      "release's name: malformed steps are now named by kind and index within the kind, `malformed:<kind>` for the fixed " +
      'body, `malformed:<kind>:<n>` for the n-th drawn one).',
  }],
];

describe('baseline entries name scenarios of this release', () => {
  it.each(CASES)('%s', (_name, { scenario, want }) => {
    const check = () => checkBaselineScenarios([entry(scenario)], 'b.json');
    if (want === null) expect(check).not.toThrow();
    else expect(check).toThrow(want.replace(/^LEAN_BASELINE: /, ''));
  });
});
