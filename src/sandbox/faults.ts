// Faults on demand: what staging sometimes does (the OTP service timing out with 103, an internal fault 6,
// silence, a dropped connection, a body on the 200, a wrong status), injected for the next N requests or for a
// time, optionally only for one operation or one holder. A fault is taken by a request synchronously, when the
// request is decided, so N concurrent requests against a fault for one are split exactly: one gets it.
//
// What a fault does to the request itself:
//  - `code`, `status`, `silence`, `drop`: the fault stands in for the service, so the request is not handled and
//    nothing is sent, unless `handled: true` (the request is handled first, a success holder's OTP is sent and
//    recorded, and only then is the answer replaced or lost: the "sent, but the answer never came" case);
//  - `delay`: the request is handled at once, and its answer is held back for `ms`;
//  - `body200`: applies only to requests that are sends (a 200): the OTP is sent and the 200 carries `body`;
//  - `refuse`: the connection is closed as the request arrives, before anything is read or decided (a target
//    that is down or restarting); nothing is handled.
// Any fault may hit only a share of the requests it matches (`probability`), drawn from a seeded generator: the
// fault's own `seed`, else one derived from the sandbox's seed (`--seed`) and the fault's place in injection
// order, so the same requests are hit on every start. Answers may carry extra `headers` (a Retry-After).
import { randomInt, randomUUID } from 'node:crypto';
import { catalogEntry, OPERATION_IDS, type ErrorCode, type OperationId } from '../catalog/index.ts';
import { quoteName } from '../input/index.ts';
import { optionalBoolean, optionalId, optionalInteger, optionalString, operationNamed, readObject } from './admin-input.ts';
import { badRequest, conflict } from './sandbox-error.ts';

export const FAULT_KINDS = ['code', 'status', 'silence', 'drop', 'delay', 'body200', 'refuse'] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

/** Which requests a fault is for; a request must match every field given. */
export interface FaultScope {
  /** The next `count` matching requests (default 1 when `forMs` is not given). */
  count?: number;
  /** Matching requests for this many ms from injection. With `count` too, whichever ends first. */
  forMs?: number;
  operation?: OperationId;
  /** Requests whose body names this holder. */
  certIdOtp?: string;
  /** Only requests that would send (true) or would not (false). */
  sends?: boolean;
  /** The share of matching requests hit (0 to 1); a request it misses is matched against the next fault. */
  probability?: number;
  /** Seed of the draws; listed with the fault (derived from the sandbox's seed when not given). */
  seed?: number;
  /** Extra response headers of an answer (`code`, `status`, `delay`, `body200`), e.g. `{"Retry-After": "1"}`. */
  headers?: Record<string, string>;
}

export type FaultSpec = FaultScope &
  (
    | { kind: 'code'; code: ErrorCode; handled?: boolean }
    | { kind: 'status'; status: number; body?: string; handled?: boolean }
    | { kind: 'silence'; handled?: boolean }
    | { kind: 'drop'; handled?: boolean }
    | { kind: 'delay'; ms: number }
    | { kind: 'body200'; body?: string }
    | { kind: 'refuse' }
  );

/** A fault in force, as listed: what was asked, plus what is left of it. */
export type ActiveFault = FaultSpec & {
  id: string;
  /** Requests it will still affect; null when only a time bounds it. */
  remaining: number | null;
  /** ISO time it ends; null when only a count bounds it. */
  expiresAt: string | null;
  /** Requests it has affected so far. */
  applied: number;
};

export const MAX_FAULT_COUNT = 100_000;
export const MAX_FAULT_FOR_MS = 24 * 60 * 60 * 1000;
export const MAX_DELAY_MS = 10 * 60 * 1000;
export const MAX_FAULT_BODY_BYTES = 64 * 1024;
/** Faults in force at once. */
export const MAX_FAULTS = 1000;
/** A silenced request is cut after this long, so a client without a deadline cannot pin a socket forever. */
export const SILENCE_LIMIT_MS = 10 * 60 * 1000;

export const MAX_FAULT_SEED = 2 ** 32 - 1;
export const MAX_FAULT_HEADERS = 32;
export const MAX_FAULT_HEADER_CHARS = 1024;
/** Headers that frame the answer or the connection: the sandbox sets them itself. */
const RESERVED_HEADERS = new Set(['content-length', 'transfer-encoding', 'connection', 'keep-alive', 'upgrade']);
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
const HEADER_VALUE = /^[\t\x20-\x7e]*$/;

const SCOPE_FIELDS = ['kind', 'count', 'forMs', 'probability', 'seed'] as const;
/** Which requests: a refused connection is closed before its request is read, so it cannot be chosen by them. */
const REQUEST_FIELDS = ['operation', 'certIdOtp', 'sends'] as const;
const KIND_FIELDS: Readonly<Record<FaultKind, readonly string[]>> = {
  code: [...REQUEST_FIELDS, 'code', 'handled', 'headers'],
  status: [...REQUEST_FIELDS, 'status', 'body', 'handled', 'headers'],
  silence: [...REQUEST_FIELDS, 'handled'],
  drop: [...REQUEST_FIELDS, 'handled'],
  delay: [...REQUEST_FIELDS, 'ms', 'headers'],
  body200: [...REQUEST_FIELDS, 'body', 'headers'],
  refuse: [],
};

