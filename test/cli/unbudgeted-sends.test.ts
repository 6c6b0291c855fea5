// A faulty target that ignores every fault under test (credentials, on-behalf-of, missing fields) and delivers an
// OTP for any request that names a known holder's certIdOtp or deviceCode. With a fixture file holding only a
// success holder and LEAN_MAX_SENDS=0, no request of a run may deliver: the requests that are wrong on purpose
// never carry a success holder's ids. Every 200 it does answer is counted as a possible delivery.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/conformance.ts';
import type { ConformanceReport } from '../../src/results/model.ts';
import { startHttp, type RunningServer } from '../support/servers.ts';
import { freshDir, runMain } from '../support/spawn-cli.ts';
import { readFileSync } from 'node:fs';

const SUCCESS = { certIdOtp: 'cert-success-0001-abcdef', deviceCode: 'device-success-0001-abcdef' };
const ERROR_STATE = { certIdOtp: 'cert-blocked-0002-abcdef', deviceCode: 'device-blocked-0002-abcdef' };

describe('a target that ignores the faults under test and delivers for any known id', () => {
  let server: RunningServer;
  const delivered: string[] = [];
  beforeAll(async () => {
    server = await startHttp((_req, res, body) => {
      const text = body.toString('utf8');
      if (text.includes(SUCCESS.certIdOtp) || text.includes(SUCCESS.deviceCode)) {
        delivered.push(text);
        res.end();
        return;
      }
      const code = text.includes(ERROR_STATE.certIdOtp) ? 231 : 62;
      res.writeHead(500, { 'content-type': 'application/json' }).end(JSON.stringify({ code, message: 'm' }));
    });
  });
  afterAll(() => server.close());

  it.each([
    ['only a success holder', { smsActive: SUCCESS }],
    ['a success holder and an error-state holder', { smsActive: SUCCESS, otpBlocked: ERROR_STATE }],
  ])('with %s and LEAN_MAX_SENDS=0, delivers nothing', async (_name, holders) => {
    delivered.length = 0;
    const dir = freshDir();
    writeFileSync(join(dir, 'fixtures.json'), JSON.stringify({ holders }));
    const run = await runMain(main, {
      LEAN_BASE_URL: server.url, LEAN_USERNAME: 'u', LEAN_PASSWORD: 'p', LEAN_FIXTURES: join(dir, 'fixtures.json'),
      LEAN_MAX_SENDS: '0', LEAN_RATE_LIMIT: '1000', LEAN_REPORT_DIR: join(dir, 'reports'),
    }, [], { cwd: dir });
    expect(delivered).toEqual([]);
    const report = JSON.parse(readFileSync(join(dir, 'reports', 'conformance.json'), 'utf8')) as ConformanceReport;
    expect(report.sends).toBe(0);
    expect(report.unexpectedDeliveries).toEqual([]);
    expect(run.code).toBe(1);
  });

  it('with a send budget, the success scenarios deliver and are counted, and nothing else is', async () => {
    delivered.length = 0;
    const dir = freshDir();
    writeFileSync(join(dir, 'fixtures.json'), JSON.stringify({ holders: { smsActive: SUCCESS } }));
    await runMain(main, {
      LEAN_BASE_URL: server.url, LEAN_USERNAME: 'u', LEAN_PASSWORD: 'p', LEAN_FIXTURES: join(dir, 'fixtures.json'),
      LEAN_MAX_SENDS: '2', LEAN_RATE_LIMIT: '1000', LEAN_REPORT_DIR: join(dir, 'reports'),
    }, [], { cwd: dir });
    const report = JSON.parse(readFileSync(join(dir, 'reports', 'conformance.json'), 'utf8')) as ConformanceReport;
    expect(delivered).toHaveLength(2);
    expect(report.sends).toBe(2);
  });
});
