// The bundled reference provider's public contract: a factory that never listens at import time, an in-memory
// store with seed and clear helpers, and an outbox that proves a 200 was a send.
import type { Channel, FixtureState, OperationId } from '../catalog/index.ts';

import type { FixtureFile } from '../fixtures/types.ts';

export type { FixtureFile, Holder } from '../fixtures/types.ts';
import type { Holder } from '../fixtures/types.ts';

/** A holder as the store finds it for decide(): its identifiers and its fixture state. */
export interface StoredHolder {
  holder: Holder;
  state: FixtureState;
}

export interface OutboxEntry {
  operation: OperationId;
  channel: Channel;
  certIdOtp: string;
  /** Fixture state of the holder the OTP went to. */
  state: string;
  at: Date;
  /** Where the message went: the holder's mobile number (SMS, WHATSAPP) or email address (EMAIL). Personal data. */
  destination: string;
  /** The message as sent. */
  text: string;
  /** The one-time password the message carried. */
  otp: string;
}

/** What the provider decided to answer, before it is written; faulty variants rewrite it. */
export interface ProviderResponse {
  status: number;
  headers: Record<string, string>;
  /** Exact bytes of the body; '' for the empty 200. */
  body: string | Buffer;
}

export interface ProviderRequestInfo {
  operation: OperationId | null;
  path: string;
  /** Fixture state of the addressed holder, when the request named a known holder. */
  state: string | null;
}

/**
 * A fault hook: given the conforming answer, returns the answer to give instead, or 'hang' to never answer,
 * or 'destroy' to reset the connection. Used by the self-tests' faulty variants.
 */
export type ResponseMutator = (
  response: ProviderResponse,
  request: ProviderRequestInfo,
) => ProviderResponse | 'hang' | 'destroy';

export interface ProviderUser {
  username: string;
  password: string;
  /** Operations this user may call; calling another is answered with 11002. */
  operations: readonly OperationId[];
}

export interface ProviderOptions {
  /** Serve HTTPS and require a client certificate signed by the provider's CA (generated at run time). */
  tls?: boolean;
  /** Users; default: one user allowed both operations and one allowed only sendOtp. */
  users?: readonly ProviderUser[];
  /** Accepted `on-behalf-of` values; any other value is answered with 15000. */
  onBehalfOf?: readonly string[];
  mutate?: ResponseMutator;
}

/** Client material to reach a `tls: true` provider (PEM). */
export interface ProviderTlsMaterial {
  ca: string;
  clientCert: string;
  clientKey: string;
}

export interface RunningProvider {
  /** Base URL, e.g. `http://127.0.0.1:54321`. */
  url: string;
  /** The default user (allowed both operations). */
  credentials: { username: string; password: string };
  /** An accepted on-behalf-of value. */
  onBehalfOf: string;
  /** Present when started with `tls: true`. */
  tls?: ProviderTlsMaterial;
  /** One seeded holder per fixture state of the spec, in the fixture file format. */
  fixtures(): FixtureFile;
  outbox(): readonly OutboxEntry[];
  /** Resets the store and outbox, then seeds one holder per fixture state again (the sandbox also clears its faults and journal). */
  reset(): void;
  close(): Promise<void>;
}

// ---- Extensions of the contract above (compatible: additions only) -------------------------------------------

/** Bounds on what one request may cost the provider. */
export interface ProviderLimits {
  /** Largest body read; a larger one is answered with the missing-fields code and the connection closed. */
  maxBodyBytes: number;
  /** Time allowed for the whole body to arrive; a slower one is answered like an oversized one. */
  bodyTimeoutMs: number;
}
