// The one place where a result's failure text is written (schemathesis: `format_failures`, reused by its
// junit reporter). The terminal, junit.xml, summary.md and index.html all call it, so a failure reads the
// same wherever a person meets it.
import type { Failure, ScenarioResult } from '../results/model.ts';
import { attemptsText } from './view.ts';

/** `[check] title: message`; a message's further lines are indented under the first. */
export function formatFailure(failure: Failure): string {
  const [first = '', ...rest] = failure.message.split(/\r?\n/);
  return [`[${failure.check}] ${failure.title}: ${first}`, ...rest.map((line) => `  ${line}`)].join('\n');
}

/**
 * The failure text of a result: one `[check] title: message` entry per failure, every failed check listed.
 * A `fail` or `known` result recorded without failures falls back to its reason, so it is never blank;
 * passes and skips have no failure text (their reason is shown apart).
 */
export function formatFailureText(
  result: Pick<ScenarioResult, 'verdict' | 'reason' | 'failures'> & Partial<Pick<ScenarioResult, 'attempts' | 'confirmation'>>,
): string {
  const failures = result.failures ?? [];
  // Every attempt is shown with the failure it led to, so "confirmed" and "intermittent" show both answers.
  const attempts = attemptsText(result);
  if (failures.length > 0) return [...failures.map(formatFailure), ...(attempts ? [attempts] : [])].join('\n');
  if (result.verdict === 'fail' || result.verdict === 'known') {
    return result.reason ?? 'failed, with no failure recorded';
  }
  return '';
}
