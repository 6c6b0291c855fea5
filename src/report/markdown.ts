// `summary.md`: the run at a glance, written for `$GITHUB_STEP_SUMMARY` (GitHub-flavoured Markdown, tables,
// no scripts or images). The verdict and why come first, then the matrix. Text that came from the target
// (failure messages, reasons) is rendered as code, never as Markdown, so a URL it sent back is never a link;
// the suite's own words are escaped.
import type { ConformanceReport, ScenarioResult } from '../results/model.ts';
import { renderComparisonMarkdown } from './compare-view.ts';
import {
  codeCell, codeSpan, escapeHtml as h, escapeMarkdown as md, escapeMarkdownCell as cell, fencedBlock, terminalText,
} from './escape.ts';
import { formatFailureText } from './format-failure.ts';
import { reproducerOf } from './reproducer.ts';
import {
  CELL_WORD, cellText, coverageMatrix, describeExpected, describeObserved, formatDuration, matrixLegend,
  missingRequiredCodes, overallVerdict, resultsWith, skippedByReason, verdictLine, type MatrixCell,
} from './view.ts';

function table(head: readonly string[], align: readonly string[], rows: readonly (readonly string[])[]): string[] {
  return [`| ${head.join(' | ')} |`, `|${align.join('|')}|`, ...rows.map((r) => `| ${r.join(' | ')} |`)];
}

function section(title: string, body: string[], emptyText: string, count?: unknown): string[] {
  const heading = `## ${title}${count === undefined ? '' : ` (${md(count)})`}`;
  return ['', heading, '', ...(body.length > 0 ? body : [emptyText])];
}

// Colour beside the word, never instead of it: GitHub has no text colour, but it renders these squares.
function mark(c: MatrixCell): string {
  if (c.alarm) return '🟥';
  return c.state === 'asserted' ? '🟩' : c.state === 'observed' ? '🟦' : '⬜';
}

function matrixCell(c: MatrixCell): string {
  return `${mark(c)} ${cell(cellText(c))}`;
}

function reproducerBlock(r: ScenarioResult, report: ConformanceReport): string[] {
  const { curl, notes, rerun } = reproducerOf(r, report);
  return [
    '<details>',
    // Inside an HTML block Markdown is not parsed, so this line is escaped as HTML, not as Markdown, and kept one line.
    `<summary>${h(terminalText(`${r.operation} ${r.scenario}: expected ${describeExpected(r.expected)}, got ${describeObserved(r.observed)}`))}</summary>`,
    '',
    ...(curl === null ? ['No request was recorded for this step.'] : [fencedBlock(curl, 'sh')]),
    ...notes.map((n) => `- ${md(n)}`),
    '',
    'Re-run just this step:',
    '',
    fencedBlock(rerun, 'sh'),
    '',
    '</details>',
  ];
}

export function renderMarkdown(report: ConformanceReport): string {
  const verdict = overallVerdict(report);
  const { summary } = report;
  const exit = verdict.exitCode === undefined ? '' : ` (exit ${md(verdict.exitCode)})`;
  const lines: string[] = [
    `# Send OTP conformance: ${verdict.passed ? '✅' : verdict.verdict === 'inconclusive' ? '⚠️' : '❌'} ${verdict.label}${exit}`,
    '',
    `**${md(verdictLine(verdict))}**`,
    '',
    `**Target:** ${codeSpan(report.target)} · **Started:** ${md(report.startedAt)} · **Duration:** ${md(formatDuration(report.durationMs))}  `,
    `**Results:** ${md(summary.passed)} passed · ${md(summary.failed)} failed · ${md(summary.skipped)} skipped · ` +
      `${md(summary.known)} known  `,
    `**Sends:** ${md(report.sends)}${report.seed === undefined ? '' : ` · **Seed:** ${md(report.seed)}`}` +
      `${(summary.retried ?? 0) > 0 ? `  \n**Retried:** ${md(summary.retried)} · **recovered:** ${md(summary.recovered ?? 0)} · **intermittent:** ${md(summary.intermittent ?? 0)}` : ''}`,
  ];
  if (verdict.verdict === 'inconclusive') {
    lines.push('', `> **Inconclusive (exit ${md(verdict.exitCode ?? 3)}):** the target stopped answering before any definitive failure; ` +
      'this says nothing about the contract. Re-run when the target answers.');
  }
  if (verdict.note) lines.push('', `> **Warning:** ${md(verdict.note)}`);
  if (report.checksOff?.length) lines.push('', `> **Checks switched off (LEAN_SKIP_CHECKS):** ${md(report.checksOff.join(', '))}`);

  const matrix = coverageMatrix(report);
  lines.push(
    ...section('Coverage: code × operation', [
      ...table(
        ['Code', 'Meaning', ...matrix.operations.map(cell)],
        ['---:', '---', ...matrix.operations.map(() => '---')],
        matrix.rows.map((row) => [cell(row.label), cell(row.meaning), ...row.cells.map(matrixCell)]),
      ),
      '',
      ...matrixLegend(matrix).map(([state, text]) => `- **${CELL_WORD[state]}**: ${md(text)}`),
      '- 🟥 red: act on it · 🟩 asserted · 🟦 observed · ⬜ not reached',
    ], ''),
  );

  const failed = resultsWith(report, 'fail');
  lines.push(...section('Failures', failed.length === 0 ? [] : table(
    ['Operation', 'Scenario', 'Expected', 'Got', 'Failure'],
    ['---', '---', '---', '---', '---'],
    failed.map((r) => [
      cell(r.operation), cell(r.scenario), cell(describeExpected(r.expected)), cell(describeObserved(r.observed)),
      codeCell(formatFailureText(r)),
    ]),
  ), 'No failures.', failed.length));
  if (failed.length > 0) lines.push(...section('Reproducers', failed.flatMap((r) => reproducerBlock(r, report)), ''));

  const deliveries = report.unexpectedDeliveries ?? [];
  if (deliveries.length > 0) {
    lines.push(...section('Unexpected deliveries', table(
      ['Operation', 'Scenario'], ['---', '---'], deliveries.map((d) => [cell(d.operation), cell(d.scenario)]),
    ), '', deliveries.length));
  }

  const known = resultsWith(report, 'known');
  lines.push(...section('Known divergences', known.length === 0 ? [] : table(
    ['Operation', 'Scenario', 'Observed', 'Reason', 'Failure'],
    ['---', '---', '---', '---', '---'],
    known.map((r) => [
      cell(r.operation), cell(r.scenario), cell(describeObserved(r.observed)), cell(r.reason ?? ''),
      codeCell(r.failures?.length ? formatFailureText(r) : ''),
    ]),
  ), 'None.', known.length));

  const skipped = skippedByReason(report);
  lines.push(...section('Skipped', skipped.length === 0 ? [] : table(
    ['Reason', 'Results'],
    ['---', '---:'],
    skipped.map((g) => [cell(g.reason), cell(g.count)]),
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
      missing.map((m) => [cell(m.operation), cell(m.code), cell(m.meaning)]),
    ), '', missing.length));
  }
  if (report.comparison) lines.push('', ...renderComparisonMarkdown(report.comparison, 2));
  return `${lines.join('\n')}\n`;
}
