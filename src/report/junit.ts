// `junit.xml` for CI test tabs: one suite per operation, one case per (operation, scenario). Times are the
// report's own durations, never the wall clock or the host name (vitest's junit reporter writes both), so
// two renderings of one report are identical.
import junitModule, { type Builder, type TestCase } from 'junit-report-builder';
import type { ConformanceReport, ScenarioResult } from '../results/model.ts';
import { cdataSafe } from './escape.ts';
import { formatFailureText } from './format-failure.ts';
import { operationsOf, overallVerdict } from './view.ts';

// The package's d.ts declares an ES default export, but its CommonJS build assigns `module.exports`, so
// under NodeNext TypeScript types the default import as the module namespace. Accept either shape.
const junit = ((junitModule as { default?: Builder }).default ?? junitModule) as unknown as Builder;

type XmlElement = ReturnType<TestCase['build']>;

/**
 * junit-report-builder writes a bare `<skipped/>`, yet CI tabs show a skip's `message` attribute as the
 * reason. The case's own element is completed after the library has built it.
 */
function skipWithMessage(testCase: TestCase, message: string): void {
  const build = testCase.build.bind(testCase);
  testCase.build = (parent: XmlElement): XmlElement => {
    const element = build(parent);
    const skipped = element.children.find((child) => (child as Partial<XmlElement>).name === 'skipped');
    (skipped as XmlElement | undefined)?.att('message', message);
    return element;
  };
}

const seconds = (ms: number): number => Math.round(ms) / 1000;

/** The run's start for a suite's `timestamp`; the epoch when the report's is no date (the builder throws on one). */
function startOf(report: ConformanceReport): string {
  return Number.isFinite(Date.parse(report.startedAt)) ? report.startedAt : new Date(0).toISOString();
}

function addCase(suite: ReturnType<Builder['testSuite']>, r: ScenarioResult): void {
  const testCase = suite.testCase().className(r.operation).name(r.scenario).time(seconds(r.durationMs));
  testCase.property('verdict', r.verdict);
  if (r.attempts && r.attempts.length > 1) testCase.property('attempts', String(r.attempts.length));
  if (r.confirmation) testCase.property('confirmation', r.confirmation);
  switch (r.verdict) {
    case 'pass':
      break;
    case 'fail': {
      const text = formatFailureText(r);
      const checks = [...new Set((r.failures ?? []).map((f) => f.check))].join(',') || 'conformance';
      // The attribute is the first line (CI lists show it), the body the full text of every failed check.
      testCase.failure(text.split('\n')[0] ?? '', checks).stacktrace(cdataSafe(text));
      break;
    }
    case 'skip': {
      const reason = r.reason ?? '(no reason given)';
      testCase.skipped().property('reason', reason);
      skipWithMessage(testCase, reason);
      break;
    }
    case 'known': {
      // Passing for CI, yet never silent: the reason and the divergence stay readable in the case's output.
      const reason = r.reason ?? '(no reason given)';
      const text = formatFailureText(r);
      testCase.property('reason', reason)
        .standardOutput(cdataSafe(`known divergence: ${reason}${text && text !== reason ? `\n${text}` : ''}`));
      break;
    }
  }
}

export function renderJunit(report: ConformanceReport): string {
  // The run's verdict in words on every suite: an inconclusive run has no failing case, yet is not a pass.
  const { verdict } = overallVerdict(report);
  const builder = junit.newBuilder().name(verdict === 'inconclusive'
    ? 'Send OTP conformance (inconclusive: the target was unavailable)' : 'Send OTP conformance');
  for (const operation of operationsOf(report)) {
    const results = report.results.filter((r) => r.operation === operation);
    const suite = builder.testSuite().name(operation).timestamp(startOf(report))
      .time(seconds(results.reduce((sum, r) => sum + r.durationMs, 0)))
      .property('target', report.target)
      .property('verdict', verdict);
    if (report.checksOff?.length) suite.property('checksOff', report.checksOff.join(', '));
    for (const r of results) addCase(suite, r);
    if (results.length === 0) {
      // An operation without a single result is a broken run, not an empty green suite.
      suite.testCase().className(operation).name('(no results)').time(0)
        .failure('No scenario result was recorded for this operation.', 'no-results');
    }
  }
  const missing = Object.entries(report.requiredCodesMissing ?? {}).filter(([, codes]) => codes.length > 0);
  if (missing.length > 0) {
    // A required code left unasserted fails the run, so it fails in the CI test tab too: one case per code.
    const suite = builder.testSuite().name('required codes').timestamp(startOf(report)).time(0)
      .property('variable', 'LEAN_REQUIRE_CODES');
    for (const [operation, codes] of missing) {
      for (const code of codes) {
        suite.testCase().className(operation).name(`required code ${code}`).time(0)
          .failure(`LEAN_REQUIRE_CODES: code ${code} was not asserted on ${operation}`, 'required-code');
      }
    }
  }
  return `${builder.build()}\n`;
}
