// The broker workflow with the real `pact` CLI: publish (consumer CI), can-i-deploy (before any deployment),
// record-deployment (after it). The broker comes from shared/broker-config.ts (PACT_BROKER_*, read once); the
// CLI reads the token or password from its environment itself, so no secret ever appears on a command line.
// Each step first probes the broker with one bounded request, so an unreachable broker is one sentence within
// seconds, not the CLI's silent retries until a timeout.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError } from '../../src/input/index.ts';
import { requireBroker, type BrokerConfig } from '../shared/broker-config.ts';
import { brokerAgent, callBroker } from '../shared/broker-http.ts';
import { CONSUMER, PACTS_DIR, PROVIDER } from '../shared/names.ts';
import { runPactCli, type PactCliOptions, type PactCliResult } from './pact-cli.ts';

type Env = Readonly<Record<string, string | undefined>>;

/** How long the probe of the broker may take before the step gives up, in one sentence. */
export const PROBE_TIMEOUT_MS = 10_000;

function git(args: string[], cwd?: string): string | undefined {
  try {
    const out = execFileSync('git', args, { cwd, stdio: ['ignore', 'pipe', 'ignore'] }).toString('utf8').trim();
    return out === '' || out === 'HEAD' ? undefined : out;
  } catch {
    return undefined;
  }
}

/** The version of this checkout: the variable when set, else the git commit (the broker's recommended version). */
export function versionFrom(env: Env, variable: string): string {
  const value = env[variable]?.trim() || git(['rev-parse', 'HEAD']);
  if (!value) throw new ConfigError(variable, 'is not set and no git commit could be read to use instead');
  return value;
}

/** The branch of this checkout: the variable when set, else the current git branch (none on a detached HEAD). */
export function branchFrom(env: Env, variable: string): string | undefined {
  return env[variable]?.trim() || git(['rev-parse', '--abbrev-ref', 'HEAD']);
}

/** The broker answers its index within PROBE_TIMEOUT_MS, or the step stops with why. */
export async function probeBroker(broker: BrokerConfig, timeoutMs = PROBE_TIMEOUT_MS): Promise<void> {
  const agent = brokerAgent(timeoutMs);
  try {
    await callBroker(agent, broker.url, broker, { timeoutMs });
  } finally {
    await agent.destroy();
  }
}

export interface StepOptions {
  env?: Env;
  echo?: PactCliOptions['echo'];
  signal?: AbortSignal;
  /** Deadline of the `pact` CLI itself (default 60 s). */
  timeoutMs?: number;
}

export interface PublishOptions extends StepOptions {
  /** Folder of the pact files; default contracts/pacts. */
  pactsDir?: string;
}

export interface WorkflowResult extends PactCliResult {
  /** What was asked, for the log line of the entry points (never a secret). */
  summary: string;
}

async function runStep(broker: BrokerConfig, args: string[], options: StepOptions): Promise<PactCliResult> {
  await probeBroker(broker);
  const env = { ...(options.env ?? process.env) };
  return runPactCli(['broker', ...args, '--broker-base-url', broker.url], {
    env,
    ...(options.echo ? { echo: options.echo } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
  });
}

export async function publishPacts(options: PublishOptions = {}): Promise<WorkflowResult> {
  const env = options.env ?? process.env;
  const broker = requireBroker(env);
  const dir = options.pactsDir ?? PACTS_DIR;
  const files = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.json')) : [];
  if (files.length === 0) throw new ConfigError(dir, 'holds no pact file: run `npm run pact:consumer` first');
  const version = versionFrom(env, 'PACT_CONSUMER_VERSION');
  const branch = branchFrom(env, 'PACT_CONSUMER_BRANCH');
  const args = ['publish', ...files.map((f) => join(dir, f)), '--consumer-app-version', version];
  if (branch) args.push('--branch', branch);
  if (env['PACT_BUILD_URL']) args.push('--build-url', env['PACT_BUILD_URL']);
  const result = await runStep(broker, args, options);
  return { ...result, summary: `publish ${files.length} pact(s) as ${CONSUMER} ${version}${branch ? ` on branch ${branch}` : ''}` };
}

export interface DeploymentQuery {
  pacticipant: string;
  version: string;
  environment: string;
}

/** Command-line flags of can-i-deploy and record-deployment (parsed by src/cli/args.ts). */
export interface DeploymentFlags {
  pacticipant?: string;
  version?: string;
  environment?: string;
}

/**
 * Which application, version and environment a can-i-deploy or record-deployment is about. Command-line flags
 * win over PACT_PACTICIPANT, PACT_PACTICIPANT_VERSION and PACT_ENVIRONMENT; the version falls back to the
 * pacticipant's own version variable (PACT_CONSUMER_VERSION or PACT_PROVIDER_VERSION), then to git.
 */
export function deploymentQueryFrom(env: Env, flags: DeploymentFlags = {}): DeploymentQuery {
  const pacticipant = flags.pacticipant ?? (env['PACT_PACTICIPANT']?.trim() || CONSUMER);
  if (pacticipant !== CONSUMER && pacticipant !== PROVIDER) {
    throw new ConfigError(flags.pacticipant ? '--pacticipant' : 'PACT_PACTICIPANT', `must be ${CONSUMER} or ${PROVIDER}`);
  }
  const ownVariable = pacticipant === CONSUMER ? 'PACT_CONSUMER_VERSION' : 'PACT_PROVIDER_VERSION';
  const version = flags.version ?? (env['PACT_PACTICIPANT_VERSION']?.trim() || versionFrom(env, ownVariable));
  const environment = flags.environment ?? env['PACT_ENVIRONMENT']?.trim();
  if (!environment) throw new ConfigError('PACT_ENVIRONMENT', 'is not set: name the environment (e.g. production) or pass --environment');
  return { pacticipant, version, environment };
}

export async function canIDeploy(query: DeploymentQuery, options: StepOptions = {}): Promise<WorkflowResult> {
  const env = options.env ?? process.env;
  const broker = requireBroker(env);
  const args = ['can-i-deploy', '--pacticipant', query.pacticipant, '--version', query.version, '--to-environment', query.environment];
  // Polling for results still being verified (the provider's webhook-triggered build) is opt-in.
  if (env['PACT_RETRY_WHILE_UNKNOWN']) args.push('--retry-while-unknown', env['PACT_RETRY_WHILE_UNKNOWN']);
  if (env['PACT_RETRY_INTERVAL']) args.push('--retry-interval', env['PACT_RETRY_INTERVAL']);
  const result = await runStep(broker, args, options);
  return { ...result, summary: `can-i-deploy ${query.pacticipant} ${query.version} to ${query.environment}` };
}

export async function recordDeployment(query: DeploymentQuery, options: StepOptions = {}): Promise<WorkflowResult> {
  const env = options.env ?? process.env;
  const broker = requireBroker(env);
  const args = ['record-deployment', '--pacticipant', query.pacticipant, '--version', query.version, '--environment', query.environment];
  if (env['PACT_APPLICATION_INSTANCE']) args.push('--application-instance', env['PACT_APPLICATION_INSTANCE']);
  const result = await runStep(broker, args, options);
  return { ...result, summary: `record-deployment of ${query.pacticipant} ${query.version} to ${query.environment}` };
}
