// What summary.md and index.html both show, computed once so the two pages cannot drift apart: the
// overall verdict, the code × operation matrix, the failures, known divergences and skips grouped by reason.
import { catalogOf, OPERATION_IDS, type OperationId } from '../catalog/index.ts';
import type { ConformanceReport, CoverageState, Expected, Observed, ScenarioResult } from '../results/model.ts';

export interface OverallVerdict {
  readonly passed: boolean;
  readonly label: 'PASS' | 'FAIL';
  readonly exitCode: 0 | 1 | undefined;
  /** Set when the verdict was derived rather than read, or when something in the report contradicts it. */
  readonly note: string | undefined;
}

function isOperationId(name: string): name is OperationId {
  return (OPERATION_IDS as readonly string[]).includes(name);
}

/**
 * The run's verdict. The runner's exit code wins when present; otherwise a failure, a required code left
 * unasserted, or an empty run means FAIL (never an empty, green report: vitest's junit reporter learnt this).
 */
export function overallVerdict(report: ConformanceReport): OverallVerdict {
  const empty = report.results.length === 0;
  const note = empty ? 'No scenario result was recorded: the run did not test anything.' : undefined;
  if (report.exitCode !== undefined) {
    const passed = report.exitCode === 0;
    return { passed, label: passed ? 'PASS' : 'FAIL', exitCode: report.exitCode, note };
  }
  const failed = report.summary.failed > 0 || report.results.some((r) => r.verdict === 'fail');
  const missing = Object.values(report.requiredCodesMissing ?? {}).some((codes) => codes.length > 0);
  const passed = !failed && !missing && !empty;
  return { passed, label: passed ? 'PASS' : 'FAIL', exitCode: undefined, note };
}

/** The spec's operations in its order, then any other operation the report names (shown, never dropped). */
export function operationsOf(report: ConformanceReport): string[] {
  const names = new Set<string>(OPERATION_IDS);
  for (const r of report.results) names.add(r.operation);
  for (const op of Object.keys(report.coverage)) names.add(op);
  return [...names];
}

export type MatrixCell = CoverageState | 'not-in-catalog' | 'not-reported';

export const MATRIX_SYMBOL: Readonly<Record<MatrixCell, string>> = {
  asserted: '✅',
  observed: '👁',
  unreached: '·',
  'not-in-catalog': '—',
  'not-reported': '?',
};

export const MATRIX_LEGEND: readonly (readonly [MatrixCell, string])[] = [
  ['asserted', 'asserted: a scenario expected this code and received it'],
  ['observed', 'observed: received, but not asserted by any scenario'],
  ['unreached', 'unreached: never received in this run'],
  ['not-in-catalog', "not in this operation's catalog"],
  ['not-reported', 'missing from the report’s coverage (a defect of the run)'],
];

/** The legend of a matrix: the three coverage states always, the two anomalies only where they occur. */
export function matrixLegend(matrix: CoverageMatrix): (readonly [MatrixCell, string])[] {
  const used = new Set(matrix.rows.flatMap((r) => r.cells));
  return MATRIX_LEGEND.filter(([cell]) => cell === 'asserted' || cell === 'observed' || cell === 'unreached' ||
    used.has(cell));
}

export interface MatrixRow {
  readonly code: number;
  readonly meaning: string;
  readonly cells: readonly MatrixCell[];
}

export interface CoverageMatrix {
  readonly operations: readonly string[];
  readonly rows: readonly MatrixRow[];
}

/** Rows: every code of every catalog (spec order), then any other code the coverage names; columns: operations. */
export function coverageMatrix(report: ConformanceReport): CoverageMatrix {
  const operations = operationsOf(report);
  const meanings = new Map<number, string>();
  const inCatalog = new Map<string, Set<number>>();
  for (const op of operations) {
    const codes = new Set<number>();
    if (isOperationId(op)) {
      for (const entry of catalogOf(op)) {
        codes.add(entry.code);
        if (!meanings.has(entry.code)) meanings.set(entry.code, entry.meaning);
      }
    }
    inCatalog.set(op, codes);
  }
  for (const byCode of Object.values(report.coverage)) {
    for (const code of Object.keys(byCode).map(Number)) {
      if (!meanings.has(code)) meanings.set(code, '(not in any catalog)');
    }
  }
  const rows = [...meanings].map(([code, meaning]): MatrixRow => ({
    code,
    meaning,
    cells: operations.map((op): MatrixCell => {
      const state = report.coverage[op]?.[String(code)];
      if (state !== undefined) return state;
      return inCatalog.get(op)?.has(code) ? 'not-reported' : 'not-in-catalog';
    }),
  }));
  return { operations, rows };
}

export function resultsWith(report: ConformanceReport, verdict: ScenarioResult['verdict']): ScenarioResult[] {
  return report.results.filter((r) => r.verdict === verdict);
}

export interface ReasonGroup {
  readonly reason: string;
  readonly count: number;
}

/** Skipped results counted per reason, most frequent first: a hundred skips read as a handful of lines. */
export function skippedByReason(report: ConformanceReport): ReasonGroup[] {
  const counts = new Map<string, number>();
  for (const r of resultsWith(report, 'skip')) {
    const reason = r.reason ?? '(no reason given)';
    counts.set(reason, (counts.get(reason) ?? 0) + 1);
  }
  return [...counts]
    .map(([reason, count]) => ({ reason, count }))
    .sort((a, b) => b.count - a.count || a.reason.localeCompare(b.reason));
}

/** Required codes left unasserted, one entry per (operation, code), with the code's meaning. */
export function missingRequiredCodes(report: ConformanceReport): { operation: string; code: number; meaning: string }[] {
  return Object.entries(report.requiredCodesMissing ?? {}).flatMap(([operation, codes]) =>
    codes.map((code) => ({
      operation,
      code,
      meaning: (isOperationId(operation) ? catalogOf(operation).find((e) => e.code === code)?.meaning : undefined) ??
        '(not in the catalog)',
    })));
}

export function describeExpected(expected: Expected): string {
  if (expected.status === null) return 'no HTTP response';
  return expected.code === null ? String(expected.status) : `${expected.status}, code ${expected.code}`;
}

export function describeObserved(observed: Observed | null): string {
  if (observed === null) return 'not sent';
  if (observed.status === null) return `no HTTP response${observed.transportError ? ` (${observed.transportError})` : ''}`;
  const parts = [String(observed.status)];
  if (observed.code !== null) parts.push(`code ${observed.code}`);
  if (observed.bodyBytes !== null && observed.code === null) parts.push(`${observed.bodyBytes} bytes`);
  return parts.join(', ');
}

export function formatDuration(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}
