// The end of the terminal output: the verdict, the counts and the code × operation matrix.
import { coverageMatrix, overallVerdict, type MatrixCell } from '../report/view.ts';
import type { ConformanceReport } from '../results/model.ts';

// Words rather than the reports' emoji: a CI log shows them whatever its font.
const CELL: Record<MatrixCell, string> = {
  asserted: 'asserted', observed: 'observed', unreached: '·', 'not-in-catalog': '—', 'not-reported': '?',
};

export function terminalSummary(report: ConformanceReport, reportFiles: readonly string[]): string {
  const { summary } = report;
  const verdict = overallVerdict(report).label;
  const matrix = coverageMatrix(report);
  const lines = [
    '',
    `${verdict}  ${summary.passed} passed, ${summary.failed} failed, ${summary.skipped} skipped, ${summary.known} known` +
      `  · ${report.sends} send(s) · seed ${report.seed} · ${report.durationMs} ms · target ${report.target}`,
    '',
    `  ${'code'.padEnd(6)}${matrix.operations.map((op) => op.padEnd(20)).join('')}meaning`,
  ];
  for (const row of matrix.rows) {
    lines.push(`  ${String(row.code).padEnd(6)}${row.cells.map((cell) => CELL[cell].padEnd(20)).join('')}${row.meaning}`);
  }
  for (const [op, codes] of Object.entries(report.requiredCodesMissing ?? {})) {
    lines.push(`  required by LEAN_REQUIRE_CODES but not asserted on ${op}: ${codes.join(', ')}`);
  }
  if (report.checksOff?.length) lines.push(`  checks switched off (LEAN_SKIP_CHECKS): ${report.checksOff.join(', ')}`);
  for (const notice of report.baseline ?? []) {
    lines.push(`  baseline entry ${notice.state}: ${notice.operation} ${notice.scenario} (until ${notice.until})`);
  }
  if (reportFiles.length) lines.push('', `  reports: ${reportFiles.join(', ')}`);
  return lines.join('\n');
}
