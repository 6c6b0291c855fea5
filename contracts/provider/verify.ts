// Provider verification of the consumer's pacts against any target: the bundled reference provider or a real
// environment, configured like the conformance run. The steps, each in its own module:
//  1. pact-sources.ts reads the pacts once (files, or the broker's pacts for verification);
//  2. plan.ts leaves out what the target cannot verify (no fixture, no send budget: the runner's SendBudget,
//     shared by every pact), reported, never passed;
//  3. batches.ts turns the plan into Verifier runs on exactly the planned documents (files, or the planned
//     broker documents served by pact-mirror.ts, which also carries the Verifier's publishing to the broker and
//     alone holds the broker's credentials);
//  4. run-verifier.ts runs the Verifier in a child process whose output is redacted line by line; its
//     requests go through relay.ts (certificates verified, mutual TLS, bodies capped) to the target;
//  5. verifier-outcome.ts reads what the Verifier said, and this module counts only what really ran.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FIXTURE_STATE_NAMES } from '../../src/catalog/index.ts';
import { SendBudget } from '../../src/runner/send-budget.ts';
import { pactLogLevel } from '../shared/log-level.ts';
import type { Redactor } from '../../src/secrets/index.ts';
import { verifierBatches, type PlannedBatch, type PlannedPact } from './batches.ts';
import { readPacts, type SourcedPact } from './pact-sources.ts';
import { startPactMirror, type PactMirror } from './pact-mirror.ts';
import { planPact, type InteractionRef, type LeftOut } from './plan.ts';
import { startRelay } from './relay.ts';
import { runVerifierJob } from './run-verifier.ts';
import type { VerificationReport, VerifyOptions, VerifyTarget } from './types.ts';
import type { BatchResult } from './verifier-job.ts';
import { rejectedOutcome, resolvedOutcome } from './verifier-outcome.ts';
import { verifierRedactor } from './verifier-redactor.ts';

export type { PactSource, PublishResults, VerificationReport, VerifyOptions, VerifyTarget } from './types.ts';
export { formatReport } from './format-report.ts';

/** Start-up of the child and of the Verifier, on top of the requests themselves. */
const VERIFIER_STARTUP_MS = 60_000;

function emptyReport(): VerificationReport {
  return { status: 'passed', verified: [], notVerifiable: [], skippedBudget: [], failedInteractions: [], pendingFailures: [], resultsPublished: false, notes: [] };
}

function fail(report: VerificationReport, summary: string): void {
  report.status = 'failed';
  report.failure = report.failure ? `${report.failure}; ${summary}` : summary;
}

/** Every request may wait for its deadline and for the rate limit; the child gets that much, and no more. */
function deadlineMs(target: VerifyTarget, interactions: number): number {
  const spacing = target.rateLimit ? 1000 / target.rateLimit : 0;
  return VERIFIER_STARTUP_MS + interactions * (target.timeoutMs + spacing + 1_000);
}

/**
 * Plans every pact with one budget (the runner's SendBudget, so the limit holds across pacts) and records what
 * is left out in the report; an interaction naming a state nobody knows fails the run.
 */
function planAll(sourced: readonly SourcedPact[], target: VerifyTarget, report: VerificationReport): { planned: PlannedPact[]; toVerify: InteractionRef[] } {
  const budget = new SendBudget(target.maxSends);
  const planned: PlannedPact[] = sourced.map((p) => ({ ...p, plan: planPact(p.doc, target.fixtures, budget) }));
  const unknownState: LeftOut[] = [];
  for (const { plan } of planned) {
    report.notVerifiable.push(...plan.notVerifiable);
    report.skippedBudget.push(...plan.skippedBudget);
    unknownState.push(...plan.unknownState);
  }
  if (unknownState.length > 0) {
    fail(report, `${unknownState.length} interaction(s) name a provider state that no handler knows`);
    report.failedInteractions.push(...unknownState.map((u) => u.description));
    report.notes.push(...unknownState.map((u) => `${u.description}: ${u.reason}`));
  }
  return { planned, toVerify: planned.flatMap((p) => p.plan.verify) };
}

