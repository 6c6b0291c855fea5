// A budget or rate read from `.env` applies only when that `.env` names the LEAN_BASE_URL in effect
// (src/config/budget-source.ts); every run says where its budget and rate came from.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/conformance.ts';
import { budgetFromDotEnv } from '../../src/config/index.ts';
import type { DotEnvRead } from '../../src/input/index.ts';
import type { ConformanceReport } from '../../src/results/model.ts';
import { startHttp, type RunningServer } from '../support/servers.ts';
import { freshDir, runMain } from '../support/spawn-cli.ts';

const SANDBOX = 'https://127.0.0.1:41234';
const REAL = 'https://lean.example.test';

function read(environment: Record<string, string>, file: Record<string, string> | null): DotEnvRead {
  const env: Record<string, string | undefined> = { ...environment };
  const fromFile = new Set<string>();
  for (const [name, value] of Object.entries(file ?? {})) {
    if (env[name] === undefined) {
      env[name] = value;
      fromFile.add(name);
    }
  }
  return { env, file, fromFile };
}

describe('budgetFromDotEnv', () => {
  const cases: [string, { environment: Record<string, string>; file: Record<string, string> | null; kept: Record<string, string | undefined>; sources: [string, string]; warnings: number }][] = [
    ['no .env: the defaults', { environment: { LEAN_BASE_URL: REAL }, file: null, kept: { LEAN_MAX_SENDS: undefined }, sources: ['default', 'default'], warnings: 0 }],
    ['the environment\'s own figures', {
      environment: { LEAN_BASE_URL: REAL, LEAN_MAX_SENDS: '2', LEAN_RATE_LIMIT: '1' }, file: { LEAN_MAX_SENDS: '6' },
      kept: { LEAN_MAX_SENDS: '2', LEAN_RATE_LIMIT: '1' }, sources: ['environment', 'environment'], warnings: 0,
    }],
    ['a .env naming the target in effect lends its figures', {
      environment: {}, file: { LEAN_BASE_URL: SANDBOX, LEAN_MAX_SENDS: '6', LEAN_RATE_LIMIT: '1000' },
      kept: { LEAN_MAX_SENDS: '6', LEAN_RATE_LIMIT: '1000' }, sources: ['.env', '.env'], warnings: 0,
    }],
    ['the sandbox\'s .env under a run aimed elsewhere: ignored', {
      environment: { LEAN_BASE_URL: REAL }, file: { LEAN_BASE_URL: SANDBOX, LEAN_MAX_SENDS: '6', LEAN_RATE_LIMIT: '1000' },
      kept: { LEAN_MAX_SENDS: undefined, LEAN_RATE_LIMIT: undefined }, sources: ['default', 'default'], warnings: 2,
    }],
    ['a .env naming no target: ignored', {
      environment: { LEAN_BASE_URL: REAL }, file: { LEAN_MAX_SENDS: '6' },
      kept: { LEAN_MAX_SENDS: undefined }, sources: ['default', 'default'], warnings: 1,
    }],
  ];
  it.each(cases)('%s', (_name, { environment, file, kept, sources, warnings }) => {
    const out = budgetFromDotEnv(read(environment, file));
    for (const [name, value] of Object.entries(kept)) expect(out.env[name]).toBe(value);
    expect([out.sources.maxSends, out.sources.rateLimit]).toEqual(sources);
    expect(out.warnings).toHaveLength(warnings);
    for (const warning of out.warnings) expect(warning).toMatch(/^LEAN_(MAX_SENDS|RATE_LIMIT) from \.env is ignored: that \.env names (no|another) LEAN_BASE_URL/);
  });
});

describe('the sandbox\'s .env left in a directory whose next run aims at a real target', () => {
  let server: RunningServer;
  let delivered = 0;
  beforeAll(async () => {
    // Delivers for every request, as a real environment would for a success holder.
    server = await startHttp((_req, res) => {
      delivered += 1;
      res.end();
    });
  });
  afterAll(() => server.close());

  it('sends nothing that was not budgeted, warns, and prints the source of its budget and rate', async () => {
    const dir = freshDir();
    writeFileSync(join(dir, '.env'), `LEAN_BASE_URL='${SANDBOX}'\nLEAN_MAX_SENDS='6'\nLEAN_RATE_LIMIT='1000'\n`);
    writeFileSync(join(dir, 'fixtures.json'), JSON.stringify({ holders: { smsActive: { certIdOtp: 'cert-success-0001', deviceCode: 'device-success-0001' } } }));
    const env = { LEAN_BASE_URL: server.url, LEAN_USERNAME: 'u', LEAN_PASSWORD: 'p', LEAN_FIXTURES: join(dir, 'fixtures.json'), LEAN_REPORT_DIR: join(dir, 'reports') };

    const plan = await runMain(main, env, ['--plan', '--scenario', 'fixture:*'], { cwd: dir });
    expect(plan.stdout).toContain('budget: 0 real sends (LEAN_MAX_SENDS default against a target other than the bundled provider) · rate: 5 requests per second (LEAN_RATE_LIMIT default');
    expect(plan.stdout).toContain('warning: LEAN_MAX_SENDS from .env is ignored: that .env names another LEAN_BASE_URL');

    const run = await runMain(main, env, ['--scenario', 'fixture:smsActive*'], { cwd: dir });
    expect(run.stdout).toContain('budget: 0 real sends (LEAN_MAX_SENDS default');
    const report = JSON.parse(readFileSync(join(dir, 'reports', 'conformance.json'), 'utf8')) as ConformanceReport;
    expect(report.sends).toBe(0);
    expect(delivered).toBe(0);

    const own = await runMain(main, { ...env, LEAN_MAX_SENDS: '1', LEAN_RATE_LIMIT: '1000' }, ['--plan'], { cwd: dir });
    expect(own.stdout).toContain('budget: 1 real send (LEAN_MAX_SENDS from the environment) · rate: 1000 requests per second (LEAN_RATE_LIMIT from the environment)');
  });
});
