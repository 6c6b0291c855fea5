// HTTPS targets whose certificate the client must not trust. Each is refused during the handshake and
// reported as a transport failure of class `tls`; verification is never switched off, so not one HTTP request
// reaches the server (it counts the requests it parses).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createCertificateAuthority, type IssuedCertificate } from '../../src/sandbox/pki.ts';
import { DEADLINE_MS, expectFailedRunWithReports, runAgainst, startHttps, type HostileServer } from './harness.ts';

const DAY_MS = 24 * 60 * 60 * 1000;

interface Case {
  /** Issues the server's certificate from a CA of the test. */
  issue: (ca: Awaited<ReturnType<typeof createCertificateAuthority>>) => Promise<IssuedCertificate>;
  /** Whether that CA is given to the client as LEAN_CA_CERT. */
  trustCa: boolean;
  /** The verification error node reports, as it shows in the failure's detail. */
  detail: RegExp;
}

const CASES: [string, Case][] = [
  ['a certificate from a CA the client does not know', {
    issue: (ca) => ca.issueServerCert(), trustCa: false, detail: /UNABLE_TO_VERIFY_LEAF_SIGNATURE|SELF_SIGNED_CERT_IN_CHAIN|UNABLE_TO_GET_ISSUER_CERT/,
  }],
  ['a trusted CA, but a certificate for another host name', {
    issue: (ca) => ca.issueServerCert({ hosts: ['lean.example.com'] }), trustCa: true, detail: /ERR_TLS_CERT_ALTNAME_INVALID|HOSTNAME_MISMATCH/,
  }],
  ['a trusted CA, but an expired certificate', {
    issue: (ca) => ca.issueServerCert({ notBefore: new Date(Date.now() - 30 * DAY_MS), notAfter: new Date(Date.now() - DAY_MS) }),
    trustCa: true, detail: /CERT_HAS_EXPIRED/,
  }],
];

describe('hostile target: a TLS certificate the client should not trust', () => {
  let server: HostileServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it.each(CASES)('%s: refused as `tls`, never bypassed', async (_name, { issue, trustCa, detail }) => {
    const ca = await createCertificateAuthority();
    const issued = await issue(ca);
    server = await startHttps({ cert: issued.cert, key: issued.key }, (_req, res) => res.writeHead(200).end());
    const env: Record<string, string> = {};
    if (trustCa) {
      env['LEAN_CA_CERT'] = join(mkdtempSync(join(tmpdir(), 'lean-hostile-ca-')), 'ca.pem');
      writeFileSync(env['LEAN_CA_CERT'], ca.cert);
    }
    const result = await runAgainst(server.url, env);

    expectFailedRunWithReports(result);
    expect(result.sent.length).toBeGreaterThan(0);
    for (const r of result.sent) {
      expect(r.observed).toEqual({ status: null, code: null, bodyBytes: null, transportError: 'tls' });
      expect(r.failures?.find((f) => f.check === 'transport')?.message).toMatch(detail);
      expect(r.durationMs).toBeLessThan(DEADLINE_MS);
    }
    expect(server.connections).toBeGreaterThan(0);
    expect(server.received).toBe(0);
  });
});
