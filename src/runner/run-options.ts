// Options of a conformance run beyond interface.md's variables (documented as extensions in the README):
// LEAN_SEED reproduces the malformed bodies of an earlier run; LEAN_MALFORMED_RUNS bounds how many are drawn.
import { randomInt } from 'node:crypto';
import { ConfigError } from '../config/index.ts';

export const DEFAULT_MALFORMED_RUNS = 12;
const MAX_MALFORMED_RUNS = 1000;

export interface RunOptions {
  seed: number;
  malformedRuns: number;
}

function integer(env: Record<string, string | undefined>, name: string, min: number, max: number): number | undefined {
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
  };
}
