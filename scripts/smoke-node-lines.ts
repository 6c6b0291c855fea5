// `.ci/run`'s smoke test of the BUILT command on the other supported Node lines (the repository itself runs on
// 24): for each line given (22, 26), Node of that line from the registry's `node` package into a temporary
// folder (never into this project's node_modules), the packed tarball installed into an empty project with that
// Node first on PATH, node_modules read-only, then the command run there as a user would: --version, --plan, a
// full conformance run and pact-verify against the bundled provider, and a session through the API.
// Prints one line per check and writes `{ passed, failed }` to the file named by --results.
//   usage: tsx scripts/smoke-node-lines.ts --results <file.json> 22 26
import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { writeConsumerProject } from '../test/package/consumer-project.ts';
import { PACT_FILE_NAME } from '../contracts/shared/names.ts';
import { PACKAGE_NAME, PACKAGE_ROOT, PACKAGE_VERSION } from '../src/package-info.ts';

interface Run { code: number | null; out: string; ms: number }

function run(command: string, args: readonly string[], cwd: string, env: NodeJS.ProcessEnv, timeoutMs = 300_000): Promise<Run> {
  return new Promise((resolve) => {
    const started = performance.now();
    const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => { out += chunk.toString(); });
    child.stderr.on('data', (chunk: Buffer) => { out += chunk.toString(); });
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', (error) => { out += String(error); });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, out, ms: Math.round(performance.now() - started) });
    });
  });
}

function setWritable(dir: string, writable: boolean): void {
  const stat = statSync(dir);
  chmodSync(dir, writable ? stat.mode | 0o200 : stat.mode & ~0o222);
  if (stat.isDirectory()) for (const name of readdirSync(dir)) setWritable(join(dir, name), writable);
}

const { values, positionals } = parseArgs({ options: { results: { type: 'string' } }, allowPositionals: true });
const lines = positionals.length ? positionals : ['22', '26'];
const base = mkdtempSync(join(tmpdir(), 'lean-smoke-'));
let passed = 0;
let failed = 0;
const check = (name: string, ok: boolean, detail: string): void => {
  if (ok) passed++;
  else failed++;
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${name} (${detail})`);
};

try {
  const pack = await run('npm', ['pack', '--pack-destination', base], PACKAGE_ROOT, process.env);
  const tarball = join(base, `${PACKAGE_NAME}-${PACKAGE_VERSION}.tgz`);
  check('npm pack (build included)', pack.code === 0 && existsSync(tarball), `${pack.ms} ms`);
  if (pack.code !== 0) console.log(pack.out);

  for (const line of lines) {
    const nodeDir = join(base, `node${line}`);
    const project = join(base, `project${line}`);
    mkdirSync(nodeDir);
    mkdirSync(project);
    writeFileSync(join(nodeDir, 'package.json'), JSON.stringify({ name: 'node-line', version: '1.0.0', private: true, allowScripts: { node: true } }));
    const node = await run('npm', ['install', '--no-audit', '--no-fund', '--no-package-lock', `node@${line}`], nodeDir, process.env);
    const bin = join(nodeDir, 'node_modules', '.bin');
    const version = node.code === 0 ? (await run(join(bin, 'node'), ['--version'], nodeDir, process.env)).out.trim() : '';
    check(`Node ${line} from the registry's node package`, version.startsWith(`v${line}.`), `${version || node.out.trim()}, ${node.ms} ms`);
    if (!version.startsWith(`v${line}.`)) continue;

    const env: NodeJS.ProcessEnv = { ...process.env, PATH: `${bin}:${process.env['PATH'] ?? ''}`, PACT_DO_NOT_TRACK: 'true', npm_config_update_notifier: 'false' };
    for (const name of Object.keys(env)) if (/^LEAN_/.test(name)) delete env[name];
    writeConsumerProject(project, { root: PACKAGE_ROOT, tarball, extra: ['@pact-foundation/pact'] });
    const install = await run('npm', ['ci', '--offline', '--no-audit', '--no-fund'], project, env);
    check(`Node ${line}: npm ci --offline of the tarball and @pact-foundation/pact`, install.code === 0, `${install.ms} ms`);
    if (install.code !== 0) {
      console.log(install.out);
      continue;
    }
    setWritable(join(project, 'node_modules'), false);

    const cmd = (args: string[]) => run('npx', ['--no-install', 'lean-otp-conformance', ...args], project, env);
    const v = await cmd(['--version']);
    check(`Node ${line}: lean-otp-conformance --version`, v.code === 0 && v.out === `${PACKAGE_NAME} ${PACKAGE_VERSION}\n`, `${v.ms} ms`);
    const plan = await cmd(['--plan']);
    check(`Node ${line}: lean-otp-conformance --plan`, plan.code === 0 && !existsSync(join(project, 'reports')), `exit ${plan.code}, ${plan.ms} ms`);
    if (plan.code !== 0) console.log(plan.out.slice(0, 2000));
    const full = await cmd([]);
    const report = join(project, 'reports', 'conformance.json');
    const summary = existsSync(report) ? (JSON.parse(readFileSync(report, 'utf8')) as { summary: { passed: number; failed: number } }).summary : undefined;
    check(`Node ${line}: lean-otp-conformance (full run, bundled provider)`, full.code === 0 && summary?.failed === 0,
      `exit ${full.code}, ${summary ? `${summary.passed} passed, ${summary.failed} failed` : 'no report'}, ${full.ms} ms`);
    if (full.code !== 0) console.log(full.out.slice(-2000));
    const verify = await run('npx', ['--no-install', 'lean-otp-pact-verify', join('node_modules', PACKAGE_NAME, 'dist', 'contracts', 'pacts', PACT_FILE_NAME)], project, env);
    check(`Node ${line}: lean-otp-pact-verify (reference pact, bundled provider)`, verify.code === 0, `exit ${verify.code}, ${verify.ms} ms`);
    if (verify.code !== 0) console.log(verify.out.slice(-2000));
    setWritable(join(project, 'node_modules'), true);
  }
} finally {
  rmSync(base, { recursive: true, force: true });
}
console.log(`smoke on Node ${lines.join(', ')}: ${passed} passed, ${failed} failed`);
if (values.results) writeFileSync(values.results, JSON.stringify({ passed, failed }));
process.exitCode = failed === 0 ? 0 : 1;
