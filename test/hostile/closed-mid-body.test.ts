// The connection closes in the middle of a body whose Content-Length promised more: no answer was given, so
// each request is a transport failure of class `reset`, reported at once (not at the deadline). A reset is
// transient: retried, and a target that never answers otherwise is unavailable, so the run is inconclusive.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DEADLINE_MS, expectInconclusiveRunWithReports, expectUnavailableStop, runAgainst, startRaw, type HostileRun, type HostileServer,
} from './harness.ts';

const HALF_AN_ANSWER = [
  'HTTP/1.1 500 Internal Server Error',
  'content-type: application/json',
  'content-length: 64',
  '',
  '{"code":62,"mess',
].join('\r\n');

describe('hostile target: the connection closes mid-body', () => {
  let server: HostileServer;
  let result: HostileRun;

  beforeAll(async () => {
    server = await startRaw((socket) => {
      // Answer as soon as the request starts arriving, then close (FIN) with the body unfinished.
      socket.once('data', () => socket.end(HALF_AN_ANSWER));
    });
    result = await runAgainst(server.url);
  });
  afterAll(() => server.close());

  it('ends within the bound, inconclusive (exit 3), with every report saying so', () => {
    expectInconclusiveRunWithReports(result);
  });

  it('reports every attempt as a reset, well before the deadline, and stops after three steps', () => {
    expectUnavailableStop(result, server, 'reset');
    for (const r of result.sent) {
      expect(r.observed).toEqual({ status: null, code: null, bodyBytes: null, transportError: 'reset' });
      expect(r.attempts?.every((a) => a.durationMs < DEADLINE_MS)).toBe(true);
    }
  });
});
