// A 3,800-character LEAN_PASSWORD (the input layer accepts it) against a target that echoes the Authorization
// header and the decoded credentials: the run completes, writes its reports, and no part of the password or of
// its Basic token reaches stdout, stderr or a report. The redactor used to overflow on the first answer, exit 1
// with no report, and print 204 KB holding both in clear.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/conformance.ts';
import { startHttp, type RunningServer } from '../support/servers.ts';
import { freshDir, runMain } from '../support/spawn-cli.ts';

const PASSWORD = Array.from({ length: 3_800 }, (_, i) => 'Qz8!pL2#'[i % 8]).join('');
const TOKEN = Buffer.from(`long-user:${PASSWORD}`).toString('base64');

describe('a 3,800-character password echoed back by the target', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startHttp((req, res) => {
      const authorization = req.headers.authorization ?? '';
      const decoded = Buffer.from(authorization.replace(/^Basic /, ''), 'base64').toString('utf8');
      // Not JSON: the failure quotes the body, so the echo reaches every report.
      res.writeHead(500, { 'content-type': 'text/plain' }).end(`got ${authorization} = ${decoded}`);
    });
  });
  afterAll(() => server.close());

  it('is hidden everywhere, and the run writes its reports', async () => {
    const dir = freshDir();
    const run = await runMain(main, {
      LEAN_BASE_URL: server.url, LEAN_USERNAME: 'long-user', LEAN_PASSWORD: PASSWORD, LEAN_RATE_LIMIT: '1000', LEAN_REPORT_DIR: dir,
    }, ['--scenario', 'missingFields:*']);
    expect(run.code).toBe(1);
    const files = readdirSync(dir).filter((name) => !name.startsWith('.'));
    expect(files).toContain('conformance.json');
    const everything = [run.stdout, run.stderr, ...files.map((name) => readFileSync(join(dir, name), 'utf8'))].join('\n');
    for (const secret of [PASSWORD, TOKEN]) {
      for (let at = 0; at + 16 <= secret.length; at += 97) expect(everything).not.toContain(secret.slice(at, at + 16));
    }
    expect(everything.length).toBeLessThan(500_000);
    // The echo did reach the failure messages: this is no vacuous pass.
    expect(everything).toMatch(/got (Basic )?\[REDACTED\]/);
  });
});
