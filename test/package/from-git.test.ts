// The README's "Use it from another project", followed literally by a team that never forks: every shell block of
// that section runs in an empty project (the git URL pointing at a local clone of this repository with the tag the
// README names, the tarball made by `npm pack`), with npm offline (the npm cache this repository's `npm ci`
// filled; no registry is ever asked, see consumer-project.ts). Every TypeScript block of the README compiles
// against the built declarations. Then a failing run (a target that answers three kinds of steps wrongly) is
// reproduced from what it printed: every re-run line and every curl reproducer, pasted into that project,
// gives the same failure back.
import { execFileSync, spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { homedir, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConformanceReport, ScenarioResult } from '../../src/results/model.ts';
import { cleanEnv, ROOT } from '../support/spawn-cli.ts';
import { writeConsumerProject } from './consumer-project.ts';
import { run, type Run } from './run-command.ts';

const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { name: string; version: string; peerDependencies: Record<string, string> };
const README = readFileSync(join(ROOT, 'README.md'), 'utf8');
const TAG = `v${manifest.version}`;
const README_GIT_URL = 'git+https://github.com/your-org/lean-send-otp-conformance.git';
const TARBALL = `${manifest.name}-${manifest.version}.tgz`;

/** The ```sh blocks of the README section that starts with `heading`, up to the next section of its level. */
function shellBlocks(heading: string): string[] {
  const start = README.indexOf(`\n${heading}\n`);
  expect(start, heading).toBeGreaterThanOrEqual(0);
  const end = README.indexOf('\n## ', start + heading.length + 2);
  const section = README.slice(start, end === -1 ? undefined : end);
  return [...section.matchAll(/```sh\n([\s\S]*?)```/g)].map((m) => m[1]!);
}

/** Every ```ts block of the README, with the declarations it assumes (an HTML comment just above it). */
function typescriptBlocks(): { prelude: string; code: string; line: number }[] {
  return [...README.matchAll(/(?:<!-- typecheck-prelude: (.*?) -->\n)?```ts\n([\s\S]*?)```/g)].map((m) => ({
    prelude: m[1] ?? '', code: m[2]!, line: README.slice(0, m.index).split('\n').length,
  }));
}

function du(path: string): number {
  const stat = statSync(path);
  return stat.isDirectory() ? readdirSync(path).reduce((sum, name) => sum + du(join(path, name)), 0) : stat.size;
}

describe('the README followed from another project: git install, tarball install, its commands and code', () => {
  const base = mkdtempSync(join(tmpdir(), 'lean-from-git-'));
  const clone = join(base, 'clone');
  const project = join(base, 'project');
  const tarballProject = join(base, 'tarball-project');
  const home = join(base, 'home');
  const timings: Record<string, number> = {};
  const sizes: Record<string, string> = {};
  const blocks = shellBlocks('## Use it from another project');
  let env: Record<string, string>;

  /** A README block as bash runs it in `cwd`, the git URL made the local clone's. */
  const runBlock = (block: string, cwd: string, timeoutMs = 240_000): Promise<Run> =>
    run('bash', ['-e', '-c', block.replaceAll(README_GIT_URL, `git+file://${clone}`)], { cwd, env, timeoutMs, detached: true });

  beforeAll(async () => {
    for (const dir of [project, tarballProject, home]) mkdirSync(dir, { recursive: true });
    env = cleanEnv({
      // Node 24 (the `node` devDependency this test runs on) first: npx and the bins run on it.
      PATH: `${dirname(process.execPath)}:${process.env['PATH'] ?? ''}`,
      HOME: home,
      npm_config_cache: process.env['npm_config_cache'] ?? join(homedir(), '.npm'),
      npm_config_offline: 'true',
      npm_config_update_notifier: 'false',
      npm_config_audit: 'false',
      npm_config_fund: 'false',
    });
    // The repository as committed, tagged as the README says: what `npm install <git URL>#<tag>` clones.
    execFileSync('git', ['clone', '--quiet', ROOT, clone]);
    execFileSync('git', ['-C', clone, 'tag', '--force', TAG]);
    const commit = execFileSync('git', ['-C', clone, 'rev-parse', 'HEAD'], { encoding: 'utf8' }).trim();
    writeConsumerProject(project, { root: ROOT, git: { url: `git+file://${clone}`, ref: TAG, commit }, extra: ['@pact-foundation/pact'] });
  }, 60_000);

  afterAll(() => {
    rmSync(base, { recursive: true, force: true });
    console.info(`from-git test timings (ms): ${JSON.stringify(timings)}; sizes: ${JSON.stringify(sizes)}`);
  });

  it('has the two install routes first, the registry one marked as not published, and the command blocks after', () => {
    expect(blocks[0]).toContain(`npm install --save-dev '${README_GIT_URL}#${TAG}'`);
    expect(blocks[1]).toContain(`npm install --save-dev ./${TARBALL}`);
    expect(README).toMatch(/not on the npm registry yet/);
    expect(README).toMatch(/Once published \(\*\*not yet\*\*\): `npm install --save-dev lean-send-otp-conformance`/);
  });

  it('installs from the git URL and tag: npm clones it, builds it with prepare, and the command runs', async () => {
    const installed = await runBlock(blocks[0]!, project);
    timings['npm install <git URL>#<tag> (clone, devDependencies, build)'] = installed.ms;
    expect(installed.code, installed.stderr.slice(-3000)).toBe(0);
    const pkg = join(project, 'node_modules', manifest.name);
    expect(existsSync(join(pkg, 'dist', 'bin', 'lean-otp-conformance.js'))).toBe(true);
    expect(existsSync(join(pkg, 'dist', 'src', 'index.d.ts'))).toBe(true);
    sizes['git install: the package in node_modules'] = `${(du(pkg) / 1024 / 1024).toFixed(1)} MiB`;
    sizes['git install: node_modules'] = `${(du(join(project, 'node_modules')) / 1024 / 1024).toFixed(1)} MiB`;
    const version = await run('npx', ['--no-install', 'lean-otp-conformance', '--version'], { cwd: project, env });
    expect(version.stdout).toBe(`${manifest.name} ${manifest.version}\n`);
  }, 300_000);

  it('installs from a tarball of npm pack', async () => {
    const packed = await run('npm', ['pack', '--pack-destination', tarballProject], { cwd: ROOT, env: { ...process.env, npm_config_update_notifier: 'false' } });
    timings['npm pack (build included)'] = packed.ms;
    expect(packed.code, packed.stderr).toBe(0);
    sizes['tarball'] = `${(statSync(join(tarballProject, TARBALL)).size / 1024).toFixed(0)} KiB`;
    writeConsumerProject(tarballProject, { root: ROOT, tarball: join(tarballProject, TARBALL) });
    const installed = await runBlock(blocks[1]!, tarballProject);
    timings['npm install ./<tarball>'] = installed.ms;
    expect(installed.code, installed.stderr).toBe(0);
    const version = await run('npx', ['--no-install', 'lean-otp-conformance', '--version'], { cwd: tarballProject, env });
    expect(version.stdout).toBe(`${manifest.name} ${manifest.version}\n`);
  }, 300_000);

  it("runs every other shell block of the section in the git-installed project, each exit 0", async () => {
    expect(blocks.length).toBeGreaterThanOrEqual(5);
    for (const [index, block] of blocks.slice(2).entries()) {
      const result = await runBlock(block, project);
      timings[`README block ${index + 3}`] = result.ms;
      expect(result.code, `${block}\n${result.stdout.slice(-2000)}\n${result.stderr.slice(-2000)}`).toBe(0);
    }
    // What the blocks claim: two runs compared, a run against the TLS sandbox, the reference pact verified.
    expect(existsSync(join(project, 'before', 'conformance.json'))).toBe(true);
    expect(existsSync(join(project, 'reports', 'compare.json'))).toBe(true);
    const tls = JSON.parse(readFileSync(join(project, 'reports', 'conformance.json'), 'utf8')) as ConformanceReport;
    expect(tls.results.find((r) => r.scenario === 'noClientCertificate')?.verdict).toBe('pass');
  }, 600_000);

  it('compiles every TypeScript block of the README against the built declarations (strict)', async () => {
    const tsc = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
    const dir = join(project, 'readme-code');
    mkdirSync(dir, { recursive: true });
    const files = typescriptBlocks().map(({ prelude, code, line }) => {
      const file = `readme-line-${line}.ts`;
      writeFileSync(join(dir, file), `${prelude}\n${code}\nexport {};\n`);
      return file;
    });
    expect(files.length).toBeGreaterThanOrEqual(4);
    writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({
      compilerOptions: {
        target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, noEmit: true, skipLibCheck: true,
        typeRoots: [join(ROOT, 'node_modules', '@types')], types: ['node'],
      },
      files,
    }));
    writeFileSync(join(dir, 'package.json'), '{ "type": "module" }\n');
    // vitest is the team's own dependency, not the package's: this repository's, linked beside the code.
    mkdirSync(join(dir, 'node_modules'), { recursive: true });
    symlinkSync(join(ROOT, 'node_modules', 'vitest'), join(dir, 'node_modules', 'vitest'));
    const compiled = await run(process.execPath, [tsc, '-p', join(dir, 'tsconfig.json')], { cwd: dir, env });
    expect(compiled.stdout + compiled.stderr).toBe('');
    expect(compiled.code).toBe(0);
    // The check is real: a block that misuses the API fails.
    writeFileSync(join(dir, files[0]!), `import { runConformance } from '${manifest.name}';\nawait runConformance({ credentials: 1 });\nexport {};\n`);
    const broken = await run(process.execPath, [tsc, '-p', join(dir, 'tsconfig.json')], { cwd: dir, env });
    expect(broken.stdout).toMatch(/error TS\d+/);
  }, 120_000);

  describe('every printed command of a failing run, pasted into the project, reproduces the failure', () => {
    let sandbox: ReturnType<typeof spawn>;
    let proxy: Server;
    let first: Run;
    let report: ConformanceReport;
    let summary: string;

    beforeAll(async () => {
      // The sandbox, started as a team would, and in front of it a target that answers three kinds of steps wrongly.
      const sandboxEnv = join(base, 'sandbox.env');
      // The command itself, not npx: npx does not pass SIGTERM on to it.
      sandbox = spawn(join(project, 'node_modules', '.bin', 'lean-otp-conformance'), ['sandbox', '--env-out', sandboxEnv], { cwd: project, env, stdio: 'ignore' });
      for (let i = 0; i < 300 && !existsSync(sandboxEnv); i += 1) await new Promise((resolve) => setTimeout(resolve, 100));
      const vars = Object.fromEntries(readFileSync(sandboxEnv, 'utf8').split('\n').filter((l) => /^[A-Z_]+='/.test(l)).map((l) => {
        const at = l.indexOf('=');
        return [l.slice(0, at), l.slice(at + 2, -1)];
      }));
      const upstream = new URL(vars['LEAN_BASE_URL']!);
      const fixtures = JSON.parse(readFileSync(vars['LEAN_FIXTURES']!, 'utf8')) as { holders: Record<string, { certIdOtp: string }> };
      const blocked = fixtures.holders['otpBlocked']!.certIdOtp;
      proxy = createServer((req, res) => {
        const chunks: Buffer[] = [];
        req.on('data', (chunk: Buffer) => chunks.push(chunk));
        req.on('end', () => {
          const body = Buffer.concat(chunks);
          const text = body.toString('utf8');
          let json: unknown;
          let isJson = true;
          try { json = JSON.parse(text); } catch { isJson = false; }
          const wrong = (code: number): void => { res.writeHead(500, { 'content-type': 'application/json' }).end(JSON.stringify({ code, message: 'wrong on purpose' })); };
          if (isJson && (json as { certIdOtp?: unknown } | null)?.certIdOtp === blocked) return wrong(62);        // a fixture step
          if (isJson && text.trim() === '{}') return wrong(99);                                                    // a fixture-free step
          if (!isJson && body.length > 0 && body.length < 200) return wrong(6);                                    // a malformed step
          const forward = httpRequest({ host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: req.headers }, (answer) => {
            res.writeHead(answer.statusCode ?? 502, answer.headers);
            answer.pipe(res);
          });
          forward.on('error', () => res.destroy());
          forward.end(body);
        });
      });
      await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
      const proxyUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
      // The run reads its target from .env, as a team's would: the reproducers must read it back from there.
      writeFileSync(join(project, '.env'), [
        `LEAN_BASE_URL=${proxyUrl}`, `LEAN_USERNAME='${vars['LEAN_USERNAME']}'`, `LEAN_PASSWORD='${vars['LEAN_PASSWORD']}'`,
        `LEAN_FIXTURES=${vars['LEAN_FIXTURES']}`, 'LEAN_MAX_SENDS=6', 'LEAN_RATE_LIMIT=1000', 'LEAN_MALFORMED_RUNS=0', '',
      ].join('\n'));
      rmSync(join(project, 'reports'), { recursive: true, force: true });
      first = await run('npx', ['--no-install', 'lean-otp-conformance'], { cwd: project, env });
      timings['failing run'] = first.ms;
      report = JSON.parse(readFileSync(join(project, 'reports', 'conformance.json'), 'utf8')) as ConformanceReport;
      summary = readFileSync(join(project, 'reports', 'summary.md'), 'utf8');
      copyFileSync(join(project, 'reports', 'summary.md'), join(base, 'first-summary.md'));
    }, 180_000);

    afterAll(async () => {
      proxy?.close();
      if (sandbox) {
        const closed = new Promise((resolve) => sandbox.once('close', resolve));
        sandbox.kill('SIGTERM');
        await closed;
      }
      rmSync(join(project, '.env'), { force: true });
    });

    const failures = (): ScenarioResult[] => report.results.filter((r) => r.verdict === 'fail');

    it('fails on a fixture step, a fixture-free step and a malformed step, and prints a re-run line for each', () => {
      expect(first.code, first.stderr).toBe(1);
      const names = failures().map((r) => r.scenario);
      expect(names).toEqual(expect.arrayContaining(['fixture:otpBlocked', 'missingFields:empty-object']));
      expect(names.some((n) => n.startsWith('malformed:'))).toBe(true);
      const rerun = [...first.stdout.matchAll(/re-run: (.+)$/gm)].map((m) => m[1]!);
      expect(rerun.length).toBe(failures().length);
      for (const line of rerun) expect(line).toMatch(/^(LEAN_SEED=\d+ )?npx lean-otp-conformance --operation /);
    });

    it('re-run lines: each, pasted, fails the same step the same way', async () => {
      const lines = [...first.stdout.matchAll(/re-run: (.+)$/gm)].map((m) => m[1]!);
      for (const line of lines) {
        const again = await run('bash', ['-c', line], { cwd: project, env });
        expect(again.code, `${line}\n${again.stderr}`).toBe(1);
        const rerun = JSON.parse(readFileSync(join(project, 'reports', 'conformance.json'), 'utf8')) as ConformanceReport;
        const failed = rerun.results.filter((r) => r.verdict === 'fail');
        expect(failed, line).toHaveLength(1);
        const before = failures().find((r) => r.operation === failed[0]!.operation && r.scenario === failed[0]!.scenario);
        expect(before, line).toBeDefined();
        expect(failed[0]!.observed).toEqual({ ...before!.observed, ...{ bodyBytes: failed[0]!.observed?.bodyBytes } });
      }
      timings['re-run lines pasted (count)'] = lines.length;
    }, 300_000);

    it('curl reproducers of summary.md: each, pasted into a fresh shell, gets the answer the run got', async () => {
      const reproducers = [...summary.matchAll(/<summary>(\S+) (\S+): [^\n]*<\/summary>\n\n```sh\n([\s\S]*?)```/g)];
      expect(reproducers.length).toBe(failures().length);
      for (const [, operation, scenario, curl] of reproducers) {
        const result = failures().find((r) => r.operation === operation && r.scenario === scenario!.replaceAll('\\', ''));
        expect(result, `${operation} ${scenario}`).toBeDefined();
        // A fresh shell: no LEAN_* variable but what the reproducer reads from .env itself.
        const answer = await run('bash', ['-c', curl!], { cwd: project, env });
        expect(answer.code, `${curl}\n${answer.stderr}`).toBe(0);
        expect(answer.stdout, curl).toMatch(new RegExp(`^HTTP/1\\.1 ${result!.observed!.status} `));
        expect(answer.stdout, curl).toContain(`"code":${result!.observed!.code}`);
      }
    }, 120_000);
  });
});
