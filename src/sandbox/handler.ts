// The request listener: routing, bounded body reading, the decision (decide.ts), the outbox, the faults
// injected on demand (faults.ts) and the fault hook, the admin API when mounted (admin-api.ts), and the last
// line of defence (code 6). It never listens by itself: server.ts, or a test, mounts it.
//
// Routing: each operation of the spec is `POST {path}`. Any other path answers 404 with an empty body (it is
// no operation of the spec, so no catalog code applies); a known path with another method answers 405 with
// `Allow: POST` and an empty body. The query string is ignored.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { catalogEntry, INTERNAL_FAULT_CODE, MAX_REQUEST_BODY_BYTES, OPERATIONS, type OperationId } from '../catalog/index.ts';
import { ADMIN_MAX_BODY_BYTES, createAdminApi, type AdminApi } from './admin-api.ts';
import { answer, copyOf, errorAnswer, jsonError, METHOD_NOT_ALLOWED, NOT_FOUND, SENT, wireHeaders, type Answer } from '../provider/answers.ts';
import { DEFAULT_ON_BEHALF_OF, defaultUsers } from '../provider/auth.ts';
import { decide, type Decision } from '../provider/decide.ts';
import { createFaultBook, SILENCE_LIMIT_MS, type FaultBook, type FaultSpec, type TakenFault } from './faults.ts';
import { createJournal, type Journal } from './journal.ts';
import { readBody, type BodyResult } from '../provider/read-body.ts';
import { createSandboxAdmin, type SandboxAdmin } from './sandbox-admin.ts';
import { createStore, type HolderRecord, type ProviderStore } from './store.ts';
import type { ProviderLimits, ProviderOptions, ProviderRequestInfo, ProviderUser } from '../provider/types.ts';

export const DEFAULT_LIMITS: Readonly<ProviderLimits> = Object.freeze({
  // The spec's assumed limit (x-max-body-bytes), so the provider never refuses a spec-valid body.
  maxBodyBytes: MAX_REQUEST_BODY_BYTES,
  bodyTimeoutMs: 5_000,
});

export interface HandlerOptions extends ProviderOptions {
  /** A store to serve; default a fresh one, seeded (with `holders` when given). */
  store?: ProviderStore;
  /** The holders a fresh store is seeded with (and reset to); default one fresh holder per fixture state. */
  holders?: readonly HolderRecord[];
  /** Outbox entries a fresh store keeps (the newest); default DEFAULT_OUTBOX_LIMIT (1000). */
  outboxLimit?: number;
  limits?: Partial<ProviderLimits>;
  /** Mount the HTTP admin API (ADMIN_PREFIX) behind this bearer token; absent: no admin API (its paths are 404). */
  admin?: { token: string };
  /** Told about every internal fault (answered with code 6); default: one line on stderr. */
  onInternalFault?: (error: unknown) => void;
  /** Keep the request journal (default true); off only to measure what it costs. */
  journal?: boolean;
  /** Seed of the faults that hit a share of requests (`probability`) without a seed of their own (`--seed`). */
  faultSeed?: number;
}

export interface ProviderHandler {
  listener: (req: IncomingMessage, res: ServerResponse) => void;
  store: ProviderStore;
  users: readonly ProviderUser[];
  onBehalfOf: readonly string[];
  limits: Readonly<ProviderLimits>;
  faults: FaultBook;
  journal: Journal;
  /** The admin operations, in process (always available to the code that started the provider). */
  admin: SandboxAdmin;
  /** Ends what the provider holds open by itself (outbox waits, silenced and delayed answers). */
  shutdown(): void;
}

/** What the journal needs to know of a request besides its answer. */
interface Trace {
  at: Date;
  body: Buffer | null;
  fault: string | null;
}

/** The `code` of a JSON error answer, read once per shared answer. */
const answerCodes = new WeakMap<object, number | null>();
function codeOf(response: { status: number; body: string | Buffer }, shared: object | null): number | null {
  if (shared && answerCodes.has(shared)) return answerCodes.get(shared) ?? null;
  let code: number | null = null;
  if (response.status !== 200 || response.body.length > 0) {
    try {
      const parsed: unknown = JSON.parse(response.body.toString());
      const value = typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>)['code'] : undefined;
      if (typeof value === 'number') code = value;
    } catch {
      // No JSON body: no code.
    }
  }
  if (shared) answerCodes.set(shared, code);
  return code;
}

