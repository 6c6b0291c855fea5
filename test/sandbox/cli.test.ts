// `npm run provider`, run the way a user runs it (npx tsx), then stopped with SIGTERM.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import type { FixtureFile } from '../../src/provider/index.ts';
import { expectConforming, request, SEND_OTP } from '../provider/helpers.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const children = new Set<ChildProcess>();

interface Run {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  /** When every process holding the output pipes is gone (npx, tsx and the provider itself). */
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

function run(args: string[]): Run {
  // Its own process group, as a terminal gives a command: Ctrl-C (or a CI runner's stop) signals the whole
  // group, npx and tsx and the provider alike. npx alone does not pass a SIGTERM on to its child.
  const child = spawn('npx', ['tsx', 'src/cli/provider.ts', ...args], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  children.add(child);
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr?.on('data', (c: Buffer) => (stderr += c.toString()));
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('close', (code, signal) => {
      children.delete(child);
      resolve({ code, signal });
    }),
  );
  return { child, stdout: () => stdout, stderr: () => stderr, exit };
}

/** Waits until stdout holds a line matching `pattern` (the CLI prints its lines at start, then waits). */
async function line(runner: Run, pattern: RegExp, timeoutMs = 20_000): Promise<RegExpMatchArray> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = runner.stdout().match(pattern);
    if (found) return found;
    if (Date.now() > deadline || runner.child.exitCode !== null) {
      throw new Error(`no line ${pattern} in stdout:\n${runner.stdout()}\nstderr:\n${runner.stderr()}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Signals the group this file started (by its id); the provider's clean stop shows in its last stderr line. */
function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // The group is already gone.
  }
}

async function expectCleanStop(runner: Run): Promise<void> {
  signalGroup(runner.child, 'SIGTERM');
  const { code, signal } = await runner.exit;
  expect(code === 0 || signal === 'SIGTERM', `exit code ${code}, signal ${signal}`).toBe(true);
  expect(runner.stderr()).toContain('reference provider stopped (SIGTERM)');
}

afterEach(() => {
  // Only the processes this file started, by their pid.
  for (const child of children) signalGroup(child, 'SIGKILL');
});

describe('npm run provider', () => {
  it('prints its URL and fixtures, answers, hides the password unless asked, and stops on SIGTERM', async () => {
    const runner = run(['--port', '0', '--print-fixtures', '--print-credentials']);
    const url = (await line(runner, /^Reference provider listening on (http:\/\/127\.0\.0\.1:\d+)$/m))[1] ?? '';
    const password = (await line(runner, /^ {2}export LEAN_PASSWORD='(\S+)'$/m))[1] ?? '';
    const fixtures = JSON.parse((await line(runner, /^fixtures: (.*)$/m))[1] ?? '') as FixtureFile;
    expect(runner.stdout().match(new RegExp(password.replace(/[-_]/g, '\\$&'), 'g'))).toHaveLength(1);

    const answer = await request(`${url}${SEND_OTP.path}`, {
      body: fixtures.holders['deviceNotActive'],
      credentials: { username: 'lean-reference', password },
    });
    expect(expectConforming(SEND_OTP, answer)).toBe(66);

    await expectCleanStop(runner);
    await expect(request(`${url}${SEND_OTP.path}`, { body: {} })).rejects.toThrow(/ECONNREFUSED/);
  });

  it('with --tls writes the client material (0600), keeps the password out, and removes the material on stop', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'provider-cli-test-'));
    try {
      const fixturesPath = join(dir, 'fixtures.json');
      const runner = run(['--tls', '--port', '0', '--fixtures-out', fixturesPath]);
      const url = (await line(runner, /^Reference provider listening on (https:\/\/127\.0\.0\.1:\d+)$/m))[1] ?? '';
      const cert = (await line(runner, /^ {2}export LEAN_CLIENT_CERT='(\S+)'$/m))[1] ?? '';
      const key = (await line(runner, /^ {2}export LEAN_CLIENT_KEY='(\S+)'$/m))[1] ?? '';
      const ca = (await line(runner, /^ {2}export LEAN_CA_CERT='(\S+)'$/m))[1] ?? '';
      await line(runner, new RegExp(`^ {2}export LEAN_FIXTURES='${fixturesPath}'$`, 'm'));
      expect(runner.stdout()).not.toMatch(/export LEAN_PASSWORD/);
      for (const file of [cert, key, ca]) expect((await stat(file)).mode & 0o777).toBe(0o600);

      const fixtures = JSON.parse(await readFile(fixturesPath, 'utf8')) as FixtureFile;
      // Without the password, the request is answered 11002: it still proves TLS and routing.
      const answer = await request(`${url}${SEND_OTP.path}`, {
        body: fixtures.holders['smsActive'],
        credentials: { username: 'lean-reference', password: 'not-the-password' },
        tls: { ca: await readFile(ca, 'utf8'), cert: await readFile(cert, 'utf8'), key: await readFile(key, 'utf8') },
      });
      expect(expectConforming(SEND_OTP, answer)).toBe(11002);

      await expectCleanStop(runner);
      expect(existsSync(key)).toBe(false);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it.each([['--bogus'], ['--port', 'eighty'], ['positional'], ['--host', '0.0.0.0']])('refuses %s in one sentence with exit 2', async (...args) => {
    const runner = run(args);
    expect((await runner.exit).code).toBe(2);
    expect(runner.stderr().trim().split('\n')).toHaveLength(1);
    expect(runner.stdout()).toBe('');
  });
});
