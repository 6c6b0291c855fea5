// Renders a drift report for people (the default output) and for machines (`--json`).
import type { DriftReport, OperationDrift } from './compare-catalog.ts';

const quote = (text: string): string => `"${text}"`;
const list = (codes: readonly number[]): string => codes.join(', ');

function describeStatuses(statuses: readonly number[]): string {
  return statuses.length === 0 ? 'no HTTP status' : `HTTP ${statuses.join(' / ')}`;
}

function formatOperation(op: OperationDrift): string[] {
  const title = `${op.operation}${op.deprecated ? ' (deprecated)' : ''}`;
  const elsewhere = op.documentedElsewhere.length > 0
    ? `; ${list(op.documentedElsewhere)} documented on the authentication page, not compared`
    : '';
  const lines = [
    op.differences === 0
      ? `${title}: no drift (${op.agreeing.length} codes agree${elsewhere})`
      : `${title}: ${op.differences} difference${op.differences === 1 ? '' : 's'} (${op.agreeing.length} codes agree${elsewhere})`,
  ];
  for (const c of op.missingFromSpec) {
    lines.push(`  + code ${c.code} is on the page but not in the spec: ${quote(c.pageDescription)}`);
  }
  for (const c of op.missingFromPage) {
    lines.push(`  - code ${c.code} is in the spec but not on the page: ${quote(c.specMeaning)}`);
  }
  for (const c of op.changedMeanings) {
    const why = c.negationDiffers ? 'negation differs' : `similarity ${c.similarity.toFixed(2)}`;
    lines.push(`  ~ code ${c.code} has a changed meaning (${why}):`);
    lines.push(`      page: ${quote(c.pageDescription)}`);
    lines.push(`      spec: ${quote(c.specMeaning)}`);
  }
  if (op.errorStatus.drift) {
    lines.push(`  ! errors: the page gives ${describeStatuses(op.errorStatus.page)}, the spec ${describeStatuses(op.errorStatus.spec)}`);
  }
  if (op.successBody.drift) {
    lines.push('  ! success: the page describes its response but no longer says the body is empty; the spec says it is');
  }
  return lines;
}

export function formatDrift(report: DriftReport): string {
  const first = report.operations[0];
  const statusLine = first && first.errorStatus.page.length > 0
    ? `errors stated as ${describeStatuses(first.errorStatus.page)}`
    : 'no HTTP status stated for errors';
  const bodyLine = !first ? '' : first.successBody.page === 'empty'
    ? 'success body stated empty'
    : first.successBody.page === 'not-stated' ? 'success body not said to be empty' : 'no success response described';
  const lines = [
    `Docs drift check of ${report.source}`,
    `Page: ${report.pageCodes.length} error codes (${list(report.pageCodes)}); ${statusLine}; ${bodyLine}.`,
    `Meanings agree at token-set (Jaccard) similarity >= ${report.threshold}.`,
    '',
    ...report.operations.flatMap(formatOperation),
  ];
  if (report.warnings.length > 0) {
    lines.push('', 'Warnings:', ...report.warnings.map((w) => `  * ${w}`));
  }
  lines.push(
    '',
    report.drift
      ? `Result: DRIFT, ${report.differences} difference${report.differences === 1 ? '' : 's'} over ${report.operations.length} operation${report.operations.length === 1 ? '' : 's'}.`
      : 'Result: no drift, the page and the spec agree.',
  );
  return `${lines.join('\n')}\n`;
}

export function formatDriftJson(report: DriftReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
