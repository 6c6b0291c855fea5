// The live conformance suite: every scenario against every operation of the spec, one vitest test per
// (scenario, operation). Started by `npm run conformance`, which resolves the target and provides it here.
import { afterAll, describe, expect, inject, it } from 'vitest';
import { createClient } from '../src/client/index.ts';
import { formatFailureText } from '../src/report/format-failure.ts';
import { writeReports } from '../src/report/index.ts';
import type { ScenarioResult } from '../src/results/model.ts';
import { ConformanceSession } from '../src/runner/session.ts';
import '../src/runner/suite-payload.ts';

declare module 'vitest' {
  interface TaskMeta {
    /** Read by the progress reporter in the main process. */
    lean?: ScenarioResult;
  }
}

const payload = inject('lean');
const client = createClient(payload.clientOptions);
const session = new ConformanceSession({
  client,
  target: payload.target,
  fixtures: payload.fixtures,
  ...(payload.clientOptions.credentials ? { credentials: payload.clientOptions.credentials } : {}),
  clientCertificate: Boolean(payload.clientOptions.tls?.cert),
  maxSends: payload.maxSends ?? Infinity,
  seed: payload.seed,
  malformedRuns: payload.malformedRuns,
  baseline: payload.baseline,
  requireCodes: payload.requireCodes,
  skipChecks: payload.skipChecks,
});

for (const scenario of session.scenarios) {
  describe(scenario.name, () => {
    for (const step of session.steps.filter((s) => s.scenario === scenario)) {
      it(step.operation, async ({ task, skip }) => {
        const result = await session.run(step);
        task.meta.lean = result;
        if (result.verdict === 'skip') skip(result.reason ?? 'skipped');
        if (result.verdict === 'fail') expect.fail(formatFailureText(result));
      });
    }
  });
}

afterAll(async () => {
  await client.close();
  await writeReports(session.finish(), { dir: payload.reportDir });
});
