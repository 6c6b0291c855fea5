// What the terminal shows, as pure functions the runner calls: one line per result as the run goes (plain, fit
// for a CI log), a progress line (done/total and the time left at the current rate; the runner redraws it only
// on a TTY), and the summary at the end: the verdict line with its reasons, the matrix in words with a legend,
// then a recap of the first failures and a count of the rest. Colour only when asked (a TTY), and always
// beside a word, never instead of it.
import type { ConformanceReport, ScenarioResult } from '../results/model.ts';
import { renderComparisonText } from './compare-view.ts';
import { terminalText as t } from './escape.ts';
import { formatFailureText } from './format-failure.ts';
import { rerunCommand } from './reproducer.ts';
import {
  CELL_SYMBOL, CELL_WORD, cellText, coverageMatrix, describeExpected, describeObserved, formatDuration, matrixLegend,
  overallVerdict, resultsWith, verdictLine, type MatrixCell,
} from './view.ts';

export interface TerminalOptions {
  /** The report files written, listed before the recap. */
  readonly reportFiles?: readonly string[];
  /** ANSI colours (the runner passes true on a TTY only). */
  readonly color?: boolean;
  /** How many failures the recap shows before it counts the rest. */
  readonly recapLimit?: number;
}

export const RECAP_LIMIT = 10;
/** A failed cell names what came back; past this width its text wraps onto the next lines of its row. */
export const CELL_WIDTH = 40;

const ANSI = { red: '\u001b[31m', green: '\u001b[32m', yellow: '\u001b[33m', dim: '\u001b[2m', bold: '\u001b[1m', reset: '\u001b[0m' } as const;

function paint(color: boolean, code: keyof typeof ANSI, text: string): string {
  return color ? `${ANSI[code]}${text}${ANSI.reset}` : text;
}

const MARK: Readonly<Record<ScenarioResult['verdict'], string>> = { pass: '✓', fail: '✗', skip: '↷', known: '≈' };

/** ` → 500/6`, ` → refused` (a transport error class), or nothing when nothing was sent. */
function observedText(result: ScenarioResult): string {
  if (result.observed === null) return '';
  if (result.observed.status === null) return ` → ${t(result.observed.transportError)}`;
  return ` → ${t(result.observed.status)}${result.observed.code === null ? '' : `/${t(result.observed.code)}`}`;
}

/** `  ✗ sendOtp            fixture:deviceNotActive → 500/6  wrong code`: one line per result, for any log. */
export function formatResultLine(result: ScenarioResult): string {
  const observed = observedText(result);
  const why = result.verdict === 'pass' || result.reason === null ? '' : `  ${t(result.reason)}`;
  const attempts = Array.isArray(result.attempts) && result.attempts.length > 1
    ? `  (${result.attempts.length} attempts${result.verdict === 'pass' ? ', recovered' : ''})` : '';
  return `  ${MARK[result.verdict] ?? '?'} ${t(result.operation).padEnd(18)} ${t(result.scenario)}${observed}${why}${attempts}`;
}

/**
 * A step that got no answer yet while the target may be down: not a failure yet, since the run judges it at the
 * end (a skip if the target turns out unavailable, a failure if the target answers the steps around it).
 * `  … sendOtp            fixture:deviceNotActive → refused  no definitive answer after 3 attempt(s); …`
 */
export function formatPendingLine(result: ScenarioResult): string {
  const observed = observedText(result);
  const attempts = Array.isArray(result.attempts) ? Math.max(1, result.attempts.length) : 1;
  return `  … ${t(result.operation).padEnd(18)} ${t(result.scenario)}${observed}  no definitive answer after ${attempts} attempt(s); judged at the end of the run`;
}

export interface Progress {
  readonly done: number;
  readonly total: number;
  /** Time since the first request. */
  readonly elapsedMs: number;
}

function clock(ms: number): string {
  const seconds = Math.ceil(ms / 1000);
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  return minutes < 60 ? `${minutes} min ${String(seconds % 60).padStart(2, '0')} s`
    : `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, '0')} min`;
}

/** `[12/82] 15% · 2.4 s elapsed · about 14 s left`: the rate so far predicts the rest (rate-limited runs are steady). */
export function formatProgress({ done, total, elapsedMs }: Progress): string {
  const safeTotal = Math.max(total, done, 0);
  const percent = safeTotal === 0 ? 100 : Math.floor((done / safeTotal) * 100);
  const left = done >= safeTotal ? 'done'
    : done === 0 || elapsedMs <= 0 ? 'time left unknown'
    : `about ${clock(((safeTotal - done) * elapsedMs) / done)} left`;
  return `[${done}/${safeTotal}] ${percent}% · ${formatDuration(elapsedMs)} elapsed · ${left}`;
}

function cellColor(c: MatrixCell): keyof typeof ANSI | null {
  if (c.alarm) return 'red';
  if (c.state === 'asserted') return 'green';
  if (c.state === 'unreached' || c.state === 'not-in-catalog') return 'dim';
  return null;
}

/**
 * Text cut into lines of at most `width` characters, at spaces where it can be and inside a word only when the
 * word alone is longer: nothing of it is dropped (a failed cell's "what came instead" is the point of the cell).
 */
