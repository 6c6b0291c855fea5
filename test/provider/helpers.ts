// Plain node:http(s) calls against the reference provider, and the one conformance check every answer of a
// known operation goes through. The project's typed client is deliberately not used: it is tested against
// this provider, so this provider's tests must not lean on it.
import http, { type IncomingHttpHeaders } from 'node:http';
import https from 'node:https';
import { expect } from 'vitest';
import { operation, type Operation } from '../../src/catalog/index.ts';
import type { Holder, RunningProvider } from '../../src/provider/index.ts';
import { validator } from '../../src/spec/validator.ts';

export interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

export interface TlsClient {
  ca?: string;
  cert?: string;
  key?: string;
  passphrase?: string;
  servername?: string;
}

export interface CallOptions {
  /** JSON-encoded unless `raw` is given. */
  body?: unknown;
  raw?: string | Buffer;
  /** Default application/json; null sends no Content-Type. */
  contentType?: string | null;
  /** Default: the provider's default user; null sends no Authorization header. */
  credentials?: { username: string; password: string } | null;
  onBehalfOf?: string;
  method?: string;
  /** Raw headers, set last (they win over the ones built from the options above). */
  headers?: Record<string, string>;
  tls?: TlsClient;
  timeoutMs?: number;
}

export const SEND_OTP = operation('sendOtp');
export const SEND_OTP_DISPOSABLE = operation('sendOtpDisposable');

export function basic(credentials: { username: string; password: string }): string {
  return `Basic ${Buffer.from(`${credentials.username}:${credentials.password}`).toString('base64')}`;
}

/** One request on its own connection (no agent pooling, so one test's socket never serves another's). */
export function request(url: string, options: CallOptions & { credentialsDefault?: { username: string; password: string } } = {}): Promise<Answer> {
  const payload = options.raw ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
  const headers: Record<string, string | number> = {};
  const contentType = options.contentType === undefined ? 'application/json' : options.contentType;
  if (contentType !== null) headers['content-type'] = contentType;
  const credentials = options.credentials === undefined ? options.credentialsDefault : options.credentials;
  if (credentials) headers['authorization'] = basic(credentials);
  if (options.onBehalfOf !== undefined) headers['on-behalf-of'] = options.onBehalfOf;
  if (payload !== undefined) headers['content-length'] = Buffer.byteLength(payload);
  Object.assign(headers, options.headers);
  const target = new URL(url);
  const lib = target.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const req = lib.request(
      target,
      { method: options.method ?? 'POST', headers, agent: false, timeout: options.timeoutMs ?? 5_000, ...options.tls },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error('client timeout')));
    req.on('error', reject);
    req.end(payload);
  });
}

/**
 * The spec's rules for every answer of an operation: 200 with zero bytes, or 500 with a JSON body valid
 * against the operation's error schema. Returns the code (null for a 200).
 */
export function expectConforming(operation: Operation, answer: Answer): number | null {
  if (answer.status === 200) {
    expect(answer.body.length, 'a 200 carries zero bytes').toBe(0);
    return null;
  }
  expect(answer.status, `status of ${operation.id}`).toBe(500);
  expect(answer.headers['content-type']).toBe('application/json');
  const parsed: unknown = JSON.parse(answer.body.toString('utf8'));
  expect(validator().check(operation.errorSchema, parsed), 'error body valid against the spec').toBeNull();
  return (parsed as { code: number }).code;
}

/** A request to an operation, checked against the spec; resolves to the status and code. */
export async function call(
  provider: RunningProvider,
  operation: Operation,
  options: CallOptions = {},
): Promise<{ status: number; code: number | null; answer: Answer }> {
  const answer = await request(`${provider.url}${operation.path}`, { credentialsDefault: provider.credentials, ...options });
  const code = expectConforming(operation, answer);
  return { status: answer.status, code, answer };
}

export function holder(provider: RunningProvider, state: string): Holder {
  const found = provider.fixtures().holders[state];
  if (!found) throw new Error(`The provider has no holder in state ${state}.`);
  return found;
}