/** What each Verifier run said, into the report: failures, pending failures, and a count that must match the plan. */
function recordOutcomes(report: VerificationReport, batches: readonly PlannedBatch[], results: readonly BatchResult[], redact: Redactor): void {
  batches.forEach(({ batch, planned: count }, n) => {
    const answer = results[n];
    const outcome = answer === undefined
      ? { failed: [], pendingErrors: 0, summary: 'the Verifier gave no result' }
      : answer.resolved ? resolvedOutcome(answer.output) : rejectedOutcome(answer.message);
    // Parsed first, then redacted: a short password must not garble the JSON the outcome is read from.
    if (outcome.summary !== undefined) outcome.summary = redact(outcome.summary);
    // The summary counts what ran: a Verifier that ran other interactions than planned fails the run.
    if (outcome.ran !== undefined && outcome.ran !== count) {
      fail(report, `the Verifier ran ${outcome.ran} interaction(s) of the ${batch.label} where ${count} were planned`);
    }
    if (outcome.pendingErrors > 0) report.pendingFailures.push(`${batch.label}: ${outcome.pendingErrors} interaction(s) of pending pacts failed`);
    if (outcome.summary === undefined) return;
    if (batch.pending) report.pendingFailures.push(`${batch.label}: ${outcome.summary}`);
    else {
      fail(report, outcome.summary);
      report.failedInteractions.push(...outcome.failed);
    }
  });
}

export async function verifyPacts(options: VerifyOptions): Promise<VerificationReport> {
  const { target, source } = options;
  const report = emptyReport();
  if (options.publish && source.kind !== 'broker') {
    throw new Error('Verification results can be published only for pacts fetched from a broker.');
  }
  const providerBranch = options.publish?.providerBranch ?? options.providerBranch;

  const sourced = await readPacts(source, providerBranch);
  if (sourced.length === 0) {
    return { ...report, status: 'failed', failure: source.kind === 'files' ? 'No pact file to verify.' : 'The broker has no pact to verify for these selectors.' };
  }
  const { planned, toVerify } = planAll(sourced, target, report);
  if (toVerify.length === 0) {
    return { ...report, status: 'failed', failure: report.failure ?? 'No interaction could be verified against this target (see the left-out ones).' };
  }
  const complete = report.notVerifiable.length === 0 && report.skippedBudget.length === 0 && report.status === 'passed';
  if (options.publish && !complete) {
    report.notes.push('Results were not published: a verification that left interactions out must not mark the pact as verified.');
  }

  const byBroker = complete && source.kind === 'broker' ? planned.flatMap((p) => (p.url === undefined ? [] : [{ url: p.url, doc: p.doc }])) : [];
  const tmp = mkdtempSync(join(tmpdir(), 'lean-pact-verify-'));
  let mirror: PactMirror | undefined;
  const relay = await startRelay({ baseUrl: target.baseUrl, ...(target.tls ? { tls: target.tls } : {}), timeoutMs: target.timeoutMs });
  try {
    if (byBroker.length > 0 && source.kind === 'broker') mirror = await startPactMirror(byBroker, source);
    const batches = verifierBatches(planned, {
      complete, source, dir: tmp,
      ...(options.publish ? { publish: options.publish } : {}),
      ...(mirror ? { mirrored: mirror.urlOf } : {}),
    });
    const redact = verifierRedactor(target, options.secrets);
    const result = await runVerifierJob(
      {
        providerBaseUrl: relay.url,
        target: {
          fixtures: target.fixtures,
          timeoutMs: target.timeoutMs,
          ...(target.credentials ? { credentials: target.credentials } : {}),
          ...(target.onBehalfOf === undefined ? {} : { onBehalfOf: target.onBehalfOf }),
          ...(target.rateLimit === undefined ? {} : { rateLimit: target.rateLimit }),
        },
        fixtureStates: FIXTURE_STATE_NAMES,
        logLevel: options.logLevel ?? pactLogLevel(),
        ...(providerBranch ? { providerBranch } : {}),
        batches: batches.map((b) => b.batch),
      },
      {
        redact,
        log: options.log ?? ((text) => void process.stderr.write(text)),
        colour: options.colour ?? (options.log === undefined && process.stderr.isTTY === true && !process.env['NO_COLOR']),
        deadlineMs: deadlineMs(target, toVerify.length),
        ...(options.signal ? { signal: options.signal } : {}),
      },
    );
    report.resultsPublished = batches.some((b) => b.batch.publish !== undefined);
    recordOutcomes(report, batches, result.batches, redact);
    report.verified.push(...toVerify);
    if (result.handlerErrors.length > 0) {
      // The Verifier went on after a failed state setup; its verdict on those interactions means nothing.
      fail(report, `${result.handlerErrors.length} provider state setup(s) failed`);
      report.notes.push(...result.handlerErrors.map((e) => `state setup failed: ${redact(e)}`));
    }
  } finally {
    await Promise.all([relay.close(), mirror?.close()]);
    rmSync(tmp, { recursive: true, force: true });
  }
  return report;
}
