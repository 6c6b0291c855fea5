// Parses the known-divergences file: a JSON list of entries, every field required and no other key allowed, so
// a misspelt field never turns an entry into one that matches nothing or everything.
import { OPERATION_IDS, type OperationId } from '../catalog/index.ts';
import { didYouMean, quoteName } from '../input/did-you-mean.ts';
import { ConfigError } from '../input/errors.ts';
import { describeType, isPlainObject, parseJsonText } from '../input/json.ts';
import type { BaselineEntry } from './types.ts';

const VARIABLE = 'LEAN_BASELINE';
const ENTRY_KEYS = ['operation', 'scenario', 'observed', 'reason', 'until'] as const;
const OBSERVED_KEYS = ['status', 'code'] as const;

/** True for a real calendar day written `YYYY-MM-DD` (2025-02-30 is not one). */
export function isIsoDate(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

function checkKeys(raw: Record<string, unknown>, known: readonly string[], where: string): void {
  for (const key of Object.keys(raw)) {
    if (!known.includes(key)) {
      throw new ConfigError(VARIABLE, `${where} has an unknown key ${quoteName(key)}${didYouMean(key, known)}`);
    }
  }
  for (const key of known) {
    if (raw[key] === undefined) throw new ConfigError(VARIABLE, `${where} is missing ${key}`);
  }
}

function nonEmptyString(value: unknown, where: string): string {
  if (typeof value !== 'string') throw new ConfigError(VARIABLE, `${where} must be a string, not ${describeType(value)}`);
  if (value.trim() === '') throw new ConfigError(VARIABLE, `${where} is empty`);
  return value;
}

function readObserved(raw: unknown, where: string): BaselineEntry['observed'] {
  if (!isPlainObject(raw)) {
    throw new ConfigError(VARIABLE, `${where} must be an object {status, code}, not ${describeType(raw)}`);
  }
  checkKeys(raw, OBSERVED_KEYS, where);
  const { status, code } = raw;
  // null is what conformance.json records when no HTTP answer came (a TLS refusal) or no code was read.
  if (status !== null && !(Number.isInteger(status) && (status as number) >= 100 && (status as number) <= 599)) {
    throw new ConfigError(VARIABLE, `${where}.status must be an HTTP status (100 to 599) or null`);
  }
  if (code !== null && !Number.isInteger(code)) {
    throw new ConfigError(VARIABLE, `${where}.code must be an integer or null`);
  }
  return { status: status as number | null, code: code as number | null };
}

function readEntry(raw: unknown, where: string): BaselineEntry {
  if (!isPlainObject(raw)) throw new ConfigError(VARIABLE, `${where} must be an object, not ${describeType(raw)}`);
  checkKeys(raw, ENTRY_KEYS, where);
  const operation = nonEmptyString(raw['operation'], `${where}.operation`);
  if (!(OPERATION_IDS as readonly string[]).includes(operation)) {
    throw new ConfigError(
      VARIABLE,
      `${where}.operation ${quoteName(operation)} is not an operation of the spec${didYouMean(operation, OPERATION_IDS)}`,
    );
  }
  const until = nonEmptyString(raw['until'], `${where}.until`);
  if (!isIsoDate(until)) throw new ConfigError(VARIABLE, `${where}.until must be a date written YYYY-MM-DD`);
  return {
    operation: operation as OperationId,
    scenario: nonEmptyString(raw['scenario'], `${where}.scenario`),
    observed: readObserved(raw['observed'], `${where}.observed`),
    reason: nonEmptyString(raw['reason'], `${where}.reason`),
    until,
  };
}

/**
 * Parses and validates a known-divergences file's text.
 * @param source the file's path (or another label) used in messages.
 * @throws ConfigError (variable `LEAN_BASELINE`) on the first malformed entry.
 */
export function parseBaseline(text: string, source: string): BaselineEntry[] {
  const root = parseJsonText(text, VARIABLE, source);
  if (!Array.isArray(root)) {
    throw new ConfigError(VARIABLE, `${source} must hold a JSON list of entries, not ${describeType(root)}`);
  }
  const entries = root.map((raw: unknown, i) => readEntry(raw, `${source}: entry [${i}]`));
  // Two entries for one divergence would leave it unclear which reason and which date apply.
  const keys = entries.map((e) => JSON.stringify([e.operation, e.scenario, e.observed.status, e.observed.code]));
  keys.forEach((key, i) => {
    const first = keys.indexOf(key);
    if (first !== i) {
      throw new ConfigError(VARIABLE, `${source}: entries [${first}] and [${i}] describe the same divergence`);
    }
  });
  return entries;
}
