// The end of the terminal output: the verdict, the counts and the code × operation matrix.
import { catalogOf, OPERATION_IDS } from '../catalog/index.ts';
import type { ConformanceReport, CoverageState } from '../results/model.ts';

const CELL: Record<CoverageState, string> = { asserted: 'asserted', observed: 'observed', unreached: '·' };

export function terminalSummary(report: ConformanceReport, reportFiles: readonly string[]): string {
  const { summary } = report;
  const verdict = report.exitCode === 0 ? 'PASS' : 'FAIL';
  const lines = [
    '',
    `${verdict}  ${summary.passed} passed, ${summary.failed} failed, ${summary.skipped} skipped, ${summary.known} known` +
      `  · ${report.sends} send(s) · seed ${report.seed} · ${report.durationMs} ms · target ${report.target}`,
    '',
    `  ${'code'.padEnd(6)}${OPERATION_IDS.map((op) => op.padEnd(20)).join('')}meaning`,
  ];
  const first = OPERATION_IDS[0]!;
  for (const entry of catalogOf(first)) {
    const cells = OPERATION_IDS.map((op) => CELL[report.coverage[op]?.[String(entry.code)] ?? 'unreached'].padEnd(20));
    lines.push(`  ${String(entry.code).padEnd(6)}${cells.join('')}${entry.meaning}`);
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
