// Maps whatever undici or Node threw to one transport class, by the stable `code` strings (never by message
// or instanceof). Unknown codes go to `other` explicitly. The whole `cause` chain is read, AggregateError
// members included (Node's happy-eyeballs connect reports one error per address tried).
import type { TransportErrorClass } from './types.ts';

/** Exact codes. Kept as literals so the table itself is the documentation of the mapping. */
export const TRANSPORT_CODES = {
  // Our own overall deadline, then undici's per-phase timeouts.
  LEAN_DEADLINE_EXCEEDED: 'timeout',
  UND_ERR_CONNECT_TIMEOUT: 'timeout',
  UND_ERR_HEADERS_TIMEOUT: 'timeout',
  UND_ERR_BODY_TIMEOUT: 'timeout',
  ETIMEDOUT: 'timeout',
  ERR_TLS_HANDSHAKE_TIMEOUT: 'timeout',

  ECONNREFUSED: 'refused',

  ECONNRESET: 'reset',
  ECONNABORTED: 'reset',
  EPIPE: 'reset',
  // "other side closed". Under TLS 1.3 this is also how a server refusing a missing client certificate
  // shows up, because the refusal comes after the handshake; the checks tell the two apart by what was sent.
  UND_ERR_SOCKET: 'reset',
  ERR_STREAM_PREMATURE_CLOSE: 'reset',

  ENOTFOUND: 'dns',
  EAI_AGAIN: 'dns',
  EAI_FAIL: 'dns',
  EAI_NODATA: 'dns',
  EAI_NONAME: 'dns',

  // Certificate verification failures (OpenSSL's X509_V_ERR names as Node reports them) and handshake errors.
  EPROTO: 'tls',
  HOSTNAME_MISMATCH: 'tls',
  UNABLE_TO_GET_ISSUER_CERT: 'tls',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'tls',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'tls',
  UNABLE_TO_DECRYPT_CERT_SIGNATURE: 'tls',
  UNABLE_TO_DECODE_ISSUER_PUBLIC_KEY: 'tls',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'tls',
  SELF_SIGNED_CERT_IN_CHAIN: 'tls',
  CERT_SIGNATURE_FAILURE: 'tls',
  CERT_NOT_YET_VALID: 'tls',
  CERT_HAS_EXPIRED: 'tls',
  CERT_REVOKED: 'tls',
  CERT_UNTRUSTED: 'tls',
  CERT_REJECTED: 'tls',
  CERT_CHAIN_TOO_LONG: 'tls',
  ERROR_IN_CERT_NOT_BEFORE_FIELD: 'tls',
  ERROR_IN_CERT_NOT_AFTER_FIELD: 'tls',
  INVALID_CA: 'tls',
  INVALID_PURPOSE: 'tls',
  PATH_LENGTH_EXCEEDED: 'tls',
} as const satisfies Record<string, TransportErrorClass>;

export type KnownTransportCode = keyof typeof TRANSPORT_CODES;

/** Code families: OpenSSL handshake alerts (ERR_SSL_*), Node's TLS layer (ERR_TLS_*), key loading (ERR_OSSL_*). */
export const TRANSPORT_CODE_PREFIXES: ReadonlyArray<readonly [prefix: string, errorClass: TransportErrorClass]> = [
  ['ERR_SSL_', 'tls'],
  ['ERR_TLS_', 'tls'],
  ['ERR_OSSL_', 'tls'],
];

/**
 * When the chain holds several known codes, the most telling wins: a TLS alert wrapped in a socket error is a
 * TLS failure, not a reset. A Record over the union keeps this table exhaustive.
 */
const SPECIFICITY: Record<TransportErrorClass, number> = {
  timeout: 5,
  tls: 4,
  dns: 3,
  refused: 2,
  reset: 1,
  other: 0,
};

function isKnownCode(code: string): code is KnownTransportCode {
  return Object.hasOwn(TRANSPORT_CODES, code);
}

export function classOfCode(code: string): TransportErrorClass {
  if (isKnownCode(code)) return TRANSPORT_CODES[code];
  return TRANSPORT_CODE_PREFIXES.find(([prefix]) => code.startsWith(prefix))?.[1] ?? 'other';
}

/** Every error of the chain, outermost first, each once. */
export function errorChain(error: unknown, limit = 16): unknown[] {
  const seen = new Set<unknown>();
  const queue: unknown[] = [error];
  while (queue.length > 0 && seen.size < limit) {
    const next = queue.shift();
    if (next === undefined || next === null || seen.has(next)) continue;
    seen.add(next);
    if (typeof next !== 'object') continue;
    const { cause, errors } = next as { cause?: unknown; errors?: unknown };
    queue.push(cause);
    if (Array.isArray(errors)) queue.push(...errors);
  }
  return [...seen];
}

function describe(error: unknown): { code: string | null; text: string } {
  if (typeof error !== 'object' || error === null) return { code: null, text: String(error) };
  const { code, name, message } = error as { code?: unknown; name?: unknown; message?: unknown };
  const label = typeof code === 'string' ? code : typeof name === 'string' ? name : 'Error';
  const said = typeof message === 'string' ? message.replace(/\s+/g, ' ').trim() : '';
  const text = said === '' ? label : `${label} (${said})`;
  return { code: typeof code === 'string' ? code : null, text };
}

export interface ClassifiedTransportError {
  errorClass: TransportErrorClass;
  /** The code that decided the class (the most telling of the chain), or null when none was known. */
  code: string | null;
  /** One line naming every code of the chain, outermost first. */
  detail: string;
}

export function classifyTransportError(error: unknown): ClassifiedTransportError {
  const described = errorChain(error).map(describe);
  let errorClass: TransportErrorClass = 'other';
  let decidingCode: string | null = null;
  for (const { code } of described) {
    if (code === null) continue;
    const candidate = classOfCode(code);
    if (decidingCode === null || SPECIFICITY[candidate] > SPECIFICITY[errorClass]) {
      errorClass = candidate;
      decidingCode = code;
    }
  }
  const detail = described.map((d) => d.text).join(' <- ').replace(/\s+/g, ' ').trim();
  return { errorClass, code: decidingCode, detail: detail === '' ? 'unknown transport error' : detail };
}

/**
 * Codes that say this client refused the server's certificate (untrusted, expired, wrong host): the peer did not
 * refuse us. A "no client certificate" refusal can never be proven by one of these.
 */
export const SERVER_CERTIFICATE_REJECTED: ReadonlySet<string> = new Set([
  'HOSTNAME_MISMATCH', 'ERR_TLS_CERT_ALTNAME_INVALID', 'UNABLE_TO_GET_ISSUER_CERT', 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'UNABLE_TO_DECRYPT_CERT_SIGNATURE', 'UNABLE_TO_DECODE_ISSUER_PUBLIC_KEY',
  'DEPTH_ZERO_SELF_SIGNED_CERT', 'SELF_SIGNED_CERT_IN_CHAIN', 'CERT_SIGNATURE_FAILURE', 'CERT_NOT_YET_VALID',
  'CERT_HAS_EXPIRED', 'CERT_REVOKED', 'CERT_UNTRUSTED', 'CERT_REJECTED', 'CERT_CHAIN_TOO_LONG',
  'ERROR_IN_CERT_NOT_BEFORE_FIELD', 'ERROR_IN_CERT_NOT_AFTER_FIELD', 'INVALID_CA', 'INVALID_PURPOSE', 'PATH_LENGTH_EXCEEDED',
]);
