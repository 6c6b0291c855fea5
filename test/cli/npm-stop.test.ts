// Stopping npm's own process (`kill <npm pid>`, how supervisors stop a job) stops every process the npm script
// started. npm runs a script as `sh -c <command>`; on SIGTERM npm ends that shell, which passes nothing on, so
// the command itself must notice (src/cli/io.ts). Run exactly as CI runs it: `npm run <script>` in the checkout.
import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { createConnection } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { pactBinaryPath } from '../../contracts/broker/pact-cli.ts';
import { startHangingBroker } from '../support/hanging-broker.ts';
import { startHttp } from '../support/servers.ts';
import { cleanEnv, freshDir, ROOT } from '../support/spawn-cli.ts';

const started = new Set<ChildProcess>();
/** Every pid this file saw under its npm processes: on a failure, none of them may outlive the test. */
const seen = new Set<number>();
afterEach(() => {
  for (const child of started) if (child.exitCode === null && child.pid !== undefined) child.kill('SIGKILL');
  for (const pid of seen) if (running(pid)) process.kill(pid, 'SIGKILL');
  started.clear();
  seen.clear();
});

/** The pids under `pid` (children, grandchildren…), read from /proc. */
function descendants(pid: number): number[] {
  const parents = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      parents.set(ppid, [...(parents.get(ppid) ?? []), Number(entry)]);
    } catch {
      // gone meanwhile
    }
  }
  const found: number[] = [];
  const walk = (p: number): void => {
    for (const child of parents.get(p) ?? []) {
      found.push(child);
      walk(child);
    }
  };
  walk(pid);
  for (const p of found) seen.add(p);
  return found;
}

/** Running: present in /proc and not a zombie (a reparented zombie waits for a PID 1 that may never reap it). */
function running(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return false;
  }
}

function npmRun(script: string, env: Record<string, string>, args: string[] = []) {
  return started_(spawn('npm', ['run', '--silent', script, ...(args.length ? ['--', ...args] : [])], {
    cwd: ROOT, env: cleanEnv(env), stdio: ['ignore', 'pipe', 'pipe'],
  }));
}

/** `npx tsx <script>`: tsx's own parent process, with the script in a node child under it. */
function npxTsx(script: string, env: Record<string, string>) {
  return started_(spawn('npx', ['tsx', script], { cwd: ROOT, env: cleanEnv(env), stdio: ['ignore', 'pipe', 'pipe'] }));
}

