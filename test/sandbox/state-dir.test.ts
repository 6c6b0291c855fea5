// Stable state: two starts with the same state directory serve the same credentials, admin token, holders,
// certificates and port, from private files; a start without one is fresh. A damaged directory is one sentence.
import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/input/index.ts';
import { startSandbox, STATE_FILES, type Sandbox } from '../../src/sandbox/index.ts';
import { expectConforming, holder, request, SEND_OTP } from '../provider/helpers.ts';

let dir: string;
const running: Sandbox[] = [];
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sandbox-state-test-'));
});
afterEach(async () => {
  await Promise.all(running.splice(0).map((s) => s.close()));
  await rm(dir, { recursive: true, force: true });
});

async function start(options: Parameters<typeof startSandbox>[0] = {}): Promise<Sandbox> {
  const sandbox = await startSandbox(options);
  running.push(sandbox);
  return sandbox;
}

function identity(s: Sandbox) {
  return { url: s.url, users: s.users.map((u) => ({ ...u })), token: s.adminToken, fixtures: s.fixtures(), tls: s.tls };
}

describe('--state-dir', () => {
  it('two starts with the same directory serve the same credentials, holders, certificates and port', async () => {
    const stateDir = join(dir, 'state');
    const first = await start({ stateDir, tls: true });
    const before = identity(first);
    await first.close();

    const second = await start({ stateDir, tls: true });
    expect(identity(second)).toEqual(before);
    // And it answers with them: the kept client certificate, the kept password, a kept holder.
    const answer = await request(`${second.url}${SEND_OTP.path}`, {
      body: holder(second, 'deviceDisabled'),
      credentialsDefault: second.credentials,
      tls: { ca: before.tls?.ca ?? '', cert: before.tls?.clientCert ?? '', key: before.tls?.clientKey ?? '' },
    });
    expect(expectConforming(SEND_OTP, answer)).toBe(71);
  });

  it('keeps its files private: the directory 0700, every file 0600, and the fixture file matches the holders', async () => {
    const stateDir = join(dir, 'state');
    const sandbox = await start({ stateDir, tls: true });
    expect((await stat(stateDir)).mode & 0o777).toBe(0o700);
    const files = await readdir(stateDir);
    expect(files.sort()).toEqual(Object.values(STATE_FILES).sort());
    for (const file of files) expect((await stat(join(stateDir, file))).mode & 0o777, file).toBe(0o600);
    expect(JSON.parse(await readFile(join(stateDir, STATE_FILES.fixtures), 'utf8'))).toEqual(sandbox.fixtures());
  });

  it('run-time changes are not written back: a restart returns to the kept holders', async () => {
    const stateDir = join(dir, 'state');
    const first = await start({ stateDir });
    const kept = first.fixtures();
    await first.admin.addHolder({ state: 'smsActive', certIdOtp: 'added-at-run-time' });
    await first.admin.removeHolder(holder(first, 'otpBlocked').certIdOtp);
    await first.close();
    const second = await start({ stateDir });
    expect(second.fixtures()).toEqual(kept);
  });

  it('without one, every start is fresh', async () => {
    const [one, two] = [await start({ tls: true }), await start({ tls: true })];
    expect(one.credentials.password).not.toBe(two.credentials.password);
    expect(one.adminToken).not.toBe(two.adminToken);
    expect(one.fixtures()).not.toEqual(two.fixtures());
    expect(one.tls?.ca).not.toBe(two.tls?.ca);
  });

  it.each([
    ['not JSON', '{', /--state-dir: state\.json is not valid JSON/],
    ['another version', '{"version":2}', /not a version 1 state file/],
    ['a holder in a state the spec lacks', null, /state "retired", which the spec no longer has/],
  ])('refuses a state file that is %s in one sentence', async (_name, text, message) => {
    const stateDir = join(dir, 'state');
    await (await start({ stateDir })).close();
    const path = join(stateDir, STATE_FILES.state);
    const kept = JSON.parse(await readFile(path, 'utf8')) as { holders: Array<{ state: string }> };
    kept.holders[0]!.state = 'retired';
    await writeFile(path, text ?? JSON.stringify(kept));
    const refused = await startSandbox({ stateDir }).then(() => null, (error: unknown) => error);
    expect(refused).toBeInstanceOf(ConfigError);
    expect((refused as Error).message).toMatch(message);
  });

  it('refuses other certificate names than the kept ones', async () => {
    const stateDir = join(dir, 'state');
    await (await start({ stateDir, tls: true })).close();
    await expect(startSandbox({ stateDir, tls: true, tlsNames: ['sandbox.internal'] })).rejects.toThrow(/keeps a server certificate for 127\.0\.0\.1, localhost, ::1, not sandbox\.internal/);
  });

  it('refuses a directory that holds something else, and writes nothing into it', async () => {
    const stateDir = join(dir, 'project');
    await mkdir(stateDir);
    await writeFile(join(stateDir, 'notes.txt'), 'mine');
    await writeFile(join(stateDir, 'client.key'), 'a key that is not the sandbox\'s');
    const refused = await startSandbox({ stateDir, tls: true }).then(() => null, (error: unknown) => error);
    expect(refused).toBeInstanceOf(ConfigError);
    expect((refused as Error).message).toMatch(/--state-dir: .*project is not empty and is no state directory of this sandbox \(it holds "notes\.txt"\); give a new or empty directory/);
    expect((await readdir(stateDir)).sort()).toEqual(['client.key', 'notes.txt']);
    expect(await readFile(join(stateDir, 'client.key'), 'utf8')).toBe('a key that is not the sandbox\'s');
  });

  it('takes an empty directory, and one its own first start left without state.json', async () => {
    const empty = join(dir, 'empty');
    await mkdir(empty);
    await (await start({ stateDir: empty })).close();
    await rm(join(empty, STATE_FILES.state));
    await (await start({ stateDir: empty })).close();
    expect(await readdir(empty)).toContain(STATE_FILES.state);
  });

  it('refuses a symbolic link rather than following it', async () => {
    const real = join(dir, 'real');
    await mkdir(real);
    const link = join(dir, 'link');
    await symlink(real, link);
    await expect(startSandbox({ stateDir: link })).rejects.toThrow(/--state-dir: .*link is a symbolic link \(to .*real\); give the directory itself/);
    expect(await readdir(real)).toEqual([]);
  });

  it('is locked while a sandbox uses it: a second start is refused in one sentence, and can start once the first stopped', async () => {
    const stateDir = join(dir, 'state');
    const first = await start({ stateDir });
    const refused = await startSandbox({ stateDir, port: 0 }).then(() => null, (error: unknown) => error);
    expect(refused).toBeInstanceOf(ConfigError);
    expect((refused as Error).message).toMatch(new RegExp(`^--state-dir: another sandbox \\(process ${process.pid}\\) uses .*state; stop it first, or give another directory\\.$`));
    expect(await readFile(join(stateDir, STATE_FILES.lock), 'utf8')).toBe(`${process.pid}\n`);
    await first.close();
    expect(await readdir(stateDir)).not.toContain(STATE_FILES.lock);
    await (await start({ stateDir })).close();
  });

  it('takes over a lock whose process is gone', async () => {
    const stateDir = join(dir, 'state');
    await (await start({ stateDir })).close();
    const gone = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout;
    await writeFile(join(stateDir, STATE_FILES.lock), `${gone}\n`);
    const sandbox = await start({ stateDir });
    expect(await readFile(join(stateDir, STATE_FILES.lock), 'utf8')).toBe(`${process.pid}\n`);
    await sandbox.close();
  });
});
