// The report directory's lock (src/runner/report-dir.ts): held only by a running owner (pid, host, boot and start
// time), taken over atomically when stale, and every odd thing at its path is exit 2 in one sentence.
import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/input/index.ts';
import { claimReportDir, LOCK_FILE, startTicksOf } from '../../src/runner/report-dir.ts';
import { cleanEnv, freshDir, ROOT } from '../support/spawn-cli.ts';

const TSX = import.meta.resolve('tsx');
const sleepers: ChildProcess[] = [];
afterAll(() => {
  for (const child of sleepers) child.kill('SIGKILL');
});

async function sleeper(): Promise<number> {
  const child = spawn('sleep', ['30']);
  sleepers.push(child);
  await new Promise((resolve) => child.once('spawn', resolve));
  return child.pid!;
}

function claimError(dir: string): ConfigError {
  try {
    claimReportDir(dir).release();
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('claimed');
}

const bootId = readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim();
const lockOf = (pid: number, fields: Record<string, unknown> = {}): string =>
  `${pid}\n${JSON.stringify({ pid, host: hostname(), bootId, startTicks: startTicksOf(pid), token: 'other', ...fields })}\n`;

function dirWithLock(text: string): string {
  const dir = freshDir('lean-lock-');
  writeFileSync(join(dir, LOCK_FILE), text);
  return dir;
}

describe('the report lock', () => {
  it('a running owner holds the directory: exit 2 naming it', async () => {
    const pid = await sleeper();
    const dir = dirWithLock(lockOf(pid));
    expect(claimError(dir).message).toBe(`LEAN_REPORT_DIR: another run (pid ${pid}) is writing its reports into ${dir}; wait for it to end or set another LEAN_REPORT_DIR.`);
  });

  it('an owner on another host holds the directory: exit 2 saying how to clear it if that run is gone', () => {
    const dir = dirWithLock(lockOf(4242, { host: 'build-agent-7' }));
    expect(claimError(dir).message).toBe(`LEAN_REPORT_DIR: another run (pid 4242 on host build-agent-7) is writing its reports into ${dir}; wait for it to end or set another LEAN_REPORT_DIR, or remove ${join(dir, LOCK_FILE)} if no run is going there.`);
  });

  it.each([
    ['a reused pid: a live process that started at another time', async () => lockOf(await sleeper(), { startTicks: '1' })],
    ['pid 1 (init, or a container\'s entry point)', async () => lockOf(1, { startTicks: startTicksOf(1) })],
    ['pid 0', async () => lockOf(0, { startTicks: null })],
    ['a lock of an earlier reboot', async () => lockOf(await sleeper(), { bootId: 'another-boot' })],
    ['a bare pid (earlier versions) of pid 1', async () => '1\n'],
    ['a bare pid whose process started after the lock was written', async () => `${await sleeper()}\n`],
    ['an empty file (an earlier version stopped between creating and writing it)', async () => ''],
  ])('is stale and taken over: %s', async (_name, text) => {
    const dir = dirWithLock(await text());
    // The bare-pid lock was written an hour before its pid's process started.
    const past = new Date(Date.now() - 3_600_000);
    utimesSync(join(dir, LOCK_FILE), past, past);
    const claim = claimReportDir(dir);
    const lock = readFileSync(join(dir, LOCK_FILE), 'utf8');
    expect(lock.split('\n')[0]).toBe(String(process.pid));
    expect(JSON.parse(lock.split('\n')[1]!)).toMatchObject({ pid: process.pid, host: hostname(), bootId, startTicks: startTicksOf(process.pid) });
    claim.release();
    expect(readdirSync(dir)).toEqual([]);
  });

  it('two claims of one process: the second is told the directory is held', () => {
    const dir = dirWithLock('0\n');
    const first = claimReportDir(dir);
    try {
      expect(claimError(dir).message).toMatch(/^LEAN_REPORT_DIR: another run \(pid \d+\) is writing its reports into/);
    } finally {
      first.release();
    }
  });

  it('a run releases only its own lock', () => {
    const dir = freshDir('lean-lock-');
    const claim = claimReportDir(dir);
    writeFileSync(join(dir, LOCK_FILE), lockOf(process.pid, { token: 'someone-else' }));
    claim.release();
    expect(readdirSync(dir)).toEqual([LOCK_FILE]);
  });

  it.each([
    ['a directory', (path: string) => mkdirSync(path), 'is a directory'],
    ['a dangling symbolic link', (path: string) => symlinkSync('/nonexistent/lean-lock', path), 'is a symbolic link'],
    ['a link to /dev/zero', (path: string) => symlinkSync('/dev/zero', path), 'is a symbolic link'],
    ['a FIFO', (path: string) => execFileSync('mkfifo', [path]), 'is a FIFO'],
    ['a file this suite did not write', (path: string) => writeFileSync(path, 'locked by me\nno json'), 'names no owner this suite recognises'],
  ])('%s at the lock\'s path is exit 2 with one sentence, at once', (_name, make, says) => {
    const dir = freshDir('lean-lock-');
    make(join(dir, LOCK_FILE));
    const started = Date.now();
    const error = claimError(dir);
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(error.variable).toBe('LEAN_REPORT_DIR');
    expect(error.message).toContain(`the lock ${join(dir, LOCK_FILE)} ${says}`);
    expect(error.message).toMatch(/remove it if no run is writing there\.$/);
  });

  it('two runs racing over a stale lock: exactly one takes it, round after round', async () => {
    // The lock of a run that has ended: its pid is gone.
    const dead = spawnSync('true').pid;
    const dirs = Array.from({ length: 400 }, () => dirWithLock(`${dead}\n`));
    const startAt = Date.now() + 3_000;
    const racers = [0, 1].map(() => {
      const child = spawn(process.execPath, ['--import', TSX, join(ROOT, 'test/support/claim-race.ts'), String(startAt), ...dirs], { env: cleanEnv({}) });
      sleepers.push(child);
      let out = '';
      child.stdout.on('data', (c: Buffer) => (out += c.toString()));
      return { child, output: () => out };
    });
    // Both hold their locks until both are done.
    const deadline = Date.now() + 25_000;
    while (!racers.every((r) => r.output().includes('done\n')) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    for (const { child } of racers) child.stdin.end();
    const outputs = racers.map((r) => r.output());
    expect(outputs.every((o) => o.includes('done\n'))).toBe(true);
    const took = outputs.join('').split('\n').filter((line) => line.startsWith('took '));
    expect(dirs.filter((dir) => took.filter((line) => line === `took ${dir}`).length !== 1)).toEqual([]);
  }, 30_000);
});
