// What the sandbox adds to the reference provider's contract (src/provider/types.ts): the PEMs a state directory
// keeps, and what `startReferenceProvider` resolves to (the admin operations, the PKI, the limits in force).
import type { IssuedCertificate, Pki } from './pki.ts';
import type { OutboxRecord } from './outbox.ts';
import type { SandboxAdmin } from './sandbox-admin.ts';
import type { ProviderLimits, ProviderUser, RunningProvider } from '../provider/types.ts';

/** The PEMs a mutual-TLS provider serves with: what a state directory keeps between starts. */
export interface TlsMaterial {
  /** The CA certificate that signed both certificates below (and that the server trusts for clients). */
  ca: string;
  server: IssuedCertificate;
  client: IssuedCertificate;
}

/**
 * What `startReferenceProvider` resolves to: a `RunningProvider` plus what the project's own tests need
 * (every user with its password, the limits in force, the PKI to issue more client certificates from).
 */
export interface ReferenceProvider extends RunningProvider {
  /** Every user, the default one first. Passwords are random per start. */
  users: readonly ProviderUser[];
  limits: ProviderLimits;
  /** Present when started with `tls: true` and a fresh (or given) PKI: the CA the provider trusts for clients. */
  pki?: Pki;
  /** The admin operations, in process: outbox, holders, faults (the HTTP admin API is mounted only on request). */
  admin: SandboxAdmin;
  /** The outbox entries kept (the newest), each with its sequence number. */
  outbox(): readonly OutboxRecord[];
}
