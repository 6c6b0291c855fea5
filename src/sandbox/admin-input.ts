// Validation of every admin input (JSON bodies and query parameters), shared by the HTTP admin API and the
// in-process handle: each refusal is a SandboxRequestError 400 with one sentence naming the field and the rule,
// and nothing is changed by a refused request, since every input is read whole before anything is applied.
import { FIXTURE_STATES, OPERATION_IDS, type Channel, type FixtureState, type OperationId } from '../catalog/index.ts';
import { didYouMean, isPlainObject, quoteName } from '../input/index.ts';
import type { JournalFilter } from './journal.ts';
import type { OutboxFilter } from './outbox.ts';
import { badRequest } from './sandbox-error.ts';
import type { Holder } from '../provider/types.ts';

/** Longest id accepted: real ids are UUID-sized; a bound keeps a holder list from holding megabytes. */
export const MAX_ID_LENGTH = 256;
/** Longest a wait for the next outbox entry may be asked to last. */
export const MAX_WAIT_MS = 60_000;
export const DEFAULT_WAIT_MS = 5_000;
export const CHANNELS: readonly Channel[] = ['SMS', 'EMAIL', 'WHATSAPP'];

/** The fields of an input object, after refusing anything but an object with known fields. */
export function readObject(input: unknown, what: string, allowed: readonly string[]): Record<string, unknown> {
  if (!isPlainObject(input)) throw badRequest(`The ${what} must be a JSON object`);
  for (const key of Object.keys(input)) {
    if (!allowed.includes(key)) throw badRequest(`The ${what} has an unknown field ${quoteName(key)}${didYouMean(key, allowed)}`);
  }
  return input;
}

export function optionalInteger(fields: Record<string, unknown>, name: string, min: number, max: number): number | undefined {
  const value = fields[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw badRequest(`${name} must be an integer from ${min} to ${max}`);
  }
  return value;
}

export function optionalBoolean(fields: Record<string, unknown>, name: string): boolean | undefined {
  const value = fields[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'boolean') throw badRequest(`${name} must be true or false`);
  return value;
}

