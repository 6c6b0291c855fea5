// One conformance run: the plan (every scenario × every operation), the execution of one step, and the
// final report. The CLI (src/runner/run.ts) and the standalone vitest suite (suites/) both drive a session, so
// every line that decides a verdict is shared.
import { catalogOf, everyProvokableCode, OPERATION_IDS, OPERATIONS, type OperationId } from '../catalog/index.ts';
import { judgeParity, runChecks } from '../checks/index.ts';
import { InterruptedError } from '../client/create-client.ts';
import type { OtpClient } from '../client/types.ts';
import { SUCCESS_STATUS } from '../config/require-codes.ts';
import type { FixtureFile } from '../fixtures/types.ts';
import type { BaselineEntry } from '../baseline/index.ts';
import type { CheckName, ConformanceReport, Failure, ScenarioResult } from '../results/model.ts';
import { buildScenarios, type Scenario } from '../scenarios/index.ts';
import { applyBaseline } from './apply-baseline.ts';
import { coverageOf, missingRequiredCodes } from './coverage.ts';
import { observe } from './observe.ts';
import { requestRecord } from './request-record.ts';
import { SendBudget } from './send-budget.ts';
import { TimeoutBreaker } from './timeout-breaker.ts';

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
  /** Timeouts in a row after which the remaining requests are not sent. */
  timeoutsBeforeGivingUp?: number;
}

export interface Step {
  scenario: Scenario;
  operation: OperationId;
}

export const FILTERED_OUT = 'filtered out';

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
  readonly #breaker: TimeoutBreaker;
  readonly #off: ReadonlySet<CheckName>;
  readonly #monotonic: () => number;
  readonly #started: number;
  /** Results before the baseline is applied: the baseline's stale/expired notices are judged on these. */
  readonly #raw = new Map<string, ScenarioResult>();
  readonly #final = new Map<string, ScenarioResult>();
  readonly #unexpectedDeliveries: { operation: string; scenario: string }[] = [];
  #httpAnswers = 0;
  #interrupted = false;

  constructor(options: SessionOptions) {
    this.#options = options;
    this.#budget = new SendBudget(options.maxSends);
    this.#breaker = new TimeoutBreaker(options.timeoutsBeforeGivingUp ?? 3);
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
    const raw = await this.#execute(step);
    this.#raw.set(key(step), raw);
    const final = applyBaseline(this.#options.baseline, [raw], this.#today()).results[0] ?? raw;
    this.#final.set(key(step), final);
    return final;
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

  async #execute(step: Step): Promise<ScenarioResult> {
    const { scenario, operation } = step;
    const base = this.#base(step);
    const skipped = (reason: string): ScenarioResult => ({ ...base, observed: null, verdict: 'skip', reason, durationMs: 0 });
    if (!this.isSelected(step)) return skipped(FILTERED_OUT);
    if (scenario.skip) return skipped(scenario.skip);
    if (this.#interrupted) return skipped('not run: the run was interrupted');
    if (this.#breaker.open) {
      const failure: Failure = {
        check: 'transport', title: 'not sent: the target stopped answering',
        message: `Received: no answer to the last ${this.#breaker.limit} requests (timeout)\nDocumented: an HTTP answer`,
      };
      return { ...base, observed: null, verdict: 'fail', reason: reasonOf([failure]), failures: [failure], durationMs: 0 };
    }
    if (scenario.kind === 'success' && !this.#budget.take()) {
      return skipped(`send budget spent: LEAN_MAX_SENDS=${this.#options.maxSends} (a 200 delivers a real message)`);
    }
    let outcome;
    try {
      outcome = await this.#options.client.send(operation, scenario.request, scenario.overrides);
    } catch (error) {
      if (!(error instanceof InterruptedError)) throw error;
      this.#interrupted = true;
      if (!error.sent) {
        if (scenario.kind === 'success') this.#budget.giveBack();
        return skipped('not run: the run was interrupted');
      }
      // It went out: it may have delivered (a success scenario's send stays counted), and no answer was awaited.
      const failure: Failure = {
        check: 'transport', title: 'interrupted in flight',
        message: 'Received: nothing, the run was interrupted while the request was in flight\nDocumented: an answer',
      };
      return { ...base, observed: null, verdict: 'fail', reason: reasonOf([failure]), failures: [failure], durationMs: 0 };
    }
    this.#breaker.record(outcome.kind === 'transport-failure' && outcome.errorClass === 'timeout');
    const observed = observe(outcome);
    // Every 200 outside a success scenario may have delivered a message: counted and listed, whatever else.
    if (observed.status === 200 && scenario.kind !== 'success') {
      this.#unexpectedDeliveries.push({ operation, scenario: scenario.name });
    }
    const failures = runChecks({ operation, scenario, run: { httpAnswers: this.#httpAnswers } }, outcome, this.#off);
    // An HTTP answer to a request that presented the client certificate: the handshake with it succeeded.
    if (observed.status !== null && !scenario.overrides?.withoutClientCertificate) this.#httpAnswers += 1;
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
    return {
      ...base,
      observed,
      verdict: failures.length ? 'fail' : 'pass',
      reason: failures.length ? reasonOf(failures) : null,
      ...(failures.length ? { failures } : {}),
      durationMs: Math.round(outcome.durationMs),
    };
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
    const summary = { passed: count('pass'), failed: count('fail'), skipped: count('skip'), known: count('known') };
    const failing = summary.failed > 0 || Object.keys(requiredCodesMissing).length > 0 || this.#interrupted;
    const sent = ran.filter((r) => r.observed !== null);
    const unreachable = sent.length > 0 && sent.every((r) => r.observed?.status === null);
    return {
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
      exitCode: failing ? 1 : 0,
      catalog: Object.fromEntries(OPERATION_IDS.map((op) => [op, catalogOf(op).map(({ code, meaning }) => ({ code, meaning }))])),
      unexpectedDeliveries: [...this.#unexpectedDeliveries],
      ...(this.#interrupted ? { interrupted: true } : {}),
      ...(unreachable ? { targetUnreachable: { errorClass: mostCommon(sent.map((r) => r.observed?.transportError ?? 'other')), requests: sent.length } } : {}),
      successAsserted,
    };
  }

  #notRun(step: Step): ScenarioResult {
    const base = this.#base(step);
    if (!this.isSelected(step)) return { ...base, observed: null, verdict: 'skip', reason: FILTERED_OUT, durationMs: 0 };
    if (this.#interrupted) return { ...base, observed: null, verdict: 'skip', reason: 'not run: the run was interrupted', durationMs: 0 };
    return {
      ...base, observed: null, verdict: 'fail', reason: '[transport] not run: the run stopped before this step',
      failures: [{ check: 'transport', title: 'not run', message: 'Received: nothing, the step did not run\nDocumented: an answer' }],
      durationMs: 0,
    };
  }
}

function mostCommon(values: readonly string[]): string {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 'other';
}

function key({ scenario, operation }: Step): string {
  return `${operation}\u0000${scenario.name}`;
}