function started_(child: ChildProcess) {
  started.add(child);
  let stdout = '';
  child.stdout?.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr?.on('data', (c: Buffer) => (stdout += c.toString()));
  const waitFor = async (pattern: RegExp, timeoutMs = 30_000): Promise<RegExpMatchArray> => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = stdout.match(pattern);
      if (found) return found;
      if (Date.now() > deadline || child.exitCode !== null) throw new Error(`no ${pattern} in:\n${stdout}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  };
  return { child, waitFor, output: () => stdout };
}

async function until(condition: () => boolean | Promise<boolean>, timeoutMs: number): Promise<number> {
  const start = Date.now();
  while (!(await condition())) {
    if (Date.now() - start > timeoutMs) throw new Error(`not within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return Date.now() - start;
}

const portFree = (port: number): Promise<boolean> => new Promise((resolve) => {
  const socket = createConnection({ host: '127.0.0.1', port });
  socket.once('connect', () => { socket.destroy(); resolve(false); });
  socket.once('error', () => resolve(true));
});

describe('stopping npm, npx or tsx stops every process of the script', () => {
  it.each(['SIGTERM', 'SIGKILL'] as const)('npm run provider, %s to npm: every process of the script ends and the port is free within 5 s', async (signal) => {
    const run = npmRun('provider', {});
    const [, port] = await run.waitFor(/listening on http:\/\/127\.0\.0\.1:(\d+)/);
    const pids = descendants(run.child.pid!);
    expect(pids.length).toBeGreaterThan(0);
    expect(await portFree(Number(port))).toBe(false);

    process.kill(run.child.pid!, signal);
    await until(() => portFree(Number(port)), 5_000);
    await until(() => pids.every((pid) => !running(pid)), 5_000);
  }, 60_000);

  it('npm run pact:verify: the run and the Verifier\'s child process end within 5 s', async () => {
    // Two requests a second: the verification is still going when npm is stopped.
    const run = npmRun('pact:verify', { LEAN_RATE_LIMIT: '2' });
    await run.waitFor(/budget: /);
    // npm's shell, the run, and the Verifier's child process.
    await until(() => descendants(run.child.pid!).some((pid) => readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('verifier-child')), 20_000);
    const pids = descendants(run.child.pid!);
    process.kill(run.child.pid!, 'SIGTERM');
    await until(() => pids.every((pid) => !running(pid)), 5_000);
  }, 60_000);

  it('npm run pact:publish while the broker hangs: the command and the pact CLI it started end within 5 s', async () => {
    const broker = await startHangingBroker();
    try {
      const run = npmRun('pact:publish', { PACT_BROKER_BASE_URL: broker.server.url, PACT_CONSUMER_VERSION: 'c1', PACT_BROKER_HTTP_RETRIES: '0' });
      await until(() => broker.publishing, 30_000);
      const pids = descendants(run.child.pid!);
      // npm's shell, the command, and the pact CLI's binary under it.
      expect(pids.some((pid) => readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0')[0] === pactBinaryPath())).toBe(true);
      process.kill(run.child.pid!, 'SIGTERM');
      await until(() => pids.every((pid) => !running(pid)), 5_000);
      await until(() => broker.connectionClosed, 5_000);
    } finally {
      await broker.server.close();
    }
  }, 60_000);

  it('SIGHUP to the tsx parent alone (npx tsx): the run in its child stops too, and writes its reports', async () => {
    let requests = 0;
    const slow = await startHttp((_req, res) => {
      requests += 1;
      setTimeout(() => res.end(), 300);
    });
    try {
      const dir = freshDir();
      const run = npxTsx('src/cli/conformance.ts', {
        LEAN_BASE_URL: slow.url, LEAN_USERNAME: 'u', LEAN_PASSWORD: 'p', LEAN_RATE_LIMIT: '1000', LEAN_REPORT_DIR: dir,
      });
      await run.waitFor(/missingFields:only-deviceCode/);
      const pids = descendants(run.child.pid!);
      const tsx = pids.find((pid) => /tsx\/dist\/cli|\.bin\/tsx/.test(readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ')));
      expect(tsx).toBeDefined();
      process.kill(tsx!, 'SIGHUP');
      await until(() => pids.every((pid) => !running(pid)), 5_000);
      const atEnd = requests;
      await new Promise((r) => setTimeout(r, 1_000));
      expect(requests).toBe(atEnd);
      const report = JSON.parse(readFileSync(`${dir}/conformance.json`, 'utf8')) as { interrupted?: boolean };
      expect(report.interrupted).toBe(true);
    } finally {
      await slow.close();
    }
  }, 60_000);

  it('npm run conformance: no request after the run stopped, and the reports say interrupted', async () => {
    let requests = 0;
    const slow = await startHttp((_req, res) => {
      requests += 1;
      setTimeout(() => res.end(), 300);
    });
    try {
      const dir = freshDir();
      const run = npmRun('conformance', {
        LEAN_BASE_URL: slow.url, LEAN_USERNAME: 'u', LEAN_PASSWORD: 'p', LEAN_RATE_LIMIT: '1000', LEAN_REPORT_DIR: dir,
      });
      await run.waitFor(/missingFields:only-deviceCode/);
      const pids = descendants(run.child.pid!);
      process.kill(run.child.pid!, 'SIGTERM');
      await until(() => pids.every((pid) => !running(pid)), 5_000);
      const atEnd = requests;
      await new Promise((r) => setTimeout(r, 1_500));
      expect(requests).toBe(atEnd);
      const report = JSON.parse(readFileSync(`${dir}/conformance.json`, 'utf8')) as { interrupted?: boolean };
      expect(report.interrupted).toBe(true);
    } finally {
      await slow.close();
    }
  }, 60_000);
});