function required<T>(value: T | undefined, name: string, kind: FaultKind): T {
  if (value === undefined) throw badRequest(`A ${kind} fault needs ${name}`);
  return value;
}

function body(fields: Record<string, unknown>, allowEmpty: boolean): string | undefined {
  const value = optionalString(fields, 'body', { maxLength: MAX_FAULT_BODY_BYTES, allowEmpty });
  if (value !== undefined && Buffer.byteLength(value) > MAX_FAULT_BODY_BYTES) {
    throw badRequest(`body must be at most ${MAX_FAULT_BODY_BYTES} bytes`);
  }
  return value;
}

function probabilityOf(fields: Record<string, unknown>): number | undefined {
  const value = fields['probability'];
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value > 1) {
    throw badRequest('probability must be a number from 0 to 1');
  }
  return value;
}

function headersOf(fields: Record<string, unknown>): Record<string, string> | undefined {
  const value = fields['headers'];
  if (value === undefined) return undefined;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw badRequest('headers must be an object of header names to string values');
  const entries = Object.entries(value);
  if (entries.length > MAX_FAULT_HEADERS) throw badRequest(`headers must name at most ${MAX_FAULT_HEADERS} headers`);
  const headers: Record<string, string> = {};
  for (const [name, text] of entries) {
    if (!HEADER_NAME.test(name)) throw badRequest(`headers: ${quoteName(name)} is not a header name`);
    if (RESERVED_HEADERS.has(name.toLowerCase())) throw badRequest(`headers: ${quoteName(name)} frames the answer and is set by the sandbox`);
    if (typeof text !== 'string' || text.length > MAX_FAULT_HEADER_CHARS || !HEADER_VALUE.test(text)) {
      throw badRequest(`headers: the value of ${quoteName(name)} must be printable text of at most ${MAX_FAULT_HEADER_CHARS} characters`);
    }
    headers[name.toLowerCase()] = text;
  }
  return headers;
}

/** Reads a fault from JSON input; every refusal names the field. */
export function parseFault(input: unknown): FaultSpec {
  const kindValue = (input as { kind?: unknown } | null)?.kind;
  const kind = FAULT_KINDS.find((k) => k === kindValue);
  if (!kind) {
    readObject(input, 'fault', [...SCOPE_FIELDS, ...new Set(Object.values(KIND_FIELDS).flat())]);
    throw badRequest(`kind must be one of ${FAULT_KINDS.join(', ')}${kindValue === undefined ? '' : `, not ${quoteName(String(kindValue))}`}`);
  }
  const fields = readObject(input, `${kind} fault`, [...SCOPE_FIELDS, ...KIND_FIELDS[kind]]);

  const scope: FaultScope = {};
  const count = optionalInteger(fields, 'count', 1, MAX_FAULT_COUNT);
  const forMs = optionalInteger(fields, 'forMs', 1, MAX_FAULT_FOR_MS);
  if (count !== undefined) scope.count = count;
  if (forMs !== undefined) scope.forMs = forMs;
  if (count === undefined && forMs === undefined) scope.count = 1;
  if (fields['operation'] !== undefined) scope.operation = operationNamed(fields['operation']);
  const certIdOtp = optionalId(fields, 'certIdOtp');
  if (certIdOtp !== undefined) scope.certIdOtp = certIdOtp;
  const sends = optionalBoolean(fields, 'sends');
  if (sends !== undefined) scope.sends = sends;
  const probability = probabilityOf(fields);
  const seed = optionalInteger(fields, 'seed', 0, MAX_FAULT_SEED);
  if (seed !== undefined && probability === undefined) throw badRequest('seed needs probability: it seeds which requests a fault hits');
  if (probability !== undefined) scope.probability = probability;
  if (seed !== undefined) scope.seed = seed;
  const headers = headersOf(fields);
  if (headers !== undefined) scope.headers = headers;
  const handled = optionalBoolean(fields, 'handled');
  const withHandled = handled === undefined ? {} : { handled };

  switch (kind) {
    case 'code': {
      const code = required(optionalInteger(fields, 'code', 0, Number.MAX_SAFE_INTEGER), 'code', kind);
      // The answer must stay on the spec: a code every operation the fault may meet documents.
      const operations = scope.operation ? [scope.operation] : OPERATION_IDS;
      const undocumented = operations.find((op) => !catalogEntry(op, code));
      if (undocumented) throw badRequest(`code ${code} is not in the catalog of ${undocumented}`);
      return { ...scope, kind, code: code as ErrorCode, ...withHandled };
    }
    case 'status': {
      const status = required(optionalInteger(fields, 'status', 200, 599), 'status', kind);
      const text = body(fields, true);
      return { ...scope, kind, status, ...(text === undefined ? {} : { body: text }), ...withHandled };
    }
    case 'silence':
    case 'drop':
      return { ...scope, kind, ...withHandled };
    case 'delay':
      return { ...scope, kind, ms: required(optionalInteger(fields, 'ms', 1, MAX_DELAY_MS), 'ms', kind) };
    case 'body200': {
      const text = body(fields, false);
      return { ...scope, kind, body: text ?? '{}' };
    }
    case 'refuse':
      return { ...scope, kind };
  }
}

