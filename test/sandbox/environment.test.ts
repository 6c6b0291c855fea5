// sandboxEnvironment: the LEAN_* variables of a started sandbox, TLS files included, are what the suite needs to
// run against it (the README's API example does exactly this), and its temporary files go with close().
import { existsSync, statSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/index.ts';
import { runConformance } from '../../src/runner/index.ts';
import { sandboxEnvironment, startSandbox, SANDBOX_MAX_SENDS } from '../../src/sandbox/index.ts';
import { freshDir } from '../support/spawn-cli.ts';

describe('sandboxEnvironment', () => {
  it('gives a TLS sandbox\'s variables, its files private, and a run against them passes', async () => {
    const sandbox = await startSandbox({ tls: true });
    const environment = await sandboxEnvironment(sandbox);
    try {
      const { env } = environment;
      expect(Object.keys(env)).toEqual(['LEAN_BASE_URL', 'LEAN_USERNAME', 'LEAN_PASSWORD', 'LEAN_FIXTURES', 'LEAN_CLIENT_CERT', 'LEAN_CLIENT_KEY',
        'LEAN_CA_CERT', 'LEAN_MAX_SENDS', 'LEAN_RATE_LIMIT', 'SANDBOX_ADMIN_URL', 'SANDBOX_ADMIN_TOKEN']);
      expect(env['LEAN_BASE_URL']).toBe(sandbox.url);
      expect(env['LEAN_MAX_SENDS']).toBe(String(SANDBOX_MAX_SENDS));
      for (const name of ['LEAN_FIXTURES', 'LEAN_CLIENT_CERT', 'LEAN_CLIENT_KEY', 'LEAN_CA_CERT']) {
        expect(statSync(env[name]!).mode & 0o777, name).toBe(0o600);
      }
      expect(environment.variables.filter((v) => v.secret).map((v) => v.name)).toEqual(['LEAN_PASSWORD', 'SANDBOX_ADMIN_TOKEN']);
      const report = await runConformance(loadConfig({ ...env, LEAN_MALFORMED_RUNS: '1' }, { cwd: freshDir() }));
      expect(report.summary.failed).toBe(0);
      expect(report.sends).toBe(SANDBOX_MAX_SENDS);
      expect(report.results.some((r) => r.scenario === 'noClientCertificate' && r.verdict === 'pass')).toBe(true);
    } finally {
      await sandbox.close();
      await environment.close();
    }
    expect(existsSync(environment.env['LEAN_CLIENT_KEY']!)).toBe(false);
  });

  it('writes no file for a plain HTTP sandbox when told not to (the CLI without --env-out)', async () => {
    const sandbox = await startSandbox({ adminApi: false });
    const environment = await sandboxEnvironment(sandbox, { writeFixtures: false });
    await sandbox.close();
    expect(environment.temporary).toBeUndefined();
    expect(Object.keys(environment.env)).toEqual(['LEAN_BASE_URL', 'LEAN_USERNAME', 'LEAN_PASSWORD', 'LEAN_MAX_SENDS', 'LEAN_RATE_LIMIT']);
  });
});
