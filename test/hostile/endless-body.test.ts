// A 500 whose body never ends: the client must stop reading at its cap (64 KiB), drop the connection, and
// report the answer as a body too large (check `error-body`), not wait for the deadline nor fill the memory.
import type { ServerResponse } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_MAX_BODY_BYTES } from '../../src/client/resolve-options.ts';
import { DEADLINE_MS, expectFailedRunWithReports, runAgainst, startHttp, type HostileRun, type HostileServer } from './harness.ts';

const CHUNK = Buffer.alloc(16 * 1024, '{"code":62,"message":"');

/** Writes chunks as fast as the client reads them, until the client hangs up. */
function pourForever(res: ServerResponse): void {
  const pour = (): void => {
    while (!res.destroyed && res.write(CHUNK));
    if (!res.destroyed) res.once('drain', pour);
  };
  res.writeHead(500, { 'content-type': 'application/json' });
  pour();
}

describe('hostile target: a response body that never ends', () => {
  let server: HostileServer;
  let result: HostileRun;

  beforeAll(async () => {
    server = await startHttp((_req, res) => pourForever(res));
    result = await runAgainst(server.url);
  });
  afterAll(() => server.close());

  it('ends within the bound with exit 1 and the four reports', () => {
    expectFailedRunWithReports(result);
  });

  it('stops every answer at the cap, reports it as a body too large, and never as a timeout', () => {
    expect(result.sent.length).toBeGreaterThan(0);
    for (const r of result.sent) {
      expect(r.observed).toMatchObject({ status: 500, transportError: null });
      // Counted up to the chunk that crossed the cap: past it, but nowhere near "everything the server had".
      expect(r.observed?.bodyBytes).toBeGreaterThan(DEFAULT_MAX_BODY_BYTES);
      expect(r.observed?.bodyBytes).toBeLessThan(DEFAULT_MAX_BODY_BYTES + 1024 * 1024);
      const bodyFailure = r.failures?.find((f) => f.check === 'error-body');
      expect(bodyFailure?.message).toMatch(/body-too-large.*maxBodyBytes \(65536\)/);
      expect(r.durationMs).toBeLessThan(DEADLINE_MS);
    }
  });
});
