// The report directory is claimed before the first request: created, proven writable, its report files
// writable, and locked, so a run never sends (and pays for) requests whose results it then cannot keep, and two
// runs never interleave their files.
//
// The lock is `.lean-conformance.lock`, a regular file put in place whole (written aside, then hard-linked: a
// reader never sees it half-written). It names its owner beyond a bare pid (host, boot, the process's start
// time), so a pid reused by an unrelated process, pid 1 of a container or pid 0 never holds a directory. A
// stale lock is taken over atomically: it is renamed aside, and the one run whose rename got exactly the lock it
// judged (same inode) puts its own in place; a run whose rename got a fresh lock puts that one back. Anything
// else at the lock's path (a directory, a symbolic link, a FIFO, a device) is exit 2 with one sentence.
import { randomBytes } from 'node:crypto';
import { closeSync, constants, fstatSync, linkSync, lstatSync, openSync, readFileSync, readSync, renameSync, rmSync, writeFileSync, type Stats } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { ConfigError, errorCode, makeDirectories } from '../input/index.ts';

const VARIABLE = 'LEAN_REPORT_DIR';
export const LOCK_FILE = '.lean-conformance.lock';
/** A lock file of this suite is a few hundred bytes; more is not one (and a device would never end). */
const MAX_LOCK_BYTES = 4096;
/** Rounds of judge-and-take-over before giving up: each lost round means another run moved meanwhile. */
const MAX_TAKEOVER_ROUNDS = 5;

export interface ReportDirClaim {
  readonly dir: string;
  /** Removes the lock (only while it is still this run's); safe to call twice. */
  release(): void;
}

/** Who holds a lock: enough to tell this process from a later one that got the same pid. */
export interface LockOwner {
  readonly pid: number;
  readonly host: string;
  /** The kernel's boot id: pids start again after a reboot. Null where the system does not say. */
  readonly bootId: string | null;
  /** The process's start time in clock ticks since boot (/proc/<pid>/stat). Null where the system does not say. */
  readonly startTicks: string | null;
  /** Tells this claim from any other, so a run only ever removes its own lock. */
  readonly token: string;
}

function readSmall(path: string): string | null {
  try {
    return readFileSync(path, 'utf8').trim();
  } catch {
    return null;
  }
}

/** Field 22 of /proc/<pid>/stat, after the command name (which may hold spaces and parentheses). */
export function startTicksOf(pid: number): string | null {
  const stat = readSmall(`/proc/${pid}/stat`);
  if (stat === null) return null;
  return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? null;
}

function bootId(): string | null {
  return readSmall('/proc/sys/kernel/random/boot_id');
}

function ownerOfThisProcess(): LockOwner {
  return { pid: process.pid, host: hostname(), bootId: bootId(), startTicks: startTicksOf(process.pid), token: randomBytes(8).toString('hex') };
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return errorCode(error) === 'EPERM';
  }
}

/** What is at the lock's path: the owner it names, or a sentence saying why it is no lock of this suite. */
type Found = { kind: 'none' } | { kind: 'odd'; sentence: string } | { kind: 'lock'; stats: Stats; owner: LockOwner | { pid: number; legacy: true } | null };

function describeNode(stats: Stats): string {
  if (stats.isDirectory()) return 'a directory';
  if (stats.isSymbolicLink()) return 'a symbolic link';
  if (stats.isFIFO()) return 'a FIFO';
  if (stats.isSocket()) return 'a socket';
  if (stats.isCharacterDevice() || stats.isBlockDevice()) return 'a device';
  return 'not a regular file';
}

function parseOwner(text: string): LockOwner | { pid: number; legacy: true } | null {
  // First line: the pid (what earlier versions wrote, and all they read); second line: the owner as JSON.
  const [first = '', second] = text.trim().split('\n');
  if (second !== undefined) {
    try {
      const owner = JSON.parse(second) as Partial<LockOwner>;
      if (Number.isInteger(owner.pid) && typeof owner.host === 'string' && typeof owner.token === 'string') return owner as LockOwner;
    } catch {
      return null;
    }
    return null;
  }
  return /^\d+$/.test(first.trim()) ? { pid: Number(first.trim()), legacy: true } : null;
}

