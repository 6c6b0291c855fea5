// Provider state handlers: each state of the pact resolves, from the fixture file, to the values its
// interactions take with `fromProviderState` (the names are in shared/state-values.ts). The
// provider's data is not ours to reset or seed (it may be a real environment), so a handler only looks up:
// holders are the fixture file's, and every "unknown" value is fresh and random, so no run depends on another.
import { randomUUID } from 'node:crypto';
import { INVALID_USERNAME_PREFIX } from '../../src/scenarios/provocations.ts';
import { basicAuthorization } from '../../src/net/basic-auth.ts';
import type { FixtureFile } from '../../src/fixtures/types.ts';
import type { HolderValue, NoHolderValue } from '../shared/state-values.ts';
import { NO_HOLDER_STATE } from '../shared/names.ts';

type StateResult = Record<string, string>;
export type StateHandler = () => Promise<StateResult>;

export interface StateContext {
  fixtures: FixtureFile | null;
  /**
   * The spec's fixture states (src/catalog FIXTURE_STATE_NAMES), passed in: the handlers run in the Verifier's
   * child process, which need not load and parse the spec for a list the parent already has.
   */
  fixtureStates: readonly string[];
}

function random(prefix: string): string {
  return `${prefix}-${randomUUID()}`;
}

/**
 * Basic credentials of a user that cannot exist, with a random password. Never the configured user: wrong
 * passwords for a real account can lock it where the environment locks after failed logins (interface.md,
 * "Additions"); the documented answer is the same code, 11002.
 */
export function wrongAuthorization(): string {
  return basicAuthorization({ username: random(INVALID_USERNAME_PREFIX), password: random('wrong-password') });
}

function holderHandler(state: string, fixtures: FixtureFile | null): StateHandler {
  return async () => {
    const holder = fixtures?.holders[state];
    // The plan leaves these interactions out; reaching here means a pact state slipped past it, so fail loudly.
    if (!holder) throw new Error(`No fixture holder for provider state ${state}.`);
    const values: Record<HolderValue, string> = {
      certIdOtp: holder.certIdOtp,
      deviceCode: holder.deviceCode,
      unknownDeviceCode: random('unknown-device'),
    };
    return values;
  };
}

function noHolderHandler(): StateHandler {
  return async () => {
    const values: Record<NoHolderValue, string> = {
      unknownCertIdOtp: random('unknown-cert'),
      unknownDeviceCode: random('unknown-device'),
      wrongAuthorization: wrongAuthorization(),
      invalidOnBehalfOf: random('unknown-lra'),
    };
    return values;
  };
}

/**
 * Handlers for every known state. pact-js only logs a handler's error and verifies the interaction anyway, with
 * the pact's example values (measured with pact 16.5), so every error is also recorded in `errors`, which the
 * verification reads afterwards to fail the run.
 */
export function stateHandlers(context: StateContext, errors: string[] = []): Record<string, StateHandler> {
  const handlers: Record<string, StateHandler> = { [NO_HOLDER_STATE]: noHolderHandler() };
  for (const state of context.fixtureStates) handlers[state] = holderHandler(state, context.fixtures);
  for (const [state, handler] of Object.entries(handlers)) {
    handlers[state] = async () => {
      try {
        return await handler();
      } catch (error) {
        errors.push(`${state}: ${error instanceof Error ? error.message : String(error)}`);
        throw error;
      }
    };
  }
  return handlers;
}
