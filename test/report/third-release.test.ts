// What every report shows of the third release: an inconclusive run in words (terminal, summary.md, index.html,
// junit.xml, ctrf.json, conformance.json), every attempt with its wait, confirmed and intermittent failures, the
// retried/recovered/intermittent counts, CTRF's retries and flaky per test, and the diagnosis sentence.
import { describe, expect, it } from 'vitest';
import { renderCtrf } from '../../src/report/ctrf.ts';
import { renderHtml } from '../../src/report/html.ts';
import { renderJson } from '../../src/report/json.ts';
import { renderJunit } from '../../src/report/junit.ts';
import { renderMarkdown } from '../../src/report/markdown.ts';
import { formatResultLine, terminalSummary } from '../../src/report/terminal.ts';
import { overallVerdict } from '../../src/report/view.ts';
import type { ConformanceReport, Failure } from '../../src/results/model.ts';
import { SampleReport } from './sample-report.ts';

const transport: Failure = { check: 'transport', title: 'transport failure', message: 'Received: no HTTP response (refused)' };
const wrong: Failure = { check: 'expected-code', title: 'wrong code', message: 'Received: code 71\nDocumented: code 66' };

function inconclusive(): ConformanceReport {
  const b = new SampleReport();
  for (const op of ['sendOtp', 'sendOtpDisposable'] as const) {
    b.add({
      operation: op, scenario: 'missingFields:empty-object', expected: { status: 500, code: 2 }, verdict: 'skip',
      reason: 'target unavailable: no answer after 3 attempt(s) (refused), nor to the steps around it',
      observed: { status: null, code: null, bodyBytes: null, transportError: 'refused' },
      attempts: [0, 300, 600].map((waitedMs) => ({ status: null, code: null, transportError: 'refused' as const, durationMs: 1, waitedMs })),
    });
    b.skip(op, 'unknownCertIdOtp', 'not run: target unavailable');
  }
  return b.extend({
    verdict: 'inconclusive', exitCode: 3, targetUnreachable: { errorClass: 'refused', requests: 6 },
  }).build();
}

function retried(): ConformanceReport {
  const report = new SampleReport()
    .add({
      operation: 'sendOtp', scenario: 'fixture:deviceNotActive', expected: { status: 500, code: 66 }, verdict: 'fail',
      reason: '[expected-code] wrong code (intermittent: asked again, the answer was not the same)', failures: [wrong],
      observed: { status: 500, code: 71, bodyBytes: 30, transportError: null }, confirmation: 'intermittent',
      attempts: [{ status: 500, code: 71, transportError: null, durationMs: 3, waitedMs: 0 }, { status: 500, code: 66, transportError: null, durationMs: 3, waitedMs: 0 }],
    })
    .add({
      operation: 'sendOtp', scenario: 'missingFields:empty-object', expected: { status: 500, code: 2 }, verdict: 'pass', reason: null,
      observed: { status: 500, code: 2, bodyBytes: 30, transportError: null },
      attempts: [{ status: 502, code: null, transportError: null, durationMs: 2, waitedMs: 0 }, { status: 500, code: 2, transportError: null, durationMs: 2, waitedMs: 312 }],
    })
    .extend({ verdict: 'fail', exitCode: 1 })
    .build();
  return { ...report, summary: { ...report.summary, retried: 2, recovered: 1, intermittent: 1 } };
}

describe('an inconclusive run', () => {
  const report = inconclusive();

  it('is neither a pass nor a failure, in every format', () => {
    const verdict = overallVerdict(report);
    expect([verdict.verdict, verdict.label, verdict.passed, verdict.exitCode]).toEqual(['inconclusive', 'INCONCLUSIVE', false, 3]);
    expect(terminalSummary(report).split('\n')[1]).toBe(
      'INCONCLUSIVE: target unavailable: steps in a row got no answer, even after retries (refused), so 2 steps were not run');
    expect(terminalSummary(report)).toContain('exit 3: inconclusive, not a failure of the contract');
    expect(renderMarkdown(report)).toMatch(/^# Send OTP conformance: ⚠️ INCONCLUSIVE \(exit 3\)/);
    expect(renderMarkdown(report)).toContain('**Inconclusive (exit 3):**');
    expect(renderHtml(report)).toContain('<div class="banner inconclusive">');
    expect(renderJunit(report)).toContain('<testsuites name="Send OTP conformance (inconclusive: the target was unavailable)"');
    expect(renderJunit(report)).toContain('<property name="verdict" value="inconclusive"/>');
    expect(JSON.parse(renderCtrf(report)).results.extra).toMatchObject({ verdict: 'INCONCLUSIVE', runVerdict: 'inconclusive' });
    expect(Object.keys(JSON.parse(renderJson(report)))[0]).toBe('verdict');
  });

  it('reads an older report by its exit code', () => {
    const { verdict: _v, ...old } = report;
    expect(overallVerdict(old).verdict).toBe('inconclusive');
    expect(overallVerdict({ ...old, exitCode: 1 }).verdict).toBe('fail');
  });
});

describe('attempts and confirmation', () => {
  const report = retried();

  it('shows every attempt with its wait, the confirmation, and the counts', () => {
    const md = renderMarkdown(report);
    expect(md).toContain('2 attempts: HTTP 500, code 71 → HTTP 500, code 66 after 0 ms; intermittent');
    expect(md).toContain('**Retried:** 2 · **recovered:** 1 · **intermittent:** 1');
    expect(renderHtml(report)).toContain('2 attempts: HTTP 502 → HTTP 500, code 2 after 312 ms');
    expect(terminalSummary(report)).toContain('2 step(s) retried · 1 recovered · 1 intermittent (LEAN_RETRIES)');
    expect(terminalSummary(report).split('\n')[1]).toContain('1 intermittent failure (asked again, answered differently)');
    expect(formatResultLine(report.results[1]!)).toMatch(/\(2 attempts, recovered\)$/);
    expect(renderJunit(report)).toContain('<property name="confirmation" value="intermittent"/>');
    const json = JSON.parse(renderJson(report));
    expect(Object.keys(json.results[0])).toEqual(expect.arrayContaining(['attempts', 'confirmation']));
    expect(Object.keys(json.summary)).toEqual(['passed', 'failed', 'skipped', 'known', 'retried', 'recovered', 'intermittent']);
  });

  it('CTRF: retries (attempts − 1) per test with more than one attempt, flaky when intermittent', () => {
    const tests = JSON.parse(renderCtrf(report)).results.tests as { name: string; retries?: number; flaky?: boolean }[];
    expect(tests.map((t) => [t.name, t.retries, t.flaky])).toEqual([
      ['sendOtp fixture:deviceNotActive', 1, true],
      ['sendOtp missingFields:empty-object', 1, undefined],
    ]);
  });
});

describe('a diagnosis', () => {
  it('adds one sentence to the verdict line, quoting the assumption', () => {
    const report = new SampleReport().fail('sendOtp', 'fixture:deviceNotActive', [transport], { status: 404, code: null, bodyBytes: 0, transportError: null })
      .extend({ exitCode: 1, diagnosis: { pattern: 'method-and-paths', assumption: 'Paths are assumed.', advice: 'Check LEAN_BASE_URL.' } })
      .build();
    const line = terminalSummary(report).split('\n')[1]!;
    expect(line).toMatch(/· Likely a wrong assumption: most failures were answered 404 or 405, and the spec assumes "Paths are assumed."; check LEAN_BASE_URL\.$/);
    expect(renderMarkdown(report)).toContain('Likely a wrong assumption');
    expect(renderHtml(report)).toContain('Likely a wrong assumption');
  });
});
