// Options of a conformance run beyond interface.md's variables (documented as extensions in the README):
// LEAN_SEED reproduces the malformed bodies of an earlier run; LEAN_MALFORMED_RUNS bounds how many are drawn;
// LEAN_SKIP_CHECKS switches named checks off (schemathesis-style), and says so in every report.
import { randomInt } from 'node:crypto';
import { CHECK_NAMES } from '../checks/index.ts';
import { ConfigError, didYouMean } from '../config/index.ts';
import type { CheckName } from '../results/model.ts';

/** The variables read here, on top of interface.md's (src/config): the documented extensions. */
export const RUN_OPTION_VARIABLES = ['LEAN_SEED', 'LEAN_MALFORMED_RUNS', 'LEAN_SKIP_CHECKS'] as const;
type RunOptionVariable = (typeof RUN_OPTION_VARIABLES)[number];

export const DEFAULT_MALFORMED_RUNS = 12;
const MAX_MALFORMED_RUNS = 1000;

export interface RunOptions {
  seed: number;
  malformedRuns: number;
  skipChecks: CheckName[];
}

function checkNames(env: Record<string, string | undefined>): CheckName[] {
  const variable: RunOptionVariable = 'LEAN_SKIP_CHECKS';
  const raw = env[variable];
  if (raw === undefined || raw.trim() === '') return [];
  const names = raw.split(',').map((name) => name.trim()).filter((name) => name !== '');
  for (const name of names) {
    if (!(CHECK_NAMES as readonly string[]).includes(name)) {
      throw new ConfigError(variable, `"${name.slice(0, 40)}" is not a check${didYouMean(name, CHECK_NAMES)}`);
    }
  }
  return [...new Set(names)] as CheckName[];
}

function integer(env: Record<string, string | undefined>, name: RunOptionVariable, min: number, max: number): number | undefined {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return undefined;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(name, `must be an integer from ${min} to ${max}, got "${raw}".`);
  }
  return value;
}

export function readRunOptions(env: Record<string, string | undefined>): RunOptions {
  return {
    seed: integer(env, 'LEAN_SEED', 0, 2 ** 31 - 1) ?? randomInt(2 ** 31 - 1),
    malformedRuns: integer(env, 'LEAN_MALFORMED_RUNS', 0, MAX_MALFORMED_RUNS) ?? DEFAULT_MALFORMED_RUNS,
    skipChecks: checkNames(env),
  };
}