function positiveInteger(name: string, value: number): number {
  if (!Number.isInteger(value) || value <= 0) throw new Error(`limits.${name} must be a positive integer (got ${value}).`);
  return value;
}

/** Checks the options once, at construction, naming the option and the rule it broke. */
function resolve(options: HandlerOptions): Pick<ProviderHandler, 'store' | 'users' | 'onBehalfOf' | 'limits'> {
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
    store = createStore(undefined, {
      ...(options.holders ? { initial: options.holders } : {}),
      ...(options.outboxLimit === undefined ? {} : { outboxLimit: options.outboxLimit }),
    });
    store.seed();
  }
  return { store, users, onBehalfOf, limits };
}

/** The certIdOtp a request names: from the decision when it sent, else read from the body (only if a fault needs it). */
function namedCertIdOtp(body: Exclude<BodyResult, { kind: 'aborted' }>, decision: Decision): string | null {
  if (decision.kind === 'sent') return decision.certIdOtp;
  if (body.kind !== 'complete') return null;
  try {
    const parsed: unknown = JSON.parse(body.bytes.toString('utf8'));
    const value = typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>)['certIdOtp'] : undefined;
    return typeof value === 'string' ? value : null;
  } catch {
    return null;
  }
}

/** Whether the request is still handled (a success holder's OTP sent and recorded) under this fault. */
function handledUnder(fault: FaultSpec | null): boolean {
  if (!fault || fault.kind === 'delay' || fault.kind === 'body200') return true;
  return fault.kind !== 'refuse' && fault.handled === true;
}

/** An answer with a fault's extra headers (a Retry-After, say); the shared answer itself is never changed. */
function withHeaders(base: Answer, headers: Readonly<Record<string, string>>): Answer {
  return Object.keys(headers).length === 0 ? base : answer({ ...base.response, headers: { ...base.response.headers, ...headers } });
}

/** The on-spec answer of a `code` fault: worded from the catalog, as decide() words its own. */
function faultCodeAnswer(operation: OperationId, code: number): Answer {
  const entry = catalogEntry(operation, code);
  const meaning = entry?.meaning ?? 'unknown failure';
  return errorAnswer(code, entry?.source === 'authentication' ? meaning : `The OTP was not sent: ${meaning}.`);
}

