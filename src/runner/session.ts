// One conformance run: the plan (every scenario × every operation), the execution of one step, and the
// final report. The CLI (src/runner/run.ts) and the standalone vitest suite (suites/) both drive a session, so
// every line that decides a verdict is shared.
import { catalogOf, everyProvokableCode, FIXTURE_STATES, OPERATION_IDS, OPERATIONS, type OperationId } from '../catalog/index.ts';
import { judgeParity, runChecks } from '../checks/index.ts';
import { REAL_CLOCK } from '../client/rate-limit.ts';
import type { OtpClient, SendOutcome } from '../client/types.ts';
import { SUCCESS_STATUS } from '../config/require-codes.ts';
import type { FixtureFile } from '../fixtures/types.ts';
import type { BaselineEntry } from '../baseline/index.ts';
import {
  TARGET_UNAVAILABLE, type Attempt, type CheckName, type ConformanceReport, type Failure, type RunExitCode, type RunVerdict,
  type ScenarioResult,
} from '../results/model.ts';
import { buildScenarios, type Scenario } from '../scenarios/index.ts';
import { applyBaseline } from './apply-baseline.ts';
import { makeAttempts, type AttemptsResult } from './attempts.ts';
import { Availability, STEPS_BEFORE_UNAVAILABLE } from './availability.ts';
import { coverageOf, missingRequiredCodes } from './coverage.ts';
import { diagnose } from './diagnosis.ts';
import { observe } from './observe.ts';
import { requestRecord } from './request-record.ts';
import { SendBudget } from './send-budget.ts';

export interface SessionOptions {
  client: OtpClient;
  /** Printable target (no credentials). */
  target: string;
  fixtures: FixtureFile | null;
  /** Basic credentials are configured (for reproducers: `-u "$LEAN_USERNAME:$LEAN_PASSWORD"`). */
  credentialsConfigured?: boolean;
  onBehalfOfConfigured?: boolean;
  clientCertificate: boolean;
  /** LEAN_CA_CERT is set (for reproducers: `--cacert "$LEAN_CA_CERT"`). */
  caCertificate?: boolean;
  maxSends: number;
  seed: number;
  malformedRuns: number;
  baseline: readonly BaselineEntry[];
  /** Codes that must be asserted; 200 means a zero-byte 200 on each operation. */
  requireCodes: 'all' | readonly number[];
  /** Checks switched off by name (LEAN_SKIP_CHECKS); reported, so a green run says what it did not check. */
  skipChecks?: readonly CheckName[];
  /** Steps that run; the others are reported as skipped, "filtered out" (--operation, --scenario). */
  filter?: (step: Step) => boolean;
  /** Injected clocks: the report's dates and durations come from here, never from the wall clock directly. */
  now?: () => Date;
  monotonic?: () => number;
  /** LEAN_RETRIES: extra attempts of a step that cannot deliver after a transient outcome; default 2. */
  retries?: number;
  /** Consecutive steps with nothing but transient outcomes after which the target is unavailable; default 3. */
  stepsBeforeUnavailable?: number;
  /** Aborted on SIGINT/SIGTERM: ends a wait between attempts at once. */
  signal?: AbortSignal;
  /** Injected waits and jitter, so tests need not sleep; default real timers and Math.random. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  random?: () => number;
}

export interface Step {
  scenario: Scenario;
  operation: OperationId;
}

export const FILTERED_OUT = 'filtered out';
export const DEFAULT_RETRIES = 2;

const STANDARD: OperationId = (OPERATIONS.find((op) => !op.deprecated) ?? OPERATIONS[0]!).id;

function reasonOf(failures: readonly Failure[]): string {
  return failures.map((f) => `[${f.check}] ${f.title}`).join('; ');
}

export class ConformanceSession {
  readonly scenarios: readonly Scenario[];
  readonly steps: readonly Step[];
  readonly startedAt: Date;
  readonly #options: SessionOptions;
  readonly #budget: SendBudget;
  readonly #availability: Availability;
  readonly #off: ReadonlySet<CheckName>;
  readonly #monotonic: () => number;
  readonly #started: number;
  /** Results before the baseline is applied: the baseline's stale/expired notices are judged on these. */
  readonly #raw = new Map<string, ScenarioResult>();
  readonly #final = new Map<string, ScenarioResult>();
  readonly #unexpectedDeliveries: { operation: string; scenario: string }[] = [];
  /** The ids of the success holders: a request carrying one may deliver, so it is never retried nor asked again. */
  readonly #successIds: readonly string[];
  #httpAnswers = 0;
  #interrupted = false;
  /** A definitive failure was recorded before the target became unavailable: the run fails (exit 1), not inconclusive. */
  #failedBeforeUnavailable = false;

