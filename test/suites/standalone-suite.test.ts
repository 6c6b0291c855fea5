// The vitest suite runs on its own with the LEAN_* variables, `-t` filters included: the steps vitest leaves out
// are in the report as skipped, "filtered out", and the ones it ran are judged by the same session as the CLI's.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ConformanceReport } from '../../src/results/model.ts';
import { cleanEnv, freshDir, ROOT } from '../support/spawn-cli.ts';

const VITEST = join(ROOT, 'node_modules', 'vitest', 'vitest.mjs');

function runSuite(args: string[], env: Record<string, string>, cwd: string): Promise<number | null> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [VITEST, 'run', '-c', join(ROOT, 'vitest.suites.config.ts'), '--root', ROOT, ...args], {
      cwd, env: cleanEnv(env), stdio: 'ignore',
    });
    child.on('error', reject);
    child.on('close', resolve);
  });
}

describe('suites/conformance.suite.ts on its own', () => {
  it('with -t, runs the matching scenario on both operations and reports the others as filtered out', async () => {
    const dir = freshDir();
    const code = await runSuite(['-t', 'fixture:smsActive'], { LEAN_REPORT_DIR: join(dir, 'reports'), LEAN_MALFORMED_RUNS: '1' }, dir);
    expect(code).toBe(0);
    const report = JSON.parse(readFileSync(join(dir, 'reports', 'conformance.json'), 'utf8')) as ConformanceReport;
    expect(report.results.filter((r) => r.verdict !== 'skip').map((r) => `${r.operation} ${r.scenario} ${r.verdict}`))
      .toEqual(['sendOtp fixture:smsActive pass', 'sendOtpDisposable fixture:smsActive pass']);
    expect(report.results.filter((r) => r.reason === 'filtered out').length).toBe(report.results.length - 2);
    expect(report.sends).toBe(2);
  });
});
