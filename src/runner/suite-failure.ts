// When the suite itself could not run (a file failed to load, an unhandled error), the run still ends with a
// failing report, never an empty green one.
import { OPERATION_IDS } from '../catalog/index.ts';
import type { ConformanceReport } from '../results/model.ts';
import { coverageOf } from './coverage.ts';

export function suiteFailureReport(target: string, startedAt: Date, durationMs: number, errors: readonly string[]): ConformanceReport {
  const results = errors.map((error) => ({
    operation: OPERATION_IDS[0]!,
    scenario: 'suite',
    expected: { status: null, code: null },
    observed: null,
    verdict: 'fail' as const,
    reason: `the conformance suite did not complete: ${error}`,
    failures: [{ check: 'transport' as const, title: 'suite did not complete', message: `Received: ${error}\nDocumented: every scenario runs` }],
    durationMs: 0,
  }));
  return {
    target, startedAt: startedAt.toISOString(), durationMs,
    summary: { passed: 0, failed: results.length, skipped: 0, known: 0 },
    results, coverage: coverageOf([]), sends: 0, exitCode: 1,
  };
}
