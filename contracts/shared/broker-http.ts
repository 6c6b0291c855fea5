// Reading a Pact Broker, bounded: a deadline per call, at most MAX_BROKER_BODY_BYTES per body (an endless
// answer must not grow the process), certificate verification stated explicitly (NODE_TLS_REJECT_UNAUTHORIZED=0
// must not switch it off). The broker's credentials go only to the origin of PACT_BROKER_BASE_URL: a HAL link
// to any other origin (plain http included) is followed without them. Errors are one sentence with the path
// only, never a query, a token or a password.
import { Agent, request } from 'undici';
import { readCappedBody } from '../../src/client/read-capped-body.ts';
import { errorCode, MAX_INPUT_FILE_BYTES } from '../../src/input/index.ts';
import { basicAuthorization } from '../../src/net/basic-auth.ts';
import type { BrokerAuth } from './broker-config.ts';

/** A pact is input like a fixture file: the same bound as every input file of the suite. */
export const MAX_BROKER_BODY_BYTES = MAX_INPUT_FILE_BYTES;
export const BROKER_TIMEOUT_MS = 30_000;

/** The broker could not be read: one sentence, never with a secret (the path only, never the query). */
export class BrokerReadError extends Error {
  override readonly name = 'BrokerReadError';
}

function authHeader(auth: BrokerAuth | undefined): Record<string, string> {
  if (!auth) return {};
  if ('token' in auth) return { authorization: `Bearer ${auth.token}` };
  return { authorization: basicAuthorization(auth) };
}

/** The broker as configured: its base URL (whose origin alone gets the credentials) and the credentials. */
export interface BrokerEndpoint {
  readonly url: string;
  readonly auth?: BrokerAuth | undefined;
}

/** The credentials for `url`: the broker's own, when `url` is on the configured broker's origin; none elsewhere. */
export function authFor(url: string, broker: BrokerEndpoint): BrokerAuth | undefined {
  return new URL(url).origin === new URL(broker.url).origin ? broker.auth : undefined;
}

export interface BrokerCall {
  method?: 'GET' | 'POST';
  body?: unknown;
  /** Deadline of this call, first byte sent to last byte read; default BROKER_TIMEOUT_MS. */
  timeoutMs?: number;
}

/** Calls the broker; the parsed JSON answer and its size in bytes. */
export async function callBrokerSized(agent: Agent, url: string, broker: BrokerEndpoint, init: BrokerCall = {}): Promise<{ value: unknown; bytes: number }> {
  const method = init.method ?? 'GET';
  const where = `${method} ${new URL(url).pathname}`;
  let text: string;
  let bytes: number;
  try {
    const response = await request(url, {
      method,
      dispatcher: agent,
      headers: {
        accept: 'application/hal+json, application/json',
        ...authHeader(authFor(url, broker)),
        ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
      headersTimeout: init.timeoutMs ?? BROKER_TIMEOUT_MS,
      bodyTimeout: init.timeoutMs ?? BROKER_TIMEOUT_MS,
      signal: AbortSignal.timeout(init.timeoutMs ?? BROKER_TIMEOUT_MS),
    });
    const body = await readCappedBody(response.body, MAX_BROKER_BODY_BYTES);
    if (response.statusCode < 200 || response.statusCode > 299) {
      throw new BrokerReadError(`The broker answered ${response.statusCode} to ${where}.`);
    }
    if (body.truncated) throw new BrokerReadError(`The broker's answer to ${where} exceeded ${MAX_BROKER_BODY_BYTES} bytes.`);
    text = body.bytes.toString('utf8');
    bytes = body.bytes.length;
  } catch (error) {
    if (error instanceof BrokerReadError) throw error;
    throw new BrokerReadError(`The broker could not be read (${where}: ${errorCode(error)}).`, { cause: error });
  }
  try {
    return { value: JSON.parse(text), bytes };
  } catch {
    throw new BrokerReadError(`The broker's answer to ${where} is not JSON.`);
  }
}

/** Calls the broker; its parsed JSON answer. */
export async function callBroker(agent: Agent, url: string, broker: BrokerEndpoint, init: BrokerCall = {}): Promise<unknown> {
  return (await callBrokerSized(agent, url, broker, init)).value;
}

/** The connection pool of a broker conversation; destroy it when done. */
export function brokerAgent(timeoutMs = BROKER_TIMEOUT_MS): Agent {
  return new Agent({ connect: { rejectUnauthorized: true, timeout: timeoutMs } });
}
