// A broker that cannot be trusted to answer alike twice, to keep its links on its own origin, or to list a
// sensible number of pacts:
//  - the Verifier verifies exactly the documents that were planned (a second GET of a pact URL that answers
//    with the send interactions used to get real OTPs past LEAN_MAX_SENDS=0);
//  - the broker token goes only to the origin of PACT_BROKER_BASE_URL (HAL links to another origin, plain http
//    included, used to get `Authorization: Bearer <token>`);
//  - the listing is bounded in count and bytes, and documents are fetched a few at a time.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startReferenceProvider } from '../../src/sandbox/index.ts';
import type { ReferenceProvider } from '../../src/sandbox/types.ts';
import { startHalBroker, type RunningHalBroker } from '../broker/hal-broker.ts';
import type { Json } from '../broker/hal-store.ts';
import { BrokerReadError } from '../shared/broker-http.ts';
import { CONSUMER, PACT_FILE_NAME, PACTS_DIR, PROVIDER } from '../shared/names.ts';
import { readPact, stateNames } from '../shared/pact-file.ts';
import { fetchPactsForVerification } from './broker-pacts.ts';
import { verifyPacts } from './verify.ts';

const TOKEN = 'broker-token-7f3a9c2e-never-elsewhere';
const SEND_STATES = new Set(['smsActive', 'emailActive', 'whatsappActive']);
const pact = readPact(join(PACTS_DIR, PACT_FILE_NAME));
const withoutSends = { ...pact, interactions: pact.interactions.filter((i) => !stateNames(i).some((s) => SEND_STATES.has(s))) };

