// What the Verifier's child process is asked to do, and what it answers: plain data over the IPC channel, so
// the Verifier (whose native core writes to the process's stdout itself) runs in a process whose every output
// line the parent filters through the secrets module (run-verifier.ts).
import type { FixtureFile } from '../../src/fixtures/types.ts';
import type { PactLogLevel } from '../shared/log-level.ts';
import type { PublishResults, VerifyTarget } from './types.ts';

export interface VerifierBatch {
  label: string;
  /** Failures of a pending pact are reported but do not fail the run (Pact's pending rule). */
  pending: boolean;
  /** Local files, or the pact mirror's URLs of exactly the planned broker pacts (pact-mirror.ts). */
  pactUrls: string[];
  publish?: PublishResults;
}

export interface VerifierJob {
  /** The relay: every request to the target goes through it. */
  providerBaseUrl: string;
  target: Pick<VerifyTarget, 'credentials' | 'onBehalfOf' | 'rateLimit' | 'timeoutMs'> & { fixtures: FixtureFile | null };
  /** The spec's fixture states, each a provider state with a handler. */
  fixtureStates: readonly string[];
  logLevel: PactLogLevel;
  providerBranch?: string;
  batches: VerifierBatch[];
}

export type BatchResult =
  | { resolved: true; output: string }
  | { resolved: false; message: string };

export interface JobResult {
  batches: BatchResult[];
  /** Provider state setups that failed: the Verifier went on regardless, so its verdict on them means nothing. */
  handlerErrors: string[];
}

export type ChildMessage = { kind: 'result'; result: JobResult } | { kind: 'crash'; message: string };