function inspect(path: string): Found {
  let stats: Stats;
  try {
    stats = lstatSync(path);
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return { kind: 'none' };
    return { kind: 'odd', sentence: `cannot read the lock ${path} (${errorCode(error)})` };
  }
  if (!stats.isFile()) return { kind: 'odd', sentence: `the lock ${path} is ${describeNode(stats)}, which no run of this suite leaves; remove it if no run is writing there` };
  let fd: number;
  try {
    // O_NOFOLLOW and O_NONBLOCK: whatever replaced the file since lstat, opening it never follows a link or waits.
    fd = openSync(path, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return { kind: 'none' };
    return { kind: 'odd', sentence: `cannot read the lock ${path} (${errorCode(error)})` };
  }
  try {
    const opened = fstatSync(fd);
    if (!opened.isFile() || opened.size > MAX_LOCK_BYTES) {
      return { kind: 'odd', sentence: `the lock ${path} is no lock file of this suite; remove it if no run is writing there` };
    }
    const buffer = Buffer.alloc(MAX_LOCK_BYTES);
    const text = buffer.subarray(0, readSync(fd, buffer, 0, MAX_LOCK_BYTES, 0)).toString('utf8');
    // An empty file is what a run of an earlier version left when it stopped between creating and writing it.
    if (text.trim() === '') return { kind: 'lock', stats: opened, owner: null };
    const owner = parseOwner(text);
    if (owner === null) return { kind: 'odd', sentence: `the lock ${path} names no owner this suite recognises; remove it if no run is writing there` };
    return { kind: 'lock', stats: opened, owner };
  } finally {
    closeSync(fd);
  }
}

/**
 * The lock's owner is running: same host and boot, a live pid whose start time is the one recorded. A lock of an
 * earlier version (a bare pid) holds while that pid runs and started before the lock was written. Pid 0 and pid 1
 * (init, or a container's entry point, which is no run of this suite) never hold. A claim of this very process
 * holds too (its start time is this process's): two runs in one process are two runs.
 * @returns a description of the live owner, or null when the lock is stale.
 */
export function liveOwner(owner: LockOwner | { pid: number; legacy: true } | null, lockStats: Stats): string | null {
  if (owner === null) return null;
  const { pid } = owner;
  if (!Number.isInteger(pid) || pid <= 1) return null;
  if ('legacy' in owner) {
    if (pid === process.pid || !alive(pid)) return null;
    const ticks = startTicksOf(pid);
    const btime = /^btime (\d+)$/m.exec(readSmall('/proc/stat') ?? '')?.[1];
    // Clock ticks are 1/100 s on Linux (USER_HZ); a process that started after the lock was written reused the pid.
    if (ticks !== null && btime !== undefined && Number(btime) * 1000 + Number(ticks) * 10 > lockStats.mtimeMs + 1000) return null;
    return `pid ${pid}`;
  }
  if (owner.host !== hostname()) return `pid ${pid} on host ${owner.host}`;
  const boot = bootId();
  if (owner.bootId !== null && boot !== null && owner.bootId !== boot) return null;
  if (!alive(pid)) return null;
  const ticks = startTicksOf(pid);
  if (owner.startTicks !== null && ticks !== null && owner.startTicks !== ticks) return null;
  return `pid ${pid}`;
}

function lockText(owner: LockOwner): string {
  return `${owner.pid}\n${JSON.stringify(owner)}\n`;
}

/** Puts the lock in place whole, or reports that a lock is there already (false). */
function placeLock(path: string, aside: string): boolean {
  try {
    linkSync(aside, path);
    return true;
  } catch (error) {
    if (errorCode(error) === 'EEXIST') return false;
    throw error;
  }
}

/**
 * Takes a stale lock over: renames it aside under a name of this run's own, and checks that what it moved is the
 * lock it judged. If another run took it over meanwhile, its fresh lock is put back.
 * @returns true when the stale lock is gone (the caller then tries to place its own).
 */
function removeStale(path: string, judged: Stats, token: string): boolean {
  const grave = `${path}.${process.pid}.${token}.stale`;
  try {
    renameSync(path, grave);
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return true;
    throw error;
  }
  const moved = lstatSync(grave);
  if (moved.ino === judged.ino && moved.dev === judged.dev) {
    rmSync(grave, { force: true });
    return true;
  }
  // Another run's lock, placed after the judgement: back where it was (link fails if a third is there already).
  try {
    linkSync(grave, path);
  } catch {
    // A third run holds the path now; the moved lock's owner is told nothing, and its release finds no lock.
  }
  rmSync(grave, { force: true });
  return false;
}

function claimLock(dir: string, path: string): LockOwner {
  const owner = ownerOfThisProcess();
  const aside = `${path}.${process.pid}.${owner.token}.new`;
  try {
    writeFileSync(aside, lockText(owner), { flag: 'wx', mode: 0o644 });
  } catch (error) {
    throw new ConfigError(VARIABLE, `cannot write into ${dir} (${errorCode(error)})`);
  }
  try {
    for (let round = 0; round < MAX_TAKEOVER_ROUNDS; round++) {
      if (placeLock(path, aside)) return owner;
      const found = inspect(path);
      if (found.kind === 'none') continue;
      if (found.kind === 'odd') throw new ConfigError(VARIABLE, found.sentence);
      const live = liveOwner(found.owner, found.stats);
      if (live !== null) {
        // This machine cannot see a run on another host: only a person can tell that lock is stale.
        const elsewhere = live.includes(' on host ') ? `, or remove ${path} if no run is going there` : '';
        throw new ConfigError(VARIABLE, `another run (${live}) is writing its reports into ${dir}; wait for it to end or set another LEAN_REPORT_DIR${elsewhere}`);
      }
      removeStale(path, found.stats, owner.token);
    }
    throw new ConfigError(VARIABLE, `other runs keep taking the lock of ${dir}; let them end or set another LEAN_REPORT_DIR`);
  } catch (error) {
    if (error instanceof ConfigError) throw error;
    throw new ConfigError(VARIABLE, `cannot lock ${dir} (${errorCode(error)})`);
  } finally {
    rmSync(aside, { force: true });
  }
}

/** A report file's path must be free or a file: a directory there would be found only after every request. */
function checkReportFiles(dir: string, files: readonly string[]): void {
  for (const name of files) {
    const path = join(dir, name);
    let stats: Stats;
    try {
      stats = lstatSync(path);
    } catch (error) {
      if (errorCode(error) === 'ENOENT') continue;
      throw new ConfigError(VARIABLE, `cannot use ${path} (${errorCode(error)})`);
    }
    if (stats.isDirectory()) throw new ConfigError(VARIABLE, `${path} is a directory, so that report could not be written; remove it or set another LEAN_REPORT_DIR`);
  }
}

/**
 * @param options.files the report files the run will write into the directory (each checked before any request).
 * @throws ConfigError (LEAN_REPORT_DIR) when the directory or a report file cannot be used, or another run holds it.
 */
export function claimReportDir(dir: string, options: { files?: readonly string[] } = {}): ReportDirClaim {
  try {
    makeDirectories(dir);
  } catch (error) {
    throw new ConfigError(VARIABLE, `cannot create ${dir} (${errorCode(error)})`);
  }
  checkReportFiles(dir, options.files ?? []);
  const path = join(dir, LOCK_FILE);
  const owner = claimLock(dir, path);
  let released = false;
  return {
    dir,
    release() {
      if (released) return;
      released = true;
      const found = inspect(path);
      if (found.kind === 'lock' && found.owner !== null && 'token' in found.owner && found.owner.token === owner.token) rmSync(path, { force: true });
    },
  };
}
