// The consumer's interactions, derived from the spec's catalog and fixture states (src/catalog) and never
// listed by hand: for each operation, one interaction per fixture state (a success state → 200 with an empty
// body, an error state → 500 with its code), plus one per fixture-free scenario the catalog names in
// `provokedBy.scenario`. The descriptions here are plain data; `pact-builder.ts` turns them into Pact DSL calls,
// and the guards, the filter and the state handlers read the same data, so they cannot drift apart.
import {
  catalogEntry,
  catalogOf,
  FIXTURE_STATES,
  OPERATIONS,
  scenarioCode,
  type ErrorCode,
  type FixtureFreeScenario,
  type FixtureState,
  type OperationId,
} from '../../src/catalog/index.ts';
import { basicAuthorization } from '../../src/net/basic-auth.ts';
import { PROVOCATION_REQUESTS, type ValueSource } from '../../src/scenarios/provocations.ts';
import { NO_HOLDER_STATE } from '../shared/names.ts';
import { AUTHORIZATION_PLACEHOLDER, CONSUMER_TEST_CREDENTIALS } from '../shared/placeholder.ts';
import type { StateValue } from '../shared/state-values.ts';

export { STATE_VALUES, type HolderValue, type NoHolderValue, type StateValue } from '../shared/state-values.ts';

/** A request value the verifier takes from the provider state; `example` is what the consumer test sends. */
export interface FromState {
  readonly fromProviderState: StateValue;
  readonly example: string;
}

/** A request value recorded by its format only (a regex matcher); the verifier sends `example`. */
export interface Pattern {
  readonly pattern: string;
  readonly example: string;
}

export type RequestValue = FromState | Pattern;

/**
 * The holder state used by the wrong-deviceCode interaction. The verifier needs some real holder's certIdOtp;
 * a device must be found by its deviceCode before its activity can be checked, so a holder whose device is
 * not active still answers 85 to a wrong deviceCode, and even a provider that ignored the deviceCode could
 * not deliver an OTP to it (it would answer 66 and fail the interaction, as it should).
 */
export const WRONG_DEVICE_CODE_HOLDER_STATE = 'deviceNotActive';

export interface ContractInteraction {
  readonly operation: OperationId;
  /** Fixture state name, or the scenario name for the fixture-free ones. */
  readonly scenario: string;
  /** The Pact provider state (`given`). */
  readonly state: string;
  /** `uponReceiving`: describes the request; unique within the pact. */
  readonly description: string;
  /** The consumer test's name: what the client does. */
  readonly testName: string;
  readonly request: {
    /** The JSON body; each field comes from the provider state. `{}` for the missing-fields interaction. */
    readonly body: Readonly<Record<string, FromState>>;
    /** Headers recorded in the pact: Authorization always (the spec requires it), on-behalf-of when tested. */
    readonly headers: Readonly<Partial<Record<'Authorization' | 'on-behalf-of', RequestValue>>>;
  };
  /** How the consumer test configures the client, so that it sends what the pact records. */
  readonly client: { readonly password: 'right' | 'wrong'; readonly onBehalfOf?: string };
  readonly response: { readonly status: 200 } | { readonly status: 500; readonly code: ErrorCode; readonly exampleMessage: string };
  /** Verifying it makes the provider deliver a real OTP: it counts against LEAN_MAX_SENDS. */
  readonly isSend: boolean;
}

export { AUTHORIZATION_PLACEHOLDER, CONSUMER_TEST_CREDENTIALS };
export const CONSUMER_TEST_INVALID_ON_BEHALF_OF = 'contract-unknown-lra';

function basic(username: string, password: string): string {
  return basicAuthorization({ username, password });
}

const BASIC_AUTHORIZATION: Pattern = { pattern: '^Basic [A-Za-z0-9+/]+={0,2}$', example: AUTHORIZATION_PLACEHOLDER };

const EXAMPLES = {
  certIdOtp: 'CERT-ID-OTP-EXAMPLE',
  deviceCode: 'DEVICE-CODE-EXAMPLE',
  unknownCertIdOtp: 'CERT-ID-OTP-UNKNOWN',
  unknownDeviceCode: 'DEVICE-CODE-UNKNOWN',
} as const;

const v = (name: StateValue, example: string): FromState => ({ fromProviderState: name, example });

function meaningOf(op: OperationId, code: ErrorCode): string {
  const entry = catalogEntry(op, code);
  if (!entry) throw new Error(`Code ${code} is not in the catalog of ${op}.`);
  return entry.meaning;
}

function error(op: OperationId, code: ErrorCode): ContractInteraction['response'] {
  return { status: 500, code, exampleMessage: meaningOf(op, code) };
}

function fixtureInteraction(op: OperationId, state: FixtureState): ContractInteraction {
  const body = { certIdOtp: v('certIdOtp', EXAMPLES.certIdOtp), deviceCode: v('deviceCode', EXAMPLES.deviceCode) };
  const common = { operation: op, scenario: state.name, state: state.name, request: { body, headers: { Authorization: BASIC_AUTHORIZATION } }, client: { password: 'right' } } as const;
  if (state.outcome === 'sent') {
    return {
      ...common,
      description: `a ${op} request for a holder whose ${state.channel} device is active (${state.name})`,
      testName: `${op}: reports the OTP as sent to a holder whose ${state.channel} device is active (${state.name})`,
      response: { status: 200 },
      isSend: true,
    };
  }
  return {
    ...common,
    description: `a ${op} request for a holder in state ${state.name}`,
    testName: `${op}: reports catalog error ${state.code} (${meaningOf(op, state.code)}) for a holder in state ${state.name}`,
    response: error(op, state.code),
    isSend: false,
  };
}

