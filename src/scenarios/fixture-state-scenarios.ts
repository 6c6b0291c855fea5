// One scenario per fixture state of the spec: the holder the fixture file names for that state must get the
// state's documented outcome. Success states are real sends.
import { FIXTURE_STATES } from '../catalog/index.ts';
import { idPlaceholder, type ScenarioContext } from './context.ts';
import type { Scenario } from './scenario.ts';

export function fixtureStateScenarios(ctx: ScenarioContext): Scenario[] {
  return FIXTURE_STATES.map((state): Scenario => {
    const holder = ctx.fixtures?.holders[state.name];
    const base = {
      name: `fixture:${state.name}`,
      usesFixtureHolder: true,
      request: { body: holder ? { certIdOtp: holder.certIdOtp, deviceCode: holder.deviceCode } : {} },
      describe: `the fixture holder in state ${state.name}`,
      placeholders: holder ? { [holder.certIdOtp]: idPlaceholder(state.name, 'certIdOtp'), [holder.deviceCode]: idPlaceholder(state.name, 'deviceCode') } : {},
      ...(holder ? {} : { skip: ctx.fixtures ? `no holder for state ${state.name} in the fixture file` : 'no fixture file (LEAN_FIXTURES)' }),
    };
    return state.outcome === 'sent'
      ? { ...base, kind: 'success', expected: { status: 200, code: null } }
      : { ...base, kind: 'error', expected: { status: 500, code: state.code } };
  });
}
