// Reads from a Pact Broker which pacts a verification would get (same request as the Verifier's own:
// pacts-for-verification with the consumer version selectors, pending and WIP), so the run can plan before
// it verifies: when nothing has to be left out, the Verifier then fetches from the broker itself and publishes
// its results; when something has to be left out, the run verifies filtered copies instead (see verify.ts).
import { PROVIDER } from '../names.ts';
import { basicAuthorization } from '../../src/net/basic-auth.ts';
import { parsePact, type PactDocument } from './pact-file.ts';

export interface ConsumerVersionSelector {
  mainBranch?: boolean;
  deployedOrReleased?: boolean;
  deployed?: boolean;
  released?: boolean;
  environment?: string;
  branch?: string;
  matchingBranch?: boolean;
  consumer?: string;
  latest?: boolean;
  tag?: string;
}

export type BrokerAuth = { token: string } | { username: string; password: string };

export interface BrokerSource {
  kind: 'broker';
  url: string;
  auth?: BrokerAuth;
  selectors: ConsumerVersionSelector[];
  enablePending: boolean;
  /** ISO date; WIP pacts are asked for only with pending enabled (the broker's rule too). */
  includeWipPactsSince?: string;
}

export interface PactForVerification {
  url: string;
  pending: boolean;
  wip: boolean;
  document: PactDocument;
}

function authHeader(auth: BrokerAuth | undefined): Record<string, string> {
  if (!auth) return {};
  if ('token' in auth) return { authorization: `Bearer ${auth.token}` };
  return { authorization: basicAuthorization(auth) };
}

async function call(url: string, auth: BrokerAuth | undefined, init: { method?: string; body?: unknown } = {}): Promise<unknown> {
  const response = await fetch(url, {
    method: init.method ?? 'GET',
    headers: {
      accept: 'application/hal+json, application/json',
      ...authHeader(auth),
      ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
    signal: AbortSignal.timeout(30_000),
  });
  if (!response.ok) throw new Error(`The broker answered ${response.status} to ${init.method ?? 'GET'} ${new URL(url).pathname}.`);
  return response.json();
}

type HalLinks = Record<string, { href?: string } | undefined>;

export async function fetchPactsForVerification(source: BrokerSource, providerBranch: string | undefined): Promise<PactForVerification[]> {
  const index = (await call(source.url, source.auth)) as { _links?: HalLinks };
  const template = index._links?.['pb:provider-pacts-for-verification']?.href;
  if (!template) throw new Error('The broker index has no pb:provider-pacts-for-verification link.');
  const body: Record<string, unknown> = {
    consumerVersionSelectors: source.selectors,
    includePendingStatus: source.enablePending,
  };
  if (providerBranch) body['providerVersionBranch'] = providerBranch;
  if (source.enablePending && source.includeWipPactsSince) body['includeWipPactsSince'] = source.includeWipPactsSince;
  const listing = (await call(template.replace('{provider}', encodeURIComponent(PROVIDER)), source.auth, { method: 'POST', body })) as {
    _embedded?: { pacts?: { _links?: HalLinks; verificationProperties?: { pending?: boolean; wip?: boolean } }[] };
  };
  const entries = listing._embedded?.pacts ?? [];
  return Promise.all(
    entries.map(async (entry) => {
      const url = entry._links?.['self']?.href;
      if (!url) throw new Error('The broker listed a pact without a self link.');
      const document = parsePact(JSON.stringify(await call(url, source.auth)), url);
      return { url, pending: entry.verificationProperties?.pending === true, wip: entry.verificationProperties?.wip === true, document };
    }),
  );
}
