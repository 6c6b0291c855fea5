// Mutual TLS against an HTTPS server that requires a client certificate from a CA generated for this run.
import type { TLSSocket } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient, type ClientOptions, type SendOutcome, type SendOverrides } from '../../src/client/index.ts';
import { createCertificateAuthority, type CertificateAuthority, type IssuedCertificate } from '../../src/sandbox/pki.ts';
import { startHttps, type RunningServer } from '../support/servers.ts';

const PASSPHRASE = 'correct horse battery staple';

let ca: CertificateAuthority;
let otherCa: CertificateAuthority;
let client: IssuedCertificate;
let encrypted: IssuedCertificate;
let stranger: IssuedCertificate;
let server: RunningServer;
const peers: Array<string | null> = [];

beforeAll(async () => {
  [ca, otherCa] = await Promise.all([createCertificateAuthority(), createCertificateAuthority()]);
  const [serverCert, c1, c2, c3] = await Promise.all([
    ca.issueServerCert(),
    ca.issueClientCert({ commonName: 'plain-client' }),
    ca.issueClientCert({ commonName: 'encrypted-client', passphrase: PASSPHRASE }),
    otherCa.issueClientCert({ commonName: 'stranger' }),
  ]);
  [client, encrypted, stranger] = [c1, c2, c3];
  server = await startHttps(
    { cert: serverCert.cert, key: serverCert.key, ca: [ca.cert], requestCert: true, rejectUnauthorized: true },
    (req, res) => {
      const peer = (req.socket as TLSSocket).getPeerCertificate();
      peers.push(typeof peer.subject?.CN === 'string' ? peer.subject.CN : null);
      res.end();
    },
  );
});
afterAll(() => server.close());

type Tls = NonNullable<ClientOptions['tls']>;
const cases: Array<[
  string,
  { given: { tls: () => Tls; overrides?: SendOverrides }; want: { outcome: Partial<SendOutcome>; peer?: string; classes?: string[] } },
]> = [
  [
    'a client certificate, its key and the CA succeed',
    { given: { tls: () => ({ cert: client.cert, key: client.key, ca: ca.cert }) }, want: { outcome: { kind: 'sent' }, peer: 'plain-client' } },
  ],
  [
    'a passphrase-protected key succeeds',
    {
      given: { tls: () => ({ cert: encrypted.cert, key: encrypted.key, passphrase: PASSPHRASE, ca: ca.cert }) },
      want: { outcome: { kind: 'sent' }, peer: 'encrypted-client' },
    },
  ],
  [
    'withoutClientCertificate is refused below HTTP',
    {
      given: { tls: () => ({ cert: client.cert, key: client.key, ca: ca.cert }), overrides: { withoutClientCertificate: true } },
      want: { outcome: { kind: 'transport-failure' }, classes: ['reset', 'tls'] },
    },
  ],
  [
    'a certificate from another CA is refused below HTTP',
    {
      given: { tls: () => ({ cert: stranger.cert, key: stranger.key, ca: ca.cert }) },
      want: { outcome: { kind: 'transport-failure' }, classes: ['reset', 'tls'] },
    },
  ],
  [
    'without the extra CA the server is not trusted',
    { given: { tls: () => ({ cert: client.cert, key: client.key }) }, want: { outcome: { kind: 'transport-failure', errorClass: 'tls' } } },
  ],
  [
    'trusting another CA does not trust this server',
    {
      given: { tls: () => ({ cert: client.cert, key: client.key, ca: otherCa.cert }) },
      want: { outcome: { kind: 'transport-failure', errorClass: 'tls' } },
    },
  ],
];

describe('mutual TLS', () => {
  it.each(cases)('%s', async (_name, { given, want }) => {
    const otp = createClient({ baseUrl: server.url, tls: given.tls(), timeoutMs: 3000 });
    const before = peers.length;
    try {
      const outcome = await otp.send('sendOtp', { body: {} }, given.overrides);
      expect(outcome).toMatchObject(want.outcome);
      if (want.classes) expect(want.classes).toContain(outcome.kind === 'transport-failure' && outcome.errorClass);
      if (outcome.kind === 'transport-failure') expect(outcome.detail).not.toContain('PRIVATE KEY');
    } finally {
      await otp.close();
    }
    expect(peers.slice(before)).toEqual(want.peer === undefined ? [] : [want.peer]);
  });

  it('the same client still presents its certificate after a call without it', async () => {
    const otp = createClient({ baseUrl: server.url, tls: { cert: client.cert, key: client.key, ca: ca.cert } });
    try {
      expect(await otp.send('sendOtp', { body: {} }, { withoutClientCertificate: true })).toMatchObject({ kind: 'transport-failure' });
      expect(await otp.send('sendOtpDisposable', { body: {} })).toMatchObject({ kind: 'sent' });
    } finally {
      await otp.close();
    }
  });

  it('a wrong passphrase is a construction error that names the option, not the secret', () => {
    const build = (): unknown =>
      createClient({ baseUrl: server.url, tls: { cert: encrypted.cert, key: encrypted.key, passphrase: 'wrong-secret', ca: ca.cert } });
    expect(build).toThrow(/tls\.key\/tls\.passphrase/);
    try {
      build();
    } catch (error) {
      expect(String((error as Error).message)).not.toContain('wrong-secret');
    }
  });
});
