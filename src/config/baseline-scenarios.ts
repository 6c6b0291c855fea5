// A baseline entry must name a scenario the suite has: a misspelt one (`fixture:notSmsDevise`) would match
// nothing and only ever yield a "stale" notice, so it is a configuration error with a did-you-mean hint.
import type { BaselineEntry } from '../baseline/types.ts';
import { ConfigError, didYouMean, quoteName } from '../input/index.ts';
import { isScenarioName, STATIC_SCENARIO_NAMES } from '../scenarios/names.ts';

export function checkBaselineScenarios(entries: readonly BaselineEntry[], source: string): void {
  entries.forEach((entry, i) => {
    if (isScenarioName(entry.scenario)) return;
    throw new ConfigError(
      'LEAN_BASELINE',
      `${source}: entry [${i}].scenario ${quoteName(entry.scenario)} is not a scenario of the suite${didYouMean(entry.scenario, STATIC_SCENARIO_NAMES)}`,
    );
  });
}
