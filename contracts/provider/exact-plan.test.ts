// The run verifies exactly the pacts it planned on. A pact published between the plan's fetch and the
// Verifier's used to be verified too: 76 interactions and 12 real OTPs under a plan for 38 and LEAN_MAX_SENDS=6.
// Here the test broker publishes a second consumer's pact the moment the plan reads the first document.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startReferenceProvider } from '../../src/sandbox/index.ts';
import type { ReferenceProvider } from '../../src/sandbox/types.ts';
import { startHalBroker, type RunningHalBroker } from '../broker/hal-broker.ts';
import { contractInteractions } from '../consumer/interactions.ts';
import { CONSUMER, PACT_FILE_NAME, PACTS_DIR, PROVIDER } from '../shared/names.ts';
import { readPact } from '../shared/pact-file.ts';
import { join } from 'node:path';
import { verifyPacts } from './verify.ts';

describe('a pact published while the run verifies', () => {
  let broker: RunningHalBroker;
  let provider: ReferenceProvider;
  const pact = readPact(join(PACTS_DIR, PACT_FILE_NAME));
  let slippedIn = false;

  beforeAll(async () => {
    [broker, provider] = await Promise.all([
      startHalBroker({
        onRoute: (name, running) => {
          if (name !== 'pact' || slippedIn) return;
          slippedIn = true;
          running.publish({ consumer: 'another-client', provider: PROVIDER, version: 'a1', branch: 'main', content: { ...pact, consumer: { name: 'another-client' } } });
        },
      }),
      startReferenceProvider(),
    ]);
    broker.publish({ consumer: CONSUMER, provider: PROVIDER, version: 'c1', branch: 'main', content: pact });
  });
  afterAll(async () => {
    await Promise.all([broker?.close(), provider?.close()]);
  });

  it('is not verified: the Verifier runs the 38 planned interactions, and the budget of 6 sends holds', async () => {
    const sends = contractInteractions().filter((i) => i.isSend).length;
    const report = await verifyPacts({
      target: { baseUrl: provider.url, name: 'reference', credentials: provider.credentials, fixtures: provider.fixtures(), maxSends: sends, timeoutMs: 5_000 },
      source: { kind: 'broker', url: broker.url, selectors: [{ mainBranch: true }], enablePending: false },
      log: () => {},
    });
    expect(slippedIn).toBe(true);
    expect(report.failure).toBeUndefined();
    expect(report.verified).toHaveLength(pact.interactions.length);
    expect(provider.outbox()).toHaveLength(sends);
    // The broker was asked which pacts to verify once, by the plan; the Verifier got the planned document from
    // the pact mirror, never from the broker.
    expect(broker.served().filter((r) => r === 'pacts-for-verification')).toHaveLength(1);
    expect(broker.served().filter((r) => r === 'pact')).toHaveLength(1);
  });
});