/** The words of each fixture-free interaction. Keyed by the spec's union: a new scenario needs its pact text. */
const SCENARIO_TEXT: Readonly<Record<FixtureFreeScenario, { readonly description: string; readonly testName: string }>> = {
  missingFields: { description: 'a {op} request with neither certIdOtp nor deviceCode', testName: 'when it sends an empty object' },
  unknownCertIdOtp: { description: 'a {op} request with a certIdOtp no holder has', testName: 'when it sends a certIdOtp no holder has' },
  wrongDeviceCode: {
    description: "a {op} request with a holder's certIdOtp and a deviceCode that is not the holder's",
    testName: "when it sends a holder's certIdOtp with another deviceCode",
  },
  wrongCredentials: {
    description: 'a {op} request with a user name that cannot exist and a random password',
    testName: 'when it is configured with wrong credentials',
  },
  invalidOnBehalfOf: {
    description: 'a {op} request with an on-behalf-of value that is not accepted',
    testName: 'when it sends an on-behalf-of value that is not accepted',
  },
};

/** The state value a body field takes in the pact: a holder state's own ids, or values no environment knows. */
function fieldValue(field: 'certIdOtp' | 'deviceCode', source: ValueSource, holderState: boolean): FromState {
  if (source === 'holder' || (source === 'holder-or-unknown' && holderState)) return v(field, EXAMPLES[field]);
  const unknown = field === 'certIdOtp' ? 'unknownCertIdOtp' : 'unknownDeviceCode';
  return v(unknown, EXAMPLES[unknown]);
}

/**
 * The interaction of a fixture-free scenario: the first request of its definition in src/scenarios/provocations.ts
 * (the one the suite sends too), resolved for a pact. A request that needs a holder runs in a holder state; the
 * others in the `no holder` state, where every id is one no environment knows.
 */
function scenarioInteraction(op: OperationId, scenario: FixtureFreeScenario): ContractInteraction {
  const code = scenarioCode(op, scenario);
  const [request] = PROVOCATION_REQUESTS[scenario];
  if (!request) throw new Error(`The scenario ${scenario} defines no request.`);
  const holderState = Object.values(request.body).includes('holder');
  const body: Record<string, FromState> = {};
  for (const field of ['certIdOtp', 'deviceCode'] as const) {
    const source = request.body[field];
    if (source !== undefined) body[field] = fieldValue(field, source, holderState);
  }
  const headers: Partial<Record<'Authorization' | 'on-behalf-of', RequestValue>> = {
    Authorization: request.credentials === 'invalid'
      ? v('wrongAuthorization', basic(CONSUMER_TEST_CREDENTIALS.username, CONSUMER_TEST_CREDENTIALS.wrong))
      : BASIC_AUTHORIZATION,
  };
  if (request.onBehalfOf === 'invalid') headers['on-behalf-of'] = v('invalidOnBehalfOf', CONSUMER_TEST_INVALID_ON_BEHALF_OF);
  const text = SCENARIO_TEXT[scenario];
  return {
    operation: op,
    scenario,
    state: holderState ? WRONG_DEVICE_CODE_HOLDER_STATE : NO_HOLDER_STATE,
    description: text.description.replace('{op}', op),
    testName: `${op}: reports catalog error ${code} ${text.testName}`,
    request: { body, headers },
    client: {
      password: request.credentials === 'invalid' ? 'wrong' : 'right',
      ...(request.onBehalfOf === 'invalid' ? { onBehalfOf: CONSUMER_TEST_INVALID_ON_BEHALF_OF } : {}),
    },
    response: error(op, code),
    isSend: false,
  };
}

/** The scenarios an operation's catalog names, in catalog order (the catalog reader checks every name). */
function scenariosOf(op: OperationId): FixtureFreeScenario[] {
  return catalogOf(op).flatMap((entry) => (entry.provokedBy && 'scenario' in entry.provokedBy ? [entry.provokedBy.scenario] : []));
}

/** Every interaction of the pact: both operations, each fixture state, then each fixture-free scenario. */
export function contractInteractions(): ContractInteraction[] {
  const all = OPERATIONS.flatMap((op) => [
    ...FIXTURE_STATES.map((state) => fixtureInteraction(op.id, state)),
    ...scenariosOf(op.id).map((scenario) => scenarioInteraction(op.id, scenario)),
  ]);
  const seen = new Set<string>();
  for (const i of all) {
    if (seen.has(i.description)) throw new Error(`Two interactions share the description "${i.description}".`);
    seen.add(i.description);
  }
  return all;
}

/** The provider states the pact may name: every fixture state, plus `no holder`. */
export const PROVIDER_STATES: readonly string[] = [...FIXTURE_STATES.map((s) => s.name), NO_HOLDER_STATE];
