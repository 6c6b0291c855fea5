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
//  - `body200`: applies only to requests that are sends (a 200): the OTP is sent and the 200 carries `body`.
import { randomUUID } from 'node:crypto';
import { catalogEntry, OPERATION_IDS, type ErrorCode, type OperationId } from '../catalog/index.ts';
import { quoteName } from '../input/index.ts';
import { optionalBoolean, optionalId, optionalInteger, optionalString, operationNamed, readObject } from './admin-input.ts';
import { badRequest, conflict } from './sandbox-error.ts';

export const FAULT_KINDS = ['code', 'status', 'silence', 'drop', 'delay', 'body200'] as const;
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
}

export type FaultSpec = FaultScope &
  (
    | { kind: 'code'; code: ErrorCode; handled?: boolean }
    | { kind: 'status'; status: number; body?: string; handled?: boolean }
    | { kind: 'silence'; handled?: boolean }
    | { kind: 'drop'; handled?: boolean }
    | { kind: 'delay'; ms: number }
    | { kind: 'body200'; body?: string }
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

const SCOPE_FIELDS = ['kind', 'count', 'forMs', 'operation', 'certIdOtp'] as const;
const KIND_FIELDS: Readonly<Record<FaultKind, readonly string[]>> = {
  code: ['code', 'handled'],
  status: ['status', 'body', 'handled'],
  silence: ['handled'],
  drop: ['handled'],
  delay: ['ms'],
  body200: ['body'],
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
  }
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
}

export function createFaultBook(now: () => number = Date.now): FaultBook {
  let entries: Entry[] = [];
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
    (spec.operation === undefined || spec.operation === target.operation) &&
    (spec.certIdOtp === undefined || spec.certIdOtp === target.certIdOtp) &&
    (spec.kind !== 'body200' || target.sends);

  return {
    inject(spec) {
      prune();
      if (entries.length >= MAX_FAULTS) throw conflict(`${MAX_FAULTS} faults are in force already; clear some first`);
      const id = `fault-${randomUUID()}`;
      const entry: Entry = {
        id,
        spec: { ...spec, id },
        remaining: spec.count ?? null,
        expiresAt: spec.forMs === undefined ? null : now() + spec.forMs,
        applied: 0,
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
      const entry = entries.find((e) => matches(e.spec, target));
      if (!entry) return null;
      entry.applied++;
      if (entry.remaining !== null) entry.remaining--;
      return entry.spec;
    },
    get size() {
      return entries.length;
    },
  };
}
