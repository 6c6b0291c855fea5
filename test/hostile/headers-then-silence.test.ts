// Status line and headers promise a body, then nothing: only the client's overall deadline can end such a
// request. Each ends as `timeout` at about LEAN_TIMEOUT_MS; three steps in a row so make the run inconclusive.
import { afterAll, beforeAll, describe, it } from 'vitest';
import {
  expectInconclusiveRunWithReports, expectNearDeadline, expectUnavailableStop, runAgainst, startHttp, type HostileRun, type HostileServer,
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

  it('ends within the bound, inconclusive (exit 3), with every report saying so', () => {
    expectInconclusiveRunWithReports(result);
  });

  it('three steps of three timeouts at about the deadline each, then sends nothing more', () => {
    expectUnavailableStop(result, server, 'timeout');
    expectNearDeadline(result.sent);
  });
});
