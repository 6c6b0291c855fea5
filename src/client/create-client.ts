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
import { chainRedactors, createRedactor, type Redactor } from '../secrets/index.ts';
import { resolveCall, resolveOptions, type CallOptions, type ResolvedOptions } from './resolve-options.ts';
import { createAgents } from './tls-agent.ts';
import type { ClientOptions, OtpClient, SendOutcome, SendRequest } from './types.ts';

/** The client's signal was aborted: `sent` says whether the request had already gone out (it may have delivered). */
export class InterruptedError extends Error {
  override readonly name = 'InterruptedError';
  readonly code = 'LEAN_INTERRUPTED';

  constructor(readonly sent: boolean) {
    super(sent ? 'interrupted while the request was in flight' : 'interrupted before the request was sent');
  }
}

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

/**
 * A target's own words (the message of an error body) are redacted whole. A violation's detail is the client's
 * sentence with the target's text quoted in it, already redacted where it was quoted (classify-response.ts), so
 * a password such as `body` never rewrites the client's own words.
 */
function redactOutcome<Op extends OperationId>(outcome: SendOutcome<Op>, redact: Redactor): SendOutcome<Op> {
  return outcome.kind === 'catalog-error' ? { ...outcome, message: redact(outcome.message) } : outcome;
}

const MAX_CALL_REDACTORS = 64;

function keyText(key: string | Buffer | undefined): string | undefined {
  return key === undefined ? undefined : key.toString();
}

export function createClient(options: ClientOptions): OtpClient {
  const resolved: ResolvedOptions = resolveOptions(options);
  const agents = createAgents(resolved.tls, resolved.timeoutMs);
  const limiter = createRateLimiter(resolved.rateLimit);
  const inFlight = new Set<Promise<unknown>>();
  let closed = false;
  // Built once: a request's only per-call work should be what differs per call.
  const extra = options.secrets ?? {};
  const clientSecrets = {
    ...extra,
    values: [...(extra.values ?? []), resolved.tls?.passphrase, keyText(resolved.tls?.key)],
    credentials: [...(extra.credentials ?? []), resolved.credentials],
  };
  const clientRedact = createRedactor(clientSecrets);
  // Per-call credentials (a scenario's override) are redacted too. Building a redactor compiles a regular
  // expression, so one is kept per pair of credentials (a bounded number: a client may see many).
  const callRedactors = new Map<string, Redactor>();
  const callRedactor = (credentials: { username: string; password: string } | null): Redactor => {
    if (credentials === null) return clientRedact;
    const key = `${credentials.username}\u0000${credentials.password}`;
    let redact = callRedactors.get(key);
    if (!redact) {
      if (callRedactors.size >= MAX_CALL_REDACTORS) callRedactors.clear();
      redact = chainRedactors(clientRedact, createRedactor({ credentials: [credentials], personalData: false }));
      callRedactors.set(key, redact);
    }
    return redact;
  };
  const signal = options.signal;
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
    const redact = call.credentials === resolved.credentials ? clientRedact : callRedactor(call.credentials);
    const url = urlOf(op);
    const headers = requestHeaders(request, call);
    const body = requestBody(request);
    try {
      await limiter.acquire(signal);
    } catch {
      throw new InterruptedError(false);
    }
    if (signal?.aborted) throw new InterruptedError(false);
    const started = performance.now();
    const elapsed = (): number => Math.round(performance.now() - started);
    const deadline = startDeadline(call.timeoutMs, signal);
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
      if (signal?.aborted) throw new InterruptedError(true);
      const { errorClass, code, detail } = classifyTransportError(error);
      // Library and network error texts may quote what a peer sent (a certificate's names, a header): redacted.
      return { kind: 'transport-failure', errorClass, code, detail: redact(detail), durationMs: elapsed() };
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
