// The connection closes in the middle of a body whose Content-Length promised more: no answer was given, so
// each request is a transport failure of class `reset`, reported at once (not at the deadline).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEADLINE_MS, expectFailedRunWithReports, runAgainst, startRaw, type HostileRun, type HostileServer } from './harness.ts';

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

  it('ends within the bound with exit 1 and the four reports', () => {
    expectFailedRunWithReports(result);
  });

  it('reports every request as a reset, well before the deadline', () => {
    // Resets are no timeouts: the breaker stays closed and every scenario is really sent.
    const notSkipped = result.report.results.filter((r) => r.verdict !== 'skip');
    expect(result.sent).toHaveLength(notSkipped.length);
    expect(server.received).toBe(result.sent.length);
    for (const r of result.sent) {
      expect(r.observed).toEqual({ status: null, code: null, bodyBytes: null, transportError: 'reset' });
      expect(r.failures?.map((f) => f.check)).toContain('transport');
      expect(r.durationMs).toBeLessThan(DEADLINE_MS);
    }
  });
});
