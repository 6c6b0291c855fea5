// Provider verification of the consumer's pacts against any target: the bundled reference provider or a real
// environment, configured like the conformance run. The pieces:
//  - plan.ts leaves out what the target cannot verify (no fixture, no send budget), reported, never passed;
//  - states.ts resolves each provider state from the fixture file;
//  - the Verifier's requestFilter adds the environment's credentials and on-behalf-of, which the pact leaves
//    out (they are per-environment secrets), to every request that does not carry its own: the
//    wrong-credentials and invalid-on-behalf-of interactions carry theirs, from the `no holder` state;
//  - relay.ts carries the requests over mutual TLS, which the Verifier cannot do itself.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Verifier, type VerifierOptions } from '@pact-foundation/pact';
import { createRateLimiter } from '../../src/client/rate-limit.ts';
import { basicAuthorization } from '../../src/net/basic-auth.ts';
import type { ClientOptions } from '../../src/client/types.ts';
import type { FixtureFile } from '../../src/fixtures/types.ts';
import { AUTHORIZATION_PLACEHOLDER } from '../consumer/interactions.ts';
import { pactLogLevel } from '../consumer/pact-builder.ts';
import { PROVIDER } from '../names.ts';
import { fetchPactsForVerification, type BrokerSource } from './broker-pacts.ts';
import { readPact, type PactDocument } from './pact-file.ts';
import { newBudget, planPact, type InteractionRef, type LeftOut, type PactPlan } from './plan.ts';
import { startRelay, type Relay } from './relay.ts';
import { stateHandlers } from './states.ts';

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
}

