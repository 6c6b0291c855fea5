import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { compareWithEarlier, loadReport } from '../../src/compare/index.ts';
import { ConfigError } from '../../src/input/index.ts';
import { renderJson } from '../../src/report/json.ts';
import { fullSample, passingSample } from '../report/sample-report.ts';

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
    ['a report of another tool', '{"results":{"tool":{"name":"x"}}}', /^LEAN_COMPARE_WITH: .* is not a conformance\.json of this suite \("target" is missing\)\.$/],
    ['a result without a verdict', JSON.stringify({ ...passingSample().build(), results: [{ operation: 'sendOtp', scenario: 's', expected: {}, observed: null }] }),
      /\("results\[0\]\.verdict" is not pass, fail, skip or known\)/],
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
