// The code × operation matrix as a failure view: the first thing a person reads. One row for the success path
// (a zero-byte 200), one per catalog code, one per uncatalogued code that came back; each cell is a word
// (asserted, failed, observed, unreached), never a symbol alone, plus whether it is alarming (red) and, for a
// failed cell, what came instead. Meanings come from the report (`catalog`, as the spec said at run time),
// never from today's spec, so an old conformance.json re-rendered later shows what it meant then.
import { INTERNAL_FAULT_CODE, OPERATION_IDS } from '../catalog/index.ts';
import type { ConformanceReport, ScenarioResult } from '../results/model.ts';

export type CellState = 'asserted' | 'failed' | 'observed' | 'unreached' | 'not-in-catalog' | 'not-reported';

export interface MatrixCell {
  readonly state: CellState;
  /** Red: failed, code 6 seen, an uncatalogued code seen, a 200 outside a success scenario, a coverage hole. */
  readonly alarm: boolean;
  /** For a failed cell, what came instead (`got 500, code 6`); for an alarming observation, why it alarms. */
  readonly detail: string | null;
}

export interface MatrixRow {
  /** The catalog code; null for the success row. */
  readonly code: number | null;
  /** `200` for the success row, else the code. */
  readonly label: string;
  readonly meaning: string;
  readonly cells: readonly MatrixCell[];
}

export interface CoverageMatrix {
  readonly operations: readonly string[];
  readonly rows: readonly MatrixRow[];
}

/** The meaning shown for a code of an old report that carries no catalog. */
export const NOT_IN_REPORT = '(not in this report)';
export const UNCATALOGUED = '(not in the catalog)';
export const SUCCESS_MEANING = 'success: HTTP 200 with a zero-byte body';

/** The words of the cells, with a symbol beside each for those who scan (never the symbol alone). */
export const CELL_WORD: Readonly<Record<CellState, string>> = {
  asserted: 'asserted',
  failed: 'failed',
  observed: 'observed',
  unreached: 'unreached',
  'not-in-catalog': 'n/a',
  'not-reported': 'missing',
};

export const CELL_SYMBOL: Readonly<Record<CellState, string>> = {
  asserted: '✓',
  failed: '✗',
  observed: '•',
  unreached: '·',
  'not-in-catalog': '—',
  'not-reported': '?',
};

export const MATRIX_LEGEND: readonly (readonly [CellState, string])[] = [
  ['asserted', 'a scenario expected this answer and got it'],
  ['failed', 'a scenario expected this answer and got something else (shown in the cell)'],
  ['observed', 'came back without being asserted; red when it should never come (code 6, an uncatalogued code, a 200 outside a success scenario)'],
  ['unreached', 'no scenario of this run provoked it'],
  ['not-in-catalog', "not in this operation's catalog"],
  ['not-reported', "missing from the report's coverage (a defect of the run)"],
];

/** The legend of a matrix: the four states always, the two anomalies only where they occur. */
export function matrixLegend(matrix: CoverageMatrix): (readonly [CellState, string])[] {
  const used = new Set(matrix.rows.flatMap((r) => r.cells.map((c) => c.state)));
  const always: readonly CellState[] = ['asserted', 'failed', 'observed', 'unreached'];
  return MATRIX_LEGEND.filter(([state]) => always.includes(state) || used.has(state));
}

/** `failed (got 500, code 6)`, `observed (provider fault)`, `asserted`: a cell as one phrase. */
export function cellText(cell: MatrixCell): string {
  return cell.detail === null ? CELL_WORD[cell.state] : `${CELL_WORD[cell.state]} (${cell.detail})`;
}

/** The spec's operations in its order, then any other operation the report names (shown, never dropped). */
export function operationsOf(report: ConformanceReport): string[] {
  const names = new Set<string>(OPERATION_IDS);
  for (const op of Object.keys(report.catalog ?? {})) names.add(op);
  for (const r of report.results) names.add(r.operation);
  for (const op of Object.keys(report.coverage)) names.add(op);
  return [...names];
}

/** The catalog of an operation as the report carries it; an old report's coverage keys stand in for it. */
export function reportCatalog(report: ConformanceReport, operation: string): { code: number; meaning: string }[] {
  const carried = report.catalog?.[operation];
  if (carried) return carried;
  return Object.keys(report.coverage[operation] ?? {}).map((code) => ({ code: Number(code), meaning: NOT_IN_REPORT }));
}

/** The meaning of a code in the report, searched across operations; NOT_IN_REPORT or UNCATALOGUED otherwise. */
export function meaningOf(report: ConformanceReport, code: number): string {
  let inCoverage = false;
  for (const op of operationsOf(report)) {
    const entry = reportCatalog(report, op).find((e) => e.code === code);
    if (entry && entry.meaning !== NOT_IN_REPORT) return entry.meaning;
    if (entry) inCoverage = true;
  }
  return inCoverage ? NOT_IN_REPORT : UNCATALOGUED;
}

