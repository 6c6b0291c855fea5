// Reads a known-divergences file from disk; parsing and validation live in parse.ts.
import { readConfiguredFile } from '../input/errors.ts';
import { parseBaseline } from './parse.ts';
import type { BaselineEntry } from './types.ts';

/** @throws ConfigError (variable `LEAN_BASELINE`) when the file cannot be read or is malformed. */
export function loadBaseline(path: string): BaselineEntry[] {
  return parseBaseline(readConfiguredFile('LEAN_BASELINE', path), path);
}
