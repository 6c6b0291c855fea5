// `summary.md`: the run at a glance, written for `$GITHUB_STEP_SUMMARY` (GitHub-flavoured Markdown, tables,
// no scripts or images). Every value from the model is escaped: messages echo what the target answered.
import type { ConformanceReport } from '../results/model.ts';
import { escapeMarkdown as md, escapeMarkdownCell as cell } from './escape.ts';
import { formatFailureText } from './format-failure.ts';
import {
  coverageMatrix, describeObserved, formatDuration, matrixLegend, MATRIX_SYMBOL, missingRequiredCodes,
  overallVerdict, resultsWith, skippedByReason,
} from './view.ts';

function table(head: readonly string[], align: readonly string[], rows: readonly (readonly string[])[]): string[] {
  return [`| ${head.join(' | ')} |`, `|${align.join('|')}|`, ...rows.map((r) => `| ${r.join(' | ')} |`)];
}

function section(title: string, body: string[], emptyText: string, count?: number): string[] {
  const heading = `## ${title}${count === undefined ? '' : ` (${count})`}`;
  return ['', heading, '', ...(body.length > 0 ? body : [emptyText])];
}

export function renderMarkdown(report: ConformanceReport): string {
  const verdict = overallVerdict(report);
  const { summary } = report;
  const exit = verdict.exitCode === undefined ? '' : ` (exit ${verdict.exitCode})`;
  const lines: string[] = [
    `# Send OTP conformance: ${verdict.passed ? '✅' : '❌'} ${verdict.label}${exit}`,
    '',
    `**Target:** ${md(report.target)}  `,
    `**Started:** ${md(report.startedAt)} · **Duration:** ${formatDuration(report.durationMs)}  `,
    `**Results:** ${summary.passed} passed · ${summary.failed} failed · ${summary.skipped} skipped · ` +
      `${summary.known} known  `,
    `**Sends:** ${report.sends}${report.seed === undefined ? '' : ` · **Seed:** ${report.seed}`}`,
  ];
  if (verdict.note) lines.push('', `> **Warning:** ${md(verdict.note)}`);
  if (report.checksOff?.length) lines.push('', `> **Checks switched off (LEAN_SKIP_CHECKS):** ${md(report.checksOff.join(', '))}`);

  const matrix = coverageMatrix(report);
  lines.push(
    ...section('Coverage: code × operation', [
      ...table(
        ['Code', 'Meaning', ...matrix.operations.map(cell)],
        ['---:', '---', ...matrix.operations.map(() => ':---:')],
        matrix.rows.map((row) => [String(row.code), cell(row.meaning), ...row.cells.map((c) => MATRIX_SYMBOL[c])]),
      ),
      '',
      ...matrixLegend(matrix).map(([state, text]) => `- ${MATRIX_SYMBOL[state]} ${md(text)}`),
    ], ''),
  );

  const failed = resultsWith(report, 'fail');
  lines.push(...section('Failures', failed.length === 0 ? [] : table(
    ['Operation', 'Scenario', 'Failure'],
    ['---', '---', '---'],
    failed.map((r) => [cell(r.operation), cell(r.scenario), cell(formatFailureText(r))]),
  ), 'No failures.', failed.length));

  const known = resultsWith(report, 'known');
  lines.push(...section('Known divergences', known.length === 0 ? [] : table(
    ['Operation', 'Scenario', 'Observed', 'Reason', 'Failure'],
    ['---', '---', '---', '---', '---'],
    known.map((r) => [
      cell(r.operation), cell(r.scenario), cell(describeObserved(r.observed)), cell(r.reason ?? ''),
      cell(r.failures?.length ? formatFailureText(r) : ''),
    ]),
  ), 'None.', known.length));

  const skipped = skippedByReason(report);
  lines.push(...section('Skipped', skipped.length === 0 ? [] : table(
    ['Reason', 'Results'],
    ['---', '---:'],
    skipped.map((g) => [cell(g.reason), String(g.count)]),
  ), 'None.', summary.skipped));

  const notices = report.baseline ?? [];
  if (notices.length > 0) {
    lines.push(...section('Baseline notices', table(
      ['State', 'Operation', 'Scenario', 'Until', 'Reason'],
      ['---', '---', '---', '---', '---'],
      notices.map((n) => [
        n.state === 'expired' ? '⏰ expired: fails again' : '🧹 stale: divergence no longer occurs',
        cell(n.operation), cell(n.scenario), cell(n.until), cell(n.reason),
      ]),
    ), '', notices.length));
  }

  const missing = missingRequiredCodes(report);
  if (missing.length > 0) {
    lines.push(...section('Required codes missing', table(
      ['Operation', 'Code', 'Meaning'],
      ['---', '---:', '---'],
      missing.map((m) => [cell(m.operation), String(m.code), cell(m.meaning)]),
    ), '', missing.length));
  }
  return `${lines.join('\n')}\n`;
}
