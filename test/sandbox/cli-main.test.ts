// `npm run provider` in process: main(argv, env, io) with a memory io, stopped through io.signal as SIGTERM
// stops the process. What the process itself owns (signals, npx) is in cli.test.ts.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseEnv } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { main, PROVIDER_COMMAND, shellQuote } from '../../src/cli/provider.ts';
import { memoryIo } from '../../src/cli/io.ts';
import { PACKAGE_VERSION } from '../../src/package-info.ts';
import { expectConforming, request, SEND_OTP } from '../provider/helpers.ts';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'provider-main-test-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

/** Starts main, waits for its export block, and hands back what it printed plus a stop function. */
async function started(argv: string[]) {
  const controller = new AbortController();
  const io = memoryIo({ cwd: dir, signal: controller.signal });
  const exit = main(argv, {}, io);
  const deadline = Date.now() + 15_000;
  while (!/^fixtures: |^ {2}export LEAN_RATE_LIMIT=/m.test(io.stdout())) {
    const early = await Promise.race([exit, new Promise<null>((r) => setTimeout(() => r(null), 20))]);
    if (early !== null || Date.now() > deadline) throw new Error(`provider did not start (exit ${early}): ${io.stderr()}`);
  }
  return {
    io,
    stop: async () => {
      controller.abort('SIGTERM');
      return exit;
    },
  };
}

