// What request provokes each fixture-free scenario: one definition, read by the suite's scenarios and by the
// pact generator (contracts/consumer), each resolving the symbolic values in its own way. Keyed by the spec's
// `ConformanceScenario` union, so a scenario the spec gains without a definition here fails the type check.
//
// Safety: a request that is wrong on purpose never carries a success holder's ids, so even a target that ignores
// the fault under test cannot deliver a message. `holder` values come from a holder in an error state only.
import type { FixtureFreeScenario } from '../catalog/index.ts';

/**
 * Where a body field's value comes from:
 *  - `unknown`: a fresh random value no target knows;
 *  - `holder`: a holder in an error state (the scenario cannot run without one);
 *  - `holder-or-unknown`: such a holder's value when there is one, else a random value (the pact, whose
 *    fixture-free state has no holder, always sends a random value).
 */
export type ValueSource = 'unknown' | 'holder' | 'holder-or-unknown';

export interface ProvocationRequest {
  /** Suffix of the scenario's name when a scenario sends several requests: `missingFields:empty-object`. */
  readonly variant?: string;
  /** What the request is, for reports: free of secrets and ids. */
  readonly describe: string;
  readonly body: { readonly certIdOtp?: ValueSource; readonly deviceCode?: ValueSource };
  /** `invalid`: a user name that cannot exist and a random password, so no real account is ever locked. */
  readonly credentials: 'configured' | 'invalid';
  /** `invalid`: a random on-behalf-of value. */
  readonly onBehalfOf: 'configured' | 'invalid';
}

const HOLDER_IDS = { certIdOtp: 'holder-or-unknown', deviceCode: 'holder-or-unknown' } as const;
const plain = { credentials: 'configured', onBehalfOf: 'configured' } as const;

/** The requests of each fixture-free scenario; the first one is what the scenario's pact interaction records. */
export const PROVOCATION_REQUESTS: Readonly<Record<FixtureFreeScenario, readonly ProvocationRequest[]>> = {
  missingFields: [
    { variant: 'empty-object', describe: 'an empty JSON object', body: {}, ...plain },
    { variant: 'only-deviceCode', describe: 'deviceCode alone', body: { deviceCode: 'holder-or-unknown' }, ...plain },
    { variant: 'only-certIdOtp', describe: 'certIdOtp alone', body: { certIdOtp: 'holder-or-unknown' }, ...plain },
  ],
  unknownCertIdOtp: [
    { describe: 'a random certIdOtp with a known deviceCode', body: { certIdOtp: 'unknown', deviceCode: 'holder-or-unknown' }, ...plain },
  ],
  wrongDeviceCode: [
    { describe: "an error-state holder's certIdOtp with a random deviceCode", body: { certIdOtp: 'holder', deviceCode: 'unknown' }, ...plain },
  ],
  wrongCredentials: [
    { describe: 'a user name that cannot exist with a random password', body: HOLDER_IDS, credentials: 'invalid', onBehalfOf: 'configured' },
  ],
  invalidOnBehalfOf: [
    { describe: 'a random on-behalf-of value', body: HOLDER_IDS, credentials: 'configured', onBehalfOf: 'invalid' },
  ],
};

/** The user name of the `invalid` credentials: no environment has it, whatever it locks after failed logins. */
export const INVALID_USERNAME_PREFIX = 'lean-conformance-no-such-user';
