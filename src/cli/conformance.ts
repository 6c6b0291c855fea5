// `npm run conformance`: validates the configuration (exit 2 before any request), resolves the target (the
// bundled reference provider when none is configured), runs the vitest conformance suite, and ends with the
// verdict and the code × operation matrix. Exit 0 pass, 1 conformance failure, 2 configuration error.
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startVitest } from 'vitest/node';
import { ConfigError, loadConfig, loadDotEnv, type RunConfig } from '../config/index.ts';
import { createRedactor, REPORTERS, writeReports } from '../report/index.ts';
import type { ConformanceReport } from '../results/model.ts';
import { ProgressReporter } from '../runner/progress-reporter.ts';
import { readRunOptions, type RunOptions } from '../runner/run-options.ts';
import { suiteFailureReport } from '../runner/suite-failure.ts';
import type { SuitePayload } from '../runner/suite-payload.ts';
import { resolveTarget } from '../runner/target.ts';
import { terminalSummary } from '../runner/terminal-summary.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

function configure(): { config: RunConfig; options: RunOptions } {
  try {
    const env = loadDotEnv(process.cwd());
    return { config: loadConfig(env, { cwd: process.cwd() }), options: readRunOptions(env) };
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`configuration error: ${error.message}\n`);
    process.exit(2);
  }
}

async function main(): Promise<number> {
  const { config, options } = configure();
  const redactor = createRedactor(config.secrets);
  const say = (line: string) => process.stdout.write(`${redactor.text(line)}\n`);
  for (const warning of config.warnings) say(`warning: ${warning}`);

  const startedAt = new Date();
  const started = performance.now();
  const target = await resolveTarget(config);
  const stop = () => void target.close().finally(() => process.exit(1));
  process.once('SIGINT', stop).once('SIGTERM', stop);

  const reportPath = join(config.reportDir, 'conformance.json');
  rmSync(reportPath, { force: true });
  say(`conformance run against ${target.description} · seed ${options.seed} (LEAN_SEED reproduces it)`);
  if (options.skipChecks.length) say(`checks switched off (LEAN_SKIP_CHECKS): ${options.skipChecks.join(', ')}`);

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
  const progress = new ProgressReporter(say);
  try {
    const vitest = await startVitest('test', [], {
      root: ROOT,
      config: join(ROOT, 'vitest.suites.config.ts'),
      watch: false,
      reporters: [progress],
      provide: { lean: payload },
      testTimeout: config.timeoutMs * 2 + 10_000,
    });
    await vitest.close();
  } catch (error) {
    progress.suiteErrors.push(error instanceof Error ? error.message : String(error));
  } finally {
    await target.close();
  }

  let report: ConformanceReport;
  let files: string[];
  if (progress.suiteErrors.length || !existsSync(reportPath)) {
    const errors = progress.suiteErrors.length ? progress.suiteErrors : ['the suite wrote no report'];
    report = suiteFailureReport(target.description, startedAt, Math.round(performance.now() - started), errors);
    files = await writeReports(report, { dir: config.reportDir, secrets: config.secrets });
  } else {
    report = JSON.parse(readFileSync(reportPath, 'utf8')) as ConformanceReport;
    files = Object.values(REPORTERS).map((reporter) => join(config.reportDir, reporter.fileName));
  }
  say(terminalSummary(report, files));
  return report.exitCode ?? 1;
}

process.exitCode = await main();
