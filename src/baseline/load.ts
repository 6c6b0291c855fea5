// Reads a known-divergences file from disk; parsing and validation live in parse.ts.
import { readFileSync } from 'node:fs';
import { ConfigError, errorCode } from '../config/errors.ts';
import { parseBaseline } from './parse.ts';
import type { BaselineEntry } from './types.ts';

/** @throws ConfigError (variable `LEAN_BASELINE`) when the file cannot be read or is malformed. */
export function loadBaseline(path: string): BaselineEntry[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new ConfigError('LEAN_BASELINE', `cannot read ${path} (${errorCode(error)})`, { cause: error });
  }
  return parseBaseline(text, path);
}
