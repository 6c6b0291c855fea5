// `.env` support (interface.md: "a `.env` file may set them too"), with process.loadEnvFile's precedence: a
// variable already set in the environment wins over the file. The file is parsed with node's own parser
// (util.parseEnv, the --env-file syntax: quotes, escapes, `export`, multi-line values), with one difference that
// users of shells, Docker Compose and most .env tools expect: in an unquoted value, `#` starts a comment only at
// the value's start or after whitespace. Node cuts `pa#ss` to `pa`, so a password with a `#` would silently
// become another one (and a run would log in with it, on an environment that locks accounts after failures).
// process.env is left alone (loadConfig takes the env as input).
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseEnv } from 'node:util';
import { readConfiguredFile } from './errors.ts';

export type Env = Record<string, string | undefined>;

/** `NAME=value` (optionally `export NAME=value`) with a value that starts with no quote. */
const UNQUOTED_ASSIGNMENT = /^\s*(?:export\s+)?([\w.-]+)\s*=\s*([^'"`\s][^\r\n]*)?$/;
/** `NAME=` followed by an opening quote that the line does not close: a value that goes on over lines. */
const OPEN_QUOTE = /^\s*(?:export\s+)?[\w.-]+\s*=\s*(['"`])/;

/** The value of an unquoted assignment: up to a `#` at the start or after whitespace, trimmed. */
function unquotedValue(rest: string): string {
  const comment = /(?:^|\s)#/.exec(rest);
  return (comment ? rest.slice(0, comment.index) : rest).trim();
}

/**
 * The text of a `.env` file as variables: node's parse, with every unquoted value whose `#` follows another
 * character read in full (a later assignment of the same name wins, as in node's parser).
 */
export function parseDotEnv(text: string): Record<string, string> {
  const parsed: Record<string, string> = {};
  for (const [name, value] of Object.entries(parseEnv(text))) if (value !== undefined) parsed[name] = value;
  const lastValue = new Map<string, string | null>();
  let openQuote: string | null = null;
  for (const line of text.split(/\r?\n/)) {
    if (openQuote !== null) {
      if (line.includes(openQuote)) openQuote = null;
      continue;
    }
    const quoted = OPEN_QUOTE.exec(line);
    if (quoted) {
      const quote = quoted[1]!;
      const afterOpening = line.slice(quoted[0].length);
      if (!afterOpening.includes(quote)) openQuote = quote;
      const name = /^\s*(?:export\s+)?([\w.-]+)/.exec(line)![1]!;
      lastValue.set(name, null);
      continue;
    }
    const assignment = UNQUOTED_ASSIGNMENT.exec(line);
    if (!assignment) continue;
    const [, name = '', rest = ''] = assignment;
    lastValue.set(name, rest.includes('#') ? unquotedValue(rest) : null);
  }
  for (const [name, value] of lastValue) if (value !== null && name in parsed) parsed[name] = value;
  return parsed;
}

/** The environment merged with `.env`, and what the file itself said (null when there is no file). */
export interface DotEnvRead {
  readonly env: Env;
  readonly file: Readonly<Record<string, string>> | null;
  /** The variables of `env` whose value came from the file (the environment did not set them). */
  readonly fromFile: ReadonlySet<string>;
}

/**
 * Reads `<cwd>/.env` when it exists and merges it under `env`; variables of `env` are never overridden.
 * @throws ConfigError (variable `.env`) when the file exists but cannot be read.
 */
export function readDotEnv(cwd: string, env: Env = process.env): DotEnvRead {
  const path = join(cwd, '.env');
  if (!existsSync(path)) return { env: { ...env }, file: null, fromFile: new Set() };
  const file = parseDotEnv(readConfiguredFile('.env', path));
  const merged: Env = { ...env };
  const fromFile = new Set<string>();
  for (const [name, value] of Object.entries(file)) {
    if (merged[name] === undefined) {
      merged[name] = value;
      fromFile.add(name);
    }
  }
  return { env: merged, file, fromFile };
}

/**
 * The environment merged with `<cwd>/.env` when that file exists; variables of `env` are never overridden.
 * @throws ConfigError (variable `.env`) when the file exists but cannot be read.
 */
export function loadDotEnv(cwd: string, env: Env = process.env): Env {
  return readDotEnv(cwd, env).env;
}
