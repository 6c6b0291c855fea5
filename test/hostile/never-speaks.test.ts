// A server that accepts the connection and never says a byte: each request ends at the deadline as a
// `timeout`, and after three in a row the breaker stops sending, so the run ends in seconds, not in
// (every request) × LEAN_TIMEOUT_MS.
import { afterAll, beforeAll, describe, it } from 'vitest';
import {
  expectBreakerStop, expectFailedRunWithReports, runAgainst, startRaw, type HostileRun, type HostileServer,
} from './harness.ts';

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
    expectBreakerStop(result, server);
  });
});
