// A baseline entry must name a scenario the suite has: a misspelt one (`fixture:notSmsDevise`) would match
// nothing and only ever yield a "stale" notice, so it is a configuration error with a did-you-mean hint. A
// malformed step named as the first releases named them (`malformed:03:not-json`) gets the new form instead.
import type { BaselineEntry } from '../baseline/types.ts';
import { ConfigError, didYouMean, quoteName } from '../input/index.ts';
import { isScenarioName, STATIC_SCENARIO_NAMES } from '../scenarios/names.ts';

function hint(name: string): string {
  if (isScenarioName(name, { earlierReleases: true })) {
    return ' (an earlier release\'s name: malformed steps are now named by kind and index within the kind, ' +
      '`malformed:<kind>` for the fixed body, `malformed:<kind>:<n>` for the n-th drawn one)';
  }
  return didYouMean(name, STATIC_SCENARIO_NAMES);
}

export function checkBaselineScenarios(entries: readonly BaselineEntry[], source: string): void {
  entries.forEach((entry, i) => {
    if (isScenarioName(entry.scenario)) return;
    throw new ConfigError(
      'LEAN_BASELINE',
      `${source}: entry [${i}].scenario ${quoteName(entry.scenario)} is not a scenario of the suite${hint(entry.scenario)}`,
    );
  });
}