export function optionalString(fields: Record<string, unknown>, name: string, options: { maxLength: number; allowEmpty?: boolean }): string | undefined {
  const value = fields[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw badRequest(`${name} must be a string`);
  if (value === '' && !options.allowEmpty) throw badRequest(`${name} must not be empty`);
  if (value.length > options.maxLength) throw badRequest(`${name} must be at most ${options.maxLength} characters long`);
  return value;
}

/** An id (certIdOtp, deviceCode): printable ASCII, no spaces, so it can sit in a URL path and a log unescaped. */
export function optionalId(fields: Record<string, unknown>, name: string): string | undefined {
  const value = optionalString(fields, name, { maxLength: MAX_ID_LENGTH });
  if (value !== undefined && !/^[\x21-\x7e]+$/.test(value)) throw badRequest(`${name} must be printable ASCII without spaces`);
  return value;
}

export function fixtureStateNamed(name: unknown): FixtureState {
  if (typeof name !== 'string') throw badRequest('state must be the name of a fixture state');
  const state = FIXTURE_STATES.find((s) => s.name === name);
  if (!state) throw badRequest(`state ${quoteName(name)} is not a fixture state${didYouMean(name, FIXTURE_STATES.map((s) => s.name))}`);
  return state;
}

export function operationNamed(name: unknown): OperationId {
  if (typeof name !== 'string') throw badRequest('operation must be an operationId');
  const found = OPERATION_IDS.find((op) => op === name);
  if (!found) throw badRequest(`operation ${quoteName(name)} is not an operation of the spec${didYouMean(name, OPERATION_IDS)}`);
  return found;
}

export interface HolderInput {
  state: FixtureState;
  holder: Partial<Holder>;
  contact: { mobile?: string; email?: string };
}

/** Longest email address accepted (RFC 5321's path limit). */
export const MAX_EMAIL_LENGTH = 254;
const E164 = /^\+[1-9]\d{7,14}$/;
const EMAIL = /^[^\s@"<>]+@[^\s@"<>]+\.[^\s@"<>.]+$/;

/** `{ state, certIdOtp?, deviceCode?, mobile?, email? }`: missing ids and addresses are generated. */
export function parseHolderInput(input: unknown): HolderInput {
  const fields = readObject(input, 'holder', ['state', 'certIdOtp', 'deviceCode', 'mobile', 'email']);
  if (fields['state'] === undefined) throw badRequest('state is required: the fixture state the holder is in');
  const state = fixtureStateNamed(fields['state']);
  const holder: Partial<Holder> = {};
  const certIdOtp = optionalId(fields, 'certIdOtp');
  const deviceCode = optionalId(fields, 'deviceCode');
  if (certIdOtp !== undefined) holder.certIdOtp = certIdOtp;
  if (deviceCode !== undefined) holder.deviceCode = deviceCode;
  const contact: HolderInput['contact'] = {};
  const mobile = optionalString(fields, 'mobile', { maxLength: 16 });
  if (mobile !== undefined && !E164.test(mobile)) throw badRequest('mobile must be an E.164 number: + and 8 to 15 digits, no spaces');
  if (mobile !== undefined) contact.mobile = mobile;
  const email = optionalString(fields, 'email', { maxLength: MAX_EMAIL_LENGTH });
  if (email !== undefined && !EMAIL.test(email)) throw badRequest('email must be an address like name@domain.example');
  if (email !== undefined) contact.email = email;
  return { state, holder, contact };
}

/** `{ state?, deviceCode? }`, at least one. */
export function parseHolderChange(input: unknown): { state?: FixtureState; deviceCode?: string } {
  const fields = readObject(input, 'holder change', ['state', 'deviceCode']);
  const change: { state?: FixtureState; deviceCode?: string } = {};
  if (fields['state'] !== undefined) change.state = fixtureStateNamed(fields['state']);
  const deviceCode = optionalId(fields, 'deviceCode');
  if (deviceCode !== undefined) change.deviceCode = deviceCode;
  if (change.state === undefined && change.deviceCode === undefined) throw badRequest('A holder change must give state, deviceCode or both');
  return change;
}

/** A certIdOtp named in a path or a call: the same rule as in a body. */
export function parseCertIdOtp(value: unknown): string {
  const id = optionalId({ certIdOtp: value }, 'certIdOtp');
  if (id === undefined) throw badRequest('certIdOtp is required');
  return id;
}

/** The filter of an outbox read or wait, from an object (the programmatic API) or query parameters. */
export function parseOutboxFilter(input: unknown, extra: readonly string[] = []): OutboxFilter {
  const fields = readObject(input ?? {}, 'outbox filter', ['operation', 'channel', 'certIdOtp', ...extra]);
  const filter: OutboxFilter = {};
  if (fields['operation'] !== undefined) filter.operation = operationNamed(fields['operation']);
  if (fields['channel'] !== undefined) {
    const channel = CHANNELS.find((c) => c === fields['channel']);
    if (!channel) throw badRequest(`channel must be one of ${CHANNELS.join(', ')}`);
    filter.channel = channel;
  }
  const certIdOtp = optionalId(fields, 'certIdOtp');
  if (certIdOtp !== undefined) filter.certIdOtp = certIdOtp;
  return filter;
}

export interface WaitInput {
  filter: OutboxFilter;
  after: number | undefined;
  timeoutMs: number;
}

export function parseWait(input: unknown): WaitInput {
  const fields = readObject(input ?? {}, 'outbox wait', ['operation', 'channel', 'certIdOtp', 'after', 'timeoutMs']);
  const { after: _after, timeoutMs: _timeout, ...filterFields } = fields;
  return {
    filter: parseOutboxFilter(filterFields),
    after: optionalInteger(fields, 'after', 0, Number.MAX_SAFE_INTEGER),
    timeoutMs: optionalInteger(fields, 'timeoutMs', 1, MAX_WAIT_MS) ?? DEFAULT_WAIT_MS,
  };
}

/** The filter of a journal read or count: `operation`, `status`, `certIdOtp`, `after`. */
export function parseJournalFilter(input: unknown, what = 'request journal filter', extra: readonly string[] = []): JournalFilter {
  const fields = readObject(input ?? {}, what, [...JOURNAL_FILTER_FIELDS, ...extra]);
  const filter: JournalFilter = {};
  if (fields['operation'] !== undefined) filter.operation = operationNamed(fields['operation']);
  const status = optionalInteger(fields, 'status', 100, 599);
  if (status !== undefined) filter.status = status;
  const certIdOtp = optionalId(fields, 'certIdOtp');
  if (certIdOtp !== undefined) filter.certIdOtp = certIdOtp;
  const after = optionalInteger(fields, 'after', 0, Number.MAX_SAFE_INTEGER);
  if (after !== undefined) filter.after = after;
  return filter;
}

export const JOURNAL_FILTER_FIELDS = ['operation', 'status', 'certIdOtp', 'after'] as const;

export interface JournalWaitInput {
  filter: JournalFilter;
  after: number | undefined;
  timeoutMs: number;
}

/** A wait for the next journal entry: the filter, `after` and `timeoutMs`, as for the outbox. */
export function parseJournalWait(input: unknown): JournalWaitInput {
  const { after, ...filter } = parseJournalFilter(input, 'request journal wait', ['timeoutMs']);
  const fields = input as Record<string, unknown> | undefined;
  return {
    filter: filter as JournalFilter,
    after,
    timeoutMs: optionalInteger(fields ?? {}, 'timeoutMs', 1, MAX_WAIT_MS) ?? DEFAULT_WAIT_MS,
  };
}

/**
 * Query parameters as the object the parsers above read: numbers where the parser wants numbers. A parameter
 * given twice is refused, since which one counts would be a guess.
 */
export function queryObject(search: URLSearchParams, numeric: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of new Set(search.keys())) {
    const values = search.getAll(key);
    if (values.length > 1) throw badRequest(`The query parameter ${quoteName(key)} is given more than once`);
    const value = values[0] ?? '';
    out[key] = numeric.includes(key) && /^\d{1,16}$/.test(value) ? Number(value) : value;
  }
  return out;
}
