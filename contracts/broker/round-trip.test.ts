// The broker workflow end to end, against the project's HAL test broker, driven only by the real clients: the
// `pact` CLI publishes, asks can-i-deploy and records deployments; the Pact Verifier fetches the pacts for
// verification (selectors, pending, WIP) and publishes its results. A provider that keeps the contract gets a
// "yes"; one that breaks it has its failed results published and gets a "no".
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startReferenceProvider } from '../../src/sandbox/index.ts';
import type { ReferenceProvider } from '../../src/sandbox/types.ts';
import { CONSUMER, PROVIDER } from '../shared/names.ts';
import { FAULTS } from '../provider/faulty-providers.ts';
import { verifyPacts, type PactSource, type VerifyTarget } from '../provider/verify.ts';
import { startHalBroker, type RunningHalBroker } from './hal-broker.ts';
import { canIDeploy, publishPacts, recordDeployment } from './workflow.ts';

const TOKEN = 'test-broker-token';

describe('broker workflow: publish → verify → can-i-deploy → record-deployment', () => {
  let broker: RunningHalBroker;
  let good: ReferenceProvider;
  let broken: ReferenceProvider;
  let env: NodeJS.ProcessEnv;
  let source: PactSource;

  beforeAll(async () => {
    const bodyOn200 = FAULTS.find((f) => f.name === 'a body on the 200');
    if (!bodyOn200) throw new Error('fault "a body on the 200" is gone');
    [broker, good, broken] = await Promise.all([
      startHalBroker({ auth: { token: TOKEN } }),
      startReferenceProvider(),
      startReferenceProvider({ mutate: bodyOn200.mutate }),
    ]);
    // The CLI reads the broker's location and token from the environment, as in CI; retries off, so a broker
    // fault shows at once instead of after the CLI's back-off.
    env = { ...process.env, PACT_BROKER_BASE_URL: broker.url, PACT_BROKER_TOKEN: TOKEN, PACT_BROKER_HTTP_RETRIES: '0' };
    source = {
      kind: 'broker',
      url: broker.url,
      auth: { token: TOKEN },
      selectors: [{ mainBranch: true }, { deployedOrReleased: true }],
      enablePending: true,
      includeWipPactsSince: '2020-01-01',
    };
  });

  afterAll(async () => {
    await Promise.all([broker?.close(), good?.close(), broken?.close()]);
  });

  const target = (p: ReferenceProvider): VerifyTarget => ({
    baseUrl: p.url, name: 'reference', credentials: p.credentials, fixtures: p.fixtures(), maxSends: Infinity, timeoutMs: 5_000,
  });

  // The steps depend on each other, in this order, as in a real pipeline.
  it('publishes the pacts with the consumer version and branch from the environment', async () => {
    const result = await publishPacts({ env: { ...env, PACT_CONSUMER_VERSION: 'c1', PACT_CONSUMER_BRANCH: 'main' } });
    expect(result.stderr + result.stdout).toContain('Published');
    expect(result.exitCode).toBe(0);
    expect(broker.publishedVersions()).toEqual([{ pacticipant: CONSUMER, version: 'c1', branch: 'main' }]);
  });

  it('while the new pact is pending, a breaking provider build still passes, but its failure is published', async () => {
    const report = await verifyPacts({ target: target(broken), source, publish: { providerVersion: 'p0', providerBranch: 'main' } });
    expect(report.status).toBe('passed');
    expect(report.pendingFailures).toHaveLength(1);
    expect(broker.verifications().map((v) => [v.providerVersion, v.success])).toEqual([['p0', false]]);
  });

  it('verifies with the Verifier fetching from the broker, and publishes a success', async () => {
    const report = await verifyPacts({ target: target(good), source, publish: { providerVersion: 'p1', providerBranch: 'main' } });
    expect(report.failure).toBeUndefined();
    expect(report.status).toBe('passed');
    expect(report.resultsPublished).toBe(true);
    expect(broker.verifications().at(-1)).toMatchObject({ providerVersion: 'p1', providerBranch: 'main', success: true, consumerVersions: ['c1'] });
  });

  it('records the deployment of the verified provider, then can-i-deploy says yes for the consumer', async () => {
    const recorded = await recordDeployment({ pacticipant: PROVIDER, version: 'p1', environment: 'test' }, { env });
    expect(recorded.exitCode).toBe(0);
    const answer = await canIDeploy({ pacticipant: CONSUMER, version: 'c1', environment: 'test' }, { env });
    expect(answer.stdout).toContain('Computer says yes');
    expect(answer.exitCode).toBe(0);
    expect((await recordDeployment({ pacticipant: CONSUMER, version: 'c1', environment: 'test' }, { env })).exitCode).toBe(0);
    expect(broker.deployments().map((d) => `${d.pacticipant}@${d.version}→${d.environment}`)).toEqual([
      `${PROVIDER}@p1→test`,
      `${CONSUMER}@c1→test`,
    ]);
  });

  it('a provider that breaks the contract has its failure published, and can-i-deploy says no', async () => {
    const report = await verifyPacts({ target: target(broken), source, publish: { providerVersion: 'p2', providerBranch: 'main' } });
    expect(report.status).toBe('failed');
    expect(report.resultsPublished).toBe(true);
    expect(broker.verifications().at(-1)).toMatchObject({ providerVersion: 'p2', success: false });

    const no = await canIDeploy({ pacticipant: PROVIDER, version: 'p2', environment: 'test' }, { env });
    expect(no.stdout).toContain('Computer says no');
    expect(no.exitCode).not.toBe(0);
    // The good version still may go: the "no" is about p2, not about the broker.
    expect((await canIDeploy({ pacticipant: PROVIDER, version: 'p1', environment: 'test' }, { env })).exitCode).toBe(0);
  });

  it('a run that has to leave interactions out verifies filtered copies and publishes nothing', async () => {
    const before = broker.verifications().length;
    const report = await verifyPacts({ target: { ...target(good), maxSends: 0 }, source, publish: { providerVersion: 'p3', providerBranch: 'main' } });
    expect(report.status).toBe('passed');
    expect(report.skippedBudget.length).toBeGreaterThan(0);
    expect(report.resultsPublished).toBe(false);
    expect(report.notes.join(' ')).toContain('not published');
    expect(broker.verifications()).toHaveLength(before);
  });

  it('the real clients used nothing the test broker does not implement', () => {
    expect(broker.unhandled()).toEqual([]);
  });
});
