// The scenarios that need no holder in any particular state. Which codes they provoke is read from the
// catalogs (`provokedBy.scenario`); how each one builds its requests is the registry below. A scenario name
// in the spec without a builder here is an error at startup, so the spec cannot outgrow the suite silently.
import { catalogOf, OPERATION_IDS, type ErrorCode } from '../catalog/index.ts';
import { anyHolder, type ScenarioContext } from './context.ts';
import { randomId } from './random-id.ts';
import type { Scenario } from './scenario.ts';

type Builder = (ctx: ScenarioContext, code: ErrorCode) => Scenario[];

const error = (code: ErrorCode) => ({ kind: 'error' as const, expected: { status: 500, code } });

const BUILDERS: Record<string, Builder> = {
  missingFields(ctx, code) {
    const holder = anyHolder(ctx);
    const certIdOtp = holder?.certIdOtp ?? randomId('cert');
    const deviceCode = holder?.deviceCode ?? randomId('device');
    return [
      { name: 'missingFields:empty-object', request: { body: {} }, describe: 'an empty JSON object' },
      { name: 'missingFields:only-deviceCode', request: { body: { deviceCode } }, describe: 'deviceCode alone' },
      { name: 'missingFields:only-certIdOtp', request: { body: { certIdOtp } }, describe: 'certIdOtp alone' },
    ].map((s) => ({ ...s, ...error(code), usesFixtureHolder: false }));
  },
  unknownCertIdOtp(ctx, code) {
    const deviceCode = anyHolder(ctx)?.deviceCode ?? randomId('device');
    return [{
      name: 'unknownCertIdOtp', ...error(code), usesFixtureHolder: false,
      request: { body: { certIdOtp: randomId('cert'), deviceCode } },
      describe: 'a random certIdOtp with a known deviceCode',
    }];
  },
  wrongDeviceCode(ctx, code) {
    const holder = anyHolder(ctx);
    return [{
      name: 'wrongDeviceCode', ...error(code), usesFixtureHolder: true,
      request: { body: { certIdOtp: holder?.certIdOtp ?? '', deviceCode: randomId('device') } },
      describe: "a fixture holder's certIdOtp with a random deviceCode",
      ...(holder ? {} : { skip: 'needs a fixture holder in any state (LEAN_FIXTURES)' }),
    }];
  },
  wrongCredentials(ctx, code) {
    const username = ctx.credentials?.username ?? randomId('user');
    const holder = anyHolder(ctx);
    return [{
      name: 'wrongCredentials', ...error(code), usesFixtureHolder: false,
      request: { body: { certIdOtp: holder?.certIdOtp ?? randomId('cert'), deviceCode: holder?.deviceCode ?? randomId('device') } },
      overrides: { credentials: { username, password: randomId('wrong-password') } },
      describe: 'the configured user with a wrong password',
    }];
  },
  invalidOnBehalfOf(ctx, code) {
    const holder = anyHolder(ctx);
    return [{
      name: 'invalidOnBehalfOf', ...error(code), usesFixtureHolder: false,
      request: { body: { certIdOtp: holder?.certIdOtp ?? randomId('cert'), deviceCode: holder?.deviceCode ?? randomId('device') } },
      overrides: { onBehalfOf: randomId('not-a-delegate') },
      describe: 'a random on-behalf-of value',
    }];
  },
};

/** The fixture-free scenario names of the spec with the code each provokes, the same in every catalog. */
export function fixtureFreeProvocations(): Map<string, ErrorCode> {
  const found = new Map<string, ErrorCode>();
  for (const op of OPERATION_IDS) {
    for (const entry of catalogOf(op)) {
      if (!entry.provokedBy || !('scenario' in entry.provokedBy)) continue;
      const name = entry.provokedBy.scenario;
      const seen = found.get(name);
      if (seen !== undefined && seen !== entry.code) {
        throw new Error(`Scenario ${name} provokes code ${seen} in one catalog and ${entry.code} in ${op}'s.`);
      }
      found.set(name, entry.code);
    }
  }
  return found;
}

export function fixtureFreeScenarios(ctx: ScenarioContext): Scenario[] {
  return [...fixtureFreeProvocations()].flatMap(([name, code]) => {
    const build = BUILDERS[name];
    if (!build) throw new Error(`The spec names scenario "${name}" in provokedBy, but the suite has no builder for it.`);
    return build(ctx, code);
  });
}
