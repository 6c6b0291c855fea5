import { readdirSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/compare.ts';
import { memoryIo } from '../../src/cli/io.ts';
import { renderJson } from '../../src/report/json.ts';
import { claimReportDir } from '../../src/runner/report-dir.ts';
import type { Comparison } from '../../src/results/model.ts';
import { fullSample, passingSample } from '../report/sample-report.ts';

let cwd: string;
beforeEach(async () => { cwd = await mkdtemp(join(tmpdir(), 'lean-compare-')); });
afterEach(async () => { await rm(cwd, { recursive: true, force: true }); });

async function file(name: string, text: string): Promise<string> {
  await writeFile(join(cwd, name), text);
  return name;
}

async function compare(args: string[], env: Record<string, string> = {}) {
  const io = memoryIo({ cwd });
  const code = await main(args, env, io);
  return { code, stdout: io.stdout(), stderr: io.stderr() };
}

describe('npm run conformance:compare', () => {
  it('identical runs: exit 0, nothing changed, compare.md and compare.json written into LEAN_REPORT_DIR', async () => {
    const a = await file('a.json', renderJson(passingSample().build()));
    const b = await file('b.json', renderJson(passingSample().build()));
    const { code, stdout } = await compare([a, b], { LEAN_REPORT_DIR: 'out' });
    expect(code).toBe(0);
    expect(stdout).toContain('comparison: 0 regressions · 0 changes · 6 unchanged');
    const json = JSON.parse(await readFile(join(cwd, 'out', 'compare.json'), 'utf8')) as Comparison;
    expect(json).toMatchObject({ regressions: 0, changes: [], unchanged: 6 });
    expect(await readFile(join(cwd, 'out', 'compare.md'), 'utf8')).toMatch(/^# Comparison with earlier runs: ✅ no regression\n/);
  });

  it('a step that passed and now fails: exit 1, the regression listed first in every output', async () => {
    const before = await file('before.json', renderJson(fullSample().build()));
    const after = fullSample().build();
    after.results = after.results.map((r) => (r.operation === 'sendOtp' && r.scenario === 'fixture:smsActive'
      ? { ...r, verdict: 'fail' as const, observed: { status: 500, code: 6, bodyBytes: 30, transportError: null } } : r));
    after.summary = { ...after.summary, passed: after.summary.passed - 1, failed: after.summary.failed + 1 };
    const { code, stdout } = await compare([before, await file('after.json', renderJson(after))]);
    expect(code).toBe(1);
    expect(stdout.split('\n')[0]).toBe('comparison: 1 regression · 1 change · 15 unchanged');
    expect(stdout).toContain('  ✗ regression: now fails: sendOtp fixture:smsActive: pass: 200, 0 bytes → fail: 500, code 6');
    expect(stdout).toMatch(/^ {2}sendOtp {13}200 {3}✓ asserted +✗ failed/m);
    const md = await readFile(join(cwd, 'reports', 'compare.md'), 'utf8');
    expect(md).toContain('| 🟥 regression: now fails | sendOtp | fixture:smsActive | pass: 200, 0 bytes | fail: 500, code 6 |');
    expect(md).toContain('## Code × run');
  });

  it('a step that failed in the first run and still fails is no regression', async () => {
    const failing = renderJson(fullSample().build());
    const { code } = await compare([await file('a.json', failing), await file('b.json', failing)]);
    expect(code).toBe(0);
  });

  const bad: [string, { files: () => Promise<string[]>; env?: Record<string, string>; want: RegExp }][] = [
    ['one file only', { files: async () => [await file('a.json', renderJson(passingSample().build()))], want: /^conformance:compare: arguments: expected <before\.json> <after\.json>/ }],
    ['a missing file', { files: async () => ['nope.json', 'nope2.json'], want: /arguments: cannot read .*nope\.json \(ENOENT\)\./ }],
    ['not JSON', { files: async () => [await file('a.json', '{'), await file('b.json', '{}')], want: /a\.json is not valid JSON/ }],
    ['JSON that is not a conformance report', {
      files: async () => [await file('a.json', renderJson(passingSample().build())), await file('b.json', '{"results": []}')],
      want: /b\.json is not a valid conformance\.json of this suite \(at the top level has no "target"\)\./,
    }],
    ['runs of different operations (mismatched)', {
      files: async () => {
        const only = (operation: string) => {
          const report = passingSample().build();
          report.results = report.results.filter((r) => r.operation === operation);
          report.coverage = { [operation]: report.coverage[operation]! };
          report.summary = { passed: 2, failed: 0, skipped: 1, known: 0 };
          return renderJson(report);
        };
        return [await file('a.json', only('sendOtp')), await file('b.json', only('sendOtpDisposable'))];
      },
      want: /b\.json shares no operation with .*a\.json, so the two runs cannot be compared\./,
    }],
    ['an operation the spec does not have', {
      files: async () => {
        const other = passingSample().build();
        other.results = other.results.map((r) => ({ ...r, operation: 'verifyOtp' as never }));
        return [await file('a.json', renderJson(passingSample().build())), await file('b.json', renderJson(other))];
      },
      want: /b\.json is not a valid conformance\.json of this suite \(at results\[0\]\.operation is not sendOtp or sendOtpDisposable\)\./,
    }],
    ['a directory', { files: async () => { await mkdir(join(cwd, 'd')); return ['d', 'd']; }, want: /cannot read .*d \(EISDIR\)/ }],
    ['an unknown option', { files: async () => ['--frobnicate'], want: /arguments: Unknown option '--frobnicate'/ }],
    ['an empty LEAN_REPORT_DIR', {
      files: async () => [await file('a.json', renderJson(passingSample().build())), await file('b.json', renderJson(passingSample().build()))],
      env: { LEAN_REPORT_DIR: '' }, want: /LEAN_REPORT_DIR: is set but empty\./,
    }],
  ];
  it.each(bad)('bad input, exit 2 in one sentence: %s', async (_name, { files, env, want }) => {
    const { code, stderr, stdout } = await compare(await files(), env);
    expect(code).toBe(2);
    expect(stderr).toMatch(want);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stdout).toBe('');
  });

  it('--help prints the usage and writes nothing', async () => {
    const { code, stdout } = await compare(['--help']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^usage: npm run conformance:compare -- \[options\] <before\.json> <after\.json> \[more\.json …\]/);
    expect(stdout).toContain('LEAN_REPORT_DIR');
  });
});

describe('conformance:compare refusing an input file', () => {
  /** LEAN_REPORT_DIR holds an earlier comparison (no regression), a run's report and a file of the user's. */
  async function earlierOutput(): Promise<string> {
    const out = join(cwd, 'out');
    await mkdir(out);
    await writeFile(join(out, 'compare.md'), '# Comparison: 0 regressions · 0 changes · 16 unchanged\n');
    await writeFile(join(out, 'compare.json'), '{"regressions":0}\n');
    await writeFile(join(out, 'conformance.json'), renderJson(passingSample().build()));
    await writeFile(join(out, 'notes.txt'), 'mine');
    return out;
  }
  const refused = async () => [await file('a.json', renderJson(passingSample().build())), await file('b.json', '{"results":[]}')];

  it('removes the earlier compare.md and compare.json (only those), and says so in the same sentence', async () => {
    const out = await earlierOutput();
    const { code, stdout, stderr } = await compare(await refused(), { LEAN_REPORT_DIR: 'out' });
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toBe(`conformance:compare: arguments: ${join(cwd, 'b.json')} is not a valid conformance.json of this suite ` +
      `(at the top level has no "target"); the earlier comparison in ${out} (compare.md, compare.json) was removed so that it ` +
      'does not read as this comparison\'s result.\n');
    expect(readdirSync(out).sort()).toEqual(['conformance.json', 'notes.txt']);
  });

  it('removes nothing from a directory a running conformance run holds, and says nothing of it', async () => {
    const out = await earlierOutput();
    const run = claimReportDir(out);
    try {
      const { code, stderr } = await compare(await refused(), { LEAN_REPORT_DIR: 'out' });
      expect(code).toBe(2);
      expect(stderr).toBe(`conformance:compare: arguments: ${join(cwd, 'b.json')} is not a valid conformance.json of this suite ` +
        '(at the top level has no "target").\n');
      expect(readdirSync(out).sort()).toEqual(['.lean-conformance.lock', 'compare.json', 'compare.md', 'conformance.json', 'notes.txt']);
    } finally {
      run.release();
    }
  });
});
