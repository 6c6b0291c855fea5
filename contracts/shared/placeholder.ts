// The credentials the pact records in place of an environment's. Real credentials are per-environment secrets
// and never go into a pact: the consumer tests send these, and the verification replaces exactly this
// Authorization value with the target's (provider/credential-filter.ts).
import { basicAuthorization } from '../../src/net/basic-auth.ts';

/** The user and passwords the consumer tests configure the client with (the mock server accepts any). */
export const CONSUMER_TEST_CREDENTIALS = {
  username: 'contract-user',
  right: 'contract-password',
  wrong: 'contract-wrong-password',
} as const;

/** The Authorization the pact records for every interaction but the wrong-credentials one, matched by format. */
export const AUTHORIZATION_PLACEHOLDER = basicAuthorization({ username: CONSUMER_TEST_CREDENTIALS.username, password: CONSUMER_TEST_CREDENTIALS.right });
