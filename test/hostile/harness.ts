// Shared parts of the hostile-target tests: small servers of their own on 127.0.0.1 port 0 that count what
// reached them and destroy every socket on close (a hostile server keeps connections open on purpose), and
// one real `npm run conformance` run against such a server, timed from the outside, with its four reports.
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer, type ServerOptions as HttpsOptions } from 'node:https';
import { createServer as createNetServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import type { ConformanceReport, ScenarioResult } from '../../src/results/model.ts';
import { runCli, type CliRun } from '../support/spawn-cli.ts';

export const CLI = 'src/cli/conformance.ts';
export const REPORT_FILES = ['conformance.json', 'index.html', 'junit.xml', 'summary.md'] as const;

/** Short, so that a run the breaker ends after three timeouts stays a few seconds long. */
export const DEADLINE_MS = 500;
/** A run against any hostile target must end within this, from spawn to exit (tsx and vitest start included). */
export const RUN_BOUND_MS = 15_000;
/** How far past the deadline a timed-out request may be reported: timers, teardown, a loaded 2-core machine. */
export const DEADLINE_SLACK_MS = 1_000;

export interface HostileServer {
  url: string;
  /** TCP connections accepted. */
  readonly connections: number;
  /**
   * Requests that reached the server: HTTP requests it parsed, or for a raw server the connections on which the
   * client wrote anything (undici may open a spare connection after an abort and never use it).
   */
  readonly requests: number;
  close(): Promise<void>;
}

type Counters = { connections: number; requests: number };

async function listen(server: Server, scheme: 'http' | 'https', counters: Counters): Promise<HostileServer> {
  const sockets = new Set<Socket>();
  server.on('connection', (socket: Socket) => {
    counters.connections += 1;
    sockets.add(socket);
    // The client hangs up on these servers by design; a reset is expected, not a test failure.
    socket.on('error', () => undefined);
    socket.once('close', () => sockets.delete(socket));
  });
  server.on('tlsClientError', () => undefined);
  server.on('clientError', (_error: Error, socket: Socket) => socket.destroy());
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('hostile server has no port');
  return {
    url: `${scheme}://127.0.0.1:${address.port}`,
    get connections() { return counters.connections; },
    get requests() { return counters.requests; },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** A TCP server: for answers node:http would refuse to write, or no answer at all. */
export function startRaw(onConnection: (socket: Socket) => void): Promise<HostileServer> {
  const counters = { connections: 0, requests: 0 };
  const server = createNetServer((socket) => {
    socket.once('data', () => { counters.requests += 1; });
    onConnection(socket);
  });
  return listen(server, 'http', counters);
}

export type Handler = (req: IncomingMessage, res: ServerResponse) => void;

function counting(handler: Handler, counters: Counters): Handler {
  return (req, res) => {
    counters.requests += 1;
    // Drain the request body, so the hostile answer is what the client waits on, not its own upload.
    req.resume();
    req.once('end', () => handler(req, res));
  };
}

export function startHttp(handler: Handler): Promise<HostileServer> {
  const counters = { connections: 0, requests: 0 };
  return listen(createHttpServer(counting(handler, counters)), 'http', counters);
}

export function startHttps(options: HttpsOptions, handler: Handler): Promise<HostileServer> {
  const counters = { connections: 0, requests: 0 };
  return listen(createHttpsServer(options, counting(handler, counters)), 'https', counters);
}

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

/** Runs the real CLI against `url` as CI would, with a short deadline and no rate limit worth the name. */
export async function runAgainst(url: string, env: Record<string, string> = {}): Promise<HostileRun> {
  const dir = mkdtempSync(join(tmpdir(), 'lean-hostile-'));
  const started = performance.now();
  const run = await runCli(CLI, {
    LEAN_BASE_URL: url,
    LEAN_USERNAME: 'hostile-user',
    LEAN_PASSWORD: 'hostile-Pa55word',
    LEAN_TIMEOUT_MS: String(DEADLINE_MS),
    LEAN_RATE_LIMIT: '1000',
    LEAN_REPORT_DIR: dir,
    LEAN_SEED: '20261125',
    LEAN_MALFORMED_RUNS: '2',
    ...env,
  }, [], 30_000);
  const elapsedMs = performance.now() - started;
  const texts = Object.fromEntries(
    REPORT_FILES.filter((f) => readdirSync(dir).includes(f)).map((f) => [f, readFileSync(join(dir, f), 'utf8')]),
  ) as HostileRun['texts'];
  const report = JSON.parse(texts['conformance.json'] ?? 'null') as ConformanceReport;
  return { run, elapsedMs, dir, report, texts, sent: report?.results.filter((r) => r.observed !== null) ?? [] };
}

/** What every hostile run must show: bounded time, exit 1, the four reports, and a failing summary. */
export function expectFailedRunWithReports({ run, elapsedMs, dir, report }: HostileRun): void {
  expect(run.code, run.stderr).toBe(1);
  expect(elapsedMs).toBeLessThan(RUN_BOUND_MS);
  expect(readdirSync(dir).sort()).toEqual([...REPORT_FILES]);
  expect(report.summary.failed).toBeGreaterThan(0);
  expect(report.exitCode).toBe(1);
  expect(run.stdout).toMatch(/^FAIL /m);
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

/** Timeouts in a row after which the session stops sending (src/runner/timeout-breaker.ts). */
export const BREAKER_LIMIT = 3;

/**
 * A silent target: exactly BREAKER_LIMIT requests reached it, each a timeout at about the deadline, and every
 * later step is a failure saying it was not sent.
 */
export function expectBreakerStop(result: HostileRun, server: HostileServer): void {
  expect(result.sent.map((r) => r.observed?.transportError)).toEqual(Array(BREAKER_LIMIT).fill('timeout'));
  expectNearDeadline(result.sent);
  expect(server.requests).toBe(BREAKER_LIMIT);
  const unsent = result.report.results.filter((r) => r.observed === null && r.verdict !== 'skip');
  expect(unsent.length).toBeGreaterThan(0);
  expect(new Set(unsent.map((r) => `${r.verdict} ${r.reason}`))).toEqual(new Set(['fail [transport] not sent: the target stopped answering']));
}
