import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { compareWithEarlier, loadReport } from '../../src/compare/index.ts';
import { reportProblem } from '../../src/compare/load.ts';
import { ConfigError } from '../../src/input/index.ts';
import { renderJson } from '../../src/report/json.ts';
import { fullSample, passingSample } from '../report/sample-report.ts';
import { runSession } from '../support/run-session.ts';

let dir: string;
beforeEach(async () => { dir = await mkdtemp(join(tmpdir(), 'lean-compare-with-')); });
afterEach(async () => { await rm(dir, { recursive: true, force: true }); });

describe('LEAN_COMPARE_WITH', () => {
  it('loads an earlier report, and compares this run against it', async () => {
    const path = join(dir, 'production.json');
    await writeFile(path, renderJson(passingSample().build()));
    const current = fullSample().build();
    const comparison = compareWithEarlier({ label: 'production.json', report: loadReport('LEAN_COMPARE_WITH', path) }, current);
    expect(comparison.runs.map((r) => r.label)).toEqual(['production.json', 'this run']);
    // Every step failing now that did not fail in the earlier report (passed, skipped or absent there) is a regression.
    const earlier = passingSample().build().results;
    const failedBefore = (r: { operation: string; scenario: string }) =>
      earlier.some((e) => e.operation === r.operation && e.scenario === r.scenario && (e.verdict === 'fail' || e.verdict === 'known'));
    const newFailures = current.results.filter((r) => r.verdict === 'fail' && !failedBefore(r));
    expect(newFailures.length).toBeGreaterThan(0);
    expect(comparison.regressions).toBe(newFailures.length);
    expect(comparison.changes.length).toBeGreaterThan(0);
  });

  const bad: [string, string, RegExp][] = [
    ['a report of another tool', '{"results":{"tool":{"name":"x"}}}', /^LEAN_COMPARE_WITH: .* is not a valid conformance\.json of this suite \(at the top level has no "target"\)\.$/],
    ['a result without a verdict', JSON.stringify({ ...passingSample().build(), results: [{ operation: 'sendOtp', scenario: 's', expected: {}, observed: null }] }),
      /\(at results\[0\] has no "verdict"\)/],
    ['empty', '', /is empty\.$/],
  ];
  it.each(bad)('%s: a ConfigError naming the variable (exit 2 before any request)', async (_name, text, want) => {
    const path = join(dir, 'earlier.json');
    await writeFile(path, text);
    const error = (() => { try { loadReport('LEAN_COMPARE_WITH', path); } catch (e) { return e; } return null; })();
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).message).toMatch(want);
  });
});

describe('schemas/conformance.schema.json and the suite\'s own checks', () => {
  it('accept the report a run writes, as written', async () => {
    const { report } = await runSession();
    expect(reportProblem(JSON.parse(renderJson(report)))).toBeNull();
  });

  it('accept the third-release fields in the shape interface.md gives them', () => {
    const report = JSON.parse(renderJson(passingSample().build())) as Record<string, unknown> & { results: Record<string, unknown>[]; summary: object };
    const attempts = [
      { status: null, code: null, transportError: 'reset', durationMs: 3, waitedMs: 0 },
      { status: 503, code: null, transportError: null, durationMs: 4, waitedMs: 250 },
      { status: 500, code: 62, transportError: null, durationMs: 5, waitedMs: 612 },
    ];
    Object.assign(report.results[1]!, { attempts, confirmation: 'intermittent' });
    Object.assign(report, {
      verdict: 'inconclusive', exitCode: 3, summary: { ...report.summary, retried: 1, recovered: 1, intermittent: 0 },
      diagnosis: { pattern: 'status-404-405', assumption: 'the operation paths', advice: 'check LEAN_BASE_URL' },
    });
    expect(reportProblem(report)).toBeNull();
    expect(reportProblem({ ...report, verdict: 'skip' })).toBe('verdict is not pass, fail or inconclusive');
    expect(reportProblem({ ...report, exitCode: 2 })).toBe('exitCode is not 0, 1 or 3');
    Object.assign(report.results[1]!, { attempts: attempts.slice(0, 1) });
    expect(reportProblem(report)).toBe('results[1].attempts has fewer than 2 entries');
  });

  it('accept a report of the second release, whose malformed steps were numbered per run', () => {
    const report = JSON.parse(renderJson(passingSample().build())) as { results: { scenario: string }[] };
    report.results[0]!.scenario = 'malformed:03:not-json';
    expect(reportProblem(report)).toBeNull();
    report.results[0]!.scenario = 'malformed:03:no-such-kind';
    expect(reportProblem(report)).toBe('results[0].scenario is not a scenario this suite runs');
  });

  it.each([
    ['a step reported twice', (r: { results: unknown[] }) => { r.results.push(r.results[0]); }, /^results\[6\] repeats a step already reported/],
    ['a text longer than any the suite writes', (r: { target: string }) => { r.target = 'x'.repeat(5000); }, /^target is longer than 4096 characters$/],
    ['a coverage code that is no number', (r: { coverage: Record<string, Record<string, string>> }) => { r.coverage['sendOtp']!['x'] = 'asserted'; },
      /^coverage\.sendOtp has the key "x", which this suite never writes there$/],
  ] as const)('refuse %s', (_name, spoil, want) => {
    const report = JSON.parse(renderJson(passingSample().build())) as never;
    (spoil as (r: never) => void)(report);
    expect(reportProblem(report)).toMatch(want);
  });
});