  constructor(options: SessionOptions) {
    this.#options = options;
    this.#budget = new SendBudget(options.maxSends);
    this.#availability = new Availability(options.stepsBeforeUnavailable ?? STEPS_BEFORE_UNAVAILABLE);
    const holders = options.fixtures?.holders ?? {};
    this.#successIds = FIXTURE_STATES.filter((s) => s.outcome === 'sent')
      .flatMap((s) => { const h = holders[s.name]; return h ? [h.certIdOtp, h.deviceCode] : []; })
      .filter((id) => id !== '');
    this.#off = new Set(options.skipChecks ?? []);
    this.#monotonic = options.monotonic ?? (() => performance.now());
    this.#started = this.#monotonic();
    this.startedAt = (options.now ?? (() => new Date()))();
    this.scenarios = buildScenarios({
      fixtures: options.fixtures,
      clientCertificate: options.clientCertificate,
      seed: options.seed,
      malformedRuns: options.malformedRuns,
    });
    // The standard operation first, so its answer is known when the twin's is judged for parity.
    const ordered = [...OPERATIONS].sort((a, b) => Number(a.id !== STANDARD) - Number(b.id !== STANDARD));
    this.steps = this.scenarios.flatMap((scenario) => ordered.map((op) => ({ scenario, operation: op.id })));
    // A run with fewer steps to send than the rule's count is unavailable once all of them got no answer.
    const runnable = this.steps.filter((step) => this.isSelected(step) && !step.scenario.skip);
    const sends = runnable.filter((step) => ConformanceSession.isSend(step)).length;
    const toSend = runnable.length - sends + Math.min(sends, options.maxSends);
    if (toSend > 0 && toSend < this.#availability.limit) this.#availability = new Availability(toSend);
  }

  /** Whether a step is one that may deliver a real message: a success scenario. */
  static isSend(step: Step): boolean {
    return step.scenario.kind === 'success';
  }

  /** Whether the filter keeps a step (every step without a filter). */
  isSelected(step: Step): boolean {
    return this.#options.filter?.(step) ?? true;
  }

  /** The steps the filter keeps, in run order. */
  get selected(): readonly Step[] {
    return this.steps.filter((step) => this.isSelected(step));
  }

  async run(step: Step): Promise<ScenarioResult> {
    const executed = await this.#execute(step);
    const raw = executed.result;
    this.#raw.set(key(step), raw);
    const final = applyBaseline(this.#options.baseline, [raw], this.#today()).results[0] ?? raw;
    this.#final.set(key(step), final);
    if (executed.onlyTransient !== null && this.#availability.record(key(step), executed.onlyTransient)) {
      return this.#becameUnavailable(step) ?? final;
    }
    return final;
  }

  /**
   * The target stopped answering. Without a definitive failure so far, the run is inconclusive: the steps of the
   * streak were not failures of the target's contract, so they are reported as skipped for that reason.
   */
  #becameUnavailable(step: Step): ScenarioResult | undefined {
    const streak = new Set(this.#availability.streak);
    this.#failedBeforeUnavailable = [...this.#final].some(([k, r]) => !streak.has(k) && r.verdict === 'fail');
    if (this.#failedBeforeUnavailable) return undefined;
    for (const k of streak) {
      const result = this.#final.get(k);
      if (!result) continue;
      const attempts = result.attempts?.length ?? 1;
      const errorClass = result.observed?.transportError ?? (result.observed?.status === null ? 'no answer' : `HTTP ${result.observed?.status}`);
      const { failures: _failures, ...rest } = result;
      const skipped: ScenarioResult = {
        ...rest, verdict: 'skip',
        reason: `target unavailable: no answer after ${attempts} attempt(s) (${errorClass}), nor to the steps around it`,
      };
      this.#final.set(k, skipped);
      this.#raw.set(k, skipped);
    }
    return this.#final.get(key(step));
  }

  /**
   * Whether a step's verdict is still open: it is in a streak of steps without an answer that has not yet made the
   * target unavailable. The streak either ends with the target unavailable (the step becomes a skip) or with an
   * answer (the step stays a failure); only the end of the run knows which.
   */
  isPending(step: Step): boolean {
    return !this.#availability.unavailable && this.#availability.streak.includes(key(step));
  }

  /** The target did not answer: no request is sent any more (interface.md, "Inconclusive runs"). */
  get unavailable(): boolean {
    return this.#availability.unavailable;
  }

  /** Records a step as skipped without running it (a vitest `-t` filter left it out): never a pass, never dropped. */
  skip(step: Step, reason: string): ScenarioResult {
    const result: ScenarioResult = { ...this.#base(step), observed: null, verdict: 'skip', reason, durationMs: 0 };
    this.#final.set(key(step), result);
    return result;
  }

  /** Marks the run interrupted: steps not run are reported as not run, and the run fails. */
  interrupt(): void {
    this.#interrupted = true;
  }

  get interrupted(): boolean {
    return this.#interrupted;
  }

  #base({ scenario, operation }: Step) {
    return {
      operation,
      scenario: scenario.name,
      expected: scenario.expected,
      request: requestRecord(scenario, operation, {
        credentialsConfigured: this.#options.credentialsConfigured ?? false,
        onBehalfOfConfigured: this.#options.onBehalfOfConfigured ?? false,
        clientCertificate: this.#options.clientCertificate,
        caCertificate: this.#options.caCertificate ?? false,
      }),
    };
  }

  async #execute(step: Step): Promise<{ result: ScenarioResult; onlyTransient: boolean | null }> {
    const { scenario, operation } = step;
    const base = this.#base(step);
    const unsent = (result: ScenarioResult) => ({ result, onlyTransient: null });
    const skipped = (reason: string): ScenarioResult => ({ ...base, observed: null, verdict: 'skip', reason, durationMs: 0 });
    if (!this.isSelected(step)) return unsent(skipped(FILTERED_OUT));
    if (scenario.skip) return unsent(skipped(scenario.skip));
    if (this.#interrupted) return unsent(skipped('not run: the run was interrupted'));
    if (this.#availability.unavailable) return unsent(skipped(TARGET_UNAVAILABLE));
    const mayDeliver = ConformanceSession.isSend(step) || this.#carriesSuccessIds(step.scenario);
    if (ConformanceSession.isSend(step) && !this.#budget.take()) {
      return unsent(skipped(`send budget spent: LEAN_MAX_SENDS=${this.#options.maxSends} (a 200 delivers a real message)`));
    }
    const checks = (outcome: SendOutcome): Failure[] =>
      runChecks({ operation, scenario, run: { httpAnswers: this.#httpAnswers } }, outcome, this.#off);
    const made = await makeAttempts({
      mayDeliver,
      retries: this.#options.retries ?? DEFAULT_RETRIES,
      send: async () => {
        const outcome = await this.#options.client.send(operation, scenario.request, scenario.overrides);
        // An HTTP answer to a request that presented the client certificate: the handshake with it succeeded.
        if (outcome.kind !== 'transport-failure' && !scenario.overrides?.withoutClientCertificate) this.#httpAnswers += 1;
        // Every 200 outside a success scenario may have delivered a message: counted and listed, whatever else.
        if (outcome.kind !== 'transport-failure' && outcome.status === 200 && !ConformanceSession.isSend(step)) {
          this.#unexpectedDeliveries.push({ operation, scenario: scenario.name });
        }
        return outcome;
      },
      fails: (outcome) => checks(outcome).length > 0,
      sameFailure: (a, b) => sameAnswer(observe(a), observe(b)) && sameChecks(checks(a), checks(b)),
      wait: (ms) => this.#wait(ms),
      random: this.#options.random ?? Math.random,
      now: () => Date.now(),
    });
    if (made.interrupted) this.#interrupted = true;
    const judged = made.attempts[made.judged];
    if (!judged) {
      // The first attempt never went out (or went out and was abandoned): as before retries existed.
      if (!made.interrupted?.sent) {
        if (ConformanceSession.isSend(step)) this.#budget.giveBack();
        return unsent(skipped('not run: the run was interrupted'));
      }
      // It went out: it may have delivered (a success scenario's send stays counted), and no answer was awaited.
      const failure: Failure = {
        check: 'transport', title: 'interrupted in flight',
        message: 'Received: nothing, the run was interrupted while the request was in flight\nDocumented: an answer',
      };
      return unsent({ ...base, observed: null, verdict: 'fail', reason: reasonOf([failure]), failures: [failure], durationMs: 0 });
    }
    const observed = observe(judged.outcome);
    const failures = checks(judged.outcome);
    if (operation !== STANDARD && !this.#off.has('parity')) {
      const referenceStep = { scenario, operation: STANDARD };
      const reference = this.#raw.get(key(referenceStep));
      if (reference?.observed) {
        const parity = judgeParity(
          { operation: STANDARD, observed: reference.observed, failures: reference.failures ?? [] },
          { operation, observed, failures: [...failures] },
          scenario,
          [...this.#off],
        );
        if (parity.twin) failures.push(parity.twin);
        if (parity.reference) this.#addFailure(referenceStep, reference, parity.reference);
      }
    }
    // The judged answer's own duration, as `observed` is the judged answer's; each attempt has its own in `attempts`.
    const durationMs = Math.round(judged.outcome.durationMs);
    const result: ScenarioResult = {
      ...base,
      observed,
      verdict: failures.length ? 'fail' : 'pass',
      reason: failures.length ? `${reasonOf(failures)}${attemptsNote(made)}` : null,
      ...(failures.length ? { failures } : {}),
      durationMs,
      ...(made.attempts.length > 1 ? { attempts: made.attempts.map(attemptOf) } : {}),
      ...(made.confirmation ? { confirmation: made.confirmation } : {}),
    };
    return { result, onlyTransient: made.attempts.every((a) => a.transient) };
  }

  /**
   * Belt and braces: no scenario but a success one carries a success holder's ids (src/scenarios), and if one ever
   * did, it would still be sent once only.
   */
  #carriesSuccessIds(scenario: Scenario): boolean {
    if (this.#successIds.length === 0) return false;
    const { request } = scenario;
    const text = request.raw !== undefined ? request.raw.toString() : JSON.stringify(request.body ?? null);
    return this.#successIds.some((id) => text.includes(id));
  }

  /** A wait between attempts; false when the run was interrupted (the wait then ends at once). */
  async #wait(ms: number): Promise<boolean> {
    const { signal } = this.#options;
    if (signal?.aborted) return false;
    try {
      await (this.#options.sleep ?? REAL_CLOCK.sleep)(ms, signal);
      return !signal?.aborted;
    } catch {
      return false;
    }
  }

  /**
   * A failure found after a step's result was made: the standard method's answer differs from its twin's, and only
   * the twin's was the documented one. The step already failed its own checks, so its verdict stays what it was.
   */
  #addFailure(step: Step, raw: ScenarioResult, failure: Failure): void {
    const failures = [...(raw.failures ?? []), failure];
    const amended: ScenarioResult = { ...raw, verdict: 'fail', reason: reasonOf(failures), failures };
    this.#raw.set(key(step), amended);
    if (this.#final.has(key(step))) {
      this.#final.set(key(step), applyBaseline(this.#options.baseline, [amended], this.#today()).results[0] ?? amended);
    }
  }

  #today(): Date {
    return this.#options.now?.() ?? new Date();
  }

  /** Requests that may have delivered a message: every request of a success scenario, and every other 200. */
  get sends(): number {
    return this.#budget.sent + this.#unexpectedDeliveries.length;
  }

  /**
   * The report of the run. A step that never ran is reported, never dropped: filtered out, not run because the
   * run was interrupted, or (a run that stopped for another reason) a failure.
   */
  finish(): ConformanceReport {
    const results = this.steps.map((step): ScenarioResult => this.#final.get(key(step)) ?? this.#notRun(step));
    const ran = [...this.#raw.values()];
    const { notices } = applyBaseline(this.#options.baseline, ran, this.#today());
    const coverage = coverageOf(results);
    const successAsserted = Object.fromEntries(OPERATION_IDS.map((op) => [op, results.some((r) =>
      r.operation === op && r.verdict === 'pass' && r.expected.status === 200)]));
    const required = this.#options.requireCodes === 'all' ? everyProvokableCode() : [...this.#options.requireCodes];
    const requiredCodesMissing = missingRequiredCodes(coverage, required.filter((c) => c !== SUCCESS_STATUS));
    if (required.includes(SUCCESS_STATUS)) {
      for (const op of OPERATION_IDS) {
        if (!successAsserted[op]) requiredCodesMissing[op] = [...(requiredCodesMissing[op] ?? []), SUCCESS_STATUS];
      }
    }
    const count = (verdict: ScenarioResult['verdict']) => results.filter((r) => r.verdict === verdict).length;
    const summary = {
      passed: count('pass'), failed: count('fail'), skipped: count('skip'), known: count('known'),
      retried: results.filter((r) => (r.attempts?.length ?? 1) > 1).length,
      // A pass with more than one attempt: a confirmation follows only a failing answer, so the others were transient.
      recovered: results.filter((r) => r.verdict === 'pass' && (r.attempts?.length ?? 1) > 1).length,
      intermittent: results.filter((r) => r.confirmation === 'intermittent').length,
    };
    const { verdict, exitCode } = this.#verdict(summary.failed > 0 || Object.keys(requiredCodesMissing).length > 0);
    const diagnosis = diagnose(results);
    const sent = ran.filter((r) => r.observed !== null);
    const unreachable = sent.length > 0 && sent.every((r) => r.observed?.status === null);
    return {
      verdict,
      target: this.#options.target,
      startedAt: this.startedAt.toISOString(),
      durationMs: Math.round(this.#monotonic() - this.#started),
      summary,
      results,
      coverage,
      sends: this.sends,
      seed: this.#options.seed,
      baseline: notices,
      requiredCodesMissing,
      ...(this.#off.size ? { checksOff: [...this.#off] } : {}),
      exitCode,
      catalog: Object.fromEntries(OPERATION_IDS.map((op) => [op, catalogOf(op).map(({ code, meaning }) => ({ code, meaning }))])),
      unexpectedDeliveries: [...this.#unexpectedDeliveries],
      ...(this.#interrupted ? { interrupted: true } : {}),
      ...(unreachable ? { targetUnreachable: {
        errorClass: mostCommon(sent.map((r) => r.observed?.transportError ?? 'other')),
        requests: sent.reduce((n, r) => n + (r.attempts?.length ?? 1), 0),
      } } : {}),
      successAsserted,
      ...(diagnosis ? { diagnosis } : {}),
    };
  }

  /**
   * 1 for any conformance failure or an interruption; 3 when the target became unavailable before any definitive
   * failure (required codes left unasserted then are the steps that could not run, not a failure of the target).
   */
  #verdict(failing: boolean): { verdict: RunVerdict; exitCode: RunExitCode } {
    if (this.#interrupted) return { verdict: 'fail', exitCode: 1 };
    if (this.#availability.unavailable && !this.#failedBeforeUnavailable) return { verdict: 'inconclusive', exitCode: 3 };
    return failing ? { verdict: 'fail', exitCode: 1 } : { verdict: 'pass', exitCode: 0 };
  }

  #notRun(step: Step): ScenarioResult {
    const base = this.#base(step);
    if (!this.isSelected(step)) return { ...base, observed: null, verdict: 'skip', reason: FILTERED_OUT, durationMs: 0 };
    if (this.#interrupted) return { ...base, observed: null, verdict: 'skip', reason: 'not run: the run was interrupted', durationMs: 0 };
    if (this.#availability.unavailable) return { ...base, observed: null, verdict: 'skip', reason: TARGET_UNAVAILABLE, durationMs: 0 };
    return {
      ...base, observed: null, verdict: 'fail', reason: '[transport] not run: the run stopped before this step',
      failures: [{ check: 'transport', title: 'not run', message: 'Received: nothing, the step did not run\nDocumented: an answer' }],
      durationMs: 0,
    };
  }
}

function attemptOf(a: AttemptsResult['attempts'][number]): Attempt {
  const { status, code, transportError } = observe(a.outcome);
  return { status, code, transportError, durationMs: Math.round(a.outcome.durationMs), waitedMs: a.waitedMs };
}

function sameAnswer(a: ReturnType<typeof observe>, b: ReturnType<typeof observe>): boolean {
  return a.status === b.status && a.code === b.code && a.transportError === b.transportError;
}

function sameChecks(a: readonly Failure[], b: readonly Failure[]): boolean {
  const names = (f: readonly Failure[]): string => [...new Set(f.map((x) => x.check))].sort().join(',');
  return names(a) === names(b);
}

/** What the reason adds about the attempts: a failure confirmed or intermittent, retries that stopped early. */
function attemptsNote(made: AttemptsResult): string {
  const notes: string[] = [];
  if (made.confirmation === 'confirmed') notes.push('confirmed: the same failing answer when asked again');
  if (made.confirmation === 'intermittent') notes.push('intermittent: asked again, the answer was not the same');
  if (made.stoppedBecause) notes.push(`not retried: ${made.stoppedBecause}`);
  return notes.length ? ` (${notes.join('; ')})` : '';
}

function mostCommon(values: readonly string[]): string {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 'other';
}

function key({ scenario, operation }: Step): string {
  return `${operation}\u0000${scenario.name}`;
}
