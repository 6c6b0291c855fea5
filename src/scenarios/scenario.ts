// A scenario is one request with one documented expectation. The same scenario runs against every operation;
// the operation-specific code it expects is resolved from that operation's catalog.
import type { Expected } from '../results/model.ts';
import type { SendOverrides, SendRequest } from '../client/types.ts';

export type ScenarioKind =
  | 'success' // a holder that must receive an OTP: 200, zero bytes (a real send)
  | 'error' // one documented fault: 500 with exactly `expected.code`
  | 'malformed' // a body no server can use: 500 with any catalog code but 6
  | 'tls-refusal'; // no client certificate: the handshake is refused, no HTTP answer

export interface Scenario {
  /** Stable name, used in reports, the baseline file and `-t` filters, e.g. `fixture:deviceNotActive`. */
  readonly name: string;
  readonly kind: ScenarioKind;
  /** Expectation; `code: null` with kind `malformed` means "any catalog code other than 6". */
  readonly expected: Expected;
  readonly request: SendRequest;
  readonly overrides?: SendOverrides;
  /** The certIdOtp comes from a fixture holder: a 62 or 85 answer then suggests a stale fixture. */
  readonly usesFixtureHolder: boolean;
  /** Set when the scenario cannot run against this target; it is reported as skipped with this reason. */
  readonly skip?: string;
  /** A short description of the request, free of secrets and of holder ids (ids identify people). */
  readonly describe: string;
  /** Fixture ids the request carries → the placeholder a reproducer shows instead (`${fixture.<state>.<field>}`). */
  readonly placeholders?: Readonly<Record<string, string>>;
}