/** mulberry32: a small seeded generator, enough to choose which requests a fault hits, the same way every start. */
export function seededDraws(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The request a fault is matched against. */
export interface FaultTarget {
  operation: OperationId;
  /** The certIdOtp the body names, when it names one. */
  certIdOtp: string | null;
  /** The request is a send (decided 200). */
  sends: boolean;
}

export interface FaultBook {
  inject(spec: FaultSpec): ActiveFault;
  list(): ActiveFault[];
  remove(id: string): boolean;
  clear(): number;
  /** The first fault in force (oldest first) matching the request, used up by one, with its id; null when none. */
  take(target: FaultTarget): TakenFault | null;
  /** Whether a `refuse` fault closes the connection of a request that just arrived (one used up when it does). */
  takeRefusal(): boolean;
  /** Faults in force (expired ones may still be counted until the next take or list). */
  readonly size: number;
}

/** A fault as a request took it: what it does, and its id for the request journal. */
export type TakenFault = FaultSpec & { readonly id: string };

interface Entry {
  id: string;
  spec: TakenFault;
  remaining: number | null;
  expiresAt: number | null;
  applied: number;
  /** The next draw of a fault with a probability. */
  draw: (() => number) | null;
}

/**
 * @param seed the sandbox's seed (`--seed`): each fault with a probability and no seed of its own gets one derived
 *   from it and its place in injection order; without it, a random one (listed with the fault, to reproduce it).
 */
export function createFaultBook(now: () => number = Date.now, seed?: number): FaultBook {
  let entries: Entry[] = [];
  let injected = 0;
  const prune = (): void => {
    const t = now();
    entries = entries.filter((e) => (e.remaining === null || e.remaining > 0) && (e.expiresAt === null || e.expiresAt > t));
  };
  const view = (e: Entry): ActiveFault => ({
    ...e.spec,
    id: e.id,
    remaining: e.remaining,
    expiresAt: e.expiresAt === null ? null : new Date(e.expiresAt).toISOString(),
    applied: e.applied,
  });
  const matches = (spec: FaultSpec, target: FaultTarget): boolean =>
    spec.kind !== 'refuse' &&
    (spec.operation === undefined || spec.operation === target.operation) &&
    (spec.certIdOtp === undefined || spec.certIdOtp === target.certIdOtp) &&
    (spec.sends === undefined || spec.sends === target.sends) &&
    (spec.kind !== 'body200' || target.sends);
  /** A matching fault hits unless its probability draw misses; a draw is made only for a request it matches. */
  const hits = (e: Entry): boolean => e.draw === null || e.draw() < (e.spec.probability ?? 1);
  const use = (e: Entry): TakenFault => {
    e.applied++;
    if (e.remaining !== null) e.remaining--;
    return e.spec;
  };

  return {
    inject(spec) {
      prune();
      if (entries.length >= MAX_FAULTS) throw conflict(`${MAX_FAULTS} faults are in force already; clear some first`);
      injected += 1;
      const id = `fault-${randomUUID()}`;
      const stored: TakenFault = { ...spec, id };
      if (stored.probability !== undefined && stored.seed === undefined) {
        stored.seed = seed === undefined ? randomInt(MAX_FAULT_SEED) : (Math.imul(seed >>> 0, 0x9e3779b1) + injected) >>> 0;
      }
      const entry: Entry = {
        id,
        spec: stored,
        remaining: spec.count ?? null,
        expiresAt: spec.forMs === undefined ? null : now() + spec.forMs,
        applied: 0,
        draw: stored.seed === undefined ? null : seededDraws(stored.seed),
      };
      entries.push(entry);
      return view(entry);
    },
    list() {
      prune();
      return entries.map(view);
    },
    remove(id) {
      const before = entries.length;
      entries = entries.filter((e) => e.id !== id);
      return entries.length < before;
    },
    clear() {
      const cleared = entries.length;
      entries = [];
      return cleared;
    },
    take(target) {
      if (entries.length === 0) return null;
      prune();
      const entry = entries.find((e) => matches(e.spec, target) && hits(e));
      return entry ? use(entry) : null;
    },
    takeRefusal() {
      if (entries.length === 0) return false;
      prune();
      const entry = entries.find((e) => e.spec.kind === 'refuse' && hits(e));
      if (entry) use(entry);
      return entry !== undefined;
    },
    get size() {
      return entries.length;
    },
  };
}
