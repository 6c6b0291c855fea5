// The broker workflow with the real `pact` CLI: publish (consumer CI), can-i-deploy (before any deployment),
// record-deployment (after it). Broker location and credentials come from the standard PACT_BROKER_* variables,
// which the CLI reads from its environment itself, so no secret ever appears on a command line.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { CONSUMER, PACTS_DIR, PROVIDER } from '../shared/names.ts';
import { runPactCli, type PactCliResult } from './pact-cli.ts';

/** A usage or configuration problem, found before anything is sent: exit 2 with this one sentence. */
export class WorkflowConfigError extends Error {
  override readonly name = 'WorkflowConfigError';
}

type Env = NodeJS.ProcessEnv;

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
  if (!value) throw new WorkflowConfigError(`${variable} is not set and no git commit could be read to use instead.`);
  return value;
}

/** The branch of this checkout: the variable when set, else the current git branch (none on a detached HEAD). */
export function branchFrom(env: Env, variable: string): string | undefined {
  return env[variable]?.trim() || git(['rev-parse', '--abbrev-ref', 'HEAD']);
}

export function brokerUrlFrom(env: Env): string {
  const url = env['PACT_BROKER_BASE_URL']?.trim();
  if (!url) throw new WorkflowConfigError('PACT_BROKER_BASE_URL is not set: the broker workflow needs the broker\'s URL.');
  try {
    new URL(url);
  } catch {
    throw new WorkflowConfigError(`PACT_BROKER_BASE_URL is not a valid URL.`);
  }
  if (env['PACT_BROKER_USERNAME'] && !env['PACT_BROKER_PASSWORD']) {
    throw new WorkflowConfigError('PACT_BROKER_USERNAME is set without PACT_BROKER_PASSWORD.');
  }
  return url;
}

export interface PublishOptions {
  env?: Env;
  /** Folder of the pact files; default contracts/pacts. */
  pactsDir?: string;
  echo?: boolean;
}

export interface WorkflowResult extends PactCliResult {
  /** What was asked, for the log line of the entry points (never a secret). */
  summary: string;
}

export async function publishPacts(options: PublishOptions = {}): Promise<WorkflowResult> {
  const env = options.env ?? process.env;
  const brokerUrl = brokerUrlFrom(env);
  const dir = options.pactsDir ?? PACTS_DIR;
  const files = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.json')) : [];
  if (files.length === 0) {
    throw new WorkflowConfigError(`No pact file in ${dir}: run \`npm run pact:consumer\` first.`);
  }
  const version = versionFrom(env, 'PACT_CONSUMER_VERSION');
  const branch = branchFrom(env, 'PACT_CONSUMER_BRANCH');
  const args = ['broker', 'publish', ...files.map((f) => join(dir, f)), '--broker-base-url', brokerUrl, '--consumer-app-version', version];
  if (branch) args.push('--branch', branch);
  if (env['PACT_BUILD_URL']) args.push('--build-url', env['PACT_BUILD_URL']);
  const result = await runPactCli(args, { env, echo: options.echo });
  return { ...result, summary: `publish ${files.length} pact(s) as ${CONSUMER} ${version}${branch ? ` on branch ${branch}` : ''}` };
}

export interface DeploymentQuery {
  pacticipant: string;
  version: string;
  environment: string;
}

/**
 * Which application, version and environment a can-i-deploy or record-deployment is about. Command-line flags
 * win over PACT_PACTICIPANT, PACT_PACTICIPANT_VERSION and PACT_ENVIRONMENT; the version falls back to the
 * pacticipant's own version variable (PACT_CONSUMER_VERSION or PACT_PROVIDER_VERSION), then to git.
 */
export function deploymentQueryFrom(env: Env, argv: readonly string[] = []): DeploymentQuery {
  const flag = (name: string): string | undefined => {
    const i = argv.indexOf(`--${name}`);
    if (i < 0) return undefined;
    const value = argv[i + 1];
    if (value === undefined || value.startsWith('--')) throw new WorkflowConfigError(`--${name} needs a value.`);
    return value;
  };
  const known = new Set(['--pacticipant', '--version', '--environment']);
  argv.forEach((arg, i) => {
    if (arg.startsWith('--') && !known.has(arg)) throw new WorkflowConfigError(`Unknown option ${arg} (known: ${[...known].join(', ')}).`);
    if (!arg.startsWith('--') && !known.has(argv[i - 1] ?? '')) throw new WorkflowConfigError(`Unexpected argument ${arg}.`);
  });
  const pacticipant = flag('pacticipant') ?? env['PACT_PACTICIPANT']?.trim() ?? CONSUMER;
  if (pacticipant !== CONSUMER && pacticipant !== PROVIDER) {
    throw new WorkflowConfigError(`PACT_PACTICIPANT must be ${CONSUMER} or ${PROVIDER}, not ${pacticipant}.`);
  }
  const ownVariable = pacticipant === CONSUMER ? 'PACT_CONSUMER_VERSION' : 'PACT_PROVIDER_VERSION';
  const version = flag('version') ?? (env['PACT_PACTICIPANT_VERSION']?.trim() || versionFrom(env, ownVariable));
  const environment = flag('environment') ?? env['PACT_ENVIRONMENT']?.trim();
  if (!environment) throw new WorkflowConfigError('PACT_ENVIRONMENT is not set: name the environment (e.g. production).');
  return { pacticipant, version, environment };
}

export async function canIDeploy(query: DeploymentQuery, options: { env?: Env; echo?: boolean } = {}): Promise<WorkflowResult> {
  const env = options.env ?? process.env;
  const args = [
    'broker', 'can-i-deploy', '--broker-base-url', brokerUrlFrom(env),
    '--pacticipant', query.pacticipant, '--version', query.version, '--to-environment', query.environment,
  ];
  // Polling for results still being verified (the provider's webhook-triggered build) is opt-in.
  if (env['PACT_RETRY_WHILE_UNKNOWN']) args.push('--retry-while-unknown', env['PACT_RETRY_WHILE_UNKNOWN']);
  if (env['PACT_RETRY_INTERVAL']) args.push('--retry-interval', env['PACT_RETRY_INTERVAL']);
  const result = await runPactCli(args, { env, echo: options.echo });
  return { ...result, summary: `can-i-deploy ${query.pacticipant} ${query.version} to ${query.environment}` };
}

export async function recordDeployment(query: DeploymentQuery, options: { env?: Env; echo?: boolean } = {}): Promise<WorkflowResult> {
  const env = options.env ?? process.env;
  const args = [
    'broker', 'record-deployment', '--broker-base-url', brokerUrlFrom(env),
    '--pacticipant', query.pacticipant, '--version', query.version, '--environment', query.environment,
  ];
  if (env['PACT_APPLICATION_INSTANCE']) args.push('--application-instance', env['PACT_APPLICATION_INSTANCE']);
  const result = await runPactCli(args, { env, echo: options.echo });
  return { ...result, summary: `record-deployment of ${query.pacticipant} ${query.version} to ${query.environment}` };
}
