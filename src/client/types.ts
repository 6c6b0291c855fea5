// The typed client's public contract. The client never throws for an HTTP outcome: every call resolves to
// exactly one `SendOutcome`, so the checks can judge any answer, including a broken one.
import type { ErrorCodeOf, OperationId } from '../catalog/index.ts';
import type { SecretSet } from '../secrets/index.ts';

/** How the client reaches and authenticates to the target. PEM material is passed as loaded contents. */
export interface ClientOptions {
  /** Base URL; the operation's path from the spec is appended (`{baseUrl}/sendOtp`). */
  baseUrl: string;
  /** HTTP Basic credentials; omitted means no Authorization header. */
  credentials?: { username: string; password: string };
  /** Mutual TLS material (PEM). */
  tls?: { cert?: string | Buffer; key?: string | Buffer; passphrase?: string; ca?: string | Buffer };
  /** Value of the `on-behalf-of` header on every request; omitted means the header is not sent. */
  onBehalfOf?: string;
  /** Per-request deadline in ms, from connect to the last body byte. Default 10000. */
  timeoutMs?: number;
  /** How many body bytes are read at most; beyond it the read stops and the outcome says so. Default 64 KiB. */
  maxBodyBytes?: number;
  /** Maximum requests per second; undefined means unlimited. */
  rateLimit?: number;
  /**
   * When aborted, no new request is sent (a call waiting for its rate-limit slot gives up) and a call in flight
   * is abandoned: `send` then rejects with an InterruptedError saying whether the request had gone out.
   */
  signal?: AbortSignal;
  /** More values to hide in what the target sends back (fixture ids, other secrets), besides the client's own. */
  secrets?: SecretSet;
}

/** A request the client sends. `body` is JSON-encoded unless `raw` is given. */
export interface SendRequest {
  body?: unknown;
  /** Bytes or text sent as they are (malformed-input scenarios); wins over `body`. */
  raw?: string | Buffer;
  /** Content-Type header; default `application/json`; null sends none. */
  contentType?: string | null;
}

/** Per-call overrides of the client-wide options (one spread, as undici does). */
export interface SendOverrides {
  /** Replace the credentials for this call; null sends no Authorization header. */
  credentials?: { username: string; password: string } | null;
  /** Replace the on-behalf-of header for this call; null omits it. */
  onBehalfOf?: string | null;
  /** Send this call without the client certificate (the "no client certificate" scenario). */
  withoutClientCertificate?: boolean;
  timeoutMs?: number;
}

export type TransportErrorClass = 'timeout' | 'tls' | 'refused' | 'reset' | 'dns' | 'other';

export type ProtocolViolationKind =
  | 'body-on-200' // a 200 whose body is not zero bytes
  | 'non-json-error-body' // a 500 whose body is not JSON
  | 'schema-invalid-error-body' // a 500 whose JSON body does not match the spec's error schema
  | 'uncatalogued-code' // a 500 with an integer code outside the operation's catalog
  | 'unexpected-status' // any status other than 200 and 500 (redirects included; they are never followed)
  | 'body-too-large'; // the body exceeded maxBodyBytes: reading stopped at the cap

interface Timed {
  /** Milliseconds from sending the request to the end of the response (or of the failure). */
  durationMs: number;
}

export type SendOutcome<Op extends OperationId = OperationId> =
  | (Timed & { kind: 'sent'; status: 200; bodyBytes: 0 })
  | (Timed & { kind: 'catalog-error'; status: 500; code: ErrorCodeOf<Op>; message: string; bodyBytes: number })
  | (Timed & {
      kind: 'protocol-violation';
      violation: ProtocolViolationKind;
      status: number;
      /** The integer code read from the body when there was one, else null. */
      code: number | null;
      bodyBytes: number;
      /** One line saying what was wrong (ajv's errors, the first bytes of a non-JSON body, the Location…). */
      detail: string;
      /** An unexpected status whose body is nonetheless a catalog error (`{code, message}`, a code of the catalog). */
      catalogBody?: true;
      /** The answer's `Retry-After` header as sent, when it had one (src/client/retry-after.ts reads it). */
      retryAfter?: string;
    })
  | (Timed & {
      kind: 'transport-failure';
      errorClass: TransportErrorClass;
      /** The error code that decided the class, e.g. `UND_ERR_SOCKET`, `DEPTH_ZERO_SELF_SIGNED_CERT`; null if none. */
      code: string | null;
      detail: string;
    });

export interface OtpClient {
  send<Op extends OperationId>(op: Op, request: SendRequest, overrides?: SendOverrides): Promise<SendOutcome<Op>>;
  /** Closes the connection pools. */
  close(): Promise<void>;
}
