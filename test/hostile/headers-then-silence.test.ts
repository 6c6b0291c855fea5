// Status line and headers promise a body, then nothing: only the client's overall deadline can end such a
// request. Each ends as `timeout` at about LEAN_TIMEOUT_MS, and the breaker stops the run after three.
import { afterAll, beforeAll, describe, it } from 'vitest';
import {
  expectBreakerStop, expectFailedRunWithReports, runAgainst, startHttp, type HostileRun, type HostileServer,
} from './harness.ts';

describe('hostile target: headers, then silence', () => {
  let server: HostileServer;
  let result: HostileRun;

  beforeAll(async () => {
    server = await startHttp((_req, res) => {
      res.writeHead(500, { 'content-type': 'application/json', 'content-length': '64' });
      res.flushHeaders();
    });
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
