// LEAN_CLIENT_CERT, LEAN_CLIENT_KEY, LEAN_CLIENT_KEY_PASSPHRASE, LEAN_CA_CERT: loaded and checked here, so a wrong
// file or passphrase is a configuration error (exit 2) before any request, not a TLS failure (exit 1) later.
// Messages name files, never their contents or the passphrase.
import { createPrivateKey, X509Certificate, type KeyObject } from 'node:crypto';
import { resolve } from 'node:path';
import { ConfigError, errorCode, readConfiguredFile } from '../input/errors.ts';
import type { RunConfig } from './types.ts';

const CERT_BLOCK = /-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g;
const KEY_BEGIN = /-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY-----/;
/** PKCS#8 `ENCRYPTED PRIVATE KEY`, or the legacy OpenSSL form with a `Proc-Type: 4,ENCRYPTED` header. */
const ENCRYPTED_KEY = /-----BEGIN ENCRYPTED PRIVATE KEY-----|Proc-Type:\s*4,ENCRYPTED/;

export interface TlsVariables {
  cert?: string;
  key?: string;
  passphrase?: string;
  ca?: string;
}

/** Every certificate of a PEM file (a chain or a CA bundle), each parsed; the first is the leaf. */
function readCertificates(variable: string, path: string): { pem: string; certs: X509Certificate[] } {
  const pem = readConfiguredFile(variable, path);
  const blocks = pem.match(CERT_BLOCK) ?? [];
  if (blocks.length === 0) {
    throw new ConfigError(variable, `${path} is not a PEM certificate file (no -----BEGIN CERTIFICATE----- block)`);
  }
  const certs = blocks.map((block, i) => {
    try {
      return new X509Certificate(block);
    } catch (error) {
      throw new ConfigError(
        variable,
        `certificate ${i + 1} of ${path} does not parse as X.509 (${errorCode(error)})`,
        { cause: error },
      );
    }
  });
  return { pem, certs };
}

function readKey(path: string, passphrase: string | undefined): { pem: string; key: KeyObject } {
  const pem = readConfiguredFile('LEAN_CLIENT_KEY', path);
  if (!KEY_BEGIN.test(pem)) {
    throw new ConfigError('LEAN_CLIENT_KEY', `${path} is not a PEM private key (no -----BEGIN … PRIVATE KEY----- line)`);
  }
  const encrypted = ENCRYPTED_KEY.test(pem);
  if (encrypted && passphrase === undefined) {
    throw new ConfigError('LEAN_CLIENT_KEY_PASSPHRASE', `is unset, but the key ${path} is encrypted`);
  }
  try {
    // The passphrase goes only to node:crypto; the cause kept below is OpenSSL's error, which never quotes it.
    return { pem, key: createPrivateKey(passphrase === undefined ? { key: pem } : { key: pem, passphrase }) };
  } catch (error) {
    if (encrypted) {
      throw new ConfigError('LEAN_CLIENT_KEY_PASSPHRASE', `does not decrypt the key ${path}`, { cause: error });
    }
    throw new ConfigError('LEAN_CLIENT_KEY', `${path} does not parse as a private key (${errorCode(error)})`, {
      cause: error,
    });
  }
}

/**
 * Loads the TLS material named by the variables (paths resolved against cwd). Undefined when none is set.
 * @throws ConfigError naming the variable at fault.
 */
export function loadTls(vars: TlsVariables, cwd: string): RunConfig['tls'] {
  if ((vars.cert === undefined) !== (vars.key === undefined)) {
    const [set, unset] = vars.cert === undefined
      ? ['LEAN_CLIENT_KEY', 'LEAN_CLIENT_CERT']
      : ['LEAN_CLIENT_CERT', 'LEAN_CLIENT_KEY'];
    throw new ConfigError(unset, `is unset while ${set} is set; give both the client certificate and its key, or neither`);
  }
  if (vars.passphrase !== undefined && vars.key === undefined) {
    throw new ConfigError('LEAN_CLIENT_KEY_PASSPHRASE', 'is set without LEAN_CLIENT_KEY, so there is no key to decrypt');
  }
  const tls: NonNullable<RunConfig['tls']> = {};
  if (vars.cert !== undefined && vars.key !== undefined) {
    const certPath = resolve(cwd, vars.cert);
    const keyPath = resolve(cwd, vars.key);
    const { pem: certPem, certs } = readCertificates('LEAN_CLIENT_CERT', certPath);
    const { pem: keyPem, key } = readKey(keyPath, vars.passphrase);
    // A mismatched pair fails the handshake with a vague alert at run time; say it plainly now instead.
    if (!certs[0]?.checkPrivateKey(key)) {
      throw new ConfigError('LEAN_CLIENT_KEY', `${keyPath} is not the private key of the certificate ${certPath}`);
    }
    tls.cert = certPem;
    tls.key = keyPem;
    if (vars.passphrase !== undefined) tls.passphrase = vars.passphrase;
  }
  if (vars.ca !== undefined) tls.ca = readCertificates('LEAN_CA_CERT', resolve(cwd, vars.ca)).pem;
  return Object.keys(tls).length > 0 ? tls : undefined;
}
