// The comparison of two or more runs (conformance:compare, LEAN_COMPARE_WITH): what changed for every
// (operation, scenario), and the code × run matrix. Its own file so the model stays the one contract of a run
// and a comparison can be carried inside a report (`ConformanceReport.comparison`) or written on its own.
import type { Verdict } from './verdict.ts';

/** How one (operation, scenario) moved across the runs; `unchanged` entries are counted, not listed. */
export type ChangeKind =
  | 'regression' // fails in a later run and did not fail in the first (passed, skipped, absent): the exit code is 1
  | 'changed-verdict'
  | 'newly-skipped'
  | 'changed-outcome' // same verdict, another status, code or transport error
  | 'newly-run'
  | 'not-reported'; // present in an earlier run, absent from a later one

export interface RunOutcome {
  verdict: Verdict;
  /** `500, code 66`, `200, 0 bytes`, `no HTTP response (tls)`, `not sent`. */
  observed: string;
}

export interface ScenarioChange {
  operation: string;
  scenario: string;
  kind: ChangeKind;
  /** One entry per run, in run order; null: the run has no result for this step. */
  outcomes: (RunOutcome | null)[];
}

export interface ComparedRun {
  /** The file it was read from, as given (or `this run` for LEAN_COMPARE_WITH's current run). */
  label: string;
  target: string;
  startedAt: string;
  summary: { passed: number; failed: number; skipped: number; known: number };
}

/** A matrix cell of one run: the run's word for the code, `absent` when the run does not know the code at all. */
export type CompareCell = 'asserted' | 'failed' | 'observed' | 'unreached' | 'absent';

export interface CompareMatrixRow {
  operation: string;
  /** A catalog code, or null for the success row (a zero-byte 200). */
  code: number | null;
  meaning: string;
  cells: CompareCell[];
}

/** A step whose verdict changed more than once across three or more runs (interface.md, "Compare: flaky steps"). */
export interface FlakyStep {
  operation: string;
  scenario: string;
  /** How many times its verdict changed from one run to the next. */
  flips: number;
}

export interface Comparison {
  runs: ComparedRun[];
  /** Regressions first, then by kind, then in the order the steps ran. */
  changes: ScenarioChange[];
  unchanged: number;
  regressions: number;
  matrix: CompareMatrixRow[];
  /** Only with three or more runs: the steps that flipped back and forth. */
  flaky?: FlakyStep[];
}