function exported(stdout: string): Record<string, string> {
  return Object.fromEntries([...stdout.matchAll(/^ {2}export (\w+)='([^']*)'$/gm)].map((m) => [m[1], m[2]]));
}

describe('provider main', () => {
  it('--help explains every option, --version prints the version; neither starts anything', async () => {
    const help = memoryIo({ cwd: dir });
    expect(await main(['--help'], {}, help)).toBe(0);
    for (const name of Object.keys(PROVIDER_COMMAND.options)) expect(help.stdout()).toMatch(new RegExp(`^ {2}--${name}\\b\\S* .{30,}`, 'm'));
    const version = memoryIo({ cwd: dir });
    expect(await main(['--version'], {}, version)).toBe(0);
    expect(version.stdout()).toBe(`lean-send-otp-conformance ${PACKAGE_VERSION}\n`);
  });

  it.each([
    [['--host', '0.0.0.0'], /^provider: --host: "0\.0\.0\.0" is not a loopback address, and serving HTTP Basic credentials to the network in clear needs --tls\.$/],
    [['--host', '::'], /"::" is not a loopback address/],
    [['--host', '192.168.1.20', '--port', '0'], /needs --tls/],
    [['--outbox-limit', '0'], /^provider: --outbox-limit: must be an integer from 1 to 1000000, not "0"\.$/],
    [['--tls-name', 'sandbox.internal'], /--tls-name: .* needs --tls/],
    [['--state-dir', ''], /--state-dir: must name a path/],
    [['--frobnicate'], /^provider: arguments: Unknown option '--frobnicate' \(see --help\)\.$/],
  ])('refuses %j in one sentence with exit 2, before listening', async (argv, message) => {
    const io = memoryIo({ cwd: dir });
    expect(await main(argv, {}, io)).toBe(2);
    expect(io.stderr().trim()).toMatch(message);
    expect(io.stderr().trim().split('\n')).toHaveLength(1);
    expect(io.stdout()).toBe('');
  });

  it('prints export lines a POSIX shell takes as they are, without the password; --env-out writes it (0600)', async () => {
    const envOut = join(dir, 'sandbox.env');
    const run = await started(['--admin', '--env-out', 'sandbox.env']);
    const stdout = run.io.stdout();
    const vars = exported(stdout);
    expect(Object.keys(vars)).toEqual(['LEAN_BASE_URL', 'LEAN_USERNAME', 'LEAN_FIXTURES', 'LEAN_MAX_SENDS', 'LEAN_RATE_LIMIT', 'SANDBOX_ADMIN_URL']);
    expect(stdout).toMatch(/^ {2}# LEAN_PASSWORD not shown/m);
    expect(stdout).toMatch(/^ {2}# SANDBOX_ADMIN_TOKEN not shown/m);

    const file = parseEnv(await readFile(envOut, 'utf8'));
    expect((await stat(envOut)).mode & 0o777).toBe(0o600);
    expect(file).toMatchObject(vars);
    const password = file['LEAN_PASSWORD'] ?? '';
    const token = file['SANDBOX_ADMIN_TOKEN'] ?? '';
    expect(password.length).toBeGreaterThanOrEqual(16);
    expect(stdout).not.toContain(password);
    expect(stdout).not.toContain(token);

    // The shell really sets them: the block is evaluated by sh, as a pasted block would be.
    const block = stdout.split('\n').filter((l) => l.startsWith('  export ')).join('\n');
    expect(execFileSync('sh', ['-c', `${block}\nprintf '%s %s' "$LEAN_BASE_URL" "$LEAN_MAX_SENDS"`]).toString()).toBe(`${vars['LEAN_BASE_URL']} 6`);

    // And what the file says reaches the provider: its password, its fixtures.
    const fixtures = JSON.parse(await readFile(file['LEAN_FIXTURES'] ?? '', 'utf8')) as { holders: Record<string, unknown> };
    const answer = await request(`${file['LEAN_BASE_URL']}${SEND_OTP.path}`, {
      body: fixtures.holders['watchlistedMobile'],
      credentials: { username: file['LEAN_USERNAME'] ?? '', password },
    });
    expect(expectConforming(SEND_OTP, answer)).toBe(101);
    expect(await run.stop()).toBe(0);
    expect(run.io.stderr()).toContain('reference provider stopped (SIGTERM)');
  });

  it('--print-credentials puts the password and the token in the export lines, once each', async () => {
    const run = await started(['--admin', '--print-credentials']);
    const vars = exported(run.io.stdout());
    expect(vars['LEAN_PASSWORD']?.length).toBeGreaterThanOrEqual(16);
    expect(run.io.stdout().split(vars['LEAN_PASSWORD'] ?? '')).toHaveLength(2);
    expect(run.io.stdout().split(vars['SANDBOX_ADMIN_TOKEN'] ?? '')).toHaveLength(2);
    await run.stop();
  });

  it('two starts with one --state-dir print the same lines and write the same .env', async () => {
    const argv = ['--tls', '--admin', '--state-dir', 'state', '--env-out', 'sandbox.env'];
    const first = await started(argv);
    const firstEnv = await readFile(join(dir, 'sandbox.env'), 'utf8');
    await first.stop();
    const second = await started(argv);
    expect(exported(second.io.stdout())).toEqual(exported(first.io.stdout()));
    expect(await readFile(join(dir, 'sandbox.env'), 'utf8')).toBe(firstEnv);
    expect(exported(second.io.stdout())['LEAN_CLIENT_KEY']).toBe(join(dir, 'state', 'client.key'));
    await second.stop();
    // The state directory's files outlive the stop; a temporary one's would not.
    expect((await stat(join(dir, 'state', 'client.key'))).mode & 0o777).toBe(0o600);
  });

  it.each([['--env-out'], ['--fixtures-out']])('%s into a missing directory is one sentence and exit 2', async (option) => {
    const io = memoryIo({ cwd: dir });
    expect(await main([option, join(dir, 'missing', 'file')], {}, io)).toBe(2);
    expect(io.stderr()).toMatch(new RegExp(`^provider: ${option}: cannot write .*missing/file \\(ENOENT\\)\\.\\n$`));
  });

  it('says which files it removes and which it keeps, and does so: the removed are gone, the kept are 0600', async () => {
    const run = await started(['--tls', '--fixtures-out', 'fixtures.json', '--env-out', 'sandbox.env']);
    const out = run.io.stdout();
    const removed = /^removed when the provider stops: (\S+) and the files in it$/m.exec(out)?.[1] ?? '';
    const kept = /^kept after the provider stops \(mode 0600, yours to remove\): (.+)$/m.exec(out)?.[1]?.split(', ') ?? [];
    expect(kept).toEqual([join(dir, 'fixtures.json'), join(dir, 'sandbox.env')]);
    const vars = exported(out);
    for (const file of [vars['LEAN_CLIENT_CERT'], vars['LEAN_CLIENT_KEY'], vars['LEAN_CA_CERT']]) expect(file?.startsWith(`${removed}/`), file).toBe(true);
    expect(out).not.toMatch(/these files are removed/);
    expect(await run.stop()).toBe(0);
    expect(existsSync(removed)).toBe(false);
    for (const file of kept) expect((await stat(file)).mode & 0o777, file).toBe(0o600);
  });

  it('a second start on a --state-dir in use is exit 2 with one sentence, and leaves the first running', async () => {
    const first = await started(['--state-dir', 'state']);
    const io = memoryIo({ cwd: dir });
    expect(await main(['--state-dir', 'state', '--port', '0'], {}, io)).toBe(2);
    expect(io.stderr()).toBe(`provider: --state-dir: another sandbox (process ${process.pid}) uses ${join(dir, 'state')}; stop it first, or give another directory.\n`);
    const url = exported(first.io.stdout())['LEAN_BASE_URL'] ?? '';
    expect((await request(`${url}${SEND_OTP.path}`, { body: {}, credentials: null })).status).toBe(500);
    expect(await first.stop()).toBe(0);
  });

  it('a start that cannot listen is one sentence and exit 2', async () => {
    const first = await started(['--port', '0']);
    const port = new URL(exported(first.io.stdout())['LEAN_BASE_URL'] ?? '').port;
    const io = memoryIo({ cwd: dir });
    expect(await main(['--port', port], {}, io)).toBe(2);
    expect(io.stderr()).toMatch(/^provider: could not start: .*EADDRINUSE.*\.\n$/);
    await first.stop();
  });
});

describe('shellQuote', () => {
  it.each([["it's", `'it'\\''s'`], ['a b$c', `'a b$c'`], ['', `''`]])('%j → %s, which sh reads back unchanged', (value, quoted) => {
    expect(shellQuote(value)).toBe(quoted);
    expect(execFileSync('sh', ['-c', `printf '%s' ${quoted}`]).toString()).toBe(value);
  });
});
