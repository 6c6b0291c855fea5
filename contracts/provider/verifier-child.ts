// The Verifier's own process (started by run-verifier.ts): takes one job over IPC, runs its batches in order,
// answers with the results, exits. It holds no TLS material (the parent's relay does the TLS) and writes
// nothing itself; whatever Pact prints goes to the pipes the parent redacts.
import { Verifier, type VerifierOptions } from '@pact-foundation/pact';
import { PROVIDER } from '../shared/names.ts';
import { credentialFilter } from './credential-filter.ts';
import { stateHandlers } from './states.ts';
import type { BatchResult, ChildMessage, VerifierBatch, VerifierJob } from './verifier-job.ts';

/** Beyond the per-request deadline: the Verifier's own bound on each request through the proxy. */
const VERIFIER_SLACK_MS = 5_000;

function optionsOf(job: VerifierJob, batch: VerifierBatch, handlerErrors: string[]): VerifierOptions {
  return {
    provider: PROVIDER,
    providerBaseUrl: job.providerBaseUrl,
    pactUrls: batch.pactUrls,
    stateHandlers: stateHandlers({ fixtures: job.target.fixtures, fixtureStates: job.fixtureStates }, handlerErrors),
    requestFilter: credentialFilter(job.target),
    logLevel: job.logLevel,
    timeout: job.target.timeoutMs + VERIFIER_SLACK_MS,
    // No broker credentials: the pact mirror (pact-mirror.ts) adds them, and only towards the broker's origin.
    ...(job.providerBranch ? { providerVersionBranch: job.providerBranch } : {}),
    ...(batch.publish
      ? {
          publishVerificationResult: true,
          providerVersion: batch.publish.providerVersion,
          ...(batch.publish.buildUrl ? { buildUrl: batch.publish.buildUrl } : {}),
        }
      : {}),
  };
}

async function run(job: VerifierJob): Promise<ChildMessage> {
  const handlerErrors: string[] = [];
  const batches: BatchResult[] = [];
  for (const batch of job.batches) {
    try {
      batches.push({ resolved: true, output: await new Verifier(optionsOf(job, batch, handlerErrors)).verifyProvider() });
    } catch (error) {
      batches.push({ resolved: false, message: error instanceof Error ? error.message : String(error) });
    }
  }
  return { kind: 'result', result: { batches, handlerErrors } };
}

process.once('message', (job: VerifierJob) => {
  run(job).then(
    (message) => process.send?.(message, () => process.exit(0)),
    (error: unknown) => process.send?.({ kind: 'crash', message: error instanceof Error ? error.message : String(error) }, () => process.exit(1)),
  );
});
