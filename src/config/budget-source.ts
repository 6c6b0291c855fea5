// Where a run's send budget (LEAN_MAX_SENDS) and rate (LEAN_RATE_LIMIT) come from. A `.env` is often written for
// one target (the sandbox's `--env-out` file holds a budget and a rate fit for the sandbox) and later sits in a
// directory whose runs aim elsewhere: its budget and rate then apply only when that same `.env` names the
// LEAN_BASE_URL in effect; otherwise they are ignored with a warning, and the target's defaults hold (0 sends
// at 5 requests per second against any target but the bundled provider). Every run says where its figures
// came from.
import type { DotEnvRead, Env } from '../input/index.ts';
import { loadConfig } from './load.ts';
import type { RunConfig } from './types.ts';

export type FigureSource = 'environment' | '.env' | 'default';

export interface BudgetSources {
  readonly maxSends: FigureSource;
  readonly rateLimit: FigureSource;
}

const BUDGET_VARIABLES = { maxSends: 'LEAN_MAX_SENDS', rateLimit: 'LEAN_RATE_LIMIT' } as const;

const isSet = (value: string | undefined): value is string => value !== undefined && value !== '';

/**
 * The environment with every budget figure that `.env` would lend to another target removed, the warnings that
 * say so, and the source of each figure.
 */
export function budgetFromDotEnv(read: DotEnvRead): { env: Env; sources: BudgetSources; warnings: string[] } {
  const env: Env = { ...read.env };
  const warnings: string[] = [];
  const fileUrl = read.file?.['LEAN_BASE_URL'];
  const namesTarget = isSet(fileUrl) && read.env['LEAN_BASE_URL'] === fileUrl;
  const sourceOf = (name: string): FigureSource => {
    if (!isSet(env[name])) return 'default';
    if (!read.fromFile.has(name)) return 'environment';
    if (namesTarget) return '.env';
    const why = isSet(fileUrl) ? 'names another LEAN_BASE_URL than the one in effect (from the environment)' : 'names no LEAN_BASE_URL';
    warnings.push(`${name} from .env is ignored: that .env ${why}, and a budget or rate applies only to the target it was written for; set ${name} in the environment, or LEAN_BASE_URL in the same .env.`);
    delete env[name];
    return 'default';
  };
  const sources = { maxSends: sourceOf(BUDGET_VARIABLES.maxSends), rateLimit: sourceOf(BUDGET_VARIABLES.rateLimit) };
  return { env, sources, warnings };
}

/** loadConfig over the environment and `.env`, with the budget rule above; the warnings are the config's. */
export function loadRunConfig(read: DotEnvRead, options: { cwd: string }): RunConfig {
  const { env, sources, warnings } = budgetFromDotEnv(read);
  const config = loadConfig(env, options);
  config.budgetSources = sources;
  config.warnings.unshift(...warnings);
  return config;
}

function described(source: FigureSource, remote: boolean): string {
  if (source === 'environment') return 'from the environment';
  if (source === '.env') return 'from .env';
  return remote ? 'default against a target other than the bundled provider' : 'default for the bundled reference provider';
}

/** One line: the budget and the rate of the run and where each came from (read by loadRunConfig). */
export function budgetLine(config: RunConfig): string {
  const sources = config.budgetSources;
  const remote = config.target.kind === 'remote';
  const from = (name: string, source: FigureSource | undefined): string => (source === undefined ? '' : ` (${name} ${described(source, remote)})`);
  const sends = Number.isFinite(config.maxSends) ? `${config.maxSends} real send${config.maxSends === 1 ? '' : 's'}` : 'unlimited real sends';
  const rate = config.rateLimit === undefined ? 'unlimited requests per second' : `${config.rateLimit} requests per second`;
  return `budget: ${sends}${from('LEAN_MAX_SENDS', sources?.maxSends)} · rate: ${rate}${from('LEAN_RATE_LIMIT', sources?.rateLimit)}`;
}
