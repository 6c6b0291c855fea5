// `ctrf.json`: the Common Test Report Format (ctrf.io), which the CTRF reporters for GitHub, Slack and others
// read. One test per (operation, scenario), plus one failing test per required code left unasserted, so the
// counts agree with junit.xml. What CTRF has no field for (the code × operation matrix, the sends, the
// verdict's reasons, the reproducer of each failure) goes into its `extra` objects, which it reserves for that.
import { createHash } from 'node:crypto';
import { PACKAGE_NAME, PACKAGE_VERSION } from '../package-info.ts';
import type { ConformanceReport, ScenarioResult } from '../results/model.ts';
import { formatFailureText } from './format-failure.ts';
import { reproducerOf } from './reproducer.ts';
import { cellText, coverageMatrix, overallVerdict } from './view.ts';

export const CTRF_SPEC_VERSION = '0.0.0';

export type CtrfStatus = 'passed' | 'failed' | 'skipped' | 'pending' | 'other';

export interface CtrfTest {
  name: string;
  status: CtrfStatus;
  duration: number;
  suite: string[];
  rawStatus: string;
  message?: string;
  trace?: string;
  /** Attempts − 1, for a test with more than one attempt (the CTRF convention). */
  retries?: number;
  /** An intermittent failure: asked again, it answered differently. */
  flaky?: boolean;
  extra: Record<string, unknown>;
}

/** CTRF's `results.environment` (only the fields this suite fills; the schema allows no others but `extra`). */
export interface CtrfEnvironment {
  reportName: string;
  appName: string;
  /** The target's origin (scheme, host, port), never a path, a query or credentials. */
  testEnvironment: string;
  osPlatform: string;
  extra: { targetOrigin: string; package: string; packageVersion: string; node: string; seed?: number };
}

/** CTRF's `baseline`: the earlier report this run was compared with (LEAN_COMPARE_WITH). */
export interface CtrfBaseline {
  reportId: string;
  timestamp: string;
  source: string;
  extra: { regressions: number; changes: number; unchanged: number };
}

export interface CtrfReport {
  reportFormat: 'CTRF';
  specVersion: string;
  reportId: string;
  timestamp: string;
  generatedBy: string;
  baseline?: CtrfBaseline;
  results: {
    tool: { name: string; version: string };
    environment: CtrfEnvironment;
    summary: { tests: number; passed: number; failed: number; skipped: number; pending: number; other: number;
      start: number; stop: number; duration: number };
    tests: CtrfTest[];
    extra: Record<string, unknown>;
  };
}

// A known divergence is neither a pass nor a failure: CTRF's `other`, with our word kept in `rawStatus`.
const STATUS: Readonly<Record<ScenarioResult['verdict'], CtrfStatus>> = {
  pass: 'passed', fail: 'failed', skip: 'skipped', known: 'other',
};

function resultTest(report: ConformanceReport, r: ScenarioResult): CtrfTest {
  const text = formatFailureText(r);
  const message = r.verdict === 'fail' || r.verdict === 'known' ? text.split('\n')[0] : r.reason ?? undefined;
  const reproducer = r.verdict === 'fail' ? reproducerOf(r, report) : undefined;
  return {
    name: `${r.operation} ${r.scenario}`,
    status: STATUS[r.verdict],
    duration: Math.max(0, Math.round(r.durationMs)),
    suite: [r.operation],
    rawStatus: r.verdict,
    ...(message ? { message } : {}),
    ...(text && r.verdict !== 'skip' ? { trace: text } : {}),
    ...(r.attempts && r.attempts.length > 1 ? { retries: r.attempts.length - 1 } : {}),
    ...(r.confirmation === 'intermittent' ? { flaky: true } : {}),
    extra: {
      operation: r.operation,
      scenario: r.scenario,
      expected: r.expected,
      observed: r.observed,
      checks: (r.failures ?? []).map((f) => f.check),
      ...(r.verdict === 'known' && r.reason ? { reason: r.reason } : {}),
      ...(reproducer ? { reproducer } : {}),
      ...(r.attempts ? { attempts: r.attempts } : {}),
      ...(r.confirmation ? { confirmation: r.confirmation } : {}),
    },
  };
}

/** Any name in the project's own namespace for name-based UUIDs (RFC 9562, version 5); fixed, so ids are stable. */
const REPORT_ID_NAMESPACE = '3c4f9d2e-7b1a-4e8c-9a55-0f6e2d1b8a47';

/**
 * The CTRF `reportId` of a run: a version-5 UUID of its target and start, so the same conformance.json always
 * renders the same id, and a later run compared with it (LEAN_COMPARE_WITH) names it as its `baseline` by the
 * id the earlier ctrf.json carries, from the earlier conformance.json alone.
 */
