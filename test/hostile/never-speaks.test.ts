// A server that accepts the connection and never says a byte: each request ends at the deadline as a
// `timeout`, and after three in a row the breaker stops sending, so the run ends in seconds, not in
// (every request) × LEAN_TIMEOUT_MS.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  expectFailedRunWithReports, expectNearDeadline, runAgainst, startRaw, type HostileRun, type HostileServer,
} from './harness.ts';

const BREAKER_LIMIT = 3;

describe('hostile target: accepts the connection and never speaks', () => {
  let server: HostileServer;
  let result: HostileRun;

  beforeAll(async () => {
    server = await startRaw(() => undefined);
    result = await runAgainst(server.url);
  });
  afterAll(() => server.close());

  it('ends within the bound with exit 1 and the four reports', () => {
    expectFailedRunWithReports(result);
  });

  it('reports three timeouts at about the deadline, then sends nothing more', () => {
    expect(result.sent.map((r) => r.observed?.transportError)).toEqual(Array(BREAKER_LIMIT).fill('timeout'));
    expectNearDeadline(result.sent);
    expect(server.requests).toBe(BREAKER_LIMIT);
    const unsent = result.report.results.filter((r) => r.observed === null && r.verdict !== 'skip');
    expect(unsent.length).toBeGreaterThan(0);
    for (const r of unsent) {
      expect(r.verdict).toBe('fail');
      expect(r.reason).toMatch(/not sent: the target stopped answering/);
    }
  });
});
