// What summary.md, index.html and the terminal all show, computed once so they cannot drift apart: the
// overall verdict and why, the failures, known divergences and skips grouped by reason. The matrix is in
// matrix.ts. Nothing here reads the spec: meanings come from the report itself.
import {
  TARGET_UNAVAILABLE, type Attempt, type ConformanceReport, type Diagnosis, type DiagnosisPattern, type Expected, type RunExitCode,
  type RunVerdict, type ScenarioResult,
} from '../results/model.ts';
import { meaningOf } from './matrix.ts';

export {
  cellText, CELL_SYMBOL, CELL_WORD, coverageMatrix, describeObserved, matrixLegend, MATRIX_LEGEND, meaningOf,
  operationsOf, type CellState, type CoverageMatrix, type MatrixCell, type MatrixRow,
} from './matrix.ts';

export interface OverallVerdict {
  readonly passed: boolean;
  /** The run's verdict in words: pass, fail, or inconclusive (the target was unavailable; exit 3). */
  readonly verdict: RunVerdict;
  readonly label: 'PASS' | 'FAIL' | 'INCONCLUSIVE';
  readonly exitCode: RunExitCode | undefined;
  /** Set when the verdict was derived rather than read, or when something in the report contradicts it. */
  readonly note: string | undefined;
  /**
   * Why it is red (failed checks by name and count, missing required codes, unexpected deliveries, interrupted,
   * target unreachable, regressions), or what a green run did not check: shown on the verdict line itself.
   */
  readonly reasons: readonly string[];
}

const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

/** `expected-code 2, provider-fault 2, parity 1`: every failed check of the failed results, most frequent first. */
export function failedChecks(report: ConformanceReport): { check: string; count: number }[] {
  const counts = new Map<string, number>();
  for (const r of resultsWith(report, 'fail')) {
    const checks = new Set((r.failures ?? []).map((f) => f.check as string));
    if (checks.size === 0) checks.add('unrecorded');
    for (const check of checks) counts.set(check, (counts.get(check) ?? 0) + 1);
  }
  return [...counts].map(([check, count]) => ({ check, count })).sort((a, b) => b.count - a.count);
}

const LISTED = 3;

function listSome(items: readonly string[]): string {
  const shown = items.slice(0, LISTED).join(', ');
  return items.length > LISTED ? `${shown} and ${items.length - LISTED} more` : shown;
}

/** Steps not sent because the target had become unavailable. */
export function notRunUnavailable(report: ConformanceReport): number {
  return report.results.filter((r) => r.verdict === 'skip' && r.reason === TARGET_UNAVAILABLE).length;
}

const PATTERN_PHRASE: Readonly<Record<DiagnosisPattern, string>> = {
  'method-and-paths': 'were answered 404 or 405',
  'error-body': 'were a 500 whose body is not JSON or has no numeric code',
  authentication: 'were answered 401 or 403',
};

/** The diagnosis as the one sentence a verdict line adds: the pattern, the spec's assumption quoted, what to check. */
export function diagnosisSentence(diagnosis: Diagnosis): string {
  const phrase = PATTERN_PHRASE[diagnosis.pattern] ?? 'share one pattern';
  const advice = diagnosis.advice.replace(/\.$/, '');
  return `Likely a wrong assumption: most failures ${phrase}, and the spec assumes "${diagnosis.assumption}"; ` +
    `${advice.charAt(0).toLowerCase()}${advice.slice(1)}.`;
}

/** `no answer (refused)`, `HTTP 503`, `HTTP 500, code 66`: one attempt, in words. */
export function describeAttempt(a: Pick<Attempt, 'status' | 'code' | 'transportError'>): string {
  if (a.status === null) return `no answer (${a.transportError ?? 'other'})`;
  return a.code === null ? `HTTP ${a.status}` : `HTTP ${a.status}, code ${a.code}`;
}

/** `3 attempts: no answer (reset) → HTTP 503 after 310 ms → HTTP 500, code 66 after 620 ms; confirmed`, or null for one. */
export function attemptsText(r: Pick<ScenarioResult, 'attempts' | 'confirmation'>): string | null {
  const attempts = r.attempts ?? [];
  if (attempts.length < 2) return null;
  const steps = attempts.map((a, i) => `${describeAttempt(a)}${i > 0 ? ` after ${formatDuration(a.waitedMs)}` : ''}`);
  return `${attempts.length} attempts: ${steps.join(' → ')}${r.confirmation ? `; ${r.confirmation}` : ''}`;
}

