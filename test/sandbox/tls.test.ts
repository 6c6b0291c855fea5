// Mutual TLS: the provider requires and verifies a client certificate from its CA, and its run-time PKI
// produces certificates that verify as issued.
import { X509Certificate } from 'node:crypto';
import { Agent, request as undiciRequest } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OPERATIONS } from '../../src/catalog/index.ts';
import { createCertificateAuthority, createPki, startReferenceProvider, type ReferenceProvider } from '../../src/sandbox/index.ts';
import { basic, call, holder, request, SEND_OTP } from '../provider/helpers.ts';

let provider: ReferenceProvider;
beforeAll(async () => {
  provider = await startReferenceProvider({ tls: true });
});
afterAll(() => provider.close());

/** How node reports a handshake the server refused (an alert, or the socket closed under TLS 1.3); not a timeout. */
const REFUSED = /certificate|socket hang up|ECONNRESET/i;

function material(): { ca: string; cert: string; key: string } {
  if (!provider.tls) throw new Error('started without tls material');
  return { ca: provider.tls.ca, cert: provider.tls.clientCert, key: provider.tls.clientKey };
}

describe('mutual TLS', () => {
  it('serves https and hands out client material', () => {
    expect(provider.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    expect(provider.tls?.clientKey).toContain('PRIVATE KEY');
  });

  it.each(OPERATIONS.map((op) => [op.id, op] as const))('%s with the client certificate gives the documented answers', async (_id, op) => {
    provider.reset();
    expect((await call(provider, op, { body: holder(provider, 'noEmailTemplate'), tls: material() })).code).toBe(240);
    expect((await call(provider, op, { body: holder(provider, 'emailActive'), tls: material() })).status).toBe(200);
    expect(provider.outbox()).toHaveLength(1);
  });

  it('without a client certificate there is no HTTP answer at all', async () => {
    const outcome = request(`${provider.url}${SEND_OTP.path}`, {
      body: holder(provider, 'smsActive'),
      credentialsDefault: provider.credentials,
      tls: { ca: material().ca },
    });
    await expect(outcome).rejects.toThrow(REFUSED);
  });

  it('a client certificate from another CA is refused', async () => {
    const other = await createCertificateAuthority();
    const stranger = await other.issueClientCert();
    const outcome = request(`${provider.url}${SEND_OTP.path}`, {
      body: holder(provider, 'smsActive'),
      credentialsDefault: provider.credentials,
      tls: { ca: material().ca, cert: stranger.cert, key: stranger.key },
    });
    await expect(outcome).rejects.toThrow(REFUSED);
  });

  it('an expired client certificate from the right CA is refused', async () => {
    const expired = await provider.pki!.ca.issueClientCert({
      notBefore: new Date(Date.now() - 3 * 86_400_000),
      notAfter: new Date(Date.now() - 86_400_000),
    });
    const outcome = request(`${provider.url}${SEND_OTP.path}`, {
      body: holder(provider, 'smsActive'),
      credentialsDefault: provider.credentials,
      tls: { ca: material().ca, cert: expired.cert, key: expired.key },
    });
    await expect(outcome).rejects.toThrow(REFUSED);
  });

  it('a passphrase-protected client key issued from the provider CA works', async () => {
    const client = await provider.pki!.ca.issueClientCert({ passphrase: 'correct horse' });
    expect(client.key).toContain('BEGIN ENCRYPTED PRIVATE KEY');
    const tls = { ca: material().ca, cert: client.cert, key: client.key, passphrase: 'correct horse' };
    expect((await call(provider, SEND_OTP, { body: holder(provider, 'otpBlocked'), tls })).code).toBe(231);
  });

  it('the server certificate is not trusted without the generated CA', async () => {
    const outcome = request(`${provider.url}${SEND_OTP.path}`, {
      body: holder(provider, 'smsActive'),
      credentialsDefault: provider.credentials,
      tls: { cert: material().cert, key: material().key },
    });
    await expect(outcome).rejects.toThrow(/self-signed|unable to verify|certificate/i);
  });

  it('verifies for the name localhost too (SAN DNS)', async () => {
    const tls = { ...material(), servername: 'localhost' };
    expect((await call(provider, SEND_OTP, { body: holder(provider, 'otpNotSent'), tls })).code).toBe(99);
  });

  it('undici (the HTTP client of the project) reaches it with an Agent carrying the material', async () => {
    const { ca, cert, key } = material();
    const agent = new Agent({ connect: { ca, cert, key } });
    try {
      const res = await undiciRequest(`${provider.url}${SEND_OTP.path}`, {
        method: 'POST',
        dispatcher: agent,
        headers: { authorization: basic(provider.credentials), 'content-type': 'application/json' },
        body: JSON.stringify(holder(provider, 'invalidMobile')),
      });
      expect(res.statusCode).toBe(500);
      expect(((await res.body.json()) as { code: number }).code).toBe(100);
    } finally {
      await agent.close();
    }
  });
});

describe('run-time PKI', () => {
  it('issues a CA, a loopback server certificate and a client certificate that verify as issued', async () => {
    const pki = await createPki();
    const ca = new X509Certificate(pki.ca.cert);
    const server = new X509Certificate(pki.server.cert);
    const client = new X509Certificate(pki.client.cert);
    expect(ca.ca).toBe(true);
    for (const leaf of [server, client]) {
      expect(leaf.ca).toBe(false);
      expect(leaf.checkIssued(ca)).toBe(true);
      expect(leaf.verify(ca.publicKey)).toBe(true);
    }
    expect(server.checkIP('127.0.0.1')).toBe('127.0.0.1');
    expect(server.checkHost('localhost')).toBe('localhost');
    expect(server.keyUsage).toContain('1.3.6.1.5.5.7.3.1');
    expect(client.keyUsage).toContain('1.3.6.1.5.5.7.3.2');
  });

  it('a certificate from another CA does not verify against this one', async () => {
    const [one, two] = await Promise.all([createPki(), createPki()]);
    expect(new X509Certificate(two.client.cert).verify(new X509Certificate(one.ca.cert).publicKey)).toBe(false);
  });

  it('a server certificate for other hosts', async () => {
    const ca = await createCertificateAuthority({ commonName: 'Other, "odd" CA' });
    const server = new X509Certificate((await ca.issueServerCert({ hosts: ['example.test', '10.0.0.1'] })).cert);
    expect(server.checkHost('example.test')).toBe('example.test');
    expect(server.checkIP('10.0.0.1')).toBe('10.0.0.1');
    expect(server.checkIP('127.0.0.1')).toBeUndefined();
  });

  it('a provider started with a given PKI serves with it', async () => {
    const pki = await createPki();
    const shared = await startReferenceProvider({ tls: true, pki });
    try {
      expect(shared.tls?.ca).toBe(pki.ca.cert);
      const tls = { ca: pki.ca.cert, cert: pki.client.cert, key: pki.client.key };
      expect((await call(shared, SEND_OTP, { body: holder(shared, 'deviceDisabled'), tls })).code).toBe(71);
    } finally {
      await shared.close();
    }
  });
});
