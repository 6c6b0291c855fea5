// The provider's answers, built once and reused: the empty 200, the 404 and 405, and one error answer per
// (code, message). Each carries the exact headers node writes with it, so no request rebuilds a headers object
// or serialises a JSON body that an earlier request already produced.
import type { OutgoingHttpHeaders } from 'node:http';
import type { ProviderResponse } from './types.ts';

/** A response as decided, with the headers to write it with: keeping the connection open, or closing it. */
export interface Answer {
  readonly response: Readonly<ProviderResponse>;
  readonly headers: Readonly<OutgoingHttpHeaders>;
  readonly closingHeaders: Readonly<OutgoingHttpHeaders>;
}

function hasHeader(headers: Record<string, string>, name: string): boolean {
  return Object.keys(headers).some((key) => key.toLowerCase() === name);
}

/** The headers written for a response: its own, plus the length it declares unless it chose chunked encoding. */
export function wireHeaders(response: Readonly<ProviderResponse>, close: boolean): OutgoingHttpHeaders {
  const headers: OutgoingHttpHeaders = { ...response.headers };
  // Both a length and chunked encoding at once is not HTTP/1.1, so an answer that set either keeps its choice.
  if (!hasHeader(response.headers, 'content-length') && !hasHeader(response.headers, 'transfer-encoding')) {
    headers['content-length'] = Buffer.byteLength(response.body);
  }
  if (close) headers['connection'] = 'close';
  return headers;
}

/** Frozen throughout: the same object serves every request, so nothing may change it. */
export function answer(response: ProviderResponse): Answer {
  const frozen = Object.freeze({ ...response, headers: Object.freeze({ ...response.headers }) });
  return Object.freeze({
    response: frozen,
    headers: Object.freeze(wireHeaders(frozen, false)),
    closingHeaders: Object.freeze(wireHeaders(frozen, true)),
  });
}

/** A fresh, mutable copy of a response, for a fault hook: it may change what it is given. */
export function copyOf(response: Readonly<ProviderResponse>): ProviderResponse {
  return { status: response.status, headers: { ...response.headers }, body: response.body };
}

export function jsonError(code: number, message: string): ProviderResponse {
  return { status: 500, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code, message }) };
}

/** A send: 200 with a zero-byte body. */
export const SENT: Answer = answer({ status: 200, headers: {}, body: '' });
/** A path that is no operation of the spec. */
export const NOT_FOUND: Answer = answer({ status: 404, headers: {}, body: '' });
/** An operation's path with a method other than POST. */
export const METHOD_NOT_ALLOWED: Answer = answer({ status: 405, headers: { allow: 'POST' }, body: '' });

/**
 * decide() words a small, fixed set of messages, so the cache stays small; the bound keeps memory bounded
 * even if some future message carried request data.
 */
const MAX_CACHED_ERRORS = 512;
const errors = new Map<string, Answer>();

/** The 500 answer with this code and message, serialised once. */
export function errorAnswer(code: number, message: string): Answer {
  const key = `${code} ${message}`;
  let cached = errors.get(key);
  if (!cached) {
    if (errors.size >= MAX_CACHED_ERRORS) errors.clear();
    cached = answer(jsonError(code, message));
    errors.set(key, cached);
  }
  return cached;
}
