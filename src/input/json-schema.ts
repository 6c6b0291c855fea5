// A file a user writes is checked against its JSON Schema (schemas/), the same file editors use, with ajv in
// the 2020-12 dialect. A caller words its own one sentence from the one problem reported: the first one in the
// file's own order, so a file with several mistakes is named as a person reads it, top to bottom.
import { readFileSync } from 'node:fs';
import { Ajv2020, type ErrorObject } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { isPlainObject } from './json.ts';

export interface SchemaProblem {
  /** The keys and indexes leading to the value the problem is about (for unknown or missing keys: their object). */
  readonly path: readonly (string | number)[];
  /** The JSON Schema keyword that failed: `type`, `additionalProperties`, `required`, `pattern`, `enum`, `format`… */
  readonly keyword: string;
  /** The offending key (additionalProperties) or the missing one (required); otherwise undefined. */
  readonly key?: string;
  /** ajv's parameters of the failed keyword (the expected type, the limit, the allowed values), never the value. */
  readonly params?: Readonly<Record<string, unknown>>;
}

export interface SchemaCheckOptions {
  /**
   * Stop at the first problem ajv meets instead of ranking them all in file order. For files that may be hostile
   * (a report read back): every error of a 16 MiB file would be an object in memory, the first one is enough.
   */
  readonly firstOnly?: boolean;
}

/** Ties at one place: a value of the wrong type says most; an unknown key before a missing one (a typo explains both). */
const PRIORITY: Readonly<Record<string, number>> = { type: 0, additionalProperties: 1, required: 2, pattern: 3 };

function segments(instancePath: string): string[] {
  return instancePath === '' ? [] : instancePath.slice(1).split('/').map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** Where a path lies in document order: each step's index among its parent's keys or items. */
function position(root: unknown, path: readonly string[]): number[] {
  const order: number[] = [];
  let node = root;
  for (const step of path) {
    if (Array.isArray(node)) {
      order.push(Number(step));
      node = node[Number(step)];
    } else if (isPlainObject(node)) {
      order.push(Object.keys(node).indexOf(step));
      node = node[step];
    }
  }
  return order;
}

function compare(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return a.length - b.length;
}

export type SchemaCheck = (value: unknown) => SchemaProblem | null;

/** A validation function as ajv makes it, compiled now or precompiled into a module (ajv's standalone code). */
export interface CompiledSchema {
  (value: unknown): boolean;
  errors?: ErrorObject[] | null;
}

/**
 * The ajv every schema of the suite is compiled with. `source` keeps the generated code, for a module that
 * validates without compiling (scripts/write-schemas.ts): it must be compiled with the options it is used with.
 */
export function schemaAjv(options: SchemaCheckOptions & { readonly source?: boolean } = {}): Ajv2020 {
  // No ajv messages: the callers word their own sentence from the keyword and its parameters, and each message
  // would be one more string in the precompiled code.
  const ajv = new Ajv2020({
    allErrors: options.firstOnly !== true, strict: true, allowUnionTypes: true, messages: false,
    ...(options.source === true ? { code: { source: true, esm: true, lines: true } } : {}),
  });
  addFormats.default(ajv);
  return ajv;
}

/** Compiles the schema in `file` once; the check returns null for a valid value, else its first problem. */
export function schemaCheck(file: string, options: SchemaCheckOptions = {}): SchemaCheck {
  return checkWith(schemaAjv(options).compile(JSON.parse(readFileSync(file, 'utf8')) as object));
}

/** The check of a compiled schema: null for a valid value, else its first problem in the file's own order. */
export function checkWith(validate: CompiledSchema): SchemaCheck {
  return (value) => {
    if (validate(value)) return null;
    const errors: ErrorObject[] = validate.errors ?? [];
    const ranked = errors.map((error) => {
      const path = segments(error.instancePath);
      return { error, path, at: position(value, path), priority: PRIORITY[error.keyword] ?? 4 };
    });
    ranked.sort((a, b) => compare(a.at, b.at) || a.priority - b.priority);
    const first = ranked[0];
    if (!first) return { path: [], keyword: 'schema' };
    const params = first.error.params as { additionalProperty?: string; missingProperty?: string; propertyName?: string };
    const key = params.additionalProperty ?? params.missingProperty ?? params.propertyName ?? first.error.propertyName;
    const path = first.path.map((step, i) => (Array.isArray(valueAt(value, first.path.slice(0, i))) ? Number(step) : step));
    // A key that breaks `propertyNames` is reported by ajv as its name's own failure (a pattern, an enum): name the key.
    const keyword = first.error.propertyName === undefined ? first.error.keyword : 'propertyNames';
    return { path, keyword, ...(key === undefined ? {} : { key }), params: first.error.params };
  };
}

function valueAt(root: unknown, path: readonly string[]): unknown {
  let node = root;
  for (const step of path) node = Array.isArray(node) ? node[Number(step)] : isPlainObject(node) ? node[step] : undefined;
  return node;
}
