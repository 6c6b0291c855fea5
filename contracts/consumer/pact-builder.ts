// Turns a ContractInteraction into Pact DSL calls (PactV4) and drives the project's typed client against the
// Pact mock server, so the consumer of the contract is the real client, never a raw HTTP call.
import { setTimeout as delay } from 'node:timers/promises';
import { MatchersV3, PactV4 } from '@pact-foundation/pact';
import { operation } from '../../src/catalog/index.ts';
import { createClient } from '../../src/client/index.ts';
import type { SendOutcome } from '../../src/client/types.ts';
import { pactLogLevel } from '../shared/log-level.ts';
import { CONSUMER, PROVIDER } from '../shared/names.ts';
import { CONSUMER_TEST_CREDENTIALS, type ContractInteraction, type FromState, type RequestValue } from './interactions.ts';

const { fromProviderState, like, regex } = MatchersV3;

export function newPact(dir: string): PactV4 {
  return new PactV4({ consumer: CONSUMER, provider: PROVIDER, dir, logLevel: pactLogLevel() });
}

/** The Pact matcher of a request value: injected from the provider state, or matched by a regex. */
function matcher(value: RequestValue): ReturnType<typeof fromProviderState<string>> | ReturnType<typeof regex> {
  return 'fromProviderState' in value
    ? fromProviderState(`\${${value.fromProviderState}}`, value.example)
    : regex(value.pattern, value.example);
}

function mapValues<V, T>(record: Readonly<Record<string, V | undefined>>, f: (v: V) => T): Record<string, T> {
  const out: Record<string, T> = {};
  for (const [k, value] of Object.entries(record)) if (value !== undefined) out[k] = f(value);
  return out;
}

/** The interaction in the Pact DSL, ready for `executeTest` (the return type is pact-js's, which it does not export). */
export function defineInteraction(pact: PactV4, i: ContractInteraction) {
  return pact
    .addInteraction()
    .given(i.state)
    .uponReceiving(i.description)
    .withRequest('POST', operation(i.operation).path, (req) => {
      req.headers(mapValues<RequestValue, ReturnType<typeof matcher>>(i.request.headers, matcher));
      req.jsonBody(mapValues<FromState, ReturnType<typeof matcher>>(i.request.body, matcher));
    })
    .willRespondWith(i.response.status, (res) => {
      if (i.response.status === 200) {
        // The documented success is a zero-byte body. Without a body builder Pact records no body at all, which
        // the verifier reads as "any body"; `jsonBody('')` records `"content": ""`, and the verifier then fails
        // on any byte (toolchain.md). The guards test reads the written pact to keep this true.
        res.jsonBody('');
      } else {
        // The code is pinned to its exact value (no matcher): the contract is which code, not "some integer".
        res.jsonBody({ code: i.response.code, message: like(i.response.exampleMessage) });
      }
    });
}

/** The outcome the client must report for an interaction's response. */
export type ExpectedOutcome = { kind: 'sent' } | { kind: 'catalog-error'; code: number };

export function expectedOutcome(i: ContractInteraction): ExpectedOutcome {
  return i.response.status === 200 ? { kind: 'sent' } : { kind: 'catalog-error', code: i.response.code };
}

/**
 * How long to wait after the response before the mock server is asked whether it saw the request. Pact 16.3+
 * records a match slightly after answering (pact-foundation/pact-reference#535, measured here: about 1 in 40
 * interactions fails as "expected but not received" although the client got the right answer).
 */
const MATCH_BOOKKEEPING_MS = 50;

/** Sends the interaction's request with the typed client, configured as a user of the client would. */
export async function driveClient(baseUrl: string, i: ContractInteraction): Promise<SendOutcome> {
  const client = createClient({
    baseUrl,
    credentials: {
      username: CONSUMER_TEST_CREDENTIALS.username,
      password: i.client.password === 'right' ? CONSUMER_TEST_CREDENTIALS.right : CONSUMER_TEST_CREDENTIALS.wrong,
    },
    ...(i.client.onBehalfOf === undefined ? {} : { onBehalfOf: i.client.onBehalfOf }),
    timeoutMs: 5_000,
  });
  try {
    const body = Object.fromEntries(Object.entries(i.request.body).map(([k, value]) => [k, value.example]));
    return await client.send(i.operation, { body });
  } finally {
    await client.close();
    await delay(MATCH_BOOKKEEPING_MS);
  }
}
