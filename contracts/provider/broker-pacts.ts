// Reads from a Pact Broker which pacts a verification gets (the Verifier's own request: pacts-for-verification
// with the consumer version selectors, pending and WIP), so the run plans on exactly these documents and then
// verifies exactly them (verify.ts), whatever is published in between. Every read is bounded: a deadline per
// request, a cap on each body, and certificate verification explicitly on (shared/broker-http.ts); the listing
// may name at most MAX_PACTS pacts, fetched a few at a time, MAX_TOTAL_PACT_BYTES in all. The credentials go
// only to the configured broker's origin, whatever its HAL links say.
import type { Agent } from 'undici';
import { BrokerReadError, brokerAgent, callBroker, callBrokerSized, type BrokerEndpoint } from '../shared/broker-http.ts';
import { PROVIDER } from '../shared/names.ts';
import { parsePact, type PactDocument } from '../shared/pact-file.ts';
import type { BrokerSource } from './types.ts';

/** More pacts than this for one provider is a selector that asks for too much, not a verification. */
export const MAX_PACTS = 200;
/** All pact documents of one verification together. */
export const MAX_TOTAL_PACT_BYTES = 256 * 1024 * 1024;
/** Pact documents fetched at once. */
export const PACT_FETCH_CONCURRENCY = 4;

export interface PactForVerification {
  /** The broker's URL of this pact version (the document is planned and verified as read here, never again). */
  url: string;
  pending: boolean;
  wip: boolean;
  document: PactDocument;
}

type HalLinks = Record<string, { href?: string } | undefined>;
type Listed = { _links?: HalLinks; verificationProperties?: { pending?: boolean; wip?: boolean } };

export interface PactLimits {
  maxPacts?: number;
  maxTotalBytes?: number;
  concurrency?: number;
}

/** Runs `work` on every item, at most `concurrency` at once; the first failure stops new work and is thrown. */
async function mapBounded<T, R>(items: readonly T[], concurrency: number, work: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  let failed = false;
  const worker = async (): Promise<void> => {
    while (!failed && next < items.length) {
      const index = next++;
      try {
        results[index] = await work(items[index]!, index);
      } catch (error) {
        failed = true;
        throw error;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
  return results;
}

async function fetchDocuments(agent: Agent, broker: BrokerEndpoint, entries: readonly Listed[], limits: Required<PactLimits>): Promise<PactForVerification[]> {
  let total = 0;
  return mapBounded(entries, limits.concurrency, async (entry) => {
    const url = entry._links?.['self']?.href;
    if (!url) throw new BrokerReadError('The broker listed a pact without a self link.');
    const { value, bytes } = await callBrokerSized(agent, url, broker);
    total += bytes;
    if (total > limits.maxTotalBytes) {
      throw new BrokerReadError(`The broker's pacts for verification exceed ${limits.maxTotalBytes} bytes in all (the bound on pact documents of one run); narrow the consumer version selectors.`);
    }
    let document: PactDocument;
    try {
      document = parsePact(JSON.stringify(value), new URL(url).pathname);
    } catch (error) {
      throw new BrokerReadError(error instanceof Error ? error.message : String(error));
    }
    return { url, pending: entry.verificationProperties?.pending === true, wip: entry.verificationProperties?.wip === true, document };
  });
}

export async function fetchPactsForVerification(source: BrokerSource, providerBranch: string | undefined, limits: PactLimits = {}): Promise<PactForVerification[]> {
  const bounds: Required<PactLimits> = {
    maxPacts: limits.maxPacts ?? MAX_PACTS,
    maxTotalBytes: limits.maxTotalBytes ?? MAX_TOTAL_PACT_BYTES,
    concurrency: limits.concurrency ?? PACT_FETCH_CONCURRENCY,
  };
  const broker: BrokerEndpoint = { url: source.url, auth: source.auth };
  const agent = brokerAgent();
  try {
    const index = (await callBroker(agent, source.url, broker)) as { _links?: HalLinks };
    const template = index._links?.['pb:provider-pacts-for-verification']?.href;
    if (!template) throw new BrokerReadError('The broker index has no pb:provider-pacts-for-verification link.');
    const body: Record<string, unknown> = {
      consumerVersionSelectors: source.selectors,
      includePendingStatus: source.enablePending,
    };
    if (providerBranch) body['providerVersionBranch'] = providerBranch;
    if (source.enablePending && source.includeWipPactsSince) body['includeWipPactsSince'] = source.includeWipPactsSince;
    const listing = (await callBroker(agent, template.replace('{provider}', encodeURIComponent(PROVIDER)), broker, { method: 'POST', body })) as {
      _embedded?: { pacts?: Listed[] };
    };
    const entries = listing._embedded?.pacts ?? [];
    if (entries.length > bounds.maxPacts) {
      throw new BrokerReadError(`The broker lists ${entries.length} pacts for verification, more than the ${bounds.maxPacts} one run verifies; narrow the consumer version selectors.`);
    }
    return await fetchDocuments(agent, broker, entries, bounds);
  } finally {
    await agent.destroy();
  }
}
