// The code → class table, read through errors shaped as undici and Node throw them (a code on the error, the
// real cause further down a chain, or spread over an AggregateError).
import { describe, expect, it } from 'vitest';
import {
  classifyTransportError,
  TRANSPORT_CODES,
  type TransportErrorClass,
} from '../../src/client/index.ts';

function coded(code: string, message = 'boom', cause?: unknown): Error {
  return Object.assign(new Error(message, cause === undefined ? undefined : { cause }), { code });
}

const cases: Array<[string, { given: unknown; want: TransportErrorClass }]> = [
  ['our deadline', { given: coded('LEAN_DEADLINE_EXCEEDED'), want: 'timeout' }],
  ['undici connect timeout', { given: coded('UND_ERR_CONNECT_TIMEOUT'), want: 'timeout' }],
  ['undici headers timeout', { given: coded('UND_ERR_HEADERS_TIMEOUT'), want: 'timeout' }],
  ['undici body timeout', { given: coded('UND_ERR_BODY_TIMEOUT'), want: 'timeout' }],
  ['TLS handshake timeout is a timeout, not a TLS failure', { given: coded('ERR_TLS_HANDSHAKE_TIMEOUT'), want: 'timeout' }],
  ['ECONNREFUSED', { given: coded('ECONNREFUSED'), want: 'refused' }],
  ['ECONNRESET', { given: coded('ECONNRESET'), want: 'reset' }],
  ['EPIPE', { given: coded('EPIPE'), want: 'reset' }],
  ['undici "other side closed"', { given: coded('UND_ERR_SOCKET', 'other side closed'), want: 'reset' }],
  ['ENOTFOUND', { given: coded('ENOTFOUND'), want: 'dns' }],
  ['EAI_AGAIN', { given: coded('EAI_AGAIN'), want: 'dns' }],
  ['altname mismatch', { given: coded('ERR_TLS_CERT_ALTNAME_INVALID'), want: 'tls' }],
  ['unverifiable leaf', { given: coded('UNABLE_TO_VERIFY_LEAF_SIGNATURE'), want: 'tls' }],
  ['self-signed', { given: coded('DEPTH_ZERO_SELF_SIGNED_CERT'), want: 'tls' }],
  ['self-signed in chain', { given: coded('SELF_SIGNED_CERT_IN_CHAIN'), want: 'tls' }],
  ['expired', { given: coded('CERT_HAS_EXPIRED'), want: 'tls' }],
  ['an OpenSSL alert', { given: coded('ERR_SSL_TLSV13_ALERT_CERTIFICATE_REQUIRED'), want: 'tls' }],
  ['EPROTO', { given: coded('EPROTO'), want: 'tls' }],
  ['a key that cannot be decrypted', { given: coded('ERR_OSSL_BAD_DECRYPT'), want: 'tls' }],
  ['the known code sits in the cause', { given: new Error('fetch failed', { cause: coded('ECONNREFUSED') }), want: 'refused' }],
  ['the known code sits deep in the chain', { given: coded('X', 'a', coded('Y', 'b', coded('ENOTFOUND'))), want: 'dns' }],
  [
    'a TLS alert wrapped in a socket error is TLS',
    { given: coded('UND_ERR_SOCKET', 'other side closed', coded('ERR_SSL_TLSV13_ALERT_CERTIFICATE_REQUIRED')), want: 'tls' },
  ],
  [
    'an AggregateError of connect attempts',
    { given: new AggregateError([coded('ECONNREFUSED'), coded('ECONNREFUSED')], 'all failed'), want: 'refused' },
  ],
  ['headers overflow', { given: coded('UND_ERR_HEADERS_OVERFLOW'), want: 'other' }],
  ['an unknown code', { given: coded('E_SOMETHING_NEW'), want: 'other' }],
  ['an error without a code', { given: new Error('plain'), want: 'other' }],
  ['a thrown string', { given: 'just a string', want: 'other' }],
  ['a thrown null', { given: null, want: 'other' }],
];

describe('classifyTransportError', () => {
  it.each(cases)('%s', (_name, { given, want }) => {
    expect(classifyTransportError(given).errorClass).toBe(want);
  });

  it('names every code of the chain in the detail, on one line', () => {
    const error = coded('UND_ERR_SOCKET', 'other side\nclosed', coded('ECONNRESET', 'read ECONNRESET'));
    expect(classifyTransportError(error).detail).toBe('UND_ERR_SOCKET (other side closed) <- ECONNRESET (read ECONNRESET)');
  });

  it('survives a cause cycle', () => {
    const a = coded('ECONNRESET');
    const b = coded('UND_ERR_SOCKET', 'x', a);
    (a as { cause?: unknown }).cause = b;
    expect(classifyTransportError(b).errorClass).toBe('reset');
  });

  it('reaches every class but other from the code table', () => {
    const reached = new Set<TransportErrorClass>(Object.values(TRANSPORT_CODES));
    const all: Record<TransportErrorClass, true> = { timeout: true, tls: true, refused: true, reset: true, dns: true, other: true };
    expect([...reached].sort()).toEqual(Object.keys(all).filter((c) => c !== 'other').sort());
  });
});
