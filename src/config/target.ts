// LEAN_BASE_URL: which target, and whether it may be reached at all. Basic credentials go with every request,
// so plain http is allowed only where the bytes never leave the machine.
import { isLoopbackHost } from '../net/loopback.ts';
import { ConfigError } from './errors.ts';
import type { RunConfig, Target } from './types.ts';

const VARIABLE = 'LEAN_BASE_URL';

/**
 * Validates the base URL and returns it without a trailing slash, since operation paths (`/sendOtp`) are
 * appended to it. The value itself is never echoed in a message: a rejected URL may carry credentials.
 */
export function parseBaseUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(VARIABLE, 'is not a valid absolute URL (expected https://host[:port][/path])');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new ConfigError(VARIABLE, `must use https:// (or http:// for a loopback host), not ${url.protocol}//`);
  }
  if (url.username !== '' || url.password !== '') {
    throw new ConfigError(VARIABLE, 'must not carry credentials; set LEAN_USERNAME and LEAN_PASSWORD instead');
  }
  if (raw.includes('?') || raw.includes('#')) {
    throw new ConfigError(VARIABLE, 'must not have a query or a fragment, since operation paths are appended to it');
  }
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) {
    throw new ConfigError(
      VARIABLE,
      'http:// is allowed only for a loopback host (127.0.0.0/8, ::1, localhost) because Basic credentials would travel in clear; use https://',
    );
  }
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

export function parseTarget(raw: string | undefined): Target {
  return raw === undefined ? { kind: 'reference' } : { kind: 'remote', baseUrl: parseBaseUrl(raw) };
}

/** A printable name of the target, never with credentials (the base URL cannot hold any: parseBaseUrl refuses). */
export function describeTarget(config: Pick<RunConfig, 'target'>): string {
  return config.target.kind === 'reference' ? 'bundled reference provider' : config.target.baseUrl;
}
