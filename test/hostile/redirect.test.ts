// Redirects are answers, and wrong ones: the API answers 200 or 500. None is followed (a followed POST could
// deliver an OTP, and carry the Basic credentials, to another host); each is reported with its status and
// Location. A second server stands at the Location and must see nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectFailedRunWithReports, runAgainst, startHttp, type HostileRun, type HostileServer } from './harness.ts';

/** Every redirect status; 307 and 308 are the tempting ones, since they keep the method and body. */
const STATUSES = [301, 302, 303, 307, 308];

describe('hostile target: a redirect', () => {
  let elsewhere: HostileServer;
  let server: HostileServer;
  let result: HostileRun;

  beforeAll(async () => {
    elsewhere = await startHttp((_req, res) => res.writeHead(200).end());
    let answered = 0;
    server = await startHttp((_req, res) => {
      const status = STATUSES[answered++ % STATUSES.length] ?? 302;
      res.writeHead(status, { location: `${elsewhere.url}/sendOtp` }).end();
    });
    result = await runAgainst(server.url);
  });
  afterAll(() => Promise.all([server.close(), elsewhere.close()]));

  it('ends within the bound with exit 1 and the four reports', () => {
    expectFailedRunWithReports(result);
  });

  it('reports each redirect by status and Location, fails it on the status check, and never follows it', () => {
    expect(new Set(result.sent.map((r) => r.observed?.status))).toEqual(new Set(STATUSES));
    for (const r of result.sent) {
      expect(r.observed?.transportError).toBeNull();
      const status = r.failures?.find((f) => f.check === 'status');
      expect(status?.message).toContain(`redirect to "${elsewhere.url}/sendOtp" (not followed)`);
    }
    expect(elsewhere.connections).toBe(0);
  });

  it('names the redirect in the human-readable reports too', () => {
    expect(result.texts['summary.md']).toContain('not followed');
    expect(result.texts['junit.xml']).toContain('not followed');
  });
});
