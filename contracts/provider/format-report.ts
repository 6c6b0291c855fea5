// The summary a person reads at the end of `npm run pact:verify`: the suite's own words and the pact's
// interaction descriptions, never a secret (the Verifier's output is redacted where it is printed).
import { PROVIDER } from '../shared/names.ts';
import type { LeftOut } from './plan.ts';
import type { VerificationReport, VerifyTarget } from './types.ts';

export function formatReport(report: VerificationReport, target: Pick<VerifyTarget, 'name'>): string {
  const lines = [`Pact verification of ${PROVIDER} at ${target.name}`];
  const failed = new Set(report.failedInteractions);
  const passed = report.verified.filter((v) => !failed.has(v.description)).length;
  lines.push(`  verified: ${report.verified.length} interaction(s)${report.status === 'passed' ? ', all passed' : `, ${passed} passed`}`);
  const list = (title: string, items: LeftOut[]): void => {
    if (items.length === 0) return;
    lines.push(`  ${title}: ${items.length}`);
    for (const item of items) lines.push(`    - ${item.description}: ${item.reason}`);
  };
  list('not verifiable', report.notVerifiable);
  list('skipped (budget)', report.skippedBudget);
  if (report.failedInteractions.length > 0) {
    lines.push(`  failed: ${report.failedInteractions.length}`);
    for (const description of report.failedInteractions) lines.push(`    - ${description}`);
  }
  for (const failure of report.pendingFailures) lines.push(`  pending pact failed (does not fail the run): ${failure}`);
  for (const note of report.notes) lines.push(`  note: ${note}`);
  if (report.resultsPublished) lines.push('  results published to the broker');
  lines.push(report.status === 'passed' ? 'result: passed' : `result: FAILED — ${report.failure ?? 'see above'}`);
  return lines.join('\n');
}