export function createProviderHandler(options: HandlerOptions = {}): ProviderHandler {
  const context = resolve(options);
  const { store, limits } = context;
  const faults = createFaultBook(Date.now, options.faultSeed);
  const journal = createJournal(store.sent.snapshot().limit);
  const journaling = options.journal !== false;
  // What POST /__admin/reset returns to: the holders as they are now, at the start.
  const startHolders = store.holders();
  const admin = createSandboxAdmin(store, faults, { journal, startHolders });
  const adminApi: AdminApi | null = options.admin ? createAdminApi({ admin, token: options.admin.token }) : null;
  /** Timers of silenced and delayed answers, so shutdown() leaves none behind. */
  const held = new Set<NodeJS.Timeout>();
  const hold = (req: IncomingMessage, ms: number, then: () => void): void => {
    const timer = setTimeout(() => {
      held.delete(timer);
      then();
    }, ms);
    held.add(timer);
    req.socket.once('close', () => {
      clearTimeout(timer);
      held.delete(timer);
    });
  };
  const reportFault =
    options.onInternalFault ??
    ((error: unknown) => console.error(`reference provider: internal fault answered with code 6: ${String(error)}`));

  /**
   * Writes an answer after the fault hook had its say. `close` is set when the body was not read to its end:
   * the connection cannot carry another request then, so it is closed after this answer.
   */
  function note(req: IncomingMessage, info: ProviderRequestInfo, trace: Trace, status: number | null, code: number | null): void {
    if (!journaling) return;
    journal.record({
      at: trace.at,
      method: req.method ?? '',
      path: info.path,
      operation: info.operation,
      headers: req.headers,
      body: trace.body,
      answer: { status, code },
      fault: trace.fault,
    });
  }

  function write(req: IncomingMessage, res: ServerResponse, answer: Answer, info: ProviderRequestInfo, close: boolean, trace: Trace): void {
    if (!options.mutate) {
      note(req, info, trace, answer.response.status, codeOf(answer.response, answer));
      // The shared answer's headers were built with it; writeHead only reads them.
      res.writeHead(answer.response.status, close ? answer.closingHeaders : answer.headers);
      res.end(answer.response.body);
      return;
    }
    // The hook gets its own copy, so whatever it changes never reaches the shared answer.
    const mutated = options.mutate(copyOf(answer.response), info);
    if (mutated === 'hang' || mutated === 'destroy') note(req, info, trace, null, null);
    if (mutated === 'hang') return; // left open on purpose; close() of the server destroys the socket
    if (mutated === 'destroy') {
      req.socket.destroy();
      return;
    }
    note(req, info, trace, mutated.status, codeOf(mutated, null));
    res.writeHead(mutated.status, wireHeaders(mutated, close));
    res.end(mutated.body);
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = req.url ?? '';
    const queryAt = url.indexOf('?');
    const path = queryAt < 0 ? url : url.slice(0, queryAt);
    const operation = OPERATIONS.find((op) => op.path === path) ?? null;
    const info: ProviderRequestInfo = { operation: operation?.id ?? null, path, state: null };

    const arrived = new Date();
    // A target that is down: the connection is closed as the request arrives, nothing read, nothing decided.
    if (operation && faults.size > 0 && faults.takeRefusal()) {
      note(req, info, { at: arrived, body: null, fault: null }, null, null);
      req.socket.destroy();
      return;
    }
    // The body is read (bounded) before anything is decided, whatever the answer will be: a connection whose
    // body was consumed stays usable, and one whose body was cut is closed after the answer.
    const admitted = !operation && adminApi?.owns(path) === true;
    const body = await readBody(req, { maxBytes: admitted ? ADMIN_MAX_BODY_BYTES : limits.maxBodyBytes, timeoutMs: limits.bodyTimeoutMs });
    const trace: Trace = { at: arrived, body: body.kind === 'complete' ? body.bytes : null, fault: null };
    if (body.kind === 'aborted') {
      if (!admitted) note(req, info, trace, null, null);
      return;
    }
    const close = body.kind === 'timeout' || (body.kind === 'tooLarge' && !body.drained);

    if (admitted) return adminApi?.handle(req, res, path, queryAt < 0 ? '' : url.slice(queryAt + 1), body, close);
    if (!operation) return write(req, res, NOT_FOUND, info, close, trace);
    if (req.method !== 'POST') return write(req, res, METHOD_NOT_ALLOWED, info, close, trace);

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
    // Taken now, synchronously with the decision: concurrent requests split a fault's count exactly.
    const fault: TakenFault | null =
      faults.size === 0
        ? null
        : faults.take({ operation: operation.id, certIdOtp: namedCertIdOtp(body, decision), sends: decision.kind === 'sent' });
    if (decision.kind === 'sent' && handledUnder(fault)) {
      // Recorded before the fault hook runs: the OTP went out even if the answer is then lost on the wire.
      store.recordSend({
        operation: operation.id,
        channel: decision.channel,
        certIdOtp: decision.certIdOtp,
        state: decision.state,
        at: new Date(),
      });
    }
    const decided = decision.kind === 'sent' ? SENT : errorAnswer(decision.code, decision.message);
    if (!fault) return write(req, res, decided, info, close, trace);
    trace.fault = fault.id;
    const extra = fault.headers ?? {};
    switch (fault.kind) {
      case 'code':
        return write(req, res, withHeaders(faultCodeAnswer(operation.id, fault.code), extra), info, close, trace);
      case 'status': {
        const text = fault.body ?? '';
        return write(req, res, answer({ status: fault.status, headers: { ...(text === '' ? {} : { 'content-type': 'application/json' }), ...extra }, body: text }), info, close, trace);
      }
      case 'body200':
        return write(req, res, answer({ status: 200, headers: { 'content-type': 'application/json', ...extra }, body: fault.body ?? '{}' }), info, close, trace);
      case 'delay':
        return hold(req, fault.ms, () => write(req, res, withHeaders(decided, extra), info, close, trace));
      case 'refuse': // taken before the body was read (above); never decided
        req.socket.destroy();
        return;
      case 'drop':
        note(req, info, trace, null, null);
        req.socket.destroy();
        return;
      case 'silence':
        note(req, info, trace, null, null);
        // Until the client gives up (its close clears the timer), or at the latest SILENCE_LIMIT_MS.
        return hold(req, SILENCE_LIMIT_MS, () => req.socket.destroy());
    }
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
    faults,
    journal,
    admin,
    shutdown() {
      store.sent.close();
      journal.close();
      for (const timer of held) clearTimeout(timer);
      held.clear();
    },
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
