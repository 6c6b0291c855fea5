// The scenarios that need no holder in a particular state: one per request of PROVOCATION_REQUESTS (the
// definition the pact generator reads too), each expecting the code its catalog entry names.
import { FIXTURE_FREE_SCENARIOS, PROVOCATIONS, type ErrorCode } from '../catalog/index.ts';
import type { SendOverrides } from '../client/types.ts';
import { errorStateHolder, idPlaceholder, type ScenarioContext, type StatedHolder } from './context.ts';
import { INVALID_USERNAME_PREFIX, PROVOCATION_REQUESTS, type ProvocationRequest, type ValueSource } from './provocations.ts';
import { randomId } from './random-id.ts';
import type { Scenario } from './scenario.ts';

const FIELDS = ['certIdOtp', 'deviceCode'] as const;

function resolve(source: ValueSource, field: (typeof FIELDS)[number], holder: StatedHolder | undefined): string {
  if (source === 'unknown' || holder === undefined) return randomId(field === 'certIdOtp' ? 'cert' : 'device');
  return holder.holder[field];
}

function overridesOf(request: ProvocationRequest): SendOverrides | undefined {
  const overrides: SendOverrides = {};
  if (request.credentials === 'invalid') {
    overrides.credentials = { username: randomId(INVALID_USERNAME_PREFIX), password: randomId('wrong-password') };
  }
  if (request.onBehalfOf === 'invalid') overrides.onBehalfOf = randomId('not-a-delegate');
  return Object.keys(overrides).length > 0 ? overrides : undefined;
}

function scenarioOf(name: string, request: ProvocationRequest, code: ErrorCode, ctx: ScenarioContext): Scenario {
  const holder = errorStateHolder(ctx);
  const body: Record<string, string> = {};
  const placeholders: Record<string, string> = {};
  const needsHolder = Object.values(request.body).includes('holder');
  for (const field of FIELDS) {
    const source = request.body[field];
    if (source === undefined) continue;
    body[field] = resolve(source, field, holder);
    if (source !== 'unknown' && holder) placeholders[body[field]] = idPlaceholder(holder.state, field);
  }
  const overrides = overridesOf(request);
  return {
    name: request.variant ? `${name}:${request.variant}` : name,
    kind: 'error',
    expected: { status: 500, code },
    request: { body },
    ...(overrides ? { overrides } : {}),
    usesFixtureHolder: needsHolder,
    placeholders,
    describe: request.describe,
    ...(needsHolder && !holder
      ? { skip: ctx.fixtures ? 'needs a fixture holder in an error state (never a success holder: it could receive a message)' : 'needs a fixture holder in an error state (LEAN_FIXTURES)' }
      : {}),
  };
}

export function fixtureFreeScenarios(ctx: ScenarioContext): Scenario[] {
  return FIXTURE_FREE_SCENARIOS.flatMap((name) => {
    const code = PROVOCATIONS.scenarios.get(name);
    if (code === undefined) throw new Error(`No catalog code for the scenario ${name}.`);
    return PROVOCATION_REQUESTS[name].map((request) => scenarioOf(name, request, code, ctx));
  });
}
