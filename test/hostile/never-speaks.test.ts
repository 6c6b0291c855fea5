// A server that accepts the connection and never says a byte: each request ends at the deadline as a
// `timeout`; after three steps in a row without an answer (each retried) the target is unavailable, nothing
// more is sent and the run is inconclusive, so it ends in seconds, not in (every request) × LEAN_TIMEOUT_MS.
import { afterAll, beforeAll, describe, it } from 'vitest';
import {
  expectInconclusiveRunWithReports, expectNearDeadline, expectUnavailableStop, runAgainst, startRaw, type HostileRun, type HostileServer,
} from './harness.ts';

describe('hostile target: accepts the connection and never speaks', () => {
  let server: HostileServer;
  let result: HostileRun;

  beforeAll(async () => {
    server = await startRaw(() => undefined);
    result = await runAgainst(server.url);
  });
  afterAll(() => server.close());

  it('ends within the bound, inconclusive (exit 3), with every report saying so', () => {
    expectInconclusiveRunWithReports(result);
  });

  it('three steps of three timeouts at about the deadline each, then sends nothing more', () => {
    expectUnavailableStop(result, server, 'timeout');
    expectNearDeadline(result.sent);
  });
});