/** The reasons behind the verdict, each one short phrase, in the order a person should act on them. */
export function verdictReasons(report: ConformanceReport): string[] {
  const reasons: string[] = [];
  if (report.interrupted) reasons.push('interrupted (SIGINT/SIGTERM): the steps not run are reported as not run');
  const notRun = notRunUnavailable(report);
  if (report.verdict === 'inconclusive' || notRun > 0) {
    const how = report.targetUnreachable ? ` (${report.targetUnreachable.errorClass})` : '';
    reasons.push(`target unavailable: steps in a row got no answer, even after retries${how}, so ${plural(notRun, 'step was', 'steps were')} not run`);
  } else if (report.targetUnreachable) {
    const { requests, errorClass } = report.targetUnreachable;
    reasons.push(`target unreachable: none of ${plural(requests, 'request')} got an HTTP answer (${errorClass})`);
  }
  const failed = resultsWith(report, 'fail').length;
  if (failed > 0) {
    const checks = failedChecks(report).map((c) => `${c.check} ${c.count}`).join(', ');
    reasons.push(`${plural(failed, 'failed result')} (failed checks: ${checks})`);
  }
  const missing = Object.entries(report.requiredCodesMissing ?? {}).filter(([, codes]) => codes.length > 0);
  const missingCount = missing.reduce((n, [, codes]) => n + codes.length, 0);
  if (missingCount > 0) {
    reasons.push(`${plural(missingCount, 'required code')} not asserted (${missing.map(([op, codes]) => `${op}: ${codes.join(', ')}`).join('; ')})`);
  }
  const deliveries = report.unexpectedDeliveries ?? [];
  if (deliveries.length > 0) {
    reasons.push(`${plural(deliveries.length, 'unexpected delivery', 'unexpected deliveries')}: a 200 outside a success scenario ` +
      `(${listSome(deliveries.map((d) => `${d.operation} ${d.scenario}`))})`);
  }
  const regressions = report.comparison?.regressions ?? 0;
  if (regressions > 0) {
    const before = report.comparison?.runs[0]?.label ?? 'the earlier run';
    reasons.push(`${plural(regressions, 'regression')} against ${before}`);
  }
  const intermittent = report.summary.intermittent ?? 0;
  if (intermittent > 0) reasons.push(`${plural(intermittent, 'intermittent failure')} (asked again, answered differently)`);
  if (report.diagnosis) reasons.push(diagnosisSentence(report.diagnosis));
  return reasons;
}

/** What a green run leaves unchecked: said on its verdict line, so a PASS never overstates. */
function passCaveats(report: ConformanceReport): string[] {
  const caveats: string[] = [];
  const unchecked = Object.entries(report.successAsserted ?? {}).filter(([, asserted]) => !asserted).map(([op]) => op);
  if (unchecked.length > 0) {
    caveats.push(`the success path was not checked (no zero-byte 200 asserted on ${unchecked.join(', ')})`);
  }
  const known = resultsWith(report, 'known').length;
  if (known > 0) caveats.push(`${plural(known, 'known divergence')} accepted by the baseline`);
  const recovered = report.summary.recovered ?? 0;
  if (recovered > 0) caveats.push(`${plural(recovered, 'step')} passed only after a retry`);
  return caveats;
}

/**
 * The run's verdict. The runner's exit code wins when present; otherwise a failure, a required code left
 * unasserted, an unexpected delivery, an interruption, a regression or an empty run means FAIL (never an
 * empty, green report: vitest's junit reporter learnt this).
 */
export function overallVerdict(report: ConformanceReport): OverallVerdict {
  const empty = report.results.length === 0;
  const note = empty ? 'No scenario result was recorded: the run did not test anything.' : undefined;
  const reasons = verdictReasons(report);
  const derivedPass = reasons.length === 0 && report.summary.failed === 0 && !empty;
  const exitCode = report.exitCode;
  const verdict: RunVerdict = report.verdict
    ?? (exitCode === 3 ? 'inconclusive' : exitCode === undefined ? (derivedPass ? 'pass' : 'fail') : exitCode === 0 ? 'pass' : 'fail');
  const passed = verdict === 'pass';
  const shown = passed ? passCaveats(report)
    : reasons.length > 0 ? reasons
    : [empty ? 'nothing was tested' : `the run ended with exit ${exitCode ?? 1} and recorded no cause`];
  const label = verdict === 'pass' ? 'PASS' : verdict === 'inconclusive' ? 'INCONCLUSIVE' : 'FAIL';
  return { passed, verdict, label, exitCode, note, reasons: shown };
}

/** `FAIL: 4 failed results (…) · 3 required codes not asserted (…)`: the verdict and its reasons, one line. */
export function verdictLine(verdict: OverallVerdict): string {
  return verdict.reasons.length === 0 ? verdict.label : `${verdict.label}: ${verdict.reasons.join(' · ')}`;
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
      meaning: meaningOf(report, code),
    })));
}

export function describeExpected(expected: Expected): string {
  if (expected.status === null) return 'no HTTP response';
  return expected.code === null ? String(expected.status) : `${expected.status}, code ${expected.code}`;
}

export function formatDuration(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}
