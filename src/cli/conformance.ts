// `npm run conformance` (and the `lean-otp-conformance` command): parses its arguments, validates the
// configuration (exit 2 before any request), claims the report directory, resolves the target (the bundled
// reference provider when none is configured), runs every step in this process, writes the reports and ends
// with the verdict and the code × operation matrix. Exit 0 pass, 1 conformance failure, 2 usage or
// configuration error (nothing sent), 3 inconclusive (the target stopped answering).
import { randomInt } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { budgetLine, loadRunConfig, VARIABLE_NAMES, type RunConfig, type VariableName } from '../config/index.ts';
import { readDotEnv, type Env } from '../input/index.ts';
import { REPORTERS, writeReports } from '../report/index.ts';
import type { ConformanceReport, ScenarioResult } from '../results/model.ts';
import { stepFilter } from '../runner/filters.ts';
import { buildScenarios } from '../scenarios/index.ts';
import { formatPlan, planRun } from '../runner/plan.ts';
import { prepareRun, type PreparedRun } from '../runner/prepare.ts';
import { claimReportDir } from '../runner/report-dir.ts';
import { runSession } from '../runner/run.ts';
import { formatPendingLine, formatProgress, formatResultLine, terminalSummary } from '../report/terminal.ts';
import { invocationOf, type Invocation } from '../report/invocation.ts';
import { withReproductionContext } from '../report/reproducer.ts';
import { withComparison, type LabelledReport } from '../compare/index.ts';
import type { CommandSpec } from './args.ts';
import { defineCommand, type RunArgs } from './command.ts';
import { loadEarlierReport } from './earlier-report.ts';
import { isEntryPoint, runAsProcess, type CliIo, type CliMain } from './io.ts';

const NAME = 'conformance';

export const COMMAND: CommandSpec = {
  usage: 'npm run conformance --',
  summary: 'Runs every conformance scenario against both Send OTP operations of the target and writes the reports.',
  options: {
    plan: { type: 'boolean', doc: 'validate the configuration and print every request the run would make; send nothing' },
    operation: { type: 'string', multiple: true, value: 'operationId', doc: 'run only this operation (sendOtp, sendOtpDisposable)' },
    scenario: { type: 'string', multiple: true, value: 'glob', doc: "run only the scenarios matching the glob (* matches anything: 'fixture:*')" },
  },
  variables: VARIABLE_NAMES.filter((name): name is VariableName => name !== 'LEAN_PACT_OUTPUT_DIR'),
  epilogue: 'exit codes: 0 every executed check passed · 1 a conformance failure · 2 usage or configuration error, nothing sent' +
    ' · 3 inconclusive: the target stopped answering before any definitive failure',
};

function configure(env: Env, io: CliIo): RunConfig {
  return loadRunConfig(readDotEnv(io.cwd, env), { cwd: io.cwd });
}

async function plan(run: PreparedRun, config: RunConfig, io: CliIo): Promise<number> {
  io.out(`${budgetLine(config)}\n`);
  io.out(formatPlan(planRun(run.session, config.maxSends), { target: run.target.description, seed: run.seed, compareWith: config.compareWith }, config.retries));
  return 0;
}

/** LEAN_COMPARE_WITH, read and validated before anything is sent (and by --plan): an unreadable file is exit 2. */
/**
 * One line per result (a CI log reads them); on a terminal, a live progress line under them too, redrawn in
 * place, with done/total and the time left at the current rate.
 */
function progressPrinter(io: CliIo): (result: ScenarioResult, done: number, total: number, pending: boolean) => void {
  const started = performance.now();
  return (result, done, total, pending) => {
    const line = pending ? formatPendingLine(result) : formatResultLine(result);
    if (!io.isTTY) return io.out(`${line}\n`);
    io.out(`\r\u001b[2K${line}\n${formatProgress({ done, total, elapsedMs: performance.now() - started })}`);
    if (done === total) io.out('\r\u001b[2K');
  };
}

/**
 * A run that crashed (a bug of the tool) still writes what it observed: the steps run so far with their results,
 * the others marked not run, every send counted. Best effort: the crash itself is what gets reported.
 */
async function keepResultsSoFar(run: PreparedRun, config: RunConfig): Promise<void> {
  try {
    run.session.interrupt();
    await writeReports(run.session.finish(), { dir: config.reportDir });
  } catch {
    // Nothing more can be kept; the original error is the one to report.
  }
}