export function reportIdOf(run: { target: string; startedAt: string }): string {
  const namespace = Buffer.from(REPORT_ID_NAMESPACE.replaceAll('-', ''), 'hex');
  const hash = createHash('sha1').update(namespace).update(`${String(run.target)}\n${String(run.startedAt)}`).digest();
  hash[6] = (hash[6]! & 0x0f) | 0x50;
  hash[8] = (hash[8]! & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** `https://lean.example:8443` of `https://lean.example:8443/api (…)`; the first word itself when it is no URL. */
export function targetOrigin(target: string): string {
  const first = /^\S*/.exec(String(target))?.[0] ?? '';
  try {
    const { origin } = new URL(first);
    return origin === 'null' ? first : origin;
  } catch {
    return first;
  }
}

function environment(report: ConformanceReport): CtrfEnvironment {
  const origin = targetOrigin(report.target);
  return {
    reportName: 'Send OTP conformance',
    appName: 'Lean Disposable API (Send OTP)',
    testEnvironment: origin,
    osPlatform: process.platform,
    extra: {
      targetOrigin: origin, package: PACKAGE_NAME, packageVersion: PACKAGE_VERSION, node: process.version,
      ...(typeof report.seed === 'number' ? { seed: report.seed } : {}),
    },
  };
}

function baseline(report: ConformanceReport): CtrfBaseline | undefined {
  const earlier = report.comparison?.runs[0];
  if (!report.comparison || !earlier) return undefined;
  const started = Date.parse(earlier.startedAt);
  return {
    reportId: reportIdOf(earlier),
    timestamp: Number.isFinite(started) ? new Date(started).toISOString() : new Date(0).toISOString(),
    source: String(earlier.label),
    extra: { regressions: report.comparison.regressions, changes: report.comparison.changes.length, unchanged: report.comparison.unchanged },
  };
}

function requiredCodeTests(report: ConformanceReport): CtrfTest[] {
  return Object.entries(report.requiredCodesMissing ?? {}).flatMap(([operation, codes]) => codes.map((code): CtrfTest => ({
    name: `${operation} required code ${code}`,
    status: 'failed',
    duration: 0,
    suite: ['required codes', operation],
    rawStatus: 'fail',
    message: `LEAN_REQUIRE_CODES: code ${code} was not asserted on ${operation}`,
    extra: { operation, code },
  })));
}

export function toCtrf(report: ConformanceReport): CtrfReport {
  const tests = [...report.results.map((r) => resultTest(report, r)), ...requiredCodeTests(report)];
  const count = (status: CtrfStatus): number => tests.filter((t) => t.status === status).length;
  const start = Date.parse(report.startedAt);
  const safeStart = Number.isFinite(start) ? start : 0;
  const duration = Math.round(Number(report.durationMs));
  const stop = safeStart + (Number.isFinite(duration) ? Math.max(0, duration) : 0);
  const verdict = overallVerdict(report);
  const matrix = coverageMatrix(report);
  const comparedWith = baseline(report);
  return {
    reportFormat: 'CTRF',
    specVersion: CTRF_SPEC_VERSION,
    reportId: reportIdOf(report),
    // The end of the run, not the wall clock: two renderings of one report are identical.
    timestamp: new Date(stop).toISOString(),
    generatedBy: `${PACKAGE_NAME} ${PACKAGE_VERSION}`,
    ...(comparedWith ? { baseline: comparedWith } : {}),
    results: {
      tool: { name: PACKAGE_NAME, version: PACKAGE_VERSION },
      environment: environment(report),
      summary: {
        tests: tests.length, passed: count('passed'), failed: count('failed'), skipped: count('skipped'),
        pending: count('pending'), other: count('other'), start: safeStart, stop, duration: stop - safeStart,
      },
      tests,
      extra: {
        target: report.target,
        verdict: verdict.label,
        runVerdict: verdict.verdict,
        reasons: verdict.reasons,
        sends: report.sends,
        ...(report.seed === undefined ? {} : { seed: report.seed }),
        ...(report.exitCode === undefined ? {} : { exitCode: report.exitCode }),
        // Per code, per operation: the matrix of the other reports, in words.
        codes: matrix.rows.map((row) => ({
          code: row.code,
          meaning: row.meaning,
          ...Object.fromEntries(matrix.operations.map((op, i) => [op, row.cells[i] ? cellText(row.cells[i]) : ''])),
        })),
        coverage: report.coverage,
        requiredCodesMissing: report.requiredCodesMissing ?? {},
        unexpectedDeliveries: report.unexpectedDeliveries ?? [],
        ...(report.interrupted ? { interrupted: true } : {}),
        ...(report.checksOff?.length ? { checksOff: report.checksOff } : {}),
        ...(report.diagnosis ? { diagnosis: report.diagnosis } : {}),
        ...(report.comparison ? { comparison: { regressions: report.comparison.regressions, changes: report.comparison.changes.length } } : {}),
      },
    },
  };
}

export function renderCtrf(report: ConformanceReport): string {
  return `${JSON.stringify(toCtrf(report), null, 2)}\n`;
}
