// loadConfig: every variable of interface.md ("Target configuration") read once, validated, defaulted, and
// resolved into a RunConfig before anything is sent. Each rejection is one sentence naming the variable and
// the rule (style-anchors.md §2); secret values never appear in one.
import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { loadBaseline } from '../baseline/load.ts';
import { loadFixtureFile } from '../fixtures/load.ts';
import { basicToken } from '../net/basic-auth.ts';
import { closestName, quoteName } from '../input/did-you-mean.ts';
import type { Env } from '../input/dotenv.ts';
import { ConfigError } from '../input/errors.ts';
import { parseRequireCodes } from './require-codes.ts';
import { parseTarget } from './target.ts';
import { loadTls } from './tls.ts';
import type { RunConfig } from './types.ts';

/** The variables of interface.md, in the order they are documented. */
export const CONFIG_VARIABLES = [
  'LEAN_BASE_URL', 'LEAN_USERNAME', 'LEAN_PASSWORD', 'LEAN_CLIENT_CERT', 'LEAN_CLIENT_KEY',
  'LEAN_CLIENT_KEY_PASSPHRASE', 'LEAN_CA_CERT', 'LEAN_ON_BEHALF_OF', 'LEAN_FIXTURES', 'LEAN_MAX_SENDS',
  'LEAN_TIMEOUT_MS', 'LEAN_RATE_LIMIT', 'LEAN_BASELINE', 'LEAN_REQUIRE_CODES', 'LEAN_REPORT_DIR',
] as const;
export type ConfigVariable = (typeof CONFIG_VARIABLES)[number];

/** Named defaults (interface.md); the reference target's budget and rate are unlimited. */
export const DEFAULTS = {
  remoteMaxSends: 0,
  timeoutMs: 10_000,
  remoteRateLimit: 5,
  reportDir: 'reports',
} as const;

/** Node's timers overflow above this many ms and then fire at once, which would turn every request into a timeout. */
const MAX_TIMER_MS = 2_147_483_647;
const CONTROL_CHARS = /[\u0000-\u001f\u007f]/;
/** What undici and node:http accept in a header value without throwing at send time. */
const HEADER_VALUE = /^[\t\x20-\x7e]*$/;

/** A variable's value; an empty string counts as unset, as `VAR=` is how .env files and CI say "none". */
function read(env: Env, name: ConfigVariable): string | undefined {
  const value = env[name];
  return value === undefined || value === '' ? undefined : value;
}

function wholeNumber(env: Env, name: ConfigVariable, min: number, max: number, rule: string): number | undefined {
  const raw = read(env, name);
  if (raw === undefined) return undefined;
  const value = Number(raw.trim());
  if (!/^\d+$/.test(raw.trim()) || value < min || value > max) {
    throw new ConfigError(name, `must be ${rule}, not ${quoteName(raw)}`);
  }
  return value;
}

function positiveNumber(env: Env, name: ConfigVariable): number | undefined {
  const raw = read(env, name);
  if (raw === undefined) return undefined;
  const value = Number(raw.trim());
  if (!/^\d+(\.\d+)?$/.test(raw.trim()) || !(value > 0) || !Number.isFinite(value)) {
    throw new ConfigError(name, `must be a number of requests per second greater than 0, not ${quoteName(raw)}`);
  }
  return value;
}

function readCredentials(env: Env): RunConfig['credentials'] {
  const username = read(env, 'LEAN_USERNAME');
  const password = read(env, 'LEAN_PASSWORD');
  if (username === undefined && password === undefined) return undefined;
  if (username === undefined) {
    throw new ConfigError('LEAN_USERNAME', 'is unset while LEAN_PASSWORD is set; give both Basic credentials, or neither');
  }
  if (password === undefined) {
    throw new ConfigError('LEAN_PASSWORD', 'is unset while LEAN_USERNAME is set; give both Basic credentials, or neither');
  }
  if (username.includes(':')) {
    throw new ConfigError('LEAN_USERNAME', 'must not contain a colon, which HTTP Basic uses to end the username');
  }
  if (CONTROL_CHARS.test(username)) {
    throw new ConfigError('LEAN_USERNAME', 'must not contain control characters (a stray carriage return, say)');
  }
  if (CONTROL_CHARS.test(password)) {
    throw new ConfigError('LEAN_PASSWORD', 'must not contain control characters (a stray carriage return, say)');
  }
  return { username, password };
}

function readOnBehalfOf(env: Env): string | undefined {
  const value = read(env, 'LEAN_ON_BEHALF_OF');
  if (value !== undefined && !HEADER_VALUE.test(value)) {
    throw new ConfigError('LEAN_ON_BEHALF_OF', 'must be a valid HTTP header value (printable ASCII, no line breaks)');
  }
  return value;
}

function readReportDir(env: Env, cwd: string): string {
  const dir = resolve(cwd, read(env, 'LEAN_REPORT_DIR') ?? DEFAULTS.reportDir);
  const stat = statSync(dir, { throwIfNoEntry: false });
  if (stat !== undefined && !stat.isDirectory()) {
    throw new ConfigError('LEAN_REPORT_DIR', `${dir} exists and is not a directory`);
  }
  return dir;
}

