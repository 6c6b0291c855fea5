// `npm run pact:verify [-- <pact files…>]`: verifies the consumer's pacts against the target of the conformance
// configuration (LEAN_* variables; with no LEAN_BASE_URL it starts the bundled reference provider itself).
// Pacts come from the files given as arguments, else from a broker when PACT_BROKER_BASE_URL is set, else
// contracts/pacts/. Exit 0: verified; 1: a verification failure (or nothing verifiable, or the broker could
// not be read); 2: configuration or usage error, nothing sent.
import './no-track.ts';
import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { CommandSpec } from '../../src/cli/args.ts';
import { defineCommand } from '../../src/cli/command.ts';
import { isEntryPoint, runAsProcess, type CliMain, type Env } from '../../src/cli/io.ts';
import { budgetLine, loadRunConfig, type RunConfig } from '../../src/config/index.ts';
import { VARIABLE_NAMES } from '../../src/config/variables.ts';
import { ConfigError, readDotEnv } from '../../src/input/index.ts';
import { resolveTarget, type ResolvedTarget } from '../../src/runner/target.ts';
import { branchFrom, versionFrom } from '../broker/workflow.ts';
import { formatReport, verifyPacts, type PactSource, type PublishResults, type VerifyTarget } from '../provider/verify.ts';
import type { ConsumerVersionSelector } from '../provider/types.ts';
import { brokerFrom, brokerSecrets, type BrokerConfig } from '../shared/broker-config.ts';
import { BrokerReadError } from '../shared/broker-http.ts';
import { pactLogLevel } from '../shared/log-level.ts';
import { PACTS_DIR } from '../shared/names.ts';
import { readPact } from '../shared/pact-file.ts';
import { BROKER_VARIABLES_HELP } from './broker-command.ts';

const NAME = 'pact:verify';

const SPEC: CommandSpec = {
  usage: 'npm run pact:verify --',
  summary: 'Verifies the pacts against the target of the conformance configuration (the bundled reference provider when LEAN_BASE_URL is unset).',
  options: {},
  positionals: { text: '[pact files…]', min: 0 },
  variables: VARIABLE_NAMES.filter((n) => !['LEAN_BASELINE', 'LEAN_REQUIRE_CODES', 'LEAN_REPORT_DIR', 'LEAN_COMPARE_WITH', 'LEAN_SEED', 'LEAN_MALFORMED_RUNS', 'LEAN_SKIP_CHECKS', 'LEAN_PACT_OUTPUT_DIR'].includes(n)),
  epilogue: [
    BROKER_VARIABLES_HELP,
    '  PACT_CONSUMER_VERSION_SELECTORS  JSON array (default [{"mainBranch":true},{"deployedOrReleased":true}])',
    '  PACT_ENABLE_PENDING, PACT_INCLUDE_WIP_PACTS_SINCE  pending pacts (default on), WIP pacts since (default 2020-01-01)',
    '  PACT_PUBLISH_VERIFICATION_RESULTS=true  publish the results (broker pacts and a configured target only)',
    '  PACT_PROVIDER_VERSION, PACT_PROVIDER_BRANCH, PACT_BUILD_URL  default: the git commit and branch',
    '  PACT_LOG_LEVEL  the Verifier\'s log level (default warn); its output is redacted at every level',
    '',
    'exit codes: 0 verified · 1 a verification failure, nothing verifiable, or the broker unreadable · 2 configuration error, nothing sent',
  ].join('\n'),
};

/** The selectors the Pact docs recommend for a provider build: the consumers' main branch and what is live. */
const DEFAULT_SELECTORS: ConsumerVersionSelector[] = [{ mainBranch: true }, { deployedOrReleased: true }];
/** WIP pacts since this date unless PACT_INCLUDE_WIP_PACTS_SINCE says otherwise (any pact still pending). */
const DEFAULT_WIP_SINCE = '2020-01-01';

function selectors(env: Env): ConsumerVersionSelector[] {
  const raw = env['PACT_CONSUMER_VERSION_SELECTORS'];
  if (!raw) return DEFAULT_SELECTORS;
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw new ConfigError('PACT_CONSUMER_VERSION_SELECTORS', 'must be a JSON array of selectors');
  }
  if (!Array.isArray(parsed) || parsed.length === 0 || !parsed.every((s) => typeof s === 'object' && s !== null && !Array.isArray(s))) {
    throw new ConfigError('PACT_CONSUMER_VERSION_SELECTORS', 'must be a non-empty JSON array of selector objects');
  }
  return parsed as ConsumerVersionSelector[];
}

/** Every file is read (and judged a pact) now, so a bad one is exit 2 before a provider starts or a request goes out. */
function pactFiles(paths: readonly string[]): PactSource {
  for (const file of paths) readPact(file);
  return { kind: 'files', files: paths };
}

