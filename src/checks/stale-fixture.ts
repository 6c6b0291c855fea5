import { failed, NOT_APPLICABLE, PASS, type Check, type CheckContext } from './check.ts';
import type { SendOutcome } from '../client/types.ts';
import { PROVOCATIONS } from '../catalog/index.ts';

// The codes that say "this holder does not exist here" (62, 85), read from the catalog: a fixture holder
// answered with one of them points at the fixture file, not at the API.
const UNKNOWN_HOLDER_CODES: ReadonlySet<number> = new Set(
  (['unknownCertIdOtp', 'wrongDeviceCode'] as const).map((name) => PROVOCATIONS.scenarios.get(name)).filter((c) => c !== undefined),
);

export function isStaleFixtureAnswer({ scenario }: CheckContext, outcome: SendOutcome): boolean {
  return scenario.usesFixtureHolder && outcome.kind === 'catalog-error' && UNKNOWN_HOLDER_CODES.has(outcome.code) &&
    outcome.code !== scenario.expected.code;
}

/** Tells fixture drift apart from an API regression. */
export const staleFixture: Check = {
  name: 'stale-fixture',
  run(ctx, outcome) {
    if (!ctx.scenario.usesFixtureHolder || outcome.kind !== 'catalog-error') return NOT_APPLICABLE;
    if (!isStaleFixtureAnswer(ctx, outcome)) return PASS;
    const expected = ctx.scenario.expected.status === 200 ? 'HTTP 200' : `code ${ctx.scenario.expected.code}`;
    return failed('stale-fixture', `suspected stale fixture (code ${outcome.code})`,
      `HTTP 500 with code ${outcome.code}: the target does not know this fixture holder`,
      `${expected} for ${ctx.scenario.describe}; check that the fixture file matches the target`);
  },
};
