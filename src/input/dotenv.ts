// `.env` support (interface.md: "a `.env` file may set them too"), with process.loadEnvFile's precedence: a
// variable already set in the environment wins over the file. The file is parsed with node's own parser, so the
// syntax is exactly node's --env-file syntax, and process.env is left alone (loadConfig takes the env as input).
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseEnv } from 'node:util';
import { readConfiguredFile } from './errors.ts';

export type Env = Record<string, string | undefined>;

/**
 * The environment merged with `<cwd>/.env` when that file exists; variables of `env` are never overridden.
 * @throws ConfigError (variable `.env`) when the file exists but cannot be read.
 */
export function loadDotEnv(cwd: string, env: Env = process.env): Env {
  const path = join(cwd, '.env');
  if (!existsSync(path)) return { ...env };
  const text = readConfiguredFile('.env', path);
  const merged: Env = { ...env };
  for (const [name, value] of Object.entries(parseEnv(text))) {
    if (merged[name] === undefined) merged[name] = value;
  }
  return merged;
}