function pactSource(env: Env, positionals: readonly string[], cwd: string, broker: BrokerConfig | undefined): PactSource {
  if (positionals.length > 0) return pactFiles(positionals.map((p) => resolve(cwd, p)));
  if (broker) {
    const wip = env['PACT_INCLUDE_WIP_PACTS_SINCE']?.trim() || DEFAULT_WIP_SINCE;
    if (Number.isNaN(Date.parse(wip))) throw new ConfigError('PACT_INCLUDE_WIP_PACTS_SINCE', 'must be a date (YYYY-MM-DD)');
    return {
      kind: 'broker',
      url: broker.url,
      ...(broker.auth ? { auth: broker.auth } : {}),
      selectors: selectors(env),
      enablePending: env['PACT_ENABLE_PENDING'] !== 'false',
      includeWipPactsSince: wip,
    };
  }
  let names: string[] = [];
  try {
    names = readdirSync(PACTS_DIR).filter((f) => f.endsWith('.json'));
  } catch {
    // No folder: the same answer as an empty one.
  }
  if (names.length === 0) throw new ConfigError(PACTS_DIR, 'holds no pact file: run `npm run pact:consumer`, name pact files, or set PACT_BROKER_BASE_URL');
  return pactFiles(names.map((n) => join(PACTS_DIR, n)));
}

function publishResults(env: Env, source: PactSource, config: RunConfig): PublishResults | undefined {
  if (env['PACT_PUBLISH_VERIFICATION_RESULTS'] !== 'true') return undefined;
  // A verification of the bundled provider says nothing about any environment: publishing it would let
  // can-i-deploy say yes for a provider version that was never contacted.
  if (config.target.kind === 'reference') {
    throw new ConfigError('PACT_PUBLISH_VERIFICATION_RESULTS', 'is true but LEAN_BASE_URL is unset: results are never published for the bundled reference provider');
  }
  if (source.kind !== 'broker') {
    throw new ConfigError('PACT_PUBLISH_VERIFICATION_RESULTS', 'is true but the pacts are not from a broker (PACT_BROKER_BASE_URL, and no pact files named)');
  }
  const branch = branchFrom(env, 'PACT_PROVIDER_BRANCH');
  return {
    providerVersion: versionFrom(env, 'PACT_PROVIDER_VERSION'),
    ...(branch ? { providerBranch: branch } : {}),
    ...(env['PACT_BUILD_URL'] ? { buildUrl: env['PACT_BUILD_URL'] } : {}),
  };
}

/** The conformance run's own target resolution, so both jobs reach the same target in the same way. */
function verifyTarget(config: RunConfig, resolved: ResolvedTarget): VerifyTarget {
  const { baseUrl, credentials, onBehalfOf, tls, rateLimit } = resolved.clientOptions;
  return {
    baseUrl,
    name: resolved.description,
    fixtures: resolved.fixtures,
    maxSends: config.maxSends,
    timeoutMs: config.timeoutMs,
    ...(credentials ? { credentials } : {}),
    ...(onBehalfOf === undefined ? {} : { onBehalfOf }),
    ...(tls ? { tls } : {}),
    ...(rateLimit === undefined ? {} : { rateLimit }),
  };
}

export const main: CliMain = defineCommand(NAME, SPEC, async (args, env, io) => {
  const read = readDotEnv(io.cwd, env);
  const merged = read.env;
  const config = loadRunConfig(read, { cwd: io.cwd });
  const broker = brokerFrom(merged);
  const source = pactSource(merged, args.positionals, io.cwd, broker);
  const publish = publishResults(merged, source, config);
  const providerBranch = branchFrom(merged, 'PACT_PROVIDER_BRANCH');
  for (const warning of config.warnings) io.err(`${NAME}: warning: ${warning}\n`);
  io.err(`${NAME}: ${budgetLine(config)}\n`);
  const resolved = await resolveTarget(config);
  try {
    const target = verifyTarget(config, resolved);
    const report = await verifyPacts({
      target,
      source,
      ...(publish ? { publish } : {}),
      ...(providerBranch ? { providerBranch } : {}),
      log: io.err,
      // Colours only for a person at a terminal: a CI log or a file gets plain text (NO_COLOR says so too).
      colour: io.errIsTTY === true && !merged['NO_COLOR'],
      signal: io.signal,
      logLevel: pactLogLevel(merged),
      secrets: [...(config.secrets.values ?? []).filter((v): v is string => v !== undefined), ...brokerSecrets(broker)],
    });
    io.out(`\n${formatReport(report, target)}\n`);
    return report.status === 'passed' ? 0 : 1;
  } finally {
    await resolved.close();
  }
}, { failures: [[BrokerReadError, 1]] });

if (isEntryPoint(import.meta.url)) await runAsProcess(NAME, main);
