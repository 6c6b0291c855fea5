// The Verifier's requestFilter: the pact records placeholder credentials (shared/placeholder.ts), never an
// environment's; here each request gets the target's credentials and on-behalf-of, and the conformance run's
// pacing (LEAN_RATE_LIMIT), before it leaves for the relay.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createRateLimiter } from '../../src/client/rate-limit.ts';
import { basicAuthorization } from '../../src/net/basic-auth.ts';
import { AUTHORIZATION_PLACEHOLDER } from '../shared/placeholder.ts';
import type { VerifyTarget } from './types.ts';

/** Express-style middleware of the Verifier's proxy (pact-js `requestFilter`). */
export type RequestFilter = (req: IncomingMessage, res: ServerResponse, next: () => void) => void;

export function credentialFilter(target: Pick<VerifyTarget, 'credentials' | 'onBehalfOf' | 'rateLimit'>): RequestFilter {
  const limiter = createRateLimiter(target.rateLimit ?? null);
  return (req, _res, next) => {
    // Only the placeholder (or no Authorization) becomes the environment's credentials, or none when none are
    // configured. Any other Authorization, like the wrong credentials from the `no holder` state, is the point
    // of its interaction and passes unchanged; so does an on-behalf-of the pact itself sends.
    const authorization = req.headers.authorization;
    if (authorization === undefined || authorization === AUTHORIZATION_PLACEHOLDER) {
      if (target.credentials) req.headers.authorization = basicAuthorization(target.credentials);
      else delete req.headers.authorization;
    }
    if (req.headers['on-behalf-of'] === undefined && target.onBehalfOf !== undefined) req.headers['on-behalf-of'] = target.onBehalfOf;
    void limiter.acquire().then(next);
  };
}
