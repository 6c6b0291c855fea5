// Reads from a Pact Broker which pacts a verification gets (the Verifier's own request: pacts-for-verification
// with the consumer version selectors, pending and WIP), so the run plans on exactly these documents and then
// verifies exactly them (verify.ts), whatever is published in between. Every read is bounded: a deadline per
// request, a cap on each body, and certificate verification explicitly on (shared/broker-http.ts).
import { BrokerReadError, brokerAgent, callBroker as call } from '../shared/broker-http.ts';
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

type HalLinks = Record<string, { href?: string } | undefined>;

export async function fetchPactsForVerification(source: BrokerSource, providerBranch: string | undefined): Promise<PactForVerification[]> {
  const agent = brokerAgent();
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
