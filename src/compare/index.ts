// Comparing runs: conformance:compare and LEAN_COMPARE_WITH.
export { CHANGE_ORDER, compareRuns, compareWithEarlier, withComparison, type LabelledReport } from './compare.ts';
export { assertComparable, loadReport, loadReports } from './load.ts';
