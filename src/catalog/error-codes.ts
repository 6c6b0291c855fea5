// The error catalog of each operation, read from the spec's error-code schemas (`enum` + `x-error-codes`).
// No second list is written by hand: the data comes from the document, the union types from the generated
// types, and a test keeps the two in agreement.
import type { operations } from '../../spec/lean-send-otp.d.ts';
import { spec, type SpecDocument } from '../spec/document.ts';
import { OPERATIONS, type OperationId } from './operations.ts';

/** The codes one operation's 500 body may carry, as a union of literals (exhaustive `switch` is checked). */
export type ErrorCodeOf<Op extends OperationId> =
  operations[Op]['responses'][500]['content']['application/json']['code'];
export type ErrorCode = ErrorCodeOf<OperationId>;

/** How a conformance run provokes a code on purpose (names are checked against the spec in provocations.ts). */
export type Provocation = { readonly fixtureState: string } | { readonly scenario: FixtureFreeScenarioName };

type FixtureFreeScenarioName = import('../../spec/lean-send-otp.d.ts').components['schemas']['ConformanceScenario'];

export interface CatalogEntry {
  readonly code: ErrorCode;
  readonly meaning: string;
  /** `authentication` codes are common to every method of the API; `operation` codes are this method's. */
  readonly source: 'operation' | 'authentication';
  /** Absent for a code no request provokes on purpose (6, the internal fault). */
  readonly provokedBy?: Provocation;
}

export type Catalog = readonly CatalogEntry[];

function fail(pointer: string, rule: string): never {
  throw new Error(`${pointer}: ${rule}`);
}

function readEntry(raw: unknown, pointer: string, scenarios: readonly unknown[]): CatalogEntry {
  if (typeof raw !== 'object' || raw === null) fail(pointer, 'each x-error-codes entry must be an object.');
  const { code, meaning, source, provokedBy, ...rest } = raw as Record<string, unknown>;
  if (Object.keys(rest).length > 0) fail(pointer, `unknown field(s) ${Object.keys(rest).join(', ')}.`);
  if (!Number.isInteger(code)) fail(`${pointer}/code`, 'must be an integer.');
  if (typeof meaning !== 'string' || meaning === '') fail(`${pointer}/meaning`, 'must be a non-empty string.');
  if (source !== 'operation' && source !== 'authentication') {
    fail(`${pointer}/source`, 'must be "operation" or "authentication".');
  }
  const entry: { -readonly [K in keyof CatalogEntry]: CatalogEntry[K] } = {
    code: code as ErrorCode,
    meaning,
    source,
  };
  if (provokedBy !== undefined) {
    const p = provokedBy as Record<string, unknown>;
    const keys = Object.keys(p ?? {});
    const valid = keys.length === 1 && (keys[0] === 'fixtureState' || keys[0] === 'scenario') &&
      typeof p[keys[0]] === 'string';
    if (!valid) fail(`${pointer}/provokedBy`, 'must be {fixtureState: <name>} or {scenario: <name>}.');
    if (keys[0] === 'scenario' && !scenarios.includes(p['scenario'])) {
      fail(`${pointer}/provokedBy/scenario`, `${String(p['scenario'])} is not a name of #/components/schemas/ConformanceScenario.`);
    }
    entry.provokedBy = p as Provocation;
  }
  return entry;
}

export function readCatalog(doc: SpecDocument, schemaName: string): Catalog {
  const pointer = `#/components/schemas/${schemaName}/properties/code`;
  const errorSchema = doc.components.schemas[schemaName];
  const ref = (errorSchema?.['properties'] as Record<string, { $ref?: string }> | undefined)?.['code']?.$ref;
  if (!ref) fail(pointer, 'expected a $ref to the error-code schema.');
  const codeSchemaName = ref.replace('#/components/schemas/', '');
  const codePointer = `#/components/schemas/${codeSchemaName}`;
  const codeSchema = doc.components.schemas[codeSchemaName];
  const enumCodes = codeSchema?.enum;
  const described = codeSchema?.['x-error-codes'];
  if (!Array.isArray(enumCodes) || enumCodes.length === 0) fail(`${codePointer}/enum`, 'must list the codes.');
  if (!Array.isArray(described)) fail(`${codePointer}/x-error-codes`, 'must describe every code of the enum.');
  const scenarios = doc.components.schemas['ConformanceScenario']?.enum ?? [];
  const entries = described.map((raw, i) => readEntry(raw, `${codePointer}/x-error-codes/${i}`, scenarios));
  const listed = entries.map((e) => e.code as number);
  const missing = enumCodes.filter((c) => !listed.includes(c as number));
  const extra = listed.filter((c) => !enumCodes.includes(c));
  const repeated = listed.filter((c, i) => listed.indexOf(c) !== i);
  if (missing.length || extra.length || repeated.length) {
    fail(
      `${codePointer}/x-error-codes`,
      `must describe each enum code once (undescribed: ${missing.join(', ') || 'none'}; not in enum: ${
        extra.join(', ') || 'none'
      }; repeated: ${repeated.join(', ') || 'none'}).`,
    );
  }
  return entries;
}

const CATALOGS: ReadonlyMap<OperationId, Catalog> = new Map(
  OPERATIONS.map((op) => [op.id, readCatalog(spec(), op.errorSchema)]),
);

/** The documented error catalog of an operation, in the spec's order. */
export function catalogOf(op: OperationId): Catalog {
  const found = CATALOGS.get(op);
  if (!found) throw new Error(`No catalog for operation ${op}.`);
  return found;
}

export function catalogEntry(op: OperationId, code: number): CatalogEntry | undefined {
  return catalogOf(op).find((entry) => entry.code === code);
}

export function isCatalogCode<Op extends OperationId>(op: Op, code: unknown): code is ErrorCodeOf<Op> {
  return typeof code === 'number' && catalogEntry(op, code) !== undefined;
}

/** Code 6: the internal fault. Documented, never expected: wherever it appears it is a provider fault. */
export const INTERNAL_FAULT_CODE = 6 satisfies ErrorCode;