/** `500, code 66`, `200, 0 bytes`, `no HTTP response (tls)`, `not sent`. */
export function describeObserved(observed: ScenarioResult['observed']): string {
  if (observed === null) return 'not sent';
  if (observed.status === null) return `no HTTP response${observed.transportError ? ` (${observed.transportError})` : ''}`;
  const parts = [String(observed.status)];
  if (observed.code !== null) parts.push(`code ${observed.code}`);
  if (observed.bodyBytes !== null && observed.code === null) parts.push(`${observed.bodyBytes} bytes`);
  return parts.join(', ');
}

const isSuccess = (r: ScenarioResult): boolean => r.expected.status === 200;

/** What came back instead, across the failed results of one cell: `got 500, code 6 / got 401`. */
function gotInstead(failed: readonly ScenarioResult[], expectedCode: number | null): string {
  const seen = new Set<string>();
  for (const r of failed) {
    const observed = describeObserved(r.observed);
    // The right code with another check failing (error body, parity): name the checks, or the cell reads as a pass.
    const sameAnswer = r.observed !== null && r.observed.code === expectedCode && r.observed.status === r.expected.status;
    const checks = [...new Set((r.failures ?? []).map((f) => f.check))].join(', ');
    seen.add(sameAnswer && checks !== '' ? `got ${observed} but ${checks} failed` : `got ${observed}`);
  }
  return [...seen].join(' / ');
}

function successCell(report: ConformanceReport, operation: string, results: readonly ScenarioResult[]): MatrixCell {
  const failed = results.filter((r) => isSuccess(r) && r.verdict === 'fail');
  if (failed.length > 0) return { state: 'failed', alarm: true, detail: gotInstead(failed, null) };
  const asserted = report.successAsserted?.[operation] ??
    results.some((r) => isSuccess(r) && r.verdict === 'pass');
  if (asserted) return { state: 'asserted', alarm: false, detail: null };
  const delivered = (report.unexpectedDeliveries ?? []).some((d) => d.operation === operation) ||
    results.some((r) => !isSuccess(r) && r.observed?.status === 200);
  if (delivered) return { state: 'observed', alarm: true, detail: 'a 200 outside a success scenario' };
  return { state: 'unreached', alarm: false, detail: null };
}

function codeCell(
  report: ConformanceReport, operation: string, results: readonly ScenarioResult[], code: number, inCatalog: boolean,
): MatrixCell {
  const failed = results.filter((r) => r.verdict === 'fail' && r.expected.status === 500 && r.expected.code === code);
  if (failed.length > 0) return { state: 'failed', alarm: true, detail: gotInstead(failed, code) };
  const seen = results.some((r) => r.observed?.code === code);
  if (!inCatalog) {
    return seen ? { state: 'observed', alarm: true, detail: 'not in the catalog' } : { state: 'not-in-catalog', alarm: false, detail: null };
  }
  const state = report.coverage[operation]?.[String(code)];
  if (code === INTERNAL_FAULT_CODE && (seen || state === 'observed')) {
    return { state: 'observed', alarm: true, detail: 'provider fault' };
  }
  if (state === undefined) return { state: 'not-reported', alarm: true, detail: null };
  return { state, alarm: false, detail: null };
}

export function coverageMatrix(report: ConformanceReport): CoverageMatrix {
  const operations = operationsOf(report);
  const byOperation = new Map(operations.map((op) => [op, report.results.filter((r) => r.operation === op)]));
  const catalogs = new Map(operations.map((op) => [op, new Set(reportCatalog(report, op).map((e) => e.code))]));
  const codes: number[] = [];
  for (const op of operations) for (const { code } of reportCatalog(report, op)) if (!codes.includes(code)) codes.push(code);
  const uncatalogued = [...new Set(report.results.flatMap((r) => (r.observed?.code ?? null) === null ? [] : [r.observed!.code!]))]
    .filter((code) => !codes.includes(code)).sort((a, b) => a - b);

  const rows: MatrixRow[] = [{
    code: null, label: '200', meaning: SUCCESS_MEANING,
    cells: operations.map((op) => successCell(report, op, byOperation.get(op) ?? [])),
  }];
  for (const code of [...codes, ...uncatalogued]) {
    rows.push({
      code, label: String(code), meaning: meaningOf(report, code),
      cells: operations.map((op) => codeCell(report, op, byOperation.get(op) ?? [], code, catalogs.get(op)?.has(code) ?? false)),
    });
  }
  return { operations, rows };
}
