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
  type FixtureState,
  type OperationId,
} from '../../src/catalog/index.ts';
import { basicAuthorization } from '../../src/net/basic-auth.ts';
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

/** The fixture-free scenarios, named as in the catalog's `provokedBy.scenario`. */
export const SCENARIO_NAMES = ['missingFields', 'unknownCertIdOtp', 'wrongDeviceCode', 'wrongCredentials', 'invalidOnBehalfOf'] as const;
export type ScenarioName = (typeof SCENARIO_NAMES)[number];

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

function scenarioInteraction(op: OperationId, scenario: ScenarioName): ContractInteraction {
  const code = scenarioCode(op, scenario);
  const unknownIds = {
    certIdOtp: v('unknownCertIdOtp', EXAMPLES.unknownCertIdOtp),
    deviceCode: v('unknownDeviceCode', EXAMPLES.unknownDeviceCode),
  };
  const base = { operation: op, scenario, state: NO_HOLDER_STATE, response: error(op, code), isSend: false } as const;
  const reports = `${op}: reports catalog error ${code}`;
  switch (scenario) {
    case 'missingFields':
      return {
        ...base,
        description: `a ${op} request with neither certIdOtp nor deviceCode`,
        testName: `${reports} when it sends an empty object`,
        request: { body: {}, headers: { Authorization: BASIC_AUTHORIZATION } },
        client: { password: 'right' },
      };
    case 'unknownCertIdOtp':
      return {
        ...base,
        description: `a ${op} request with a certIdOtp no holder has`,
        testName: `${reports} when it sends a certIdOtp no holder has`,
        request: { body: unknownIds, headers: { Authorization: BASIC_AUTHORIZATION } },
        client: { password: 'right' },
      };
    case 'wrongDeviceCode':
      return {
        ...base,
        state: WRONG_DEVICE_CODE_HOLDER_STATE,
        description: `a ${op} request with a holder's certIdOtp and a deviceCode that is not the holder's`,
        testName: `${reports} when it sends a holder's certIdOtp with another deviceCode`,
        request: {
          body: { certIdOtp: v('certIdOtp', EXAMPLES.certIdOtp), deviceCode: v('unknownDeviceCode', EXAMPLES.unknownDeviceCode) },
          headers: { Authorization: BASIC_AUTHORIZATION },
        },
        client: { password: 'right' },
      };
    case 'wrongCredentials':
      return {
        ...base,
        description: `a ${op} request with the configured user and a wrong password`,
        testName: `${reports} when it is configured with a wrong password`,
        request: {
          body: unknownIds,
          headers: { Authorization: v('wrongAuthorization', basic(CONSUMER_TEST_CREDENTIALS.username, CONSUMER_TEST_CREDENTIALS.wrong)) },
        },
        client: { password: 'wrong' },
      };
    case 'invalidOnBehalfOf':
      return {
        ...base,
        description: `a ${op} request with an on-behalf-of value that is not accepted`,
        testName: `${reports} when it sends an on-behalf-of value that is not accepted`,
        request: { body: unknownIds, headers: { Authorization: BASIC_AUTHORIZATION, 'on-behalf-of': v('invalidOnBehalfOf', CONSUMER_TEST_INVALID_ON_BEHALF_OF) } },
        client: { password: 'right', onBehalfOf: CONSUMER_TEST_INVALID_ON_BEHALF_OF },
      };
  }
}

function isScenarioName(name: string): name is ScenarioName {
  return (SCENARIO_NAMES as readonly string[]).includes(name);
}

/** The scenarios an operation's catalog names, in catalog order; an unknown name is an error, not a skip. */
function scenariosOf(op: OperationId): ScenarioName[] {
  return catalogOf(op).flatMap((entry) => {
    if (!entry.provokedBy || !('scenario' in entry.provokedBy)) return [];
    const name = entry.provokedBy.scenario;
    if (!isScenarioName(name)) {
      throw new Error(`The catalog of ${op} names the scenario ${name}, which has no contract interaction: add it to interactions.ts.`);
    }
    return [name];
  });
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
