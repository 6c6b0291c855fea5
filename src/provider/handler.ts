// The request listener: routing, bounded body reading, the decision (decide.ts), the outbox, the fault hook,
// and the last line of defence (code 6). It never listens by itself: server.ts, or a test, mounts it.
//
// Routing: each operation of the spec is `POST {path}`. Any other path answers 404 with an empty body (it is
// no operation of the spec, so no catalog code applies); a known path with another method answers 405 with
// `Allow: POST` and an empty body. The query string is ignored.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { INTERNAL_FAULT_CODE, MAX_REQUEST_BODY_BYTES, OPERATIONS } from '../catalog/index.ts';
import { copyOf, errorAnswer, jsonError, METHOD_NOT_ALLOWED, NOT_FOUND, SENT, wireHeaders, type Answer } from './answers.ts';
import { DEFAULT_ON_BEHALF_OF, defaultUsers } from './auth.ts';
import { decide } from './decide.ts';
import { readBody } from './read-body.ts';
import { createStore, type ProviderStore } from './store.ts';
import type { ProviderLimits, ProviderOptions, ProviderRequestInfo, ProviderUser } from './types.ts';

export const DEFAULT_LIMITS: Readonly<ProviderLimits> = Object.freeze({
  // The spec's assumed limit (x-max-body-bytes), so the provider never refuses a spec-valid body.
  maxBodyBytes: MAX_REQUEST_BODY_BYTES,
  bodyTimeoutMs: 5_000,
});

export interface HandlerOptions extends ProviderOptions {
  /** A store to serve; default a fresh one, seeded. */
  store?: ProviderStore;
  limits?: Partial<ProviderLimits>;
  /** Told about every internal fault (answered with code 6); default: one line on stderr. */
  onInternalFault?: (error: unknown) => void;
}

export interface ProviderHandler {
  listener: (req: IncomingMessage, res: ServerResponse) => void;
  store: ProviderStore;
  users: readonly ProviderUser[];
  onBehalfOf: readonly string[];
  limits: Readonly<ProviderLimits>;
}

function positiveInteger(name: string, value: number): number {
  if (!Number.isInteger(value) || value <= 0) throw new Error(`limits.${name} must be a positive integer (got ${value}).`);
  return value;
}

/** Checks the options once, at construction, naming the option and the rule it broke. */
function resolve(options: HandlerOptions): Omit<ProviderHandler, 'listener'> {
  const users = options.users ?? defaultUsers();
  if (users.length === 0) throw new Error('options.users must list at least one user.');
  const names = users.map((u) => u.username);
  const repeated = names.find((n, i) => names.indexOf(n) !== i);
  if (repeated !== undefined) throw new Error(`options.users names ${repeated} twice.`);
  const onBehalfOf = options.onBehalfOf ?? DEFAULT_ON_BEHALF_OF;
  if (onBehalfOf.length === 0) throw new Error('options.onBehalfOf must list at least one accepted value.');
  const merged = { ...DEFAULT_LIMITS, ...options.limits };
  const limits = Object.freeze({
    maxBodyBytes: positiveInteger('maxBodyBytes', merged.maxBodyBytes),
    bodyTimeoutMs: positiveInteger('bodyTimeoutMs', merged.bodyTimeoutMs),
  });
  let store = options.store;
  if (!store) {
    store = createStore();
    store.seed();
  }
  return { store, users, onBehalfOf, limits };
}

export function createProviderHandler(options: HandlerOptions = {}): ProviderHandler {
  const context = resolve(options);
  const { store, limits } = context;
  const reportFault =
    options.onInternalFault ??
    ((error: unknown) => console.error(`reference provider: internal fault answered with code 6: ${String(error)}`));

  /**
   * Writes an answer after the fault hook had its say. `close` is set when the body was not read to its end:
   * the connection cannot carry another request then, so it is closed after this answer.
   */
  function write(req: IncomingMessage, res: ServerResponse, answer: Answer, info: ProviderRequestInfo, close: boolean): void {
    if (!options.mutate) {
      // The shared answer's headers were built with it; writeHead only reads them.
      res.writeHead(answer.response.status, close ? answer.closingHeaders : answer.headers);
      res.end(answer.response.body);
      return;
    }
    // The hook gets its own copy, so whatever it changes never reaches the shared answer.
    const mutated = options.mutate(copyOf(answer.response), info);
    if (mutated === 'hang') return; // left open on purpose; close() of the server destroys the socket
    if (mutated === 'destroy') {
      req.socket.destroy();
      return;
    }
    res.writeHead(mutated.status, wireHeaders(mutated, close));
    res.end(mutated.body);
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = (req.url ?? '').split('?')[0] ?? '';
    const operation = OPERATIONS.find((op) => op.path === path) ?? null;
    const info: ProviderRequestInfo = { operation: operation?.id ?? null, path, state: null };

    // The body is read (bounded) before anything is decided, whatever the answer will be: a connection whose
    // body was consumed stays usable, and one whose body was cut is closed after the answer.
    const body = await readBody(req, { maxBytes: limits.maxBodyBytes, timeoutMs: limits.bodyTimeoutMs });
    if (body.kind === 'aborted') return;
    const close = body.kind === 'timeout' || (body.kind === 'tooLarge' && !body.drained);

    if (!operation) return write(req, res, NOT_FOUND, info, close);
    if (req.method !== 'POST') return write(req, res, METHOD_NOT_ALLOWED, info, close);

    const onBehalfOf = req.headers['on-behalf-of'];
    const decision = decide(
      {
        operation,
        authorization: req.headers.authorization,
        onBehalfOf: Array.isArray(onBehalfOf) ? onBehalfOf.join(', ') : onBehalfOf,
        contentType: req.headers['content-type'],
        body,
      },
      context,
    );
    info.state = decision.state;
    if (decision.kind === 'sent') {
      // Recorded before the fault hook runs: the OTP went out even if the answer is then lost on the wire.
      store.recordSend({
        operation: operation.id,
        channel: decision.channel,
        certIdOtp: decision.certIdOtp,
        state: decision.state,
        at: new Date(),
      });
      return write(req, res, SENT, info, close);
    }
    write(req, res, errorAnswer(decision.code, decision.message), info, close);
  }

  /** Code 6 is reserved for this: something threw. The answer bypasses the fault hook, which may be what threw. */
  function fault(req: IncomingMessage, res: ServerResponse, error: unknown): void {
    try {
      reportFault(error);
    } catch {
      // A failing reporter must not turn a fault answer into a crash.
    }
    if (res.headersSent || req.socket.destroyed) {
      req.socket.destroy();
      return;
    }
    const answer = jsonError(INTERNAL_FAULT_CODE, 'The request could not be processed because of an internal fault.');
    res.writeHead(answer.status, wireHeaders(answer, true));
    res.end(answer.body);
  }

  return {
    ...context,
    listener(req, res) {
      // Writing to a socket the client already closed emits 'error' on the response; it is not a fault of ours.
      res.on('error', () => undefined);
      handle(req, res).catch((error: unknown) => {
        try {
          fault(req, res, error);
        } catch {
          req.socket.destroy();
        }
      });
    },
  };
}
