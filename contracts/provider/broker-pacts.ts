// Reads from a Pact Broker which pacts a verification gets (the Verifier's own request: pacts-for-verification
// with the consumer version selectors, pending and WIP), so the run plans on exactly these documents and then
// verifies exactly them (verify.ts), whatever is published in between. Every read is bounded: a deadline per
// request, at most MAX_BROKER_BODY_BYTES per body, and certificate verification explicitly on.
import { Agent, request } from 'undici';
import { readCappedBody } from '../../src/client/read-capped-body.ts';
import { MAX_INPUT_FILE_BYTES } from '../../src/input/index.ts';
import { basicAuthorization } from '../../src/net/basic-auth.ts';
import type { BrokerAuth } from '../shared/broker-config.ts';
import { PROVIDER } from '../shared/names.ts';
import { parsePact, type PactDocument } from '../shared/pact-file.ts';
import type { BrokerSource } from './types.ts';

export interface PactForVerification {
  /** The broker's URL of this pact version: content-addressed, so it always serves the same document. */
  url: string;
  pending: boolean;
  wip: boolean;
  document: PactDocument;
}

/** A pact is input like a fixture file: the same bound as every input file of the suite. */
export const MAX_BROKER_BODY_BYTES = MAX_INPUT_FILE_BYTES;
const BROKER_TIMEOUT_MS = 30_000;

/** The broker could not be read: one sentence, never with a secret (the path only, never the query). */
export class BrokerReadError extends Error {
  override readonly name = 'BrokerReadError';
}

function authHeader(auth: BrokerAuth | undefined): Record<string, string> {
  if (!auth) return {};
  if ('token' in auth) return { authorization: `Bearer ${auth.token}` };
  return { authorization: basicAuthorization(auth) };
}

interface BrokerCall {
  method?: 'GET' | 'POST';
  body?: unknown;
}

async function call(agent: Agent, url: string, auth: BrokerAuth | undefined, init: BrokerCall = {}): Promise<unknown> {
  const method = init.method ?? 'GET';
  const where = `${method} ${new URL(url).pathname}`;
  let text: string;
  try {
    const response = await request(url, {
      method,
      dispatcher: agent,
      headers: {
        accept: 'application/hal+json, application/json',
        ...authHeader(auth),
        ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
      headersTimeout: BROKER_TIMEOUT_MS,
      bodyTimeout: BROKER_TIMEOUT_MS,
      signal: AbortSignal.timeout(BROKER_TIMEOUT_MS),
    });
    const body = await readCappedBody(response.body, MAX_BROKER_BODY_BYTES);
    if (response.statusCode < 200 || response.statusCode > 299) {
      throw new BrokerReadError(`The broker answered ${response.statusCode} to ${where}.`);
    }
    if (body.truncated) throw new BrokerReadError(`The broker's answer to ${where} exceeded ${MAX_BROKER_BODY_BYTES} bytes.`);
    text = body.bytes.toString('utf8');
  } catch (error) {
    if (error instanceof BrokerReadError) throw error;
    const code = (error as { code?: unknown }).code;
    throw new BrokerReadError(`The broker could not be read (${where}: ${typeof code === 'string' ? code : 'transport error'}).`);
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new BrokerReadError(`The broker's answer to ${where} is not JSON.`);
  }
}

type HalLinks = Record<string, { href?: string } | undefined>;

export async function fetchPactsForVerification(source: BrokerSource, providerBranch: string | undefined): Promise<PactForVerification[]> {
  // rejectUnauthorized stated, not inherited: NODE_TLS_REJECT_UNAUTHORIZED=0 must not switch verification off.
  const agent = new Agent({ connect: { rejectUnauthorized: true, timeout: BROKER_TIMEOUT_MS } });
  try {
    const index = (await call(agent, source.url, source.auth)) as { _links?: HalLinks };
    const template = index._links?.['pb:provider-pacts-for-verification']?.href;
    if (!template) throw new BrokerReadError('The broker index has no pb:provider-pacts-for-verification link.');
    const body: Record<string, unknown> = {
      consumerVersionSelectors: source.selectors,
      includePendingStatus: source.enablePending,
    };
    if (providerBranch) body['providerVersionBranch'] = providerBranch;
    if (source.enablePending && source.includeWipPactsSince) body['includeWipPactsSince'] = source.includeWipPactsSince;
    const listing = (await call(agent, template.replace('{provider}', encodeURIComponent(PROVIDER)), source.auth, { method: 'POST', body })) as {
      _embedded?: { pacts?: { _links?: HalLinks; verificationProperties?: { pending?: boolean; wip?: boolean } }[] };
    };
    const entries = listing._embedded?.pacts ?? [];
    return await Promise.all(
      entries.map(async (entry) => {
        const url = entry._links?.['self']?.href;
        if (!url) throw new BrokerReadError('The broker listed a pact without a self link.');
        let document: PactDocument;
        try {
          document = parsePact(JSON.stringify(await call(agent, url, source.auth)), new URL(url).pathname);
        } catch (error) {
          throw error instanceof BrokerReadError ? error : new BrokerReadError(error instanceof Error ? error.message : String(error));
        }
        return { url, pending: entry.verificationProperties?.pending === true, wip: entry.verificationProperties?.wip === true, document };
      }),
    );
  } finally {
    await agent.destroy();
  }
}
