// One conformance run: the plan (every scenario × every operation), the execution of one step, and the
// final report. The vitest suite and the in-process runner both drive a session, so they cannot diverge.
import { OPERATION_IDS, OPERATIONS, type OperationId } from '../catalog/index.ts';
import { provokableCodes } from '../config/index.ts';
import { parityFailure, runChecks } from '../checks/index.ts';
import type { OtpClient } from '../client/types.ts';
import type { FixtureFile } from '../fixtures/types.ts';
import type { CheckName, ConformanceReport, Failure, ScenarioResult } from '../results/model.ts';
import { buildScenarios, type Scenario } from '../scenarios/index.ts';
import { coverageOf, missingRequiredCodes } from './coverage.ts';
import { observe } from './observe.ts';
import { SendBudget } from './send-budget.ts';
import { TimeoutBreaker } from './timeout-breaker.ts';
import { applyBaseline, type BaselineEntry } from '../baseline/index.ts';
import { createFixtureIdMasker } from '../fixtures/index.ts';

export interface SessionOptions {
  client: OtpClient;
  /** Printable target (no credentials). */
  target: string;
  fixtures: FixtureFile | null;
  credentials?: { username: string; password: string };
  clientCertificate: boolean;
  maxSends: number;
  seed: number;
  malformedRuns: number;
  baseline: readonly BaselineEntry[];
  requireCodes: 'all' | readonly number[];
  /** Checks switched off by name (LEAN_SKIP_CHECKS); reported, so a green run says what it did not check. */
  skipChecks?: readonly CheckName[];
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
  readonly #maskIds: (text: string) => string;
  readonly #monotonic: () => number;
  readonly #started: number;
  /** Results before the baseline is applied: the baseline's stale/expired notices are judged on these. */
  readonly #raw = new Map<string, ScenarioResult>();
  readonly #final = new Map<string, ScenarioResult>();

  constructor(options: SessionOptions) {
    this.#options = options;
    this.#budget = new SendBudget(options.maxSends);
    this.#breaker = new TimeoutBreaker(options.timeoutsBeforeGivingUp ?? 3);
    this.#off = new Set(options.skipChecks ?? []);
    this.#maskIds = createFixtureIdMasker(options.fixtures);
    this.#monotonic = options.monotonic ?? (() => performance.now());
    this.#started = this.#monotonic();
    this.startedAt = (options.now ?? (() => new Date()))();
    this.scenarios = buildScenarios({
      fixtures: options.fixtures,
      ...(options.credentials ? { credentials: options.credentials } : {}),
      clientCertificate: options.clientCertificate,
      seed: options.seed,
      malformedRuns: options.malformedRuns,
    });
    // The standard operation first, so its answer is known when the twin's is judged for parity.
    const ordered = [...OPERATIONS].sort((a, b) => Number(a.id !== STANDARD) - Number(b.id !== STANDARD));
    this.steps = this.scenarios.flatMap((scenario) => ordered.map((op) => ({ scenario, operation: op.id })));
  }

  async run(step: Step): Promise<ScenarioResult> {
    const raw = await this.#execute(step);
    this.#raw.set(key(step), raw);
    const final = applyBaseline(this.#options.baseline, [raw], this.#today()).results[0] ?? raw;
    this.#final.set(key(step), final);
    return final;
  }

  async #execute({ scenario, operation }: Step): Promise<ScenarioResult> {
    const base = { operation, scenario: scenario.name, expected: scenario.expected };
    const skipped = (reason: string): ScenarioResult => ({ ...base, observed: null, verdict: 'skip', reason, durationMs: 0 });
    if (scenario.skip) return skipped(scenario.skip);
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
    const outcome = await this.#options.client.send(operation, scenario.request, scenario.overrides);
    this.#breaker.record(outcome.kind === 'transport-failure' && outcome.errorClass === 'timeout');
    const observed = observe(outcome);
    const failures = runChecks({ operation, scenario }, outcome, this.#off);
    if (operation !== STANDARD && !this.#off.has('parity')) {
      const reference = this.#raw.get(key({ scenario, operation: STANDARD }));
      if (reference?.observed) {
        const parity = parityFailure({ operation: STANDARD, observed: reference.observed }, { operation, observed });
        if (parity) failures.push(parity);
      }
    }
    const masked = failures.map((f) => ({ ...f, message: this.#maskIds(f.message) }));
    return {
      ...base,
      observed,
      verdict: masked.length ? 'fail' : 'pass',
      reason: masked.length ? reasonOf(masked) : null,
      ...(masked.length ? { failures: masked } : {}),
      durationMs: Math.round(outcome.durationMs),
    };
  }

  #today(): Date {
    return this.#options.now?.() ?? new Date();
  }

  /** The report of the run; steps that never ran (a crashed suite) are reported as failures, never dropped. */
  finish(): ConformanceReport {
    const results = this.steps.map((step): ScenarioResult => this.#final.get(key(step)) ?? {
      operation: step.operation, scenario: step.scenario.name, expected: step.scenario.expected, observed: null,
      verdict: 'fail', reason: '[transport] not run: the suite stopped before this step',
      failures: [{ check: 'transport', title: 'not run', message: 'Received: nothing, the step did not run\nDocumented: an answer' }],
      durationMs: 0,
    });
    const ran = [...this.#raw.values()];
    const { notices } = applyBaseline(this.#options.baseline, ran, this.#today());
    const coverage = coverageOf(results);
    const required = this.#options.requireCodes === 'all'
      ? [...new Set(OPERATION_IDS.flatMap(provokableCodes))]
      : [...this.#options.requireCodes];
    const requiredCodesMissing = missingRequiredCodes(coverage, required);
    const count = (verdict: ScenarioResult['verdict']) => results.filter((r) => r.verdict === verdict).length;
    const summary = { passed: count('pass'), failed: count('fail'), skipped: count('skip'), known: count('known') };
    const failing = summary.failed > 0 || Object.keys(requiredCodesMissing).length > 0;
    return {
      target: this.#options.target,
      startedAt: this.startedAt.toISOString(),
      durationMs: Math.round(this.#monotonic() - this.#started),
      summary,
      results,
      coverage,
      sends: this.#budget.sent,
      seed: this.#options.seed,
      baseline: notices,
      requiredCodesMissing,
      ...(this.#off.size ? { checksOff: [...this.#off] } : {}),
      exitCode: failing ? 1 : 0,
    };
  }
}

function key({ scenario, operation }: Step): string {
  return `${operation}\u0000${scenario.name}`;
}
