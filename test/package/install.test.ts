// Proof that the package installs and runs as another project would use it: `npm pack` (which builds dist/),
// the tarball installed into an empty project with `npm ci --offline` (no network: see consumer-project.ts),
// node_modules made read-only, then `npx lean-otp-conformance` run there: --version, --plan and a full run
// against the bundled provider, the programmatic API and the vitest entry from that project. node_modules is
// compared file by file before and after, so nothing may write into it at run time.
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PACT_FILE_NAME } from '../../contracts/shared/names.ts';
import type { ConformanceReport } from '../../src/results/model.ts';
import { cleanEnv, ROOT } from '../support/spawn-cli.ts';
import { writeConsumerProject } from './consumer-project.ts';
import { satisfiesRange } from '../../src/cli/node-support.ts';
import { PACKAGE_ENGINES } from '../../src/package-info.ts';
import { run, type Run } from './run-command.ts';

const NOBODY = 65_534;
/**
 * Root writes through read-only modes, so as root the commands run as nobody, when nobody can run this Node
 * (a checkout under a private folder cannot be); the before/after comparison of node_modules holds either way.
 */
const asRoot = process.getuid?.() === 0 &&
  spawnSync(process.execPath, ['--version'], { uid: NOBODY, gid: NOBODY, cwd: tmpdir() }).status === 0;
const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { name: string; version: string; peerDependencies: Record<string, string> };
const PEERS = manifest.peerDependencies;
/** The machine's own Node (20 here): older than the package supports. */
const OLD_NODE = '/usr/bin/node';

/** Every path under `dir` with its size, mode and mtime: any write, chmod or new file shows as a difference. */
function snapshot(dir: string): string[] {
  const lines: string[] = [];
  const walk = (path: string): void => {
    const stat = statSync(path);
    lines.push(`${path.slice(dir.length)} ${stat.mode.toString(8)} ${stat.size} ${stat.mtimeMs}`);
    if (stat.isDirectory()) for (const name of readdirSync(path).sort()) walk(join(path, name));
  };
  walk(dir);
  return lines;
}

const setWritable = (dir: string, writable: boolean): void => {
  const walk = (path: string): void => {
    const stat = statSync(path);
    chmodSync(path, writable ? stat.mode | 0o200 : stat.mode & ~0o222);
    if (stat.isDirectory()) for (const name of readdirSync(path)) walk(join(path, name));
  };
  walk(dir);
};

