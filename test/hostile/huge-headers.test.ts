// A header block that never ends: the client must give up at its header limit (undici's, 16 KiB) and report a
// transport failure right away, not buffer megabytes nor wait for the deadline. undici names it
// UND_ERR_HEADERS_OVERFLOW, which fits none of the named classes: it is reported as `other`, with the code.
import type { Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEADLINE_MS, expectFailedRunWithReports, runAgainst, startRaw, type HostileRun, type HostileServer } from './harness.ts';

const FILLER = `x-filler: ${'a'.repeat(1000)}\r\n`;
/** About 64 MiB of header lines: a bound for the server, far beyond what any client should read. */
const MAX_LINES = 64 * 1024;

/** A status line, then header lines for as long as the client keeps reading. */
function endlessHeaders(socket: Socket): void {
  socket.once('data', () => {
    let lines = 0;
    socket.write('HTTP/1.1 500 Internal Server Error\r\n');
    const pour = (): void => {
      while (!socket.destroyed && lines < MAX_LINES && socket.write(FILLER)) lines += 1;
      if (!socket.destroyed && lines < MAX_LINES) socket.once('drain', pour);
    };
    pour();
  });
}

describe('hostile target: a huge header block', () => {
  let server: HostileServer;
  let result: HostileRun;

  beforeAll(async () => {
    server = await startRaw(endlessHeaders);
    result = await runAgainst(server.url);
  });
  afterAll(() => server.close());

  it('ends within the bound with exit 1 and the four reports', () => {
    expectFailedRunWithReports(result);
  });

  it('reports every request as a transport failure naming the header overflow, well before the deadline', () => {
    expect(result.sent.length).toBeGreaterThan(0);
    for (const r of result.sent) {
      expect(r.observed).toEqual({ status: null, code: null, bodyBytes: null, transportError: 'other' });
      expect(r.failures?.find((f) => f.check === 'transport')?.message).toContain('UND_ERR_HEADERS_OVERFLOW');
      expect(r.durationMs).toBeLessThan(DEADLINE_MS);
    }
  });
});
