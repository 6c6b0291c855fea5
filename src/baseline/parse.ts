// Parses the known-divergences file: a JSON list of entries, every field required and no other key allowed, so
// a misspelt field never turns an entry into one that matches nothing or everything. The shape is
// schemas/baseline.schema.json (the file editors check), so the schema and this parser cannot disagree; this
// module words the schema's first problem as one sentence and adds what a schema cannot say (duplicates).
import { join } from 'node:path';
import { OPERATION_IDS } from '../catalog/index.ts';
import { didYouMean, quoteName } from '../input/did-you-mean.ts';
import { ConfigError } from '../input/errors.ts';
import { describeType, isPlainObject, parseJsonText } from '../input/json.ts';
import { schemaCheck, type SchemaCheck, type SchemaProblem } from '../input/json-schema.ts';
import { PACKAGE_ROOT } from '../package-info.ts';
import type { BaselineEntry } from './types.ts';

const VARIABLE = 'LEAN_BASELINE';
export const BASELINE_SCHEMA_PATH = join(PACKAGE_ROOT, 'schemas', 'baseline.schema.json');
const ENTRY_KEYS = ['operation', 'scenario', 'observed', 'reason', 'until'] as const;
const OBSERVED_KEYS = ['status', 'code'] as const;

let check: SchemaCheck | undefined;

function valueAt(root: unknown, path: readonly (string | number)[]): unknown {
  let node = root;
  for (const step of path) node = Array.isArray(node) ? node[Number(step)] : isPlainObject(node) ? node[step] : undefined;
  return node;
}

function keysSentence(where: string, keyword: string, key: string, known: readonly string[]): string | undefined {
  if (keyword === 'additionalProperties') return `${where} has an unknown key ${quoteName(key)}${didYouMean(key, known)}`;
  if (keyword === 'required') return `${where} is missing ${key}`;
  return undefined;
}

/** The one sentence for the schema's first problem. */
function sentence(problem: SchemaProblem, root: unknown, source: string): string {
  const { path, keyword, key = '' } = problem;
  const value = valueAt(root, path);
  if (path.length === 0) return `${source} must hold a JSON list of entries, not ${describeType(root)}`;
  const entry = `${source}: entry [${String(path[0])}]`;
  if (path.length === 1) return keysSentence(entry, keyword, key, ENTRY_KEYS) ?? `${entry} must be an object, not ${describeType(value)}`;
  const field = String(path[1]);
  const where = `${entry}.${field}`;
  if (field === 'observed') {
    if (path.length === 2) return keysSentence(where, keyword, key, OBSERVED_KEYS) ?? `${where} must be an object {status, code}, not ${describeType(value)}`;
    // null is what conformance.json records when no HTTP answer came (a TLS refusal) or no code was read.
    return path[2] === 'status' ? `${where}.status must be an HTTP status (100 to 599) or null` : `${where}.code must be an integer or null`;
  }
  if (keyword === 'type') return `${where} must be a string, not ${describeType(value)}`;
  if (keyword === 'pattern') return `${where} is empty`;
  if (field === 'operation') {
    const operation = String(value);
    return `${where} ${quoteName(operation)} is not an operation of the spec${didYouMean(operation, OPERATION_IDS)}`;
  }
  return `${where} must be a date written YYYY-MM-DD`;
}

/**
 * Parses and validates a known-divergences file's text.
 * @param source the file's path (or another label) used in messages.
 * @throws ConfigError (variable `LEAN_BASELINE`) on the first malformed entry.
 */
export function parseBaseline(text: string, source: string): BaselineEntry[] {
  const root = parseJsonText(text, VARIABLE, source);
  check ??= schemaCheck(BASELINE_SCHEMA_PATH);
  const problem = check(root);
  if (problem) throw new ConfigError(VARIABLE, sentence(problem, root, source));
  const entries = (root as BaselineEntry[]).map(({ operation, scenario, observed, reason, until }) => ({
    operation, scenario, observed: { status: observed.status, code: observed.code }, reason, until,
  }));
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
