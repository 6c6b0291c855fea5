// `--operation <operationId>` and `--scenario <glob>` (each repeatable): which steps of a run are made. A glob's
// `*` matches any characters, so `--scenario 'fixture:*'` keeps every fixture scenario. A filter that can match
// nothing is a typo, not an empty run: it is refused with a did-you-mean hint.
import { OPERATION_IDS, type OperationId } from '../catalog/index.ts';
import { ConfigError, didYouMean, quoteName } from '../input/index.ts';
import { escapeRegExp } from '../secrets/index.ts';
import type { Step } from './session.ts';

export interface StepFilter {
  operations: readonly string[];
  scenarios: readonly string[];
}

export function globToRegExp(glob: string): RegExp {
  return new RegExp(`^${glob.split('*').map(escapeRegExp).join('.*')}$`);
}

/**
 * The step predicate of the filters, or undefined when none is given.
 * @param scenarioNames every scenario name of the run, to refuse a glob that matches none.
 * @throws ConfigError (`--operation` / `--scenario`) for an unknown operation or a glob matching no scenario.
 */
export function stepFilter(filter: StepFilter, scenarioNames: readonly string[]): ((step: Step) => boolean) | undefined {
  for (const op of filter.operations) {
    if (!(OPERATION_IDS as readonly string[]).includes(op)) {
      throw new ConfigError('--operation', `${quoteName(op)} is not an operation of the spec${didYouMean(op, OPERATION_IDS)}`);
    }
  }
  const patterns = filter.scenarios.map((glob) => {
    const pattern = globToRegExp(glob);
    if (!scenarioNames.some((name) => pattern.test(name))) {
      throw new ConfigError('--scenario', `${quoteName(glob)} matches no scenario of this run${didYouMean(glob, scenarioNames)}`);
    }
    return pattern;
  });
  if (filter.operations.length === 0 && patterns.length === 0) return undefined;
  const operations = new Set<OperationId>(filter.operations as OperationId[]);
  return (step) =>
    (operations.size === 0 || operations.has(step.operation)) &&
    (patterns.length === 0 || patterns.some((p) => p.test(step.scenario.name)));
}
