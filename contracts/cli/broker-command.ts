// The shared shape of the broker-workflow entry points: parse the arguments (src/cli/args.ts), read the broker
// configuration, run one workflow step with the real `pact` CLI, echo its output redacted, and exit with its
// exit code; 2 with one sentence for a configuration error (nothing sent); 1 with one sentence when the broker
// cannot be reached.
import type { CommandSpec } from '../../src/cli/args.ts';
import { defineCommand } from '../../src/cli/command.ts';
import type { CliIo, CliMain, Env } from '../../src/cli/io.ts';
import { loadDotEnv } from '../../src/input/index.ts';
import { createRedactor } from '../../src/secrets/index.ts';
import type { PactCliOptions } from '../broker/pact-cli.ts';
import type { WorkflowResult } from '../broker/workflow.ts';
import { brokerFrom, brokerSecrets } from '../shared/broker-config.ts';
import { BrokerReadError } from '../shared/broker-http.ts';
import { redactedLines } from '../shared/redacted-lines.ts';

export type ParsedValues = Readonly<Record<string, string | boolean | string[] | undefined>>;
type Step = (env: Env, values: ParsedValues, run: { echo: NonNullable<PactCliOptions['echo']>; signal: AbortSignal }) => Promise<WorkflowResult>;

/** The PACT_BROKER_* variables every broker command reads, for `--help`. */
export const BROKER_VARIABLES_HELP = [
  'broker (a .env file in the working directory may set them too):',
  '  PACT_BROKER_BASE_URL  the broker; https unless it is on this machine, no user or password in it',
  '  PACT_BROKER_TOKEN     bearer token (PactFlow), or PACT_BROKER_USERNAME and PACT_BROKER_PASSWORD',
].join('\n');

export function brokerMain(name: string, spec: CommandSpec, step: Step): CliMain {
  return defineCommand(name, spec, async (args, env, io: CliIo) => {
    const merged = loadDotEnv(io.cwd, env);
    const redact = createRedactor({ values: brokerSecrets(brokerFrom(merged)) });
    const out = redactedLines(redact, io.out);
    const err = redactedLines(redact, io.err);
    const result = await step(merged, args.values, { echo: { out: (t) => out.push(t), err: (t) => err.push(t) }, signal: io.signal });
    out.flush();
    err.flush();
    io.err(`${name}: ${result.summary}: ${result.exitCode === 0 ? 'ok' : `exit ${result.exitCode}`}\n`);
    if (result.exitCode === 124) io.err(`${name}: the pact CLI did not finish within its deadline and was stopped.\n`);
    return result.exitCode;
  }, { failures: [[BrokerReadError, 1]] });
}

/** `--pacticipant`, `--version`, `--environment` of can-i-deploy and record-deployment. */
export const DEPLOYMENT_OPTIONS = {
  pacticipant: { type: 'string', value: 'name', doc: 'lean-otp-client or lean-disposable (default PACT_PACTICIPANT, else lean-otp-client)' },
  version: { type: 'string', value: 'v', doc: "the version (default PACT_PACTICIPANT_VERSION, else that pacticipant's version variable, else git)" },
  environment: { type: 'string', value: 'env', doc: 'the environment (default PACT_ENVIRONMENT)' },
} as const;

export function deploymentFlags(values: ParsedValues): { pacticipant?: string; version?: string; environment?: string } {
  const pick = (name: string): string | undefined => (typeof values[name] === 'string' ? values[name] : undefined);
  const flags: { pacticipant?: string; version?: string; environment?: string } = {};
  const pacticipant = pick('pacticipant');
  const version = pick('version');
  const environment = pick('environment');
  if (pacticipant !== undefined) flags.pacticipant = pacticipant;
  if (version !== undefined) flags.version = version;
  if (environment !== undefined) flags.environment = environment;
  return flags;
}
