// The global setup of `conformanceProject()` (src/vitest.ts): validates the configuration as the command does
// (a ConfigError stops the run before any request), resolves the target (starting the bundled provider when
// none is configured) and hands the suite its payload through vitest's provide/inject; closes the target after.
import type { TestProject } from 'vitest/node';
import { loadConfig, loadDotEnv } from './config/index.ts';
import { readRunOptions } from './runner/run-options.ts';
import type { SuitePayload } from './runner/suite-payload.ts';
import { resolveTarget } from './runner/target.ts';

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const cwd = process.cwd();
  const env = loadDotEnv(cwd);
  const config = loadConfig(env, { cwd });
  const options = readRunOptions(env);
  const target = await resolveTarget(config);
  const payload: SuitePayload = {
    target: target.description,
    clientOptions: target.clientOptions,
    fixtures: target.fixtures,
    maxSends: Number.isFinite(config.maxSends) ? config.maxSends : null,
    seed: options.seed,
    malformedRuns: options.malformedRuns,
    baseline: config.baseline,
    requireCodes: config.requireCodes,
    reportDir: config.reportDir,
    secrets: config.secrets,
    skipChecks: options.skipChecks,
  };
  project.provide('lean', payload);
  return () => target.close();
}