describe('the packed package, installed into an empty project', () => {
  let base: string;
  let project: string;
  let vitestProject: string;
  let env: Record<string, string>;
  let before: string[];
  const timings: Record<string, number> = {};
  /** `npx lean-otp-conformance …` in the project, as its user (nobody, when the tests run as root). */
  const npx = (args: readonly string[], extraEnv: Record<string, string> = {}): Promise<Run> => run('npx', ['--no-install', 'lean-otp-conformance', ...args], {
    cwd: project,
    env: { ...env, HOME: join(base, 'home'), npm_config_cache: join(base, 'home', '.npm'), ...extraEnv },
    ...(asRoot ? { uid: NOBODY, gid: NOBODY } : {}),
  });

  beforeAll(async () => {
    base = mkdtempSync(join(tmpdir(), 'lean-install-'));
    chmodSync(base, 0o755);
    project = join(base, 'project');
    vitestProject = join(base, 'vitest-project');
    const home = join(base, 'home');
    for (const dir of [project, vitestProject, home, join(base, 'pack')]) mkdirSync(dir);
    // The Node this test runs on (24, from the `node` package) first on PATH: the bin's `#!/usr/bin/env node`
    // and npx then run on it, not on the machine's older Node.
    env = cleanEnv({
      PATH: `${dirname(process.execPath)}:${process.env['PATH'] ?? ''}`,
      npm_config_offline: 'true',
      npm_config_update_notifier: 'false',
      npm_config_audit: 'false',
      npm_config_fund: 'false',
    });

    const packed = await run('npm', ['pack', '--pack-destination', join(base, 'pack')], { cwd: ROOT, env: { ...process.env, npm_config_update_notifier: 'false' } });
    expect(packed.code, packed.stderr).toBe(0);
    timings['npm pack (build included)'] = packed.ms;
    const tarball = join(base, 'pack', `${manifest.name}-${manifest.version}.tgz`);
    expect(existsSync(tarball)).toBe(true);

    writeConsumerProject(project, { root: ROOT, tarball });
    writeFileSync(join(project, 'api.mjs'), API_SCRIPT);
    // The repository's npm cache (filled by its `npm ci`), not the empty one of the project's user.
    const installed = await run('npm', ['ci', '--offline'], { cwd: project, env });
    expect(installed.code, installed.stderr).toBe(0);
    timings['npm ci --offline'] = installed.ms;

    // A second project, writable (vitest writes its own caches there), with vitest beside the package.
    writeConsumerProject(vitestProject, { root: ROOT, tarball, extra: ['vitest'] });
    writeFileSync(join(vitestProject, 'vitest.config.mjs'), VITEST_CONFIG);
    const withVitest = await run('npm', ['ci', '--offline'], { cwd: vitestProject, env });
    expect(withVitest.code, withVitest.stderr).toBe(0);
    timings['npm ci --offline (with vitest)'] = withVitest.ms;

    setWritable(join(project, 'node_modules'), false);
    if (asRoot) {
      // The project's user owns the project (reports are written there) and its home, not node_modules.
      for (const dir of [project, home]) chownSync(dir, NOBODY, NOBODY);
    }
    before = snapshot(join(project, 'node_modules'));
  }, 240_000);

  afterAll(() => {
    if (!base) return;
    if (existsSync(join(project, 'node_modules'))) setWritable(join(project, 'node_modules'), true);
    rmSync(base, { recursive: true, force: true });
    console.info(`install test timings (ms): ${JSON.stringify(timings)}`);
  });

  it('answers --version with the package version', async () => {
    const result = await npx(['--version']);
    timings['--version'] = result.ms;
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(`${manifest.name} ${manifest.version}\n`);
  });

  it('prints the plan of a run and writes no report', async () => {
    const result = await npx(['--plan']);
    timings['--plan'] = result.ms;
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/sendOtpDisposable/);
    expect(existsSync(join(project, 'reports'))).toBe(false);
  });

  it('reads .env from the directory it is run from', async () => {
    writeFileSync(join(project, '.env'), 'LEAN_TIMEOUT_MS=0\n');
    try {
      const result = await npx(['--plan']);
      expect(result.code).toBe(2);
      expect(result.stdout + result.stderr).toMatch(/LEAN_TIMEOUT_MS/);
    } finally {
      rmSync(join(project, '.env'));
    }
  });

  it('runs the whole suite against the bundled provider and writes the reports into reports/ there', async () => {
    const result = await npx([], { LEAN_REQUIRE_CODES: 'all' });
    timings['full run'] = result.ms;
    expect(result.code, `${result.stdout}\n${result.stderr}`).toBe(0);
    const reports = join(project, 'reports');
    expect(readdirSync(reports)).toEqual(expect.arrayContaining(['conformance.json', 'index.html', 'junit.xml', 'summary.md']));
    const report = JSON.parse(readFileSync(join(reports, 'conformance.json'), 'utf8')) as ConformanceReport;
    expect(report.summary.failed).toBe(0);
    expect(report.summary.passed).toBeGreaterThan(50);
  });

  it('validates a report read back with the precompiled validator it ships, ajv-formats\' formats included (LEAN_COMPARE_WITH, --plan)', async () => {
    const earlier = JSON.parse(readFileSync(join(ROOT, 'test', 'hostile', 'reports', 'earlier-run.json'), 'utf8')) as Record<string, unknown>;
    const valid = join(base, 'earlier.json');
    const spoiled = join(base, 'earlier-spoiled.json');
    writeFileSync(valid, JSON.stringify(earlier));
    writeFileSync(spoiled, JSON.stringify({ ...earlier, startedAt: 'yesterday' }));
    const accepted = await npx(['--plan'], { LEAN_COMPARE_WITH: valid });
    expect(accepted.code, accepted.stderr).toBe(0);
    const refused = await npx(['--plan'], { LEAN_COMPARE_WITH: spoiled });
    expect(refused.stderr).toMatch(`LEAN_COMPARE_WITH: ${spoiled} is not a valid conformance.json of this suite (at startedAt is not a date-time value).`);
    expect(refused.code).toBe(2);
  });

  it('runs a session through the programmatic API, from a script of the project', async () => {
    const result = await run(process.execPath, ['api.mjs'], { cwd: project, env: { ...env, HOME: join(base, 'home') }, ...(asRoot ? { uid: NOBODY, gid: NOBODY } : {}) });
    timings['API session'] = result.ms;
    expect(result.code, result.stderr).toBe(0);
    const out = JSON.parse(result.stdout) as { summary: ConformanceReport['summary']; sends: number; files: string[] };
    expect(out.summary.failed).toBe(0);
    expect(out.sends).toBe(6);
    // conformance.json first (it must hold every result even if another format fails), then the others in map order.
    expect(out.files.map((f) => f.slice(project.length))).toEqual(['/api-reports/conformance.json', '/api-reports/junit.xml', '/api-reports/summary.md', '/api-reports/index.html', '/api-reports/ctrf.json']);
  });

  it('ships declarations a strict TypeScript project compiles against, its types real (a wrong operation id fails)', async () => {
    const tsc = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
    const compile = async (source: string): Promise<Run> => {
      writeFileSync(join(project, 'check.ts'), source);
      return run(process.execPath, [tsc, '-p', join(project, 'tsconfig.json')], { cwd: project, env });
    };
    writeFileSync(join(project, 'tsconfig.json'), JSON.stringify({
      compilerOptions: {
        target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, noEmit: true, skipLibCheck: false,
        typeRoots: [join(ROOT, 'node_modules', '@types')], types: ['node'],
      },
      files: ['check.ts'],
    }));
    try {
      const good = await compile(TYPED_USE);
      expect(good.stdout + good.stderr).toBe('');
      expect(good.code).toBe(0);
      const bad = await compile(`${TYPED_USE}\nconst wrong: OperationId = 'sendOTP';\n`);
      expect(bad.stdout).toMatch(/check\.ts\(\d+,\d+\): error TS\d+: Type '"sendOTP"' is not assignable/);
    } finally {
      for (const file of ['check.ts', 'tsconfig.json']) rmSync(join(project, file), { force: true });
    }
  });

  it('ships the spec, the schemas and the reference pact where the README and the CI examples point', () => {
    const pkg = join(project, 'node_modules', manifest.name);
    for (const file of ['spec/lean-send-otp.openapi.yaml', 'schemas/fixtures.schema.json', 'schemas/baseline.schema.json', `dist/contracts/pacts/${PACT_FILE_NAME}`, 'LICENSE']) {
      expect(existsSync(join(pkg, file)), file).toBe(true);
    }
  });

  it("runs the suite as a project of the team's own vitest config (lean-send-otp-conformance/vitest)", async () => {
    const result = await run(process.execPath, [join(vitestProject, 'node_modules', 'vitest', 'vitest.mjs'), 'run'], { cwd: vitestProject, env });
    timings['vitest run (team config)'] = result.ms;
    expect(result.code, `${result.stdout}\n${result.stderr}`).toBe(0);
    expect(result.stdout).toMatch(/lean-conformance/);
    const report = JSON.parse(readFileSync(join(vitestProject, 'reports', 'conformance.json'), 'utf8')) as ConformanceReport;
    expect(report.summary.failed).toBe(0);
    expect(report.summary.passed).toBeGreaterThan(50);
  });

  it('names its commands as the project runs them: npx, the sandbox subcommand with the options of npm run provider', async () => {
    const run = await npx(['run', '--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^usage: npx lean-otp-conformance \[options\]/);
    const sandbox = await npx(['sandbox', '--help']);
    expect(sandbox.code).toBe(0);
    expect(sandbox.stdout).toMatch(/^usage: npx lean-otp-conformance sandbox \[options\]/);
    expect(sandbox.stdout).toContain('--env-out <file>');
  });

  it('without its optional peer, lean-otp-pact-verify is exit 2 naming the install command (an environment error, not the target\'s)', async () => {
    const result = await run('npx', ['--no-install', 'lean-otp-pact-verify'], {
      cwd: project, env: { ...env, HOME: join(base, 'home') }, ...(asRoot ? { uid: NOBODY, gid: NOBODY } : {}),
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(`lean-otp-pact-verify: needs @pact-foundation/pact, an optional peer dependency that is not installed: npm install --save-dev '@pact-foundation/pact@${PEERS['@pact-foundation/pact']}'\n`);
  });

  it.runIf(existsSync(OLD_NODE))('on the machine\'s own older Node, each command says in one line which Node it needs, exit 2', async () => {
    for (const bin of ['lean-otp-conformance', 'lean-otp-pact-verify']) {
      const result = await run(OLD_NODE, [join(project, 'node_modules', '.bin', bin), '--plan'], { cwd: project, env });
      const version = (await run(OLD_NODE, ['--version'], { cwd: project, env })).stdout.trim().slice(1);
      if (satisfiesRange(version, PACKAGE_ENGINES)) continue; // a supported Node: nothing to show
      expect(result.stderr).toMatch(new RegExp(`^${bin}: needs Node .+, not Node ${version.replaceAll('.', '\\.')}: install Node 24 .+\\n$`));
      expect(result.code).toBe(2);
    }
  });

  it('wrote nothing into node_modules', () => {
    expect(snapshot(join(project, 'node_modules'))).toEqual(before);
  });
});

/** A team's vitest config with the suite as one of its projects. */
const VITEST_CONFIG = `
import { defineConfig } from 'vitest/config';
import { conformanceProject } from 'lean-send-otp-conformance/vitest';
export default defineConfig({ test: { projects: [conformanceProject()] } });
`;

/** A team's typed use of the API: the provider, the client, the catalog, the report types. */
const TYPED_USE = `
import { createClient, OPERATION_IDS, startReferenceProvider, type ConformanceReport, type OperationId } from 'lean-send-otp-conformance';
const operation: OperationId = OPERATION_IDS[0]!;
const provider = await startReferenceProvider();
const client = createClient({ baseUrl: provider.url, credentials: provider.credentials });
const outcome = await client.send(operation, { body: { certIdOtp: 'c', deviceCode: 'd' } });
const summary: ConformanceReport['summary'] = { passed: 0, failed: 0, skipped: 0, known: 0 };
console.log(outcome.kind, summary);
await client.close();
await provider.close();
`;

/** What a team's script does with the API: the bundled provider as target, one session, the reports. */
const API_SCRIPT = `
import { loadConfig, runConformance, writeReports } from 'lean-send-otp-conformance';
const config = loadConfig({ LEAN_REPORT_DIR: 'api-reports', LEAN_MALFORMED_RUNS: '2' }, { cwd: process.cwd() });
const report = await runConformance(config);
const files = await writeReports(report, { dir: config.reportDir });
console.log(JSON.stringify({ summary: report.summary, sends: report.sends, files }));
`;
