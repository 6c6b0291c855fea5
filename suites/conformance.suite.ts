// The live conformance suite as a vitest suite, for teams that want the run inside their own vitest: one test per
// (scenario, operation), configured as the command is (LEAN_* variables, `.env` in the working directory). It drives the same session as `npm run conformance`, so every verdict is decided by the same
// code; `-t` filters work (`npx vitest run -c vitest.suites.config.ts -t fixture:smsActive`), and the tests
// vitest does not run are reported as "filtered out". Reports go to LEAN_REPORT_DIR as the CLI writes them.
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config/index.ts';
import { loadDotEnv } from '../src/input/index.ts';
import { formatFailureText } from '../src/report/format-failure.ts';
import { writeReports } from '../src/report/index.ts';
import type { ScenarioResult } from '../src/results/model.ts';
import { prepareRun } from '../src/runner/prepare.ts';
import { FILTERED_OUT } from '../src/runner/session.ts';
import { claimReportDir } from '../src/runner/report-dir.ts';

declare module 'vitest' {
  interface TaskMeta {
    lean?: ScenarioResult;
  }
}

const config = loadConfig(loadDotEnv(process.cwd()), { cwd: process.cwd() });
const claim = claimReportDir(config.reportDir);
const run = await prepareRun(config);
const ran = new Set<string>();
// Each test makes one request: it may wait for its rate-limit slot, then has its own deadline (twice, for the
// connect and the body), so the test's own timeout never cuts a request short.
const perTestMs = (config.rateLimit ? 1000 / config.rateLimit : 0) + 2 * config.timeoutMs + 5_000;

for (const scenario of run.session.scenarios) {
  describe(scenario.name, () => {
    for (const step of run.session.steps.filter((s) => s.scenario === scenario)) {
      it(step.operation, async ({ task, skip }) => {
        ran.add(`${step.operation} ${scenario.name}`);
        const result = await run.session.run(step);
        task.meta.lean = result;
        if (result.verdict === 'skip') skip(result.reason ?? 'skipped');
        if (result.verdict === 'fail') expect.fail(formatFailureText(result));
      }, perTestMs);
    }
  });
}

afterAll(async () => {
  try {
    await run.close();
    // Steps vitest did not run (a -t filter) are reported as filtered out, never dropped nor failed.
    for (const step of run.session.steps) {
      if (!ran.has(`${step.operation} ${step.scenario.name}`)) run.session.skip(step, FILTERED_OUT);
    }
    const report = run.session.finish();
    await writeReports(report, { dir: config.reportDir });
  } finally {
    claim.release();
  }
}, 60_000);
