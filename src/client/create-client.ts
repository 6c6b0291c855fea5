// The client: options resolved once, one agent pair, one limiter; each call spreads its overrides over the
// client-wide options, waits for its rate-limit slot, then runs under its own deadline. Every HTTP answer and
// every transport failure resolves to exactly one SendOutcome, with secrets masked in anything server-made.
import { operation, type OperationId } from '../catalog/index.ts';
import { classifyResponse } from './classify-response.ts';
import { classifyTransportError } from './classify-transport-error.ts';
import { startDeadline } from './deadline.ts';
import { exchange } from './exchange.ts';
import { createRateLimiter } from './rate-limit.ts';
import { basicAuthorization } from '../net/basic-auth.ts';
import { createRedactor, type Redactor } from './redact.ts';
import { resolveCall, resolveOptions, type CallOptions, type ResolvedOptions } from './resolve-options.ts';
import { createAgents } from './tls-agent.ts';
import type { ClientOptions, OtpClient, SendOutcome, SendRequest } from './types.ts';

export class ClientClosedError extends Error {
  override readonly name = 'ClientClosedError';
  readonly code = 'LEAN_CLIENT_CLOSED';

  constructor() {
    super('The client is closed; create a new one to send again.');
  }
}

/** The base URL's path (trailing slashes dropped, since a URL's path is never empty) plus the operation's. */
export function operationUrl(baseUrl: URL, op: OperationId): URL {
  const url = new URL(baseUrl);
  url.pathname = `${baseUrl.pathname.replace(/\/+$/, '')}${operation(op).path}`;
  return url;
}

// Keyed by the credentials object: the client-wide one is encoded once, a per-call override once per call.
const encoded = new WeakMap<object, string>();
function authorization(credentials: { username: string; password: string }): string {
  let value = encoded.get(credentials);
  if (value === undefined) encoded.set(credentials, (value = basicAuthorization(credentials)));
  return value;
}

function requestHeaders(request: SendRequest, call: CallOptions): Record<string, string> {
  const headers: Record<string, string> = {};
  const contentType = request.contentType === undefined ? 'application/json' : request.contentType;
  if (contentType !== null) headers['content-type'] = contentType;
  if (call.credentials !== null) headers['authorization'] = authorization(call.credentials);
  if (call.onBehalfOf !== null) headers['on-behalf-of'] = call.onBehalfOf;
  return headers;
}

function requestBody(request: SendRequest): string | Buffer | undefined {
  if (request.raw !== undefined) return request.raw;
  return request.body === undefined ? undefined : JSON.stringify(request.body);
}

function redactOutcome<Op extends OperationId>(outcome: SendOutcome<Op>, redact: Redactor): SendOutcome<Op> {
  switch (outcome.kind) {
    case 'sent':
      return outcome;
    case 'catalog-error':
      return { ...outcome, message: redact(outcome.message) };
    case 'protocol-violation':
    case 'transport-failure':
      return { ...outcome, detail: redact(outcome.detail) };
  }
}

export function createClient(options: ClientOptions): OtpClient {
  const resolved: ResolvedOptions = resolveOptions(options);
  const agents = createAgents(resolved.tls, resolved.timeoutMs);
  const limiter = createRateLimiter(resolved.rateLimit);
  const inFlight = new Set<Promise<unknown>>();
  let closed = false;
  // Built once: a request's only per-call work should be what differs per call.
  const clientSecrets = { credentials: resolved.credentials, passphrase: resolved.tls?.passphrase };
  const clientRedact = createRedactor(clientSecrets);
  const urls = new Map<OperationId, URL>();
  const urlOf = (op: OperationId): URL => {
    let url = urls.get(op);
    if (!url) urls.set(op, (url = operationUrl(resolved.baseUrl, op)));
    return url;
  };

  async function sendOnce<Op extends OperationId>(
    op: Op,
    request: SendRequest,
    call: CallOptions,
  ): Promise<SendOutcome<Op>> {
    const redact = call.credentials === resolved.credentials
      ? clientRedact
      : createRedactor(clientSecrets, { credentials: call.credentials });
    const url = urlOf(op);
    const headers = requestHeaders(request, call);
    const body = requestBody(request);
    await limiter.acquire();
    const started = performance.now();
    const elapsed = (): number => Math.round(performance.now() - started);
    const deadline = startDeadline(call.timeoutMs);
    try {
      const received = await exchange({
        url,
        dispatcher: call.withoutClientCertificate ? agents.withoutCertificate() : agents.withCertificate,
        headers,
        body,
        timeoutMs: call.timeoutMs,
        maxBodyBytes: resolved.maxBodyBytes,
        deadline,
      });
      return redactOutcome(classifyResponse(op, { ...received, durationMs: elapsed() }, redact), redact);
    } catch (error) {
      const { errorClass, detail } = classifyTransportError(error);
      return { kind: 'transport-failure', errorClass, detail: redact(detail), durationMs: elapsed() };
    } finally {
      deadline.clear();
    }
  }

  return {
    send(op, request, overrides) {
      if (closed) return Promise.reject(new ClientClosedError());
      let call: CallOptions;
      try {
        call = resolveCall(resolved, overrides);
      } catch (error) {
        return Promise.reject(error);
      }
      const pending = sendOnce(op, request, call);
      inFlight.add(pending);
      const forget = (): void => void inFlight.delete(pending);
      pending.then(forget, forget);
      return pending;
    },
    async close() {
      closed = true;
      // Calls in flight end by their own deadline; after them, destroying (not draining) the agents also drops
      // connects a deadline abandoned, which a graceful close would wait for.
      await Promise.allSettled([...inFlight]);
      await agents.destroy();
    },
  };
}
