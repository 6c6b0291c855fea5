// The connection pools. Certificate verification always stays on: an extra CA is added to Node's default
// trust, never put in its place, and verification is set on explicitly (so NODE_TLS_REJECT_UNAUTHORIZED=0 in
// the environment cannot turn it off for these connections). The agent without a client
// certificate exists for the "no client certificate" scenario and trusts exactly the same servers.
import { rootCertificates } from 'node:tls';
import { Agent } from 'undici';
import type { ClientOptions } from './types.ts';

type TlsMaterial = NonNullable<ClientOptions['tls']>;

export interface Agents {
  /** The agent that presents the client certificate, when one is configured. */
  readonly withCertificate: Agent;
  /** An agent with the same trust and no certificate; created on first use. */
  withoutCertificate(): Agent;
  /** Drops every connection, including ones abandoned by a deadline that are still connecting. */
  destroy(): Promise<void>;
}

/** Node's default roots plus the given CA; undefined keeps Node's default untouched. */
export function trustedCas(ca: string | Buffer | undefined): Array<string | Buffer> | undefined {
  return ca === undefined ? undefined : [...rootCertificates, ca];
}

export function createAgents(tls: TlsMaterial | null, connectTimeoutMs: number): Agents {
  const ca = trustedCas(tls?.ca);
  const trust = { timeout: connectTimeoutMs, rejectUnauthorized: true, ...(ca === undefined ? {} : { ca }) };
  const identity = tls?.cert !== undefined && tls.key !== undefined
    ? { cert: tls.cert, key: tls.key, ...(tls.passphrase === undefined ? {} : { passphrase: tls.passphrase }) }
    : null;
  const withCertificate = new Agent({ connect: { ...trust, ...identity } });
  let bare: Agent | undefined;
  return {
    withCertificate,
    withoutCertificate() {
      if (identity === null) return withCertificate;
      bare ??= new Agent({ connect: trust });
      return bare;
    },
    async destroy() {
      await Promise.all([withCertificate.destroy(), bare?.destroy()]);
    },
  };
}
