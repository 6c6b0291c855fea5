// loadConfig: every LEAN_* variable (the table in variables.ts) read once, validated, defaulted, and resolved
// into a RunConfig before anything is sent. Each rejection is one sentence naming the variable and the rule
// (style-anchors.md §2); secret values never appear in one.
import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { loadBaseline } from '../baseline/load.ts';
import { CHECK_NAMES } from '../checks/index.ts';
import { loadFixtureFile } from '../fixtures/load.ts';
import { ConfigError, didYouMean, errorCode, quoteName, type Env } from '../input/index.ts';
import type { CheckName } from '../results/model.ts';
import { checkBaselineScenarios } from './baseline-scenarios.ts';
import { parseRequireCodes } from './require-codes.ts';
import { parseTarget } from './target.ts';
import { loadTls } from './tls.ts';
import type { RunConfig } from './types.ts';
import { unknownVariableWarnings, variable, VARIABLE_NAMES, type VariableName } from './variables.ts';

/** The variables of interface.md's base table, in the order they are documented. */
export const CONFIG_VARIABLES = VARIABLE_NAMES;
export type ConfigVariable = VariableName;

/** Named defaults (interface.md); the reference target's budget and rate are unlimited. */
export const DEFAULTS = {
  remoteMaxSends: 0,
  timeoutMs: 10_000,
  remoteRateLimit: 5,
  reportDir: 'reports',
  malformedRuns: 12,
  retries: 2,
} as const;

const CONTROL_CHARS = /[\u0000-\u001f\u007f]/;
/** What undici and node:http accept in a header value without throwing at send time. */
const HEADER_VALUE = /^[\t\x20-\x7e]*$/;

/** A variable's value; an empty string counts as unset, as `VAR=` is how .env files and CI say "none". */
function read(env: Env, name: VariableName): string | undefined {
  const value = env[name];
  return value === undefined || value === '' ? undefined : value;
}

function rangeOf(name: VariableName): { min: number; max: number } {
  const range = variable(name).range;
  if (!range) throw new Error(`${name} has no range in the variables table.`);
  return range;
}

function wholeNumber(env: Env, name: VariableName, rule: (range: { min: number; max: number }) => string): number | undefined {
  const raw = read(env, name);
  if (raw === undefined) return undefined;
  const range = rangeOf(name);
  const value = Number(raw.trim());
  if (!/^\d+$/.test(raw.trim()) || value < range.min || value > range.max) {
    throw new ConfigError(name, `must be ${rule(range)}, not ${quoteName(raw)}`);
  }
  return value;
}