export interface VerificationReport {
  status: 'passed' | 'failed';
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

/** One group of pacts for one Verifier run. */
interface Batch {
  label: string;
  pending: boolean;
  options: VerifierOptions;
}

/** Express-style middleware of the Verifier's proxy (pact-js `requestFilter`). */
type RequestFilter = (req: IncomingMessage, res: ServerResponse, next: () => void) => void;

export function credentialFilter(target: Pick<VerifyTarget, 'credentials' | 'onBehalfOf' | 'rateLimit'>): RequestFilter {
  // The same pacing as the conformance run: every request to the target passes here first.
  const limiter = createRateLimiter(target.rateLimit ?? null);
  return (req, _res, next) => {
    // The pact's placeholder credentials become the environment's (or none, when none are configured). Any
    // other Authorization, like the wrong credentials from the `no holder` state, is the point of its
    // interaction and passes unchanged; so does an on-behalf-of the pact itself sends.
    const authorization = req.headers.authorization;
    if (authorization === undefined || authorization === AUTHORIZATION_PLACEHOLDER) {
      if (target.credentials) req.headers.authorization = basicAuthorization(target.credentials);
      else delete req.headers.authorization;
    }
    if (req.headers['on-behalf-of'] === undefined && target.onBehalfOf !== undefined) req.headers['on-behalf-of'] = target.onBehalfOf;
    void limiter.acquire().then(next);
  };
}

function needsRelay(target: VerifyTarget): boolean {
  return new URL(target.baseUrl).protocol === 'https:' || target.tls?.cert !== undefined || target.tls?.ca !== undefined;
}

/** How many failures the Verifier's (successful) JSON result lists for pending pacts. */
function readPendingErrors(output: string): number {
  try {
    const result = JSON.parse(output) as { pendingErrors?: unknown[] };
    return Array.isArray(result.pendingErrors) ? result.pendingErrors.length : 0;
  } catch {
    return 0;
  }
}

/** What the Verifier's rejection says: pact-core puts its JSON result in the message when interactions failed. */
function readVerifierError(error: unknown): { failed: string[]; summary: string } {
  const text = error instanceof Error ? error.message : String(error);
  try {
    const result = JSON.parse(text) as { interactionResults?: { description?: string; result?: string }[]; errors?: unknown[] };
    const failed = (result.interactionResults ?? []).filter((r) => r.result !== 'OK').map((r) => r.description ?? '?');
    if (failed.length > 0) return { failed, summary: `${failed.length} interaction(s) failed verification` };
    if (Array.isArray(result.errors) && result.errors.length > 0) return { failed, summary: `${result.errors.length} verification error(s)` };
  } catch {
    // Not the JSON result: a setup error (broker unreachable, provider down…), whose first line says what.
  }
  return { failed: [], summary: text.split('\n').find((l) => l.trim() !== '')?.trim() ?? 'verification failed' };
}

export async function verifyPacts(options: VerifyOptions): Promise<VerificationReport> {
  const { target, source } = options;
  const report: VerificationReport = {
    status: 'passed',
    verified: [],
    notVerifiable: [],
    skippedBudget: [],
    failedInteractions: [],
    pendingFailures: [],
    resultsPublished: false,
    notes: [],
  };
  if (options.publish && source.kind !== 'broker') {
    throw new Error('Verification results can be published only for pacts fetched from a broker.');
  }
  const providerBranch = options.publish?.providerBranch ?? options.providerBranch;

  // 1. What would be verified, and what the target cannot verify.
  const budget = newBudget(target.maxSends);
  const docs: { doc: PactDocument; pending: boolean; label: string }[] =
    source.kind === 'files'
      ? source.files.map((file) => ({ doc: readPact(file), pending: false, label: file }))
      : (await fetchPactsForVerification(source, providerBranch)).map((p) => ({ doc: p.document, pending: p.pending, label: p.url }));
  if (docs.length === 0) {
    return { ...report, status: 'failed', failure: source.kind === 'files' ? 'No pact file to verify.' : 'The broker has no pact to verify for these selectors.' };
  }
  const plans: { plan: PactPlan; pending: boolean; label: string }[] = docs.map(({ doc, pending, label }) => ({
    plan: planPact(doc, target.fixtures, budget),
    pending,
    label,
  }));
  const unknownState: LeftOut[] = [];
  for (const { plan } of plans) {
    report.verified.push(...plan.verify);
    report.notVerifiable.push(...plan.notVerifiable);
    report.skippedBudget.push(...plan.skippedBudget);
    unknownState.push(...plan.unknownState);
  }
  if (unknownState.length > 0) {
    report.status = 'failed';
    report.failure = `${unknownState.length} interaction(s) name a provider state that no handler knows`;
    report.failedInteractions.push(...unknownState.map((u) => u.description));
    report.notes.push(...unknownState.map((u) => `${u.description}: ${u.reason}`));
  }
  if (report.verified.length === 0) {
    return { ...report, status: 'failed', failure: report.failure ?? 'No interaction could be verified against this target (see the left-out ones).' };
  }
  const complete = report.notVerifiable.length === 0 && report.skippedBudget.length === 0 && unknownState.length === 0;
  const handlerErrors: string[] = [];

  // 2. The Verifier runs: straight from the broker when the plan leaves nothing out, else on filtered copies.
  const tmp = mkdtempSync(join(tmpdir(), 'lean-pact-verify-'));
  let relay: Relay | undefined;
  try {
    if (needsRelay(target)) relay = await startRelay({ baseUrl: target.baseUrl, tls: target.tls, timeoutMs: target.timeoutMs });
    const common: VerifierOptions = {
      provider: PROVIDER,
      providerBaseUrl: relay?.url ?? target.baseUrl,
      stateHandlers: stateHandlers({ fixtures: target.fixtures, username: target.credentials?.username }, handlerErrors),
      requestFilter: credentialFilter(target),
      logLevel: pactLogLevel(),
      timeout: target.timeoutMs + 5_000,
    };
    const batches: Batch[] = [];
    if (source.kind === 'broker' && complete) {
      batches.push({
        label: source.url,
        pending: false, // the Verifier applies the pending rule itself in this mode
        options: {
          ...common,
          pactBrokerUrl: source.url,
          ...(source.auth && 'token' in source.auth ? { pactBrokerToken: source.auth.token } : {}),
          ...(source.auth && 'username' in source.auth ? { pactBrokerUsername: source.auth.username, pactBrokerPassword: source.auth.password } : {}),
          consumerVersionSelectors: source.selectors,
          enablePending: source.enablePending,
          ...(source.enablePending && source.includeWipPactsSince ? { includeWipPactsSince: source.includeWipPactsSince } : {}),
          ...(providerBranch ? { providerVersionBranch: providerBranch } : {}),
          ...(options.publish
            ? {
                publishVerificationResult: true,
                providerVersion: options.publish.providerVersion,
                ...(options.publish.buildUrl ? { buildUrl: options.publish.buildUrl } : {}),
              }
            : {}),
        },
      });
      report.resultsPublished = options.publish !== undefined;
    } else {
      if (options.publish) {
        report.notes.push('Results were not published: a verification that left interactions out must not mark the pact as verified.');
      }
      for (const pending of [false, true]) {
        const files = plans
          .filter((p) => p.pending === pending && p.plan.filtered.interactions.length > 0)
          .map((p, n) => {
            const file = join(tmp, `${pending ? 'pending' : 'pact'}-${n}.json`);
            writeFileSync(file, JSON.stringify(p.plan.filtered));
            return file;
          });
        if (files.length > 0) batches.push({ label: pending ? 'pending pacts' : 'pacts', pending, options: { ...common, pactUrls: files } });
      }
    }
    for (const batch of batches) {
      try {
        const output = await new Verifier(batch.options).verifyProvider();
        // Resolved with failures only when they were all in pending pacts (Pact's pending rule): say so.
        const pendingCount = readPendingErrors(output);
        if (pendingCount > 0) report.pendingFailures.push(`${batch.label}: ${pendingCount} interaction(s) of pending pacts failed`);
      } catch (error) {
        const { failed, summary } = readVerifierError(error);
        if (batch.pending) {
          report.pendingFailures.push(`${batch.label}: ${summary}`);
        } else {
          report.status = 'failed';
          report.failure = report.failure ? `${report.failure}; ${summary}` : summary;
          report.failedInteractions.push(...failed);
        }
      }
    }
  } finally {
    await relay?.close();
    rmSync(tmp, { recursive: true, force: true });
  }
  if (handlerErrors.length > 0) {
    // The Verifier went on after a failed state setup; its verdict on those interactions means nothing.
    report.status = 'failed';
    report.failure ??= `${handlerErrors.length} provider state setup(s) failed`;
    report.notes.push(...handlerErrors.map((e) => `state setup failed: ${e}`));
  }
  return report;
}

/** The summary a person reads at the end of `npm run pact:verify`; never a secret. */
export function formatReport(report: VerificationReport, target: Pick<VerifyTarget, 'name'>): string {
  const lines = [`Pact verification of ${PROVIDER} at ${target.name}`];
  const failed = new Set(report.failedInteractions);
  const passed = report.verified.filter((v) => !failed.has(v.description)).length;
  lines.push(`  verified: ${report.verified.length} interaction(s)${report.status === 'passed' ? ', all passed' : `, ${passed} passed`}`);
  const list = (title: string, items: LeftOut[]): void => {
    if (items.length === 0) return;
    lines.push(`  ${title}: ${items.length}`);
    for (const item of items) lines.push(`    - ${item.description}: ${item.reason}`);
  };
  list('not verifiable', report.notVerifiable);
  list('skipped (budget)', report.skippedBudget);
  if (report.failedInteractions.length > 0) {
    lines.push(`  failed: ${report.failedInteractions.length}`);
    for (const description of report.failedInteractions) lines.push(`    - ${description}`);
  }
  for (const failure of report.pendingFailures) lines.push(`  pending pact failed (does not fail the run): ${failure}`);
  for (const note of report.notes) lines.push(`  note: ${note}`);
  if (report.resultsPublished) lines.push('  results published to the broker');
  lines.push(report.status === 'passed' ? 'result: passed' : `result: FAILED — ${report.failure ?? 'see above'}`);
  return lines.join('\n');
}
