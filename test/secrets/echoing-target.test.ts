// A target that echoes everything it received, in every form a server might: the Authorization header, the
// decoded `user:password`, the body with the holder ids (as they are, \u-escaped, HTML-escaped, URL-encoded,
// upper-cased, spaced), the holder's phone number and email address, and a URL with the password in it. Run
// through the real entry point; none of it may reach stdout, stderr or any report, and every report stays valid.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/conformance.ts';
import { REPORTERS } from '../../src/report/index.ts';
import { parseXml } from '../report/tiny-xml.ts';
import { startHttp, type RunningServer } from '../support/servers.ts';
import { freshDir, runMain } from '../support/spawn-cli.ts';

const USERNAME = 'echo-user';
const PASSWORD = 'Echo-Pa55-Walrus-3141';
const HOLDER = { certIdOtp: 'CERT-7f3a9c2e-holder', deviceCode: 'DEV-51b2d4e6-holder' };
const PHONE = '+39 333 123 4567';
const EMAIL = 'mario.rossi@example.org';

const htmlEscaped = (text: string): string => [...text].map((c) => `&#${c.codePointAt(0)};`).join('');
const uEscaped = (text: string): string => [...text].map((c) => `\\u${c.codePointAt(0)!.toString(16).padStart(4, '0')}`).join('');
const spaced = (text: string): string => text.match(/.{1,4}/g)!.join(' ');

function echo(authorization: string, body: string): string {
  const decoded = Buffer.from(authorization.replace(/^Basic /, ''), 'base64').toString('utf8');
  return [
    `contact=${PHONE} ${EMAIL}`, `authorization=${authorization}`, `decoded=${decoded}`, `body=${body}`,
    `html=${htmlEscaped(PASSWORD)}`, `u=${uEscaped(HOLDER.certIdOtp)}`, `url=https://${USERNAME}:${PASSWORD}@lean.example.test/x`,
    `pct=${encodeURIComponent(PASSWORD)}`, `upper=${HOLDER.deviceCode.toUpperCase()}`, `spaced=${spaced(HOLDER.certIdOtp)}`,
    `hex=${Buffer.from(PASSWORD).toString('hex')}`,
  ].join(' ');
}

describe('a target that echoes what it received', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startHttp((req, res, body) => {
      const text = echo(req.headers.authorization ?? '', body.toString('utf8'));
      // A 200 with the echo as its body for the holder (a body on 200), a 500 with it as the message otherwise.
      if (body.toString('utf8').includes(HOLDER.certIdOtp) && !body.toString('utf8').includes('only')) {
        res.writeHead(200, { 'content-type': 'text/plain' }).end(text);
        return;
      }
      res.writeHead(500, { 'content-type': 'application/json' }).end(JSON.stringify({ code: 66, message: text }));
    });
  });
  afterAll(() => server.close());

  it('reaches no output in any form, and every report stays valid with every result', async () => {
    const dir = freshDir();
    const fixtures = join(dir, 'fixtures.json');
    writeFileSync(fixtures, JSON.stringify({ holders: { smsActive: HOLDER } }));
    const reports = join(dir, 'reports');
    const run = await runMain(main, {
      LEAN_BASE_URL: server.url, LEAN_USERNAME: USERNAME, LEAN_PASSWORD: PASSWORD, LEAN_FIXTURES: fixtures,
      LEAN_MAX_SENDS: '2', LEAN_RATE_LIMIT: '1000', LEAN_REPORT_DIR: reports, LEAN_MALFORMED_RUNS: '1',
    });
    expect(run.code).toBe(1);
    const texts = [run.stdout, run.stderr, ...readdirSync(reports).filter((f) => !f.startsWith('.')).map((f) => readFileSync(join(reports, f), 'utf8'))];
    expect(readdirSync(reports).sort()).toEqual(Object.values(REPORTERS).map((r) => r.fileName).sort());
    const forbidden = [
      PASSWORD, PASSWORD.toLowerCase(), Buffer.from(`${USERNAME}:${PASSWORD}`).toString('base64'), `${USERNAME}:${PASSWORD}`,
      htmlEscaped(PASSWORD), encodeURIComponent(PASSWORD), Buffer.from(PASSWORD).toString('hex'),
      HOLDER.certIdOtp, HOLDER.deviceCode, HOLDER.deviceCode.toUpperCase(), uEscaped(HOLDER.certIdOtp), spaced(HOLDER.certIdOtp),
      PHONE, PHONE.replaceAll(' ', ''), EMAIL,
    ];
    for (const text of texts) {
      for (const secret of forbidden) expect(text).not.toContain(secret);
    }
    // The echo did arrive, masked: the tool's own words are intact around it.
    expect(texts.join('\n')).toMatch(/\[REDACTED\]/);
    expect(texts.join('\n')).toMatch(/\[phone\]/);
    expect(texts.join('\n')).toMatch(/\[email\]/);
    expect(texts.join('\n')).toMatch(/CE…er/);
    const json = JSON.parse(readFileSync(join(reports, 'conformance.json'), 'utf8')) as { results: unknown[] };
    expect(json.results.length).toBeGreaterThan(40);
    expect(() => parseXml(readFileSync(join(reports, 'junit.xml'), 'utf8'))).not.toThrow();
    expect(() => JSON.parse(readFileSync(join(reports, 'ctrf.json'), 'utf8'))).not.toThrow();
  });
});