/** A secret as it may appear in output: raw, trimmed, and JSON-escaped (reports are JSON), longest first. */
function secretForms(values: readonly (string | undefined)[]): string[] {
  const forms = new Set<string>();
  for (const value of values) {
    if (value === undefined) continue;
    for (const form of [value, value.trim()]) {
      forms.add(form);
      forms.add(JSON.stringify(form).slice(1, -1));
    }
  }
  forms.delete('');
  return [...forms].sort((a, b) => b.length - a.length);
}

const PREFIX = 'LEAN_';

function unknownVariableWarnings(env: Env): string[] {
  const warnings: string[] = [];
  for (const name of Object.keys(env)) {
    if (!name.startsWith(PREFIX) || (CONFIG_VARIABLES as readonly string[]).includes(name)) continue;
    // Only near misses are reported: other LEAN_* variables may belong to other tools or later extensions.
    // Compared without the shared prefix, which would otherwise make every long name look close to every other.
    const suffix = name.slice(PREFIX.length);
    const suffixes = CONFIG_VARIABLES.map((known) => known.slice(PREFIX.length));
    // A cut-short name (LEAN_TIMEOUT, LEAN_USER) is as likely a slip as a misspelt one.
    const extended = suffixes.filter((known) => suffix.length >= 4 && known.startsWith(suffix));
    const close = extended.length === 1 ? extended[0] : closestName(suffix, suffixes);
    if (close !== undefined) {
      warnings.push(`${name} is not a variable of this suite and is ignored (did you mean ${PREFIX}${close}?).`);
    }
  }
  return warnings;
}

/**
 * Reads and validates the configuration; files named by it are read and checked too.
 * @param env the environment (see loadDotEnv for `.env`); not modified.
 * @param options.cwd against which relative paths resolve; default process.cwd().
 * @throws ConfigError on the first invalid variable.
 */
export function loadConfig(env: Env = process.env, options?: { cwd?: string }): RunConfig {
  const cwd = options?.cwd ?? process.cwd();
  const target = parseTarget(read(env, 'LEAN_BASE_URL'));
  const remote = target.kind === 'remote';
  const credentials = readCredentials(env);
  const tls = loadTls(
    {
      cert: read(env, 'LEAN_CLIENT_CERT'),
      key: read(env, 'LEAN_CLIENT_KEY'),
      passphrase: read(env, 'LEAN_CLIENT_KEY_PASSPHRASE'),
      ca: read(env, 'LEAN_CA_CERT'),
    },
    cwd,
  );
  const onBehalfOf = readOnBehalfOf(env);
  const maxSends = wholeNumber(env, 'LEAN_MAX_SENDS', 0, Number.MAX_SAFE_INTEGER, 'a whole number from 0 up');
  const timeoutMs = wholeNumber(env, 'LEAN_TIMEOUT_MS', 1, MAX_TIMER_MS, `a whole number of milliseconds from 1 to ${MAX_TIMER_MS}`);
  const rateLimit = positiveNumber(env, 'LEAN_RATE_LIMIT');
  const requireCodes = parseRequireCodes(read(env, 'LEAN_REQUIRE_CODES'));
  const fixturesVar = read(env, 'LEAN_FIXTURES');
  const fixturesPath = fixturesVar === undefined ? undefined : resolve(cwd, fixturesVar);
  const baselineVar = read(env, 'LEAN_BASELINE');
  const baselinePath = baselineVar === undefined ? undefined : resolve(cwd, baselineVar);

  const config: RunConfig = {
    target,
    fixtures: fixturesPath === undefined ? null : loadFixtureFile(fixturesPath),
    maxSends: maxSends ?? (remote ? DEFAULTS.remoteMaxSends : Infinity),
    timeoutMs: timeoutMs ?? DEFAULTS.timeoutMs,
    baseline: baselinePath === undefined ? [] : loadBaseline(baselinePath),
    requireCodes,
    reportDir: readReportDir(env, cwd),
    secrets: secretForms([
      credentials?.password,
      credentials && basicToken(credentials),
      tls?.key,
      tls?.passphrase,
    ]),
    warnings: unknownVariableWarnings(env),
  };
  if (credentials) config.credentials = credentials;
  if (tls) config.tls = tls;
  if (onBehalfOf !== undefined) config.onBehalfOf = onBehalfOf;
  if (fixturesPath !== undefined) config.fixturesPath = fixturesPath;
  const rate = rateLimit ?? (remote ? DEFAULTS.remoteRateLimit : undefined);
  if (rate !== undefined) config.rateLimit = rate;
  if (baselinePath !== undefined) config.baselinePath = baselinePath;

  if (target.kind === 'remote') {
    // Allowed rather than refused: probing how a target treats an unauthenticated client is a legitimate run,
    // and it is visibly so (every authenticated scenario then fails with 11002, and the wrong-credentials
    // scenario has no user to start from).
    if (!credentials) {
      config.warnings.push('LEAN_USERNAME and LEAN_PASSWORD are unset, so requests to the remote target carry no Basic credentials.');
    }
    const plainHttp = target.baseUrl.startsWith('http:');
    if (plainHttp && tls) {
      config.warnings.push('LEAN_BASE_URL is http://, so the TLS material of LEAN_CLIENT_CERT, LEAN_CLIENT_KEY and LEAN_CA_CERT is not used.');
    }
    if (!plainHttp && !tls?.cert) {
      config.warnings.push('LEAN_CLIENT_CERT and LEAN_CLIENT_KEY are unset, so requests carry no client certificate although the Lean API requires mutual TLS.');
    }
  }
  return config;
}