/** Where the seed is set again, for this reader. */
function seedHint(invocation: Invocation): string {
  return invocation === 'action' ? "the Action's seed input reproduces it" : 'LEAN_SEED reproduces it';
}

async function execute(run: PreparedRun, config: RunConfig, io: CliIo, earlier: LabelledReport | undefined, invocation: Invocation): Promise<number> {
  io.out(`conformance run against ${run.target.description} · seed ${run.seed} (${seedHint(invocation)})\n`);
  io.out(`${budgetLine(config)}\n`);
  if (config.skipChecks.length) io.out(`checks switched off (LEAN_SKIP_CHECKS): ${config.skipChecks.join(', ')}\n`);
  const printResult = progressPrinter(io);
  let saidUnavailable = false;
  const onResult = (result: ScenarioResult, done: number, total: number, pending: boolean): void => {
    printResult(result, done, total, pending);
    if (saidUnavailable || !run.session.unavailable) return;
    saidUnavailable = true;
    // The steps of the streak were printed as pending (…): the verdict at the end says what they became.
    // On a terminal the live progress line is cleared first; the next result draws it again.
    io.out(`${io.isTTY ? '\r\u001b[2K' : ''}  target unavailable: steps in a row got no answer, even after retries; nothing more is sent\n`);
  };
  let finished: ConformanceReport;
  try {
    finished = await runSession(run, { signal: io.signal, onResult });
  } catch (error) {
    await keepResultsSoFar(run, config);
    throw error; // said by runAsProcess as an internal error of the tool (exit 4)
  }
  if (io.isTTY) io.out('\r\u001b[2K');
  const report = earlier ? withComparison(finished, earlier) : finished;
  let files: string[] = [];
  let exitCode: number = report.exitCode ?? 1;
  try {
    files = await writeReports(report, { dir: config.reportDir });
  } catch (error) {
    const written = (error as { written?: readonly string[] }).written ?? [];
    files = [...written];
    io.err(`${NAME}: ${error instanceof Error ? error.message : String(error)}\n`);
    // The tool could not deliver what it owes (every report): its failure, never the target's.
    exitCode = 4;
  }
  if (report.interrupted) io.err(`${NAME}: interrupted; the reports hold the results so far, the steps not run are marked not run.\n`);
  io.out(`${terminalSummary(report, { reportFiles: files, color: io.isTTY })}\n`);
  return exitCode;
}

async function conformance(args: RunArgs, env: Env, io: CliIo): Promise<number> {
  const config = configure(env, io);
  for (const warning of config.warnings) io.out(`warning: ${warning}\n`);
  const filters = { operations: (args.values['operation'] as string[] | undefined) ?? [], scenarios: (args.values['scenario'] as string[] | undefined) ?? [] };
  // The seed is drawn here, so the filters are checked against this run's scenario names before anything else.
  const seed = config.seed ?? randomInt(2 ** 31 - 1);
  const names = buildScenarios({ fixtures: null, clientCertificate: true, seed, malformedRuns: config.malformedRuns }).map((s) => s.name);
  stepFilter(filters, names);
  const filter = (runNames: readonly string[]) => stepFilter(filters, runNames);
  config.seed = seed;
  // Read before anything is sent, --plan included: a bad earlier report is exit 2 with nothing sent.
  const earlier = loadEarlierReport(config, { plan: args.values['plan'] === true });
  if (args.values['plan'] === true) {
    const run = await prepareRun(config, { filter });
    try {
      return await plan(run, config, io);
    } finally {
      await run.close();
    }
  }
  // Claimed before anything is sent: a run whose results could not be kept must not pay for its requests.
  const claim = claimReportDir(config.reportDir, { files: Object.values(REPORTERS).map((r) => r.fileName) });
  try {
    const run = await prepareRun(config, { signal: io.signal, filter });
    const invocation = invocationOf(env);
    const envFile = join(io.cwd, '.env');
    try {
      // The reproducers (terminal and reports) name the command as this user runs it, and the .env the run read.
      return await withReproductionContext({ invocation, envFile: existsSync(envFile) ? envFile : null },
        () => execute(run, config, io, earlier, invocation));
    } finally {
      await run.close();
    }
  } finally {
    claim.release();
  }
}

export const main: CliMain = defineCommand(NAME, COMMAND, conformance, {
  errorLine: (error) => `${error.variable.startsWith('-') || error.variable === 'arguments' ? 'usage' : 'configuration'} error: ${error.message}`,
});

if (isEntryPoint(import.meta.url)) await runAsProcess(NAME, main);
