// LEAN_BASE_URL: which target, and whether it may be reached at all. Basic credentials go with every request,
// so plain http is allowed only where the bytes never leave the machine.
import { baseUrlText, checkBaseUrl, type BaseUrlProblem } from '../net/base-url.ts';
import { ConfigError } from '../input/errors.ts';
import type { RunConfig, Target } from './types.ts';

const VARIABLE = 'LEAN_BASE_URL';

/** This layer's words for each problem the one rule (src/net/base-url.ts) finds. */
const RULES: Record<BaseUrlProblem, string> = {
  'not-a-url': 'is not a valid absolute URL (expected https://host[:port][/path])',
  scheme: 'must use https:// (or http:// for a loopback host)',
  userinfo: 'must not carry credentials; set LEAN_USERNAME and LEAN_PASSWORD instead',
  'query-or-fragment': 'must not have a query or a fragment, since operation paths are appended to it',
  'plain-http-remote':
    'http:// is allowed only for a loopback host (127.0.0.0/8, ::1, localhost) because Basic credentials would travel in clear; use https://',
};

/**
 * Validates the base URL and returns it without a trailing slash, since operation paths (`/sendOtp`) are
 * appended to it. The value itself is never echoed in a message: a rejected URL may carry credentials.
 */
export function parseBaseUrl(raw: string): string {
  const checked = checkBaseUrl(raw);
  if (!checked.ok) {
    const rule = checked.problem === 'scheme' ? `${RULES.scheme}, not ${checked.protocol}//` : RULES[checked.problem];
    throw new ConfigError(VARIABLE, rule);
  }
  return baseUrlText(checked.url);
}

/**
 * Only an unset LEAN_BASE_URL selects the bundled reference provider. Set but empty is what a CI job whose
 * secret is missing produces: testing the bundled provider then would pass a gate that tested nothing.
 */
export function parseTarget(raw: string | undefined): Target {
  if (raw === undefined) return { kind: 'reference' };
  if (raw.trim() === '') {
    throw new ConfigError(VARIABLE, 'is set but empty (a missing CI secret?); unset it to test the bundled reference provider');
  }
  return { kind: 'remote', baseUrl: parseBaseUrl(raw) };
}

/** A printable name of the target, never with credentials (the base URL cannot hold any: parseBaseUrl refuses). */
export function describeTarget(config: Pick<RunConfig, 'target'>): string {
  return config.target.kind === 'reference' ? 'bundled reference provider' : config.target.baseUrl;
}
