// The comparison of runs as a person reads it, in every format that shows it: compare.md and the section of
// summary.md, the section of index.html, the terminal, and compare.json. Regressions come first, each change
// shows every run's outcome side by side, then the code × run matrix.
import type { ChangeKind, CompareCell, Comparison, RunOutcome } from '../results/model.ts';
import { escapeHtml as h, escapeMarkdown as md, escapeMarkdownCell as cell, terminalText as t } from './escape.ts';

/** The files conformance:compare writes into LEAN_REPORT_DIR (and removes there when it refuses its input). */
export const COMPARE_FILES = { markdown: 'compare.md', json: 'compare.json' } as const;

export const CHANGE_WORD: Readonly<Record<ChangeKind, string>> = {
  regression: 'regression: now fails',
  'changed-verdict': 'changed verdict',
  'newly-skipped': 'newly skipped',
  'changed-outcome': 'changed status or code',
  'newly-run': 'newly run',
  'not-reported': 'no longer reported',
};

export function outcomeText(outcome: RunOutcome | null): string {
  return outcome === null ? '(absent)' : `${outcome.verdict}: ${outcome.observed}`;
}

/** `1 regression · 3 changes · 76 unchanged`. */
export function comparisonHeadline(comparison: Comparison): string {
  const { regressions, changes, unchanged } = comparison;
  return `${regressions} regression${regressions === 1 ? '' : 's'} · ${changes.length} change${changes.length === 1 ? '' : 's'}` +
    ` · ${unchanged} unchanged`;
}

const CELL_MARK: Readonly<Record<CompareCell, string>> = {
  asserted: '🟩 asserted', failed: '🟥 failed', observed: '🟦 observed', unreached: '⬜ unreached', absent: '— absent',
};

function runNames(comparison: Comparison): string[] {
  return comparison.runs.map((run, i) => `${i + 1}. ${run.label}`);
}

export function renderComparisonMarkdown(comparison: Comparison, level: 1 | 2): string[] {
  const hashes = '#'.repeat(level);
  const runs = runNames(comparison);
  const lines = [
    `${hashes} Comparison with earlier runs: ${comparison.regressions > 0 ? '❌' : '✅'} ${comparison.regressions > 0 ? 'REGRESSION' : 'no regression'}`,
    '',
    `**${md(comparisonHeadline(comparison))}**`,
    '',
    ...comparison.runs.map((run, i) => `${i + 1}. ${cell(run.label)} · target ${cell(run.target)} · started ${cell(run.startedAt)} · ` +
      `${cell(run.summary.passed)} passed, ${cell(run.summary.failed)} failed, ${cell(run.summary.skipped)} skipped, ${cell(run.summary.known)} known`),
    '',
    `${hashes}# Changes (${comparison.changes.length})`,
    '',
  ];
  if (comparison.changes.length === 0) lines.push('No step changed its outcome.');
  else {
    lines.push(
      `| Change | Operation | Scenario | ${runs.map(cell).join(' | ')} |`,
      `|---|---|---|${runs.map(() => '---').join('|')}|`,
      ...comparison.changes.map((c) => `| ${c.kind === 'regression' ? '🟥 ' : ''}${cell(CHANGE_WORD[c.kind] ?? c.kind)} | ${cell(c.operation)} | ` +
        `${cell(c.scenario)} | ${c.outcomes.map((o) => cell(outcomeText(o))).join(' | ')} |`),
    );
  }
  if (comparison.flaky) {
    lines.push('', `${hashes}# Flaky steps (${comparison.flaky.length})`, '');
    if (comparison.flaky.length === 0) lines.push('No step changed its verdict more than once.');
    else {
      lines.push(
        '| Operation | Scenario | Verdict changes |',
        '|---|---|---:|',
        ...comparison.flaky.map((f) => `| ${cell(f.operation)} | ${cell(f.scenario)} | ${f.flips} |`),
      );
    }
  }
  lines.push(
    '',
    `${hashes}# Code × run`,
    '',
    `| Operation | Code | Meaning | ${runs.map(cell).join(' | ')} |`,
    `|---|---:|---|${runs.map(() => '---').join('|')}|`,
    ...comparison.matrix.map((row) => `| ${cell(row.operation)} | ${cell(row.code ?? 200)} | ${cell(row.meaning)} | ` +
      `${row.cells.map((c) => CELL_MARK[c] ?? cell(c)).join(' | ')} |`),
  );
  return lines;
}

