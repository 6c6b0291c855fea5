// Client options resolved once into a context with explicit defaults and checked at construction, so a bad
// option fails before any request is sent rather than surfacing later as a misleading transport failure.
import { X509Certificate, createPrivateKey } from 'node:crypto';
import { createSecureContext } from 'node:tls';
import { checkBaseUrl, type BaseUrlProblem } from '../net/base-url.ts';
import { ClientOptionsError } from './client-options-error.ts';
import type { ClientOptions, SendOverrides } from './types.ts';

export const DEFAULT_TIMEOUT_MS = 10_000;
export const DEFAULT_MAX_BODY_BYTES = 64 * 1024;

type Credentials = { username: string; password: string };
type TlsMaterial = NonNullable<ClientOptions['tls']>;

export interface ResolvedOptions {
  baseUrl: URL;
  credentials: Credentials | null;
  tls: TlsMaterial | null;
  onBehalfOf: string | null;
  timeoutMs: number;
  maxBodyBytes: number;
  /** Requests per second; null means unlimited. */
  rateLimit: number | null;
}

/** What one call runs with: the client-wide options with the call's overrides spread over them. */
export interface CallOptions {
  credentials: Credentials | null;
  onBehalfOf: string | null;
  withoutClientCertificate: boolean;
  timeoutMs: number;
}

const BASE_URL_RULES: Record<BaseUrlProblem, string> = {
  'not-a-url': 'must be an absolute http or https URL.',
  scheme: 'must use http or https.',
  userinfo: 'must not carry credentials; use credentials.',
  'query-or-fragment': 'must not carry a query or a fragment.',
  'plain-http-remote': 'a non-loopback http:// target would receive Basic credentials in clear; use https.',
};

function checkClientBaseUrl(raw: unknown, sendsCredentials: boolean): URL {
  if (typeof raw !== 'string') throw new ClientOptionsError('baseUrl', 'must be a string.');
  const checked = checkBaseUrl(raw, { plainHttpRemote: !sendsCredentials });
  if (!checked.ok) throw new ClientOptionsError('baseUrl', BASE_URL_RULES[checked.problem]);
  return checked.url;
}

function checkPositive(option: string, value: unknown, integer: boolean): void {
  const valid = typeof value === 'number' && Number.isFinite(value) && value > 0 && (!integer || Number.isInteger(value));
  if (!valid) throw new ClientOptionsError(option, `must be a positive ${integer ? 'integer' : 'number'}.`);
}

/** Header values reach the wire as they are; CR, LF or NUL would split or break the request. */
function checkHeaderValue(option: string, value: unknown): void {
  if (typeof value !== 'string') throw new ClientOptionsError(option, 'must be a string.');
  if (/[\r\n\0]/.test(value)) throw new ClientOptionsError(option, 'must not contain CR, LF or NUL.');
}

export function checkCredentials(option: string, value: unknown): Credentials {
  const { username, password } = (value ?? {}) as Partial<Credentials>;
  if (typeof username !== 'string' || typeof password !== 'string') {
    throw new ClientOptionsError(option, 'must be { username: string, password: string }.');
  }
  // RFC 7617: the user-id of Basic cannot contain a colon, the server would split it at the wrong place.
  if (username.includes(':')) throw new ClientOptionsError(`${option}.username`, 'must not contain a colon.');
  if (/[\r\n\0]/.test(username) || /[\r\n\0]/.test(password)) {
    throw new ClientOptionsError(option, 'must not contain CR, LF or NUL.');
  }
  return { username, password };
}

/** Loads the PEM material once, so an unreadable key or a wrong passphrase is reported by option name. */
function checkTls(tls: TlsMaterial): TlsMaterial {
  const { cert, key, passphrase, ca } = tls;
  if ((cert === undefined) !== (key === undefined)) {
    throw new ClientOptionsError(cert === undefined ? 'tls.cert' : 'tls.key', 'tls.cert and tls.key go together.');
  }
  if (passphrase !== undefined && key === undefined) throw new ClientOptionsError('tls.passphrase', 'is given without tls.key.');
  const attempt = (option: string, rule: string, load: () => unknown): void => {
    try {
      load();
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      throw new ClientOptionsError(option, `${rule}${typeof code === 'string' ? ` (${code})` : ''}.`);
    }
  };
  if (ca !== undefined) attempt('tls.ca', 'is not a readable PEM certificate', () => new X509Certificate(ca));
  if (cert !== undefined && key !== undefined) {
    attempt('tls.cert', 'is not a readable PEM certificate', () => new X509Certificate(cert));
    attempt(
      passphrase === undefined ? 'tls.key' : 'tls.key/tls.passphrase',
      passphrase === undefined ? 'is not a readable PEM private key (is it encrypted? then give tls.passphrase)' :
        'cannot be decrypted with tls.passphrase, or is not a PEM private key',
      () => createPrivateKey(passphrase === undefined ? { key } : { key, passphrase }),
    );
    attempt('tls.cert/tls.key', 'the key does not belong to the certificate', () =>
      createSecureContext(passphrase === undefined ? { cert, key } : { cert, key, passphrase }));
  }
  return tls;
}

export function resolveOptions(options: ClientOptions): ResolvedOptions {
  if (typeof options !== 'object' || options === null) throw new ClientOptionsError('options', 'must be an object.');
  const credentials = options.credentials === undefined ? null : checkCredentials('credentials', options.credentials);
  const baseUrl = checkClientBaseUrl(options.baseUrl, credentials !== null);
  if (options.onBehalfOf !== undefined) checkHeaderValue('onBehalfOf', options.onBehalfOf);
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  checkPositive('timeoutMs', timeoutMs, false);
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  checkPositive('maxBodyBytes', maxBodyBytes, true);
  if (options.rateLimit !== undefined) checkPositive('rateLimit', options.rateLimit, false);
  return {
    baseUrl,
    credentials,
    tls: options.tls === undefined ? null : checkTls(options.tls),
    onBehalfOf: options.onBehalfOf ?? null,
    timeoutMs,
    maxBodyBytes,
    rateLimit: options.rateLimit ?? null,
  };
}

/** Per-call overrides spread over the client-wide options; an absent override keeps the client's value. */
export function resolveCall(resolved: ResolvedOptions, overrides: SendOverrides = {}): CallOptions {
  // The common case, no override at all, needs no copying nor re-checking of what construction checked.
  if (Object.values(overrides).every((value) => value === undefined)) {
    return { credentials: resolved.credentials, onBehalfOf: resolved.onBehalfOf, withoutClientCertificate: false, timeoutMs: resolved.timeoutMs };
  }
  const defined = Object.fromEntries(Object.entries(overrides).filter(([, value]) => value !== undefined));
  const call: CallOptions = {
    credentials: resolved.credentials,
    onBehalfOf: resolved.onBehalfOf,
    withoutClientCertificate: false,
    timeoutMs: resolved.timeoutMs,
    ...(defined as Partial<CallOptions>),
  };
  if (call.credentials !== null) call.credentials = checkCredentials('overrides.credentials', call.credentials);
  if (call.onBehalfOf !== null) checkHeaderValue('overrides.onBehalfOf', call.onBehalfOf);
  checkPositive('overrides.timeoutMs', call.timeoutMs, false);
  return call;
}
