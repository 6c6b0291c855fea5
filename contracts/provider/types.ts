// What a verification takes and what it reports: the shapes every module of the pact verification shares.
import type { ClientOptions } from '../../src/client/types.ts';
import type { FixtureFile } from '../../src/fixtures/types.ts';
import type { BrokerAuth } from '../shared/broker-config.ts';
import type { PactLogLevel } from '../shared/log-level.ts';
import type { InteractionRef, LeftOut } from './plan.ts';

export interface VerifyTarget {
  baseUrl: string;
  /** Printable name (never with credentials). */
  name: string;
  credentials?: { username: string; password: string };
  onBehalfOf?: string;
  tls?: ClientOptions['tls'];
  fixtures: FixtureFile | null;
  /** Interactions that deliver a real OTP allowed in this run (Infinity: unlimited). */
  maxSends: number;
  timeoutMs: number;
  /** Requests per second to the target (LEAN_RATE_LIMIT); undefined: unlimited. */
  rateLimit?: number;
}

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

export interface BrokerSource {
  kind: 'broker';
  url: string;
  auth?: BrokerAuth;
  selectors: ConsumerVersionSelector[];
  enablePending: boolean;
  /** ISO date; WIP pacts are asked for only with pending enabled (the broker's rule too). */
  includeWipPactsSince?: string;
}

export type PactSource = { kind: 'files'; files: readonly string[] } | BrokerSource;

export interface PublishResults {
  providerVersion: string;
  providerBranch?: string;
  buildUrl?: string;
}

export interface VerifyOptions {
  target: VerifyTarget;
  source: PactSource;
  /** Publish the results to the broker (broker source only). */
  publish?: PublishResults;
  /** Provider branch for the broker's pending calculation, even when not publishing. */
  providerBranch?: string;
  /** Where the Verifier's own output goes, already redacted; default: this process's stderr. */
  log?: (text: string) => void;
  /**
   * Keep the Verifier's ANSI colours; default: only when its output goes to this process's stderr, that is a
   * terminal, and NO_COLOR is not set. Otherwise it is plain text.
   */
  colour?: boolean;
  /** The Verifier's log level; default PACT_LOG_LEVEL of this process, else warn. */
  logLevel?: PactLogLevel;
  /** Aborted (SIGINT, SIGTERM): the Verifier's process is stopped, and the verification fails. */
  signal?: AbortSignal;
  /** Secrets to hide from the Verifier's output besides the target's (a broker token or password). */
  secrets?: readonly string[];
}

export interface VerificationReport {
  status: 'passed' | 'failed';
  /** The interactions the Verifier ran, as planned (the summary counts these, and only these). */
  verified: InteractionRef[];
  notVerifiable: LeftOut[];
  skippedBudget: LeftOut[];
  /** Descriptions of the interactions that failed (non-pending pacts). */
  failedInteractions: string[];
  /** Pending pacts whose verification failed: reported, but they do not fail the run (Pact's pending rule). */
  pendingFailures: string[];
  resultsPublished: boolean;
  notes: string[];
  /** Why the run failed, in one line, when it did. */
  failure?: string;
}