function rate(env: Env): number | undefined {
  const raw = read(env, 'LEAN_RATE_LIMIT');
  if (raw === undefined) return undefined;
  const { min, max } = rangeOf('LEAN_RATE_LIMIT');
  const value = Number(raw.trim());
  // Below the minimum the interval between two requests would overflow a timer; above it, it means nothing.
  if (!/^\d+(\.\d+)?$/.test(raw.trim()) || !(value >= min && value <= max)) {
    throw new ConfigError('LEAN_RATE_LIMIT', `must be a number of requests per second from ${min} to ${max}, not ${quoteName(raw)}`);
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
  let stat;
  try {
    stat = statSync(dir, { throwIfNoEntry: false });
  } catch (error) {
    throw new ConfigError('LEAN_REPORT_DIR', `cannot use ${dir} (${errorCode(error)})`);
  }
  if (stat !== undefined && !stat.isDirectory()) {
    throw new ConfigError('LEAN_REPORT_DIR', `${dir} exists and is not a directory`);
  }
  return dir;
}

function readSkipChecks(env: Env): CheckName[] {
  const raw = read(env, 'LEAN_SKIP_CHECKS');
  if (raw === undefined || raw.trim() === '') return [];
  const names = raw.split(',').map((name) => name.trim()).filter((name) => name !== '');
  for (const name of names) {
    if (!(CHECK_NAMES as readonly string[]).includes(name)) {
      throw new ConfigError('LEAN_SKIP_CHECKS', `${quoteName(name)} is not a check${didYouMean(name, CHECK_NAMES)}`);
    }
  }
  return [...new Set(names)] as CheckName[];
}

/**
 * Certificate verification is never off, whatever the environment says: with NODE_TLS_REJECT_UNAUTHORIZED=0,
 * Node would trust any server for every connection that does not set verification itself, so it is refused.
 */
function refuseDisabledVerification(env: Env): void {
  if (env['NODE_TLS_REJECT_UNAUTHORIZED'] === '0') {
    throw new ConfigError(
      'NODE_TLS_REJECT_UNAUTHORIZED',
      'is 0, which turns certificate verification off; the suite never runs that way (unset it, and trust a private CA with LEAN_CA_CERT)',
    );
  }
}

/**
 * Reads and validates the configuration; files named by it are read and checked too.
 * @param env the environment (see loadDotEnv for `.env`); not modified.
 * @param options.cwd against which relative paths resolve; default process.cwd().
 * @throws ConfigError on the first invalid variable.
 */
export function loadConfig(env: Env = process.env, options?: { cwd?: string }): RunConfig {
  const cwd = options?.cwd ?? process.cwd();
  refuseDisabledVerification(env);
  const target = parseTarget(env['LEAN_BASE_URL']);
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
  const maxSends = wholeNumber(env, 'LEAN_MAX_SENDS', () => 'a whole number from 0 up');
  const timeoutMs = wholeNumber(env, 'LEAN_TIMEOUT_MS', ({ min, max }) => `a whole number of milliseconds from ${min} to ${max}`);
  const rateLimit = rate(env);
  const retries = wholeNumber(env, 'LEAN_RETRIES', ({ min, max }) => `a whole number of extra attempts from ${min} to ${max}`);
  const requireCodes = parseRequireCodes(read(env, 'LEAN_REQUIRE_CODES'));
  const seed = wholeNumber(env, 'LEAN_SEED', ({ min, max }) => `an integer from ${min} to ${max}`);
  const malformedRuns = wholeNumber(env, 'LEAN_MALFORMED_RUNS', ({ min, max }) => `an integer from ${min} to ${max}`);
  const skipChecks = readSkipChecks(env);
  const pathOf = (name: VariableName): string | undefined => {
    const raw = read(env, name);
    return raw === undefined ? undefined : resolve(cwd, raw);
  };
  const fixturesPath = pathOf('LEAN_FIXTURES');
  const baselinePath = pathOf('LEAN_BASELINE');
  const compareWith = pathOf('LEAN_COMPARE_WITH');
  const baseline = baselinePath === undefined ? [] : loadBaseline(baselinePath);
  checkBaselineScenarios(baseline, baselinePath ?? '');

  const config: RunConfig = {
    target,
    fixtures: fixturesPath === undefined ? null : loadFixtureFile(fixturesPath),
    maxSends: maxSends ?? (remote ? DEFAULTS.remoteMaxSends : Infinity),
    timeoutMs: timeoutMs ?? DEFAULTS.timeoutMs,
    retries: retries ?? DEFAULTS.retries,
    baseline,
    requireCodes,
    reportDir: readReportDir(env, cwd),
    secrets: {
      values: [tls?.key, tls?.passphrase],
      credentials: credentials ? [credentials] : [],
    },
    malformedRuns: malformedRuns ?? DEFAULTS.malformedRuns,
    skipChecks,
    warnings: unknownVariableWarnings(Object.keys(env)),
  };
  if (seed !== undefined) config.seed = seed;
  if (credentials) config.credentials = credentials;
  if (tls) config.tls = tls;
  if (onBehalfOf !== undefined) config.onBehalfOf = onBehalfOf;
  if (fixturesPath !== undefined) config.fixturesPath = fixturesPath;
  const rateOrDefault = rateLimit ?? (remote ? DEFAULTS.remoteRateLimit : undefined);
  if (rateOrDefault !== undefined) config.rateLimit = rateOrDefault;
  if (baselinePath !== undefined) config.baselinePath = baselinePath;
  if (compareWith !== undefined) config.compareWith = compareWith;

  if (target.kind === 'remote') {
    // Allowed rather than refused: probing how a target treats an unauthenticated client is a legitimate run,
    // and it is visibly so (every authenticated scenario then fails with 11002).
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
