// A vitest reporter for the conformance run: one line per (scenario, operation) as results come in, and a
// record of anything that stopped the suite itself (a file that failed to load, an unhandled error).
import type { Reporter, TestCase, TestModule } from 'vitest/node';
import type { SerializedError } from 'vitest';
import type { ScenarioResult } from '../results/model.ts';

const MARK: Record<ScenarioResult['verdict'], string> = { pass: '✓', fail: '✗', skip: '↷', known: '≈' };

export class ProgressReporter implements Reporter {
  /** Problems that are not scenario results: each one makes the run fail. */
  readonly suiteErrors: string[] = [];

  /** `write` is the run's one terminal outlet, which redacts secrets from every line it prints. */
  constructor(private readonly write: (line: string) => void) {}

  onTestCaseResult(testCase: TestCase): void {
    const result = (testCase.meta() as { lean?: ScenarioResult }).lean;
    if (!result) {
      const state = testCase.result().state;
      if (state === 'failed') this.suiteErrors.push(`${testCase.fullName}: failed without a result`);
      return;
    }
    const observed = result.observed === null ? '' : result.observed.status === null
      ? ` → ${result.observed.transportError}`
      : ` → ${result.observed.status}${result.observed.code === null ? '' : `/${result.observed.code}`}`;
    const why = result.verdict === 'pass' ? '' : `  ${result.reason ?? ''}`;
    this.write(`  ${MARK[result.verdict]} ${result.operation.padEnd(18)} ${result.scenario}${observed}${why}`);
  }

  onTestRunEnd(modules: ReadonlyArray<TestModule>, unhandled: ReadonlyArray<SerializedError>): void {
    for (const module of modules) {
      for (const error of module.errors()) this.suiteErrors.push(`${module.moduleId}: ${error.message}`);
    }
    for (const error of unhandled) this.suiteErrors.push(`unhandled error: ${error.message}`);
  }
}