/** A server on another origin that records the Authorization header of every request it gets. */
async function foreignOrigin(answer: (req: IncomingMessage) => Json): Promise<{ url: string; authorizations: (string | undefined)[]; close(): Promise<void> }> {
  const authorizations: (string | undefined)[] = [];
  const server: Server = createServer((req, res) => {
    authorizations.push(req.headers.authorization);
    res.writeHead(200, { 'content-type': 'application/hal+json' }).end(JSON.stringify(answer(req)));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  // `localhost`, not 127.0.0.1: another origin on the same machine, over plain http.
  return {
    url: `http://localhost:${(server.address() as AddressInfo).port}`,
    authorizations,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe('a broker that answers the second GET of a pact with another document', () => {
  let broker: RunningHalBroker;
  let provider: ReferenceProvider;
  let pactGets = 0;

  beforeAll(async () => {
    [broker, provider] = await Promise.all([
      startHalBroker({
        auth: { token: TOKEN },
        // First answer: no send interaction, so the plan needs no budget. Any later one: every send interaction.
        rewrite: (name, body) => (name === 'pact' && ++pactGets > 1 ? { ...pact, _links: (body as { _links?: Json })._links ?? {} } as Json : body),
      }),
      startReferenceProvider(),
    ]);
    broker.publish({ consumer: CONSUMER, provider: PROVIDER, version: 'c1', branch: 'main', content: withoutSends as unknown as Json });
  });
  afterAll(async () => {
    await Promise.all([broker?.close(), provider?.close()]);
  });

  it('gets no real OTP past LEAN_MAX_SENDS=0: the Verifier verifies the planned document', async () => {
    const report = await verifyPacts({
      target: { baseUrl: provider.url, name: 'reference', credentials: provider.credentials, fixtures: provider.fixtures(), maxSends: 0, timeoutMs: 5_000 },
      source: { kind: 'broker', url: broker.url, auth: { token: TOKEN }, selectors: [{ mainBranch: true }], enablePending: false },
      publish: { providerVersion: 'p1', providerBranch: 'main' },
      log: () => {},
    });
    expect(provider.outbox()).toEqual([]);
    expect(report.failure).toBeUndefined();
    expect(report.verified).toHaveLength(withoutSends.interactions.length);
    // Published through the mirror, which adds the token towards the broker.
    expect(report.resultsPublished).toBe(true);
    expect(broker.verifications().map((v) => v.success)).toEqual([true]);
  }, 60_000);
});

describe('the broker token and HAL links to another origin', () => {
  let broker: RunningHalBroker;
  let foreign: Awaited<ReturnType<typeof foreignOrigin>>;
  let redirect: 'listing' | 'pact' = 'listing';
  beforeAll(async () => {
    foreign = await foreignOrigin((req) => (req.url?.includes('for-verification') ? { _embedded: { pacts: [] } } : (pact as unknown as Json)));
    broker = await startHalBroker({
      auth: { token: TOKEN },
      rewrite: (name, body) => {
        const json = body as { _links?: Record<string, { href: string }>; _embedded?: { pacts: { _links: Record<string, { href: string }> }[] } };
        if (redirect === 'listing' && name === 'index' && json._links?.['pb:provider-pacts-for-verification']) {
          json._links['pb:provider-pacts-for-verification'] = { href: `${foreign.url}/pacts/provider/{provider}/for-verification` };
        }
        if (redirect === 'pact' && name === 'pacts-for-verification') {
          for (const entry of json._embedded?.pacts ?? []) entry._links['self'] = { href: `${foreign.url}/pacts/elsewhere` };
        }
        return json as Json;
      },
    });
    broker.publish({ consumer: CONSUMER, provider: PROVIDER, version: 'c1', branch: 'main', content: pact as unknown as Json });
  });
  afterAll(async () => {
    await Promise.all([broker?.close(), foreign?.close()]);
  });
  afterEach(() => {
    foreign.authorizations.length = 0;
  });

  it.each(['listing', 'pact'] as const)('a %s link to another origin is followed without the token', async (which) => {
    redirect = which;
    const source = { kind: 'broker' as const, url: broker.url, auth: { token: TOKEN }, selectors: [{ mainBranch: true }], enablePending: false };
    await fetchPactsForVerification(source, undefined);
    expect(foreign.authorizations.length).toBeGreaterThan(0);
    expect(foreign.authorizations).toEqual(foreign.authorizations.map(() => undefined));
  });
});

describe('a broker listing many pacts', () => {
  let server: Server;
  let url = '';
  let inFlight = 0;
  let maxInFlight = 0;
  const PACTS = 12;
  beforeAll(async () => {
    server = createServer((req, res) => {
      const send = (body: unknown): void => void res.writeHead(200, { 'content-type': 'application/hal+json' }).end(JSON.stringify(body));
      if (req.url === '/') return send({ _links: { 'pb:provider-pacts-for-verification': { href: `${url}/for-verification` } } });
      if (req.url === '/for-verification') return send({ _embedded: { pacts: Array.from({ length: PACTS }, (_, i) => ({ _links: { self: { href: `${url}/pact/${i}` } } })) } });
      inFlight += 1;
      maxInFlight = Math.max(maxInFlight, inFlight);
      setTimeout(() => {
        inFlight -= 1;
        send(pact);
      }, 30);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const source = () => ({ kind: 'broker' as const, url, selectors: [{ mainBranch: true }], enablePending: false });
  const errorOf = async (run: Promise<unknown>): Promise<BrokerReadError> => {
    try {
      await run;
    } catch (error) {
      if (error instanceof BrokerReadError) return error;
      throw error;
    }
    throw new Error('no error');
  };

  it('fetches the documents a few at a time', async () => {
    maxInFlight = 0;
    const pacts = await fetchPactsForVerification(source(), undefined);
    expect(pacts).toHaveLength(PACTS);
    expect(maxInFlight).toBeGreaterThan(1);
    expect(maxInFlight).toBeLessThanOrEqual(4);
  });

  it('more pacts than the bound: a clear error naming it, before any document is fetched', async () => {
    maxInFlight = 0;
    const error = await errorOf(fetchPactsForVerification(source(), undefined, { maxPacts: 10 }));
    expect(error.message).toBe('The broker lists 12 pacts for verification, more than the 10 one run verifies; narrow the consumer version selectors.');
    expect(maxInFlight).toBe(0);
  });

  it('more bytes in all than the bound: a clear error naming it', async () => {
    const error = await errorOf(fetchPactsForVerification(source(), undefined, { maxTotalBytes: 3 * JSON.stringify(pact).length }));
    expect(error.message).toMatch(/^The broker's pacts for verification exceed \d+ bytes in all \(the bound on pact documents of one run\); narrow the consumer version selectors\.$/);
  });
});
