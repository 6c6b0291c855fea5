// Shared by the config, fixtures and baseline tests: catching a ConfigError and checking that its message is
// the one sentence interface.md promises, and test PKI material generated at run time (nothing committed).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { ConfigError } from '../../src/input/index.ts';

/** Runs fn, which must throw a ConfigError, and returns the error. */
export function configErrorOf(fn: () => unknown): ConfigError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return error as ConfigError;
  }
  throw new Error('expected a ConfigError, nothing was thrown');
}

/** One line, starting with the variable, ending with a full stop, with no second sentence inside. */
export function expectOneSentence(error: ConfigError): void {
  expect(error.message.startsWith(`${error.variable}: `)).toBe(true);
  expect(error.message).not.toContain('\n');
  expect(error.message.endsWith('.')).toBe(true);
  expect(error.message.slice(0, -1)).not.toMatch(/\.\s+[A-Z]/);
}

export function tempDir(prefix: string): { dir: string; write(name: string, text: string): string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return {
    dir,
    write(name, text) {
      const path = join(dir, name);
      writeFileSync(path, text);
      return path;
    },
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

export const PASSPHRASE = 'S3cret-Passphrase';

/** File names written by makePki into dir. */
export const PKI = {
  caCert: 'ca.pem',
  caBundle: 'ca-bundle.pem',
  clientCert: 'client.pem',
  clientChain: 'client-chain.pem',
  clientKey: 'client.key',
  clientKeyPkcs8Encrypted: 'client-enc.key',
  clientKeyLegacyEncrypted: 'client-legacy.key',
  otherKey: 'other.key',
} as const;

function openssl(dir: string, args: string[]): void {
  execFileSync('/usr/bin/openssl', args, { cwd: dir, stdio: 'pipe' });
}

/** EC P-256 material (fast to generate): a CA, a client certificate and its key in three encodings, and a stray key. */
export function makePki(dir: string): void {
  const ec = ['-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256'];
  openssl(dir, ['genpkey', ...ec, '-out', 'ca.key']);
  openssl(dir, ['req', '-x509', '-new', '-key', 'ca.key', '-out', PKI.caCert, '-subj', '/CN=test-ca', '-days', '1']);
  openssl(dir, ['genpkey', ...ec, '-out', PKI.clientKey]);
  openssl(dir, ['req', '-new', '-key', PKI.clientKey, '-out', 'client.csr', '-subj', '/CN=test-client']);
  openssl(dir, [
    'x509', '-req', '-in', 'client.csr', '-CA', PKI.caCert, '-CAkey', 'ca.key', '-CAcreateserial',
    '-out', PKI.clientCert, '-days', '1',
  ]);
  openssl(dir, [
    'pkcs8', '-topk8', '-in', PKI.clientKey, '-out', PKI.clientKeyPkcs8Encrypted,
    '-passout', `pass:${PASSPHRASE}`, '-v2', 'aes-256-cbc',
  ]);
  openssl(dir, ['ec', '-in', PKI.clientKey, '-out', PKI.clientKeyLegacyEncrypted, '-aes256', '-passout', `pass:${PASSPHRASE}`]);
  openssl(dir, ['genpkey', ...ec, '-out', PKI.otherKey]);
  openssl(dir, ['req', '-x509', '-new', '-key', PKI.otherKey, '-out', 'other-ca.pem', '-subj', '/CN=other-ca', '-days', '1']);
  const read = (name: string): string => readFileSync(join(dir, name), 'utf8');
  writeFileSync(join(dir, PKI.caBundle), read(PKI.caCert) + read('other-ca.pem'));
  writeFileSync(join(dir, PKI.clientChain), read(PKI.clientCert) + read(PKI.caCert));
}
