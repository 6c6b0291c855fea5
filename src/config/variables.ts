// Every LEAN_* variable of the suite, in one table: its name, how its value is read, the range a number must be
// in, its default and a one-line doc. Loading (load.ts), the misspelling warning, the `--help` text of every
// entry point, the README's variable table and the CI-examples test all derive from this table (tests compare).

import { closestName } from '../input/did-you-mean.ts';
import { MAX_MALFORMED_RUNS } from '../scenarios/names.ts';

/** How a value is read; `secret` values are never printed anywhere. */
export type VariableKind = 'url' | 'text' | 'secret' | 'path' | 'integer' | 'number' | 'list';

export interface Variable {
  readonly name: `LEAN_${string}`;
  readonly kind: VariableKind;
  /** Inclusive bounds of a number: values outside cannot be honoured (a timer would overflow, say). */
  readonly range?: { readonly min: number; readonly max: number };
  /** The default, as a person reads it. */
  readonly default: string;
  readonly doc: string;
  /** Not in interface.md's table: an extension this suite documents in its README. */
  readonly extension?: true;
}

/** Node's timers hold at most this many ms; anything longer fires at once, which would fail every request. */
export const MAX_TIMER_MS = 2_147_483_647;

export const VARIABLES = [
  { name: 'LEAN_BASE_URL', kind: 'url', default: 'unset: the bundled reference provider (set but empty is an error)',
    doc: 'target base URL; operation paths are appended ({LEAN_BASE_URL}/sendOtp)' },
  { name: 'LEAN_USERNAME', kind: 'text', default: "the reference provider's own user", doc: 'HTTP Basic user name' },
  { name: 'LEAN_PASSWORD', kind: 'secret', default: "the reference provider's own password", doc: 'HTTP Basic password (never printed)' },
  { name: 'LEAN_CLIENT_CERT', kind: 'path', default: 'none', doc: 'PEM client certificate for mutual TLS' },
  { name: 'LEAN_CLIENT_KEY', kind: 'path', default: 'none', doc: 'PEM private key of that certificate' },
  { name: 'LEAN_CLIENT_KEY_PASSPHRASE', kind: 'secret', default: 'none', doc: 'passphrase of that key (never printed)' },
  { name: 'LEAN_CA_CERT', kind: 'path', default: 'none', doc: "PEM CA bundle trusted in addition to the system's" },
  { name: 'LEAN_ON_BEHALF_OF', kind: 'text', default: 'header not sent', doc: 'value of the on-behalf-of header on every request' },
  { name: 'LEAN_FIXTURES', kind: 'path', default: "the reference provider's own fixtures; otherwise none",
    doc: 'fixture file: holders on the target, by state' },
  { name: 'LEAN_MAX_SENDS', kind: 'integer', range: { min: 0, max: Number.MAX_SAFE_INTEGER },
    default: 'unlimited against the reference provider; 0 against any other target',
    doc: 'requests that may deliver a real OTP (success scenarios, each operation counted)' },
  { name: 'LEAN_TIMEOUT_MS', kind: 'integer', range: { min: 1, max: 600_000 }, default: '10000',
    doc: 'per-request deadline in ms, connect to last body byte (at most 10 minutes)' },
  { name: 'LEAN_RATE_LIMIT', kind: 'number', range: { min: 0.001, max: 100_000 },
    default: 'unlimited against the reference provider; 5 otherwise', doc: 'maximum requests per second to the target' },
  { name: 'LEAN_RETRIES', kind: 'integer', range: { min: 0, max: 5 }, default: '2',
    doc: 'extra attempts of a step that cannot deliver after a transient outcome (no answer, 429, a gateway 502/503/504); 0 also turns off confirming a failure' },
  { name: 'LEAN_BASELINE', kind: 'path', default: 'none', doc: 'known-divergences file' },
  { name: 'LEAN_REQUIRE_CODES', kind: 'list', default: 'none',
    doc: 'comma-separated codes (or 200, or all) that must be asserted; one left unasserted fails the run' },
  { name: 'LEAN_REPORT_DIR', kind: 'path', default: 'reports/', doc: 'where the reports are written' },
  { name: 'LEAN_COMPARE_WITH', kind: 'path', default: 'none',
    doc: 'an earlier conformance.json: the run ends with the comparison, and a regression fails it' },
  { name: 'LEAN_SEED', kind: 'integer', range: { min: 0, max: 2 ** 31 - 1 }, default: 'random (printed)',
    doc: 'seed of the malformed-input generator', extension: true },
  { name: 'LEAN_MALFORMED_RUNS', kind: 'integer', range: { min: 0, max: MAX_MALFORMED_RUNS }, default: '12',
    doc: 'random malformed bodies drawn on top of one fixed body per kind', extension: true },
  { name: 'LEAN_SKIP_CHECKS', kind: 'list', default: 'none',
    doc: 'comma-separated check names to switch off; every report names them', extension: true },
  { name: 'LEAN_PACT_OUTPUT_DIR', kind: 'path', default: 'set by npm run pact:consumer',
    doc: 'where the consumer contract tests write their pact (internal to pact:consumer)', extension: true },
] as const satisfies readonly Variable[];

export type VariableName = (typeof VARIABLES)[number]['name'];
export const VARIABLE_NAMES: readonly VariableName[] = VARIABLES.map((v) => v.name);

export function variable(name: VariableName): Variable {
  const found = (VARIABLES as readonly Variable[]).find((v) => v.name === name);
  if (!found) throw new Error(`No variable ${name}.`);
  return found;
}

const PREFIX = 'LEAN_';

/**
 * A warning for each environment name that looks like one of ours but is not: a wrongly-cased name
 * (`lean_base_url`, `Lean_Max_Sends`) or a near miss (`LEAN_SKIP_CHECK`, `LEAN_TIMEOUT`). Other LEAN_* names that
 * resemble none of ours are left alone: they may belong to other tools.
 */
export function unknownVariableWarnings(names: Iterable<string>, known: readonly string[] = VARIABLE_NAMES): string[] {
  const warnings: string[] = [];
  const suffixes = known.map((name) => name.slice(PREFIX.length));
  for (const name of names) {
    if (known.includes(name) || !name.toUpperCase().startsWith(PREFIX)) continue;
    const upper = name.toUpperCase();
    if (known.includes(upper)) {
      warnings.push(`${name} is not a variable of this suite and is ignored (did you mean ${upper}? names are upper case).`);
      continue;
    }
    const suffix = upper.slice(PREFIX.length);
    // A cut-short name (LEAN_TIMEOUT, LEAN_USER) is as likely a slip as a misspelt one; compared without the
    // shared prefix, which would otherwise make every long name look close to every other.
    const extended = suffixes.filter((candidate) => suffix.length >= 4 && candidate.startsWith(suffix));
    const close = extended.length === 1 ? extended[0] : closestName(suffix, suffixes);
    if (close !== undefined) {
      warnings.push(`${name} is not a variable of this suite and is ignored (did you mean ${PREFIX}${close}?).`);
    }
  }
  return warnings;
}

/** The variables as `--help` lists them: one line each, with the default. */
export function variablesUsage(names: readonly VariableName[] = VARIABLE_NAMES): string {
  const width = Math.max(...names.map((n) => n.length));
  return (VARIABLES as readonly Variable[])
    .filter((v) => (names as readonly string[]).includes(v.name))
    .map((v) => `  ${v.name.padEnd(width)}  ${v.doc} (default: ${v.default})`)
    .join('\n');
}