export function renderCompareMarkdown(comparison: Comparison): string {
  return `${renderComparisonMarkdown(comparison, 1).join('\n')}\n`;
}

export function renderCompareJson(comparison: Comparison): string {
  return `${JSON.stringify(comparison, null, 2)}\n`;
}

/** The section of index.html, styled by the page's classes (`cell-*`, `v-fail`). */
export function renderComparisonHtml(comparison: Comparison): string {
  const runs = runNames(comparison);
  const head = (cells: readonly string[]): string => `<thead><tr>${cells.map((c) => `<th>${h(c)}</th>`).join('')}</tr></thead>`;
  const changes = comparison.changes.length === 0 ? '<p>No step changed its outcome.</p>'
    : `<table>${head(['Change', 'Operation', 'Scenario', ...runs])}<tbody>\n${comparison.changes.map((c) =>
      `<tr><td class="${c.kind === 'regression' ? 'cell-alarm' : ''}">${h(CHANGE_WORD[c.kind] ?? c.kind)}</td><td>${h(c.operation)}</td>` +
      `<td>${h(c.scenario)}</td>${c.outcomes.map((o) => `<td>${h(outcomeText(o))}</td>`).join('')}</tr>`).join('\n')}\n</tbody></table>`;
  const matrix = `<table>${head(['Operation', 'Code', 'Meaning', ...runs])}<tbody>\n${comparison.matrix.map((row) =>
    `<tr><td>${h(row.operation)}</td><td class="num">${h(row.code ?? 200)}</td><td>${h(row.meaning)}</td>` +
    `${row.cells.map((c) => `<td class="cell-${h(c === 'failed' ? 'alarm' : c)}">${h(c)}</td>`).join('')}</tr>`).join('\n')}\n</tbody></table>`;
  return [
    `<h2 id="comparison">Comparison with earlier runs (${h(comparisonHeadline(comparison))})</h2>`,
    `<ol>${comparison.runs.map((run) => `<li>${h(run.label)} · target ${h(run.target)} · started ${h(run.startedAt)}</li>`).join('')}</ol>`,
    changes,
    '<h3>Code × run</h3>',
    matrix,
  ].join('\n');
}

const CELL_TEXT: Readonly<Record<CompareCell, string>> = {
  asserted: '✓ asserted', failed: '✗ failed', observed: '• observed', unreached: '· unreached', absent: '— absent',
};

/** The terminal's comparison: the headline, every change one a line (regressions first), and with `matrix` the code × run matrix. */
export function renderComparisonText(comparison: Comparison, options: { matrix?: boolean } = {}): string {
  const lines = [
    `comparison: ${t(comparisonHeadline(comparison))}`,
    ...comparison.runs.map((run, i) => `  run ${i + 1}: ${t(run.label)} (${t(run.target)}, ${t(run.startedAt)})`),
  ];
  for (const c of comparison.changes) {
    lines.push(`  ${c.kind === 'regression' ? '✗' : '~'} ${t(CHANGE_WORD[c.kind] ?? c.kind)}: ${t(c.operation)} ${t(c.scenario)}: ` +
      c.outcomes.map((o) => t(outcomeText(o))).join(' → '));
  }
  if (comparison.flaky) {
    lines.push(`  flaky (verdict changed more than once): ${comparison.flaky.length === 0 ? 'none'
      : comparison.flaky.map((f) => `${f.operation} ${f.scenario} (${f.flips} changes)`).join(', ')}`);
  }
  if (options.matrix) {
    const width = 14;
    lines.push('', `  ${'operation'.padEnd(20)}${'code'.padEnd(6)}${comparison.runs.map((_, i) => `run ${i + 1}`.padEnd(width)).join('')}meaning`);
    for (const row of comparison.matrix) {
      lines.push(`  ${t(row.operation).padEnd(20)}${t(row.code ?? 200).padEnd(6)}` +
        `${row.cells.map((c) => (CELL_TEXT[c] ?? t(c)).padEnd(width)).join('')}${t(row.meaning)}`);
    }
  }
  return lines.join('\n');
}
