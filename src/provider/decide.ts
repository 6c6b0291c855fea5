// Request → outcome: the documented behaviour of both Send OTP operations, as one pure function over the
// request and the store. Every code comes from the spec's catalog (src/catalog): a fixture state's code from
// FIXTURE_STATES, the others from the catalog entry whose `provokedBy.scenario` names the situation.
//
// Order of validation (the vendor documents none; conformance scenarios are single-fault, so they cannot
// observe it):
//   1. Basic credentials missing or wrong            → 11002 "Wrong username or password"
//   2. the user may not call this operation          → 11002, message naming the operation
//   3. `on-behalf-of` present but not accepted       → 15000
//   4. body unusable: over the size limit, too slow, content type not application/json, not JSON,
//      not an object, certIdOtp/deviceCode absent, empty or not strings            → 2 (fields that cannot
//      be read count as missing; unknown extra fields are ignored)
//   5. certIdOtp names no holder                      → 62
//   6. deviceCode is not that holder's                → 85
//   7. the holder's fixture state decides: a success state sends (200, empty body), an error state → its code
import type { components } from '../../spec/lean-send-otp.d.ts';
import {
  catalogEntry,
  FIXTURE_FREE_SCENARIOS,
  OPERATION_IDS,
  scenarioCode,
  type Channel,
  type ErrorCode,
  type FixtureFreeScenario,
  type FixtureState,
  type Operation,
  type OperationId,
} from '../catalog/index.ts';
import { authenticate } from './auth.ts';
import type { BodyResult } from './read-body.ts';
import type { ProviderUser, StoredHolder } from './types.ts';

/** The fixture-free situations the catalog names in `provokedBy.scenario` (the spec's ConformanceScenario). */
export const SCENARIOS: readonly FixtureFreeScenario[] = FIXTURE_FREE_SCENARIOS;
export type Scenario = FixtureFreeScenario;

/**
 * The validation step of decide() (numbered in the comment above) that detects each situation. Keyed by the
 * spec's union: a scenario the spec gains without a rule of the provider fails the type check here.
 */
export const DETECTED_AT_STEP: Readonly<Record<Scenario, number>> = {
  wrongCredentials: 1,
  invalidOnBehalfOf: 3,
  missingFields: 4,
  unknownCertIdOtp: 5,
  wrongDeviceCode: 6,
};

type SendOtpRequest = components['schemas']['SendOtpRequest'];
/** The request's required fields (the spec's `required`; a test keeps the two equal). */
export const REQUIRED_FIELDS = ['certIdOtp', 'deviceCode'] as const satisfies readonly (keyof SendOtpRequest)[];

// Resolved once at load, so a spec that lost one of these fails at start rather than on some later request.
const CODES = new Map<OperationId, Record<Scenario, ErrorCode>>(
  OPERATION_IDS.map((op) => [
    op,
    Object.fromEntries(SCENARIOS.map((s) => [s, scenarioCode(op, s)])) as Record<Scenario, ErrorCode>,
  ]),
);

function codeFor(op: OperationId, scenario: Scenario): ErrorCode {
  const codes = CODES.get(op);
  if (!codes) throw new Error(`Unknown operation ${op}.`);
  return codes[scenario];
}

export interface DecideContext {
  users: readonly ProviderUser[];
  onBehalfOf: readonly string[];
  /** The holders to look up: the sandbox's store, or any lookup a test gives. */
  store: { find(certIdOtp: string): StoredHolder | undefined };
}

export interface DecideRequest {
  operation: Operation;
  authorization: string | undefined;
  /** Raw header value; undefined when the header is absent. */
  onBehalfOf: string | undefined;
  contentType: string | undefined;
  /** An aborted body never reaches here: nobody is left to answer. */
  body: Exclude<BodyResult, { kind: 'aborted' }>;
}

export type Decision =
  | { readonly kind: 'sent'; readonly state: string; readonly channel: Channel; readonly certIdOtp: string }
  | { readonly kind: 'error'; readonly code: ErrorCode; readonly message: string; readonly state: string | null };

function error(code: ErrorCode, message: string, state: string | null = null): Decision {
  return { kind: 'error', code, message, state };
}

function missing(op: OperationId, detail: string): Decision {
  return error(codeFor(op, 'missingFields'), `Required fields are missing or unusable: ${detail}.`);
}

/** The message of a catalog code, from the catalog's own wording of its meaning. */
function failure(op: OperationId, code: ErrorCode, state: string | null): Decision {
  const meaning = catalogEntry(op, code)?.meaning ?? 'unknown failure';
  return error(code, `The OTP was not sent: ${meaning}.`, state);
}

function mediaType(contentType: string | undefined): string {
  return (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
}

/** Parses and checks the body; returns the two ids, or the reason they cannot be used. */
function readFields(request: DecideRequest): { certIdOtp: string; deviceCode: string } | string {
  const { body } = request;
  if (body.kind === 'tooLarge') return `the body is larger than ${body.maxBytes} bytes and was not read`;
  if (body.kind === 'timeout') return `the body did not arrive within ${body.timeoutMs} ms`;
  if (mediaType(request.contentType) !== 'application/json') return 'the content type is not application/json';
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.bytes.toString('utf8'));
  } catch {
    return 'the body is not valid JSON';
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return 'the body is not a JSON object';
  const fields = parsed as Record<string, unknown>;
  const unusable = REQUIRED_FIELDS.filter((name) => {
    const value = Object.hasOwn(fields, name) ? fields[name] : undefined;
    return typeof value !== 'string' || value === '';
  });
  if (unusable.length > 0) return `${unusable.join(' and ')} must be present as non-empty strings`;
  return { certIdOtp: fields['certIdOtp'] as string, deviceCode: fields['deviceCode'] as string };
}

export function decide(request: DecideRequest, context: DecideContext): Decision {
  const op = request.operation.id;

  const auth = authenticate(request.authorization, context.users, op);
  if (auth.kind === 'badCredentials') return error(codeFor(op, 'wrongCredentials'), 'Wrong username or password');
  if (auth.kind === 'notAllowed') {
    return error(codeFor(op, 'wrongCredentials'), `The user ${auth.user.username} is not authorized to call ${op}.`);
  }

  if (request.onBehalfOf !== undefined && !context.onBehalfOf.includes(request.onBehalfOf)) {
    return error(codeFor(op, 'invalidOnBehalfOf'), 'The on-behalf-of value is not one this provider accepts.');
  }

  const fields = readFields(request);
  if (typeof fields === 'string') return missing(op, fields);

  const stored = context.store.find(fields.certIdOtp);
  if (!stored) return failure(op, codeFor(op, 'unknownCertIdOtp'), null);
  const state: FixtureState = stored.state;
  if (stored.holder.deviceCode !== fields.deviceCode) return failure(op, codeFor(op, 'wrongDeviceCode'), state.name);

  if (state.outcome === 'sent') {
    return { kind: 'sent', state: state.name, channel: state.channel, certIdOtp: fields.certIdOtp };
  }
  return failure(op, state.code, state.name);
}
