// The programmatic form of `npm run conformance`: a validated configuration in, the report out. It prepares the
// run (starting the bundled reference provider when no target is configured), runs every step and closes what
// it started; writing the reports is the caller's choice (src/report writeReports).
import type { RunConfig } from '../config/index.ts';
import type { ConformanceReport } from '../results/model.ts';
import { prepareRun, type PrepareOptions } from './prepare.ts';
import { runSession, type RunHooks } from './run.ts';

export async function runConformance(config: RunConfig, options: PrepareOptions & RunHooks = {}): Promise<ConformanceReport> {
  const run = await prepareRun(config, options);
  try {
    return await runSession(run, options);
  } finally {
    await run.close();
  }
}
