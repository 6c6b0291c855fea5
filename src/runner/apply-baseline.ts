// Applies the known divergences to a run's results (interface.md, "Known-divergences file"). Pure: the date is
// injected, so the outcome of a run never depends on when its tests happen to execute.
import type { BaselineNotice, ScenarioResult } from '../results/model.ts';
import type { BaselineEntry } from '../baseline/types.ts';

/** `YYYY-MM-DD` of a date in UTC: entries are compared by day, whatever the runner's time zone. */
export function utcDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** An entry applies up to and including its `until` day. */
export function isExpired(entry: BaselineEntry, today: Date): boolean {
  return entry.until < utcDay(today);
}

function matches(entry: BaselineEntry, result: ScenarioResult): boolean {
  return result.verdict === 'fail' &&
    result.observed !== null &&
    result.operation === entry.operation &&
    result.scenario === entry.scenario &&
    result.observed.status === entry.observed.status &&
    result.observed.code === entry.observed.code;
}

function notice(entry: BaselineEntry, state: BaselineNotice['state']): BaselineNotice {
  return { operation: entry.operation, scenario: entry.scenario, state, until: entry.until, reason: entry.reason };
}

/**
 * A failing result that matches a live entry becomes `known` (reason from the entry, failures kept). A match on
 * an expired entry stays `fail` and says so, with an `expired` notice. An entry that matches no failing result
 * gets a `stale` notice, except when its scenario was only skipped on that operation this run: nothing was
 * learnt about it then (an expired one still gets its `expired` notice, as a reminder).
 * Inputs are not modified.
 */
export function applyBaseline(
  entries: readonly BaselineEntry[],
  results: readonly ScenarioResult[],
  today: Date,
): { results: ScenarioResult[]; notices: BaselineNotice[] } {
  const out = [...results];
  const notices: BaselineNotice[] = [];
  for (const entry of entries) {
    const expired = isExpired(entry, today);
    let matched = false;
    out.forEach((result, i) => {
      if (!matches(entry, result)) return;
      matched = true;
      if (expired) {
        const note = `baseline entry expired ${entry.until}`;
        out[i] = { ...result, reason: result.reason === null ? note : `${result.reason} (${note})` };
      } else {
        out[i] = { ...result, verdict: 'known', reason: entry.reason };
      }
    });
    if (matched) {
      if (expired) notices.push(notice(entry, 'expired'));
      continue;
    }
    const ran = results.filter((r) => r.operation === entry.operation && r.scenario === entry.scenario);
    const onlySkipped = ran.length > 0 && ran.every((r) => r.verdict === 'skip');
    if (!onlySkipped) notices.push(notice(entry, 'stale'));
    else if (expired) notices.push(notice(entry, 'expired'));
  }
  return { results: out, notices };
}
