// `npm run pact:verify`: verifies the consumer's pacts against the target of the conformance configuration
// (LEAN_* variables; with no LEAN_BASE_URL it starts the bundled reference provider itself). Pacts come from
// the files given as arguments, else from a broker when PACT_BROKER_BASE_URL is set, else contracts/pacts/.
// Exit 0: verified; 1: a verification failure (or nothing verifiable); 2: configuration error, nothing sent.
import './no-track.ts';
import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ConfigError, loadConfig, loadDotEnv, type RunConfig } from '../../src/config/index.ts';
import { resolveTarget, type ResolvedTarget } from '../../src/runner/target.ts';
import { branchFrom, versionFrom, WorkflowConfigError } from '../broker/workflow.ts';
import { PACTS_DIR } from '../shared/names.ts';
import type { BrokerAuth, ConsumerVersionSelector } from '../provider/broker-pacts.ts';
import { formatReport, verifyPacts, type PactSource, type PublishResults, type VerifyTarget } from '../provider/verify.ts';

type Env = Record<string, string | undefined>;

/** The selectors the Pact docs recommend for a provider build: the consumers' main branch and what is live. */
const DEFAULT_SELECTORS: ConsumerVersionSelector[] = [{ mainBranch: true }, { deployedOrReleased: true }];
/** WIP pacts since this date unless PACT_INCLUDE_WIP_PACTS_SINCE says otherwise (any pact still pending). */
const DEFAULT_WIP_SINCE = '2020-01-01';

function brokerAuth(env: Env): BrokerAuth | undefined {
  if (env['PACT_BROKER_TOKEN']) return { token: env['PACT_BROKER_TOKEN'] };
  const username = env['PACT_BROKER_USERNAME'];
  const password = env['PACT_BROKER_PASSWORD'];
  if (username && !password) throw new WorkflowConfigError('PACT_BROKER_USERNAME is set without PACT_BROKER_PASSWORD.');
  return username && password ? { username, password } : undefined;
}

function selectors(env: Env): ConsumerVersionSelector[] {
  const raw = env['PACT_CONSUMER_VERSION_SELECTORS'];
  if (!raw) return DEFAULT_SELECTORS;
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw new WorkflowConfigError('PACT_CONSUMER_VERSION_SELECTORS must be a JSON array of selectors.');
  }
  if (!Array.isArray(parsed) || parsed.length === 0 || !parsed.every((s) => typeof s === 'object' && s !== null && !Array.isArray(s))) {
    throw new WorkflowConfigError('PACT_CONSUMER_VERSION_SELECTORS must be a non-empty JSON array of selector objects.');
  }
  return parsed as ConsumerVersionSelector[];
}

function pactSource(env: Env, args: string[]): PactSource {
  if (args.length > 0) {
    const files = args.map((a) => resolve(a));
    const missing = files.find((f) => !existsSync(f));
    if (missing) throw new WorkflowConfigError(`The pact file ${missing} does not exist.`);
    return { kind: 'files', files };
  }
  const url = env['PACT_BROKER_BASE_URL']?.trim();
  if (url) {
    try {
      new URL(url);
    } catch {
      throw new WorkflowConfigError('PACT_BROKER_BASE_URL is not a valid URL.');
    }
    const wip = env['PACT_INCLUDE_WIP_PACTS_SINCE']?.trim() || DEFAULT_WIP_SINCE;
    if (Number.isNaN(Date.parse(wip))) throw new WorkflowConfigError('PACT_INCLUDE_WIP_PACTS_SINCE must be a date (YYYY-MM-DD).');
    const auth = brokerAuth(env);
    return {
      kind: 'broker',
      url,
      ...(auth ? { auth } : {}),
      selectors: selectors(env),
      enablePending: env['PACT_ENABLE_PENDING'] !== 'false',
      includeWipPactsSince: wip,
    };
  }
  const files = existsSync(PACTS_DIR) ? readdirSync(PACTS_DIR).filter((f) => f.endsWith('.json')).map((f) => join(PACTS_DIR, f)) : [];
  if (files.length === 0) throw new WorkflowConfigError(`No pact file in ${PACTS_DIR}: run \`npm run pact:consumer\` or set PACT_BROKER_BASE_URL.`);
  return { kind: 'files', files };
}

function publishResults(env: Env, source: PactSource): PublishResults | undefined {
  if (env['PACT_PUBLISH_VERIFICATION_RESULTS'] !== 'true') return undefined;
  if (source.kind !== 'broker') {
    throw new WorkflowConfigError('PACT_PUBLISH_VERIFICATION_RESULTS=true needs the pacts from a broker (PACT_BROKER_BASE_URL).');
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

async function main(): Promise<number> {
  const env = loadDotEnv(process.cwd());
  const config = loadConfig(env);
  const source = pactSource(env, process.argv.slice(2));
  const publish = publishResults(env, source);
  const providerBranch = branchFrom(env, 'PACT_PROVIDER_BRANCH');
  for (const warning of config.warnings) process.stderr.write(`pact:verify: warning: ${warning}\n`);

  const resolved = await resolveTarget(config);
  try {
    const target = verifyTarget(config, resolved);
    const report = await verifyPacts({ target, source, ...(publish ? { publish } : {}), ...(providerBranch ? { providerBranch } : {}) });
    process.stdout.write(`\n${formatReport(report, target)}\n`);
    return report.status === 'passed' ? 0 : 1;
  } finally {
    await resolved.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof ConfigError || error instanceof WorkflowConfigError) {
      process.stderr.write(`pact:verify: ${error.message}\n`);
      process.exit(2);
    }
    process.stderr.write(`pact:verify: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
