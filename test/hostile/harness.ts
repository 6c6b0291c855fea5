// Shared parts of the hostile-target tests: the small test servers of test/support/servers.ts, and one real
// `npm run conformance` run against such a server, timed from the outside, with its reports.
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import type { ConformanceReport, ScenarioResult } from '../../src/results/model.ts';
import { startHttp, startHttps, startRaw, type RunningServer } from '../support/servers.ts';
import { main } from '../../src/cli/conformance.ts';
import { runMain, type CliRun } from '../support/spawn-cli.ts';

export const REPORT_FILES = ['conformance.json', 'ctrf.json', 'index.html', 'junit.xml', 'summary.md'] as const;

/** Short, so that a run the breaker ends after three timeouts stays a few seconds long. */
export const DEADLINE_MS = 500;
/** A run against any hostile target must end within this, from start to exit code. */
export const RUN_BOUND_MS = 15_000;
/** How far past the deadline a timed-out request may be reported: timers, teardown, a loaded 2-core machine. */
export const DEADLINE_SLACK_MS = 1_000;

/** A hostile server: the shared test servers, which count the connections and requests that reached them. */
export type HostileServer = RunningServer;
export { startHttp, startHttps, startRaw };

export interface HostileRun {
  run: CliRun;
  /** Wall time from spawn to exit, measured here. */
  elapsedMs: number;
  dir: string;
  report: ConformanceReport;
  /** Each report file's text. */
  texts: Record<(typeof REPORT_FILES)[number], string>;
  /** The results that were sent (observed is not null). */
  sent: ScenarioResult[];
}

/** Runs the real CLI's main against `url` as CI would, with a short deadline and no rate limit worth the name. */
export async function runAgainst(url: string, env: Record<string, string> = {}): Promise<HostileRun> {
  const dir = mkdtempSync(join(tmpdir(), 'lean-hostile-'));
  const started = performance.now();
  const run = await runMain(main, {
    LEAN_BASE_URL: url,
    LEAN_USERNAME: 'hostile-user',
    LEAN_PASSWORD: 'hostile-Pa55word',
    LEAN_TIMEOUT_MS: String(DEADLINE_MS),
    LEAN_RATE_LIMIT: '1000',
    LEAN_REPORT_DIR: dir,
    LEAN_SEED: '20261125',
    LEAN_MALFORMED_RUNS: '2',
    ...env,
  });
  const elapsedMs = performance.now() - started;
  const texts = Object.fromEntries(
    REPORT_FILES.filter((f) => readdirSync(dir).includes(f)).map((f) => [f, readFileSync(join(dir, f), 'utf8')]),
  ) as HostileRun['texts'];
  const report = JSON.parse(texts['conformance.json'] ?? 'null') as ConformanceReport;
  return { run, elapsedMs, dir, report, texts, sent: report?.results.filter((r) => r.observed !== null) ?? [] };
}

/** What every hostile run must show: bounded time, exit 1, every report, and a failing summary. */
export function expectFailedRunWithReports({ run, elapsedMs, dir, report }: HostileRun): void {
  expect(run.code, run.stderr).toBe(1);
  expect(elapsedMs).toBeLessThan(RUN_BOUND_MS);
  expect(readdirSync(dir).sort()).toEqual([...REPORT_FILES]);
  expect(report.summary.failed).toBeGreaterThan(0);
  expect(report.exitCode).toBe(1);
  expect(run.stdout).toMatch(/^FAIL\b/m);
  // The run completed: every result comes from a scenario, none from a suite that crashed.
  expect(report.results.some((r) => r.scenario === 'suite')).toBe(false);
}

/** Timed-out results are reported at about the deadline: not at once, and not long after. */
export function expectNearDeadline(results: readonly ScenarioResult[]): void {
  for (const r of results) {
    expect(r.durationMs).toBeGreaterThanOrEqual(DEADLINE_MS - 5);
    expect(r.durationMs).toBeLessThan(DEADLINE_MS + DEADLINE_SLACK_MS);
  }
}

/**
 * What a run against a target that does not answer at all must show (interface.md, "Inconclusive runs"):
 * bounded time, exit 3, every report, each saying inconclusive in words, and no failure.
 */
export function expectInconclusiveRunWithReports({ run, elapsedMs, dir, report, texts }: HostileRun): void {
  expect(run.code, run.stderr).toBe(3);
  expect(elapsedMs).toBeLessThan(RUN_BOUND_MS);
  expect(readdirSync(dir).sort()).toEqual([...REPORT_FILES]);
  expect(report.verdict).toBe('inconclusive');
  expect(report.exitCode).toBe(3);
  expect(report.summary.failed).toBe(0);
  expect(run.stdout).toMatch(/^INCONCLUSIVE: target unavailable/m);
  expect(texts['junit.xml']).toMatch(/<property name="verdict" value="inconclusive"\/>/);
  expect(JSON.parse(texts['ctrf.json']).results.extra.runVerdict).toBe('inconclusive');
  expect(texts['summary.md']).toMatch(/^# Send OTP conformance: ⚠️ INCONCLUSIVE \(exit 3\)/);
  expect(texts['index.html']).toContain('INCONCLUSIVE (exit 3)');
}

/** Consecutive steps without an answer after which the target is unavailable (src/runner/availability.ts). */
export const STEPS_BEFORE_UNAVAILABLE = 3;
/** Attempts of a step that cannot deliver: the first and LEAN_RETRIES (default 2) more. */
export const ATTEMPTS = 3;

/**
 * A target that does not answer: the first three steps (none may deliver here: no budget) each made three
 * attempts, all without an answer of `errorClass`, then nothing more was sent and every later step is skipped,
 * "not run: target unavailable".
 */
export function expectUnavailableStop(result: HostileRun, server: HostileServer, errorClass: string): void {
  expect(result.sent).toHaveLength(STEPS_BEFORE_UNAVAILABLE);
  for (const r of result.sent) {
    expect(r.attempts?.map((a) => a.transportError)).toEqual(Array(ATTEMPTS).fill(errorClass));
    expect(r.verdict).toBe('skip');
  }
  expect(server.received).toBe(STEPS_BEFORE_UNAVAILABLE * ATTEMPTS);
  // Every other step is skipped: the ones a run skips anyway (no fixture holder, no send budget), and the rest
  // "not run: target unavailable", never a failure.
  const unsent = result.report.results.filter((r) => r.observed === null);
  expect(unsent.every((r) => r.verdict === 'skip')).toBe(true);
  const notRun = unsent.filter((r) => r.reason === 'not run: target unavailable');
  expect(notRun.length).toBeGreaterThan(20);
  expect(notRun.every((r) => !r.scenario.startsWith('fixture:'))).toBe(true);
}
