// Run-time PKI for the mutual-TLS provider and for tests elsewhere: a CA, a server certificate for the loopback
// names and client certificates, all EC P-256 (fast to generate) and made fresh in memory each time. No private
// key ever lives in the repository. Built with @peculiar/x509 over node's WebCrypto, so nothing depends on an
// `openssl` binary being installed.
import { createPrivateKey, randomBytes, webcrypto } from 'node:crypto';
import { isIP } from 'node:net';
import './reflect-metadata.ts';

type X509 = typeof import('@peculiar/x509');

let loaded: Promise<X509> | undefined;
/** Loaded on first use (after the Reflect shim above), so a provider without TLS never pays for it. */
function x509(): Promise<X509> {
  loaded ??= import('@peculiar/x509').then((lib) => {
    lib.cryptoProvider.set(webcrypto as unknown as Crypto);
    return lib;
  });
  return loaded;
}

const KEY_ALGORITHM: EcKeyGenParams = { name: 'ECDSA', namedCurve: 'P-256' };
const SIGNING_ALGORITHM: EcdsaParams = { name: 'ECDSA', hash: 'SHA-256' };
const DAY_MS = 24 * 60 * 60 * 1000;
/** Names the default server certificate covers: what a loopback test or `npm run provider` connects to. */
export const LOOPBACK_HOSTS: readonly string[] = ['127.0.0.1', 'localhost', '::1'];

/** A certificate and its private key, PEM. `key` is encrypted (PKCS#8) when `passphrase` is set. */
export interface IssuedCertificate {
  cert: string;
  key: string;
  passphrase?: string;
}

export interface IssueOptions {
  commonName?: string;
  /** Encrypts the private key with this passphrase (AES-256-CBC, PKCS#8). */
  passphrase?: string;
  /** Validity window; default from one minute ago (clock skew) to 30 days on. Set it to issue an expired one. */
  notBefore?: Date;
  notAfter?: Date;
}

export interface ServerIssueOptions extends IssueOptions {
  /** DNS names and IP addresses for the subjectAltName; default LOOPBACK_HOSTS. */
  hosts?: readonly string[];
}

export interface CertificateAuthority {
  /** The CA certificate, PEM: what a peer trusts. The CA's private key never leaves this object. */
  cert: string;
  issueServerCert(options?: ServerIssueOptions): Promise<IssuedCertificate>;
  issueClientCert(options?: IssueOptions): Promise<IssuedCertificate>;
}

export interface Pki {
  ca: CertificateAuthority;
  /** Server certificate for LOOPBACK_HOSTS. */
  server: IssuedCertificate;
  /** Client certificate (key not encrypted). */
  client: IssuedCertificate;
}

/** Positive serial of 16 random bytes (the top bit cleared so DER does not read it as negative). */
function serialNumber(): string {
  const bytes = randomBytes(16);
  bytes[0] = (bytes[0] ?? 0) & 0x7f;
  return bytes.toString('hex');
}

async function privateKeyPem(key: CryptoKey, passphrase: string | undefined): Promise<string> {
  const lib = await x509();
  const pkcs8 = await webcrypto.subtle.exportKey('pkcs8', key);
  const pem = lib.PemConverter.encode(pkcs8, 'PRIVATE KEY');
  if (passphrase === undefined) return pem;
  return createPrivateKey(pem)
    .export({ type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase })
    .toString();
}

function validity(options: IssueOptions): { notBefore: Date; notAfter: Date } {
  const now = Date.now();
  return {
    notBefore: options.notBefore ?? new Date(now - 60_000),
    notAfter: options.notAfter ?? new Date(now + 30 * DAY_MS),
  };
}

/** Escapes the characters RFC 4514 reserves, so any common name gives a well-formed DN. */
function cn(name: string): string {
  return `CN=${name.replace(/[\\,+"<>;=#]/g, (c) => `\\${c}`)}`;
}

/** @param options.notAfter end of the CA's validity (default 30 days on); what it issues should end before. */
export async function createCertificateAuthority(options: { commonName?: string; notAfter?: Date } = {}): Promise<CertificateAuthority> {
  const lib = await x509();
  const caKeys = (await webcrypto.subtle.generateKey(KEY_ALGORITHM, true, ['sign', 'verify'])) as CryptoKeyPair;
  const caName = cn(options.commonName ?? `Lean reference test CA ${randomBytes(4).toString('hex')}`);
  const caCert = await lib.X509CertificateGenerator.createSelfSigned({
    serialNumber: serialNumber(),
    name: caName,
    ...validity(options.notAfter ? { notAfter: options.notAfter } : {}),
    signingAlgorithm: SIGNING_ALGORITHM,
    keys: caKeys,
    extensions: [
      new lib.BasicConstraintsExtension(true, 0, true),
      new lib.KeyUsagesExtension(lib.KeyUsageFlags.keyCertSign | lib.KeyUsageFlags.cRLSign, true),
      await lib.SubjectKeyIdentifierExtension.create(caKeys.publicKey),
    ],
  });

  async function issue(
    options: IssueOptions,
    usage: string,
    extra: InstanceType<X509['Extension']>[],
  ): Promise<IssuedCertificate> {
    const keys = (await webcrypto.subtle.generateKey(KEY_ALGORITHM, true, ['sign', 'verify'])) as CryptoKeyPair;
    const cert = await lib.X509CertificateGenerator.create({
      serialNumber: serialNumber(),
      subject: cn(options.commonName ?? 'lean-reference'),
      issuer: caCert.subject,
      ...validity(options),
      signingAlgorithm: SIGNING_ALGORITHM,
      publicKey: keys.publicKey,
      signingKey: caKeys.privateKey,
      extensions: [
        new lib.BasicConstraintsExtension(false, undefined, true),
        new lib.KeyUsagesExtension(lib.KeyUsageFlags.digitalSignature, true),
        new lib.ExtendedKeyUsageExtension([usage]),
        await lib.SubjectKeyIdentifierExtension.create(keys.publicKey),
        await lib.AuthorityKeyIdentifierExtension.create(caKeys.publicKey),
        ...extra,
      ],
    });
    const issued: IssuedCertificate = { cert: cert.toString('pem'), key: await privateKeyPem(keys.privateKey, options.passphrase) };
    if (options.passphrase !== undefined) issued.passphrase = options.passphrase;
    return issued;
  }

  return {
    cert: caCert.toString('pem'),
    issueServerCert(options = {}) {
      const hosts = options.hosts ?? LOOPBACK_HOSTS;
      const names = hosts.map((host) => ({ type: isIP(host) ? ('ip' as const) : ('dns' as const), value: host }));
      return issue(
        { commonName: hosts[0] ?? 'localhost', ...options },
        lib.ExtendedKeyUsage.serverAuth,
        [new lib.SubjectAlternativeNameExtension(names)],
      );
    },
    issueClientCert(options = {}) {
      return issue({ commonName: 'lean-reference-client', ...options }, lib.ExtendedKeyUsage.clientAuth, []);
    },
  };
}

/**
 * A fresh CA with a server certificate (for LOOPBACK_HOSTS unless `hosts` says otherwise) and one client
 * certificate, all valid until `notAfter` (default 30 days on).
 */
export async function createPki(options: { hosts?: readonly string[]; notAfter?: Date } = {}): Promise<Pki> {
  const until = options.notAfter ? { notAfter: options.notAfter } : {};
  const ca = await createCertificateAuthority(until);
  const [server, client] = await Promise.all([
    ca.issueServerCert({ ...until, ...(options.hosts ? { hosts: options.hosts } : {}) }),
    ca.issueClientCert(until),
  ]);
  return { ca, server, client };
}
