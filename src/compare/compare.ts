// The comparison of two or more runs, pure: for every (operation, scenario), how its outcome moved from run to
// run (a regression: fails in a later run, and did not fail in the first: it passed, was skipped, or was not
// there, newly run or renamed), and the code × run matrix. The first run
// is the reference ("before"); later runs are releases, environments or days after it.
import { coverageMatrix, describeObserved, type CellState } from '../report/matrix.ts';
import { flakySteps, FLAKY_MIN_RUNS } from './flaky.ts';
import type {
  ChangeKind, CompareCell, CompareMatrixRow, Comparison, ConformanceReport, RunOutcome, ScenarioChange, ScenarioResult,
} from '../results/model.ts';

export interface LabelledReport {
  readonly label: string;
  readonly report: ConformanceReport;
}

/** Most severe first: the order changes are listed in, and which kind wins when several pairs differ. */
export const CHANGE_ORDER: readonly ChangeKind[] = [
  'regression', 'changed-verdict', 'newly-skipped', 'changed-outcome', 'newly-run', 'not-reported',
];

const keyOf = (r: Pick<ScenarioResult, 'operation' | 'scenario'>): string => `${r.operation}\u0000${r.scenario}`;

function outcomeOf(r: ScenarioResult | undefined): RunOutcome | null {
  return r === undefined ? null : { verdict: r.verdict, observed: describeObserved(r.observed) };
}

/** How one step moved between two consecutive runs; null: it did not. */
function pairKind(a: RunOutcome | null, b: RunOutcome | null): ChangeKind | null {
  if (a === null && b === null) return null;
  if (a === null) return b === null ? null : b.verdict === 'skip' ? 'newly-skipped' : 'newly-run';
  if (b === null) return 'not-reported';
  if (a.verdict !== 'skip' && b.verdict === 'skip') return 'newly-skipped';
  if (a.verdict === 'skip' && b.verdict !== 'skip') return 'newly-run';
  if (a.verdict !== b.verdict) return 'changed-verdict';
  if (a.observed !== b.observed) return 'changed-outcome';
  return null;
}

/** The first run did not fail the step (it passed, was skipped, or had no such step: newly run, renamed) and a later one fails it. */
function isRegression([first, ...later]: readonly (RunOutcome | null)[]): boolean {
  const failedBefore = first?.verdict === 'fail' || first?.verdict === 'known';
  return !failedBefore && later.some((o) => o?.verdict === 'fail');
}

function kindOf(outcomes: readonly (RunOutcome | null)[]): ChangeKind | null {
  if (isRegression(outcomes)) return 'regression';
  let worst: ChangeKind | null = null;
  for (let i = 1; i < outcomes.length; i += 1) {
    const kind = pairKind(outcomes[i - 1] ?? null, outcomes[i] ?? null);
    if (kind !== null && (worst === null || CHANGE_ORDER.indexOf(kind) < CHANGE_ORDER.indexOf(worst))) worst = kind;
  }
  return worst;
}

const CELL: Readonly<Record<CellState, CompareCell>> = {
  asserted: 'asserted', failed: 'failed', observed: 'observed', unreached: 'unreached',
  'not-in-catalog': 'absent', 'not-reported': 'absent',
};

function compareMatrix(runs: readonly LabelledReport[]): CompareMatrixRow[] {
  const rows = new Map<string, CompareMatrixRow>();
  runs.forEach(({ report }, run) => {
    const matrix = coverageMatrix(report);
    for (const row of matrix.rows) {
      matrix.operations.forEach((operation, i) => {
        const state = row.cells[i]?.state ?? 'not-in-catalog';
        const key = `${operation}\u0000${row.label}`;
        let entry = rows.get(key);
        if (!entry) {
          // A code no catalog of this run knows and that never came back stays out of the matrix.
          if (CELL[state] === 'absent') return;
          entry = { operation, code: row.code, meaning: row.meaning, cells: runs.map(() => 'absent' as CompareCell) };
          rows.set(key, entry);
        }
        entry.cells[run] = CELL[state];
      });
    }
  });
  return [...rows.values()].sort((a, b) => a.operation.localeCompare(b.operation) ||
    (a.code ?? -1) - (b.code ?? -1));
}

export function compareRuns(runs: readonly LabelledReport[]): Comparison {
  const order: string[] = [];
  const steps = new Map<string, { operation: string; scenario: string; byRun: (ScenarioResult | undefined)[] }>();
  runs.forEach(({ report }, run) => {
    for (const r of report.results) {
      const key = keyOf(r);
      let step = steps.get(key);
      if (!step) {
        step = { operation: r.operation, scenario: r.scenario, byRun: runs.map(() => undefined) };
        steps.set(key, step);
        order.push(key);
      }
      step.byRun[run] = r;
    }
  });
  const changes: ScenarioChange[] = [];
  let unchanged = 0;
  for (const key of order) {
    const step = steps.get(key)!;
    const outcomes = step.byRun.map(outcomeOf);
    const kind = kindOf(outcomes);
    if (kind === null) unchanged += 1;
    else changes.push({ operation: step.operation, scenario: step.scenario, kind, outcomes });
  }
  // A stable sort keeps the run order within a kind.
  changes.sort((a, b) => CHANGE_ORDER.indexOf(a.kind) - CHANGE_ORDER.indexOf(b.kind));
  return {
    runs: runs.map(({ label, report }) => ({ label, target: report.target, startedAt: report.startedAt, summary: report.summary })),
    changes,
    unchanged,
    regressions: changes.filter((c) => c.kind === 'regression').length,
    matrix: compareMatrix(runs),
    ...(runs.length >= FLAKY_MIN_RUNS ? { flaky: flakySteps(order.map((key) => steps.get(key)!)) } : {}),
  };
}

/**
 * LEAN_COMPARE_WITH: this run against an earlier report, which the runner loads with `loadReport` before the
 * first request (so a bad file is exit 2 with nothing sent). The result goes into `ConformanceReport.comparison`;
 * its `regressions` make the run's exit code 1.
 */
export function compareWithEarlier(earlier: LabelledReport, current: ConformanceReport): Comparison {
  return compareRuns([earlier, { label: 'this run', report: current }]);
}

/** The report with its comparison against an earlier run; a regression fails the run (exit code 1). */
export function withComparison(report: ConformanceReport, earlier: LabelledReport): ConformanceReport {
  const comparison = compareWithEarlier(earlier, report);
  if (comparison.regressions === 0) return { ...report, comparison, exitCode: report.exitCode ?? 1 };
  return { ...report, comparison, exitCode: 1, verdict: 'fail' };
}