export function wrapText(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    let rest = word;
    while (rest.length > width) {
      if (line !== '') lines.push(line);
      line = '';
      lines.push(rest.slice(0, width));
      rest = rest.slice(width);
    }
    const joined = line === '' ? rest : `${line} ${rest}`;
    if (joined.length <= width) line = joined;
    else {
      lines.push(line);
      line = rest;
    }
  }
  lines.push(line);
  return lines;
}

/** A cell's lines: its symbol and words, wrapped to the column; never cut short. */
function cellLines(c: MatrixCell): string[] {
  return wrapText(t(`${CELL_SYMBOL[c.state] ?? '?'} ${cellText(c)}`), CELL_WIDTH);
}

function matrixLines(report: ConformanceReport, color: boolean): string[] {
  const matrix = coverageMatrix(report);
  const operations = matrix.operations.map(t);
  const rows = matrix.rows.map((row) => ({ row, cells: row.cells.map(cellLines) }));
  const widths = operations.map((op, i) => Math.max(op.length, ...rows.flatMap((r) => r.cells[i]!.map((l) => l.length))) + 2);
  const lines = [`  ${'code'.padEnd(6)}${operations.map((op, i) => op.padEnd(widths[i]!)).join('')}meaning`];
  for (const { row, cells } of rows) {
    const height = Math.max(1, ...cells.map((c) => c.length));
    for (let k = 0; k < height; k += 1) {
      const shown = cells.map((c, i) => {
        const text = (c[k] ?? '').padEnd(widths[i]!);
        const tint = cellColor(row.cells[i]!);
        return tint === null || c[k] === undefined ? text : paint(color, tint, text);
      });
      // The code and its meaning on the row's first line; a wrapped cell's further lines under it, in its column.
      const line = k === 0 ? `  ${t(row.label).padEnd(6)}${shown.join('')}${t(row.meaning)}` : `  ${''.padEnd(6)}${shown.join('')}`;
      lines.push(k === 0 ? line : line.trimEnd());
    }
  }
  lines.push(`  legend: ${matrixLegend(matrix).map(([s]) => `${CELL_SYMBOL[s]} ${CELL_WORD[s]}`).join(' · ')}` +
    ' (red: act on it; a failed cell says what came instead)');
  return lines;
}

function recapLines(report: ConformanceReport, limit: number): string[] {
  const failed = resultsWith(report, 'fail');
  if (failed.length === 0) return [];
  const lines = ['', `failures (${failed.length > limit ? `the first ${limit} of ${failed.length}` : failed.length}):`];
  for (const r of failed.slice(0, limit)) {
    const first = formatFailureText(r).split('\n')[0] ?? '';
    lines.push(`  ✗ ${t(r.operation)} ${t(r.scenario)}: expected ${t(describeExpected(r.expected))}, got ${t(describeObserved(r.observed))}`);
    if (first !== '') lines.push(`      ${t(first)}`);
    lines.push(`      re-run: ${t(rerunCommand(r, report.seed))}`);
  }
  if (failed.length > limit) lines.push(`  … and ${failed.length - limit} more failure(s): see summary.md or index.html`);
  return lines;
}

export function terminalSummary(report: ConformanceReport, options: TerminalOptions = {}): string {
  const color = options.color ?? false;
  const { summary } = report;
  const verdict = overallVerdict(report);
  const lines = [
    '',
    paint(color, 'bold', paint(color, verdict.passed ? 'green' : verdict.verdict === 'inconclusive' ? 'yellow' : 'red', t(verdictLine(verdict)))),
    `  ${t(summary.passed)} passed, ${t(summary.failed)} failed, ${t(summary.skipped)} skipped, ${t(summary.known)} known` +
      ` · ${t(report.sends)} send(s)${report.seed === undefined ? '' : ` · seed ${t(report.seed)}`} · ${t(formatDuration(report.durationMs))}` +
      ` · target ${t(report.target)}`,
  ];
  const { retried = 0, recovered = 0, intermittent = 0 } = summary;
  if (retried > 0) lines.push(`  ${t(retried)} step(s) retried · ${t(recovered)} recovered · ${t(intermittent)} intermittent (LEAN_RETRIES)`);
  if (verdict.verdict === 'inconclusive') {
    lines.push(`  exit ${t(verdict.exitCode ?? 3)}: inconclusive, not a failure of the contract; re-run when the target answers`);
  }
  if (verdict.note) lines.push(`  ${t(verdict.note)}`);
  lines.push('', ...matrixLines(report, color));
  for (const [op, codes] of Object.entries(report.requiredCodesMissing ?? {})) {
    if (codes.length > 0) lines.push(`  required by LEAN_REQUIRE_CODES but not asserted on ${t(op)}: ${t(codes.join(', '))}`);
  }
  if (report.checksOff?.length) lines.push(`  checks switched off (LEAN_SKIP_CHECKS): ${t(report.checksOff.join(', '))}`);
  for (const notice of report.baseline ?? []) {
    lines.push(`  baseline entry ${t(notice.state)}: ${t(notice.operation)} ${t(notice.scenario)} (until ${t(notice.until)})`);
  }
  if (report.comparison) lines.push('', renderComparisonText(report.comparison));
  if (options.reportFiles?.length) lines.push('', `reports: ${t(options.reportFiles.join(', '))}`);
  lines.push(...recapLines(report, options.recapLimit ?? RECAP_LIMIT));
  return `${lines.join('\n')}\n`;
}
