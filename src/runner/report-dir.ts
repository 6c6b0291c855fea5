// The report directory is claimed before the first request: created, proven writable, and locked, so a run
// never sends (and pays for) requests whose results it then cannot keep, and two runs never interleave their
// files. The lock is a file created exclusively, holding the owner's pid; a lock whose process is gone is stale
// and taken over.
import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError, errorCode, makeDirectories } from '../input/index.ts';

const VARIABLE = 'LEAN_REPORT_DIR';
export const LOCK_FILE = '.lean-conformance.lock';

export interface ReportDirClaim {
  readonly dir: string;
  /** Removes the lock; safe to call twice. */
  release(): void;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return errorCode(error) === 'EPERM';
  }
}

function createLock(path: string): number {
  const fd = openSync(path, 'wx', 0o644);
  writeSync(fd, `${process.pid}\n`);
  return fd;
}

/** @throws ConfigError (LEAN_REPORT_DIR) when the directory cannot be created or written, or another run holds it. */
export function claimReportDir(dir: string): ReportDirClaim {
  try {
    makeDirectories(dir);
  } catch (error) {
    throw new ConfigError(VARIABLE, `cannot create ${dir} (${errorCode(error)})`);
  }
  const path = join(dir, LOCK_FILE);
  let fd: number;
  try {
    fd = createLock(path);
  } catch (error) {
    if (errorCode(error) !== 'EEXIST') throw new ConfigError(VARIABLE, `cannot write into ${dir} (${errorCode(error)})`);
    const owner = Number.parseInt(readFileSync(path, 'utf8'), 10);
    if (Number.isInteger(owner) && owner !== process.pid && alive(owner)) {
      throw new ConfigError(VARIABLE, `another run (pid ${owner}) is writing its reports into ${dir}; wait for it to end or set another LEAN_REPORT_DIR`);
    }
    rmSync(path, { force: true });
    try {
      fd = createLock(path);
    } catch (retry) {
      throw new ConfigError(VARIABLE, `cannot write into ${dir} (${errorCode(retry)})`);
    }
  }
  closeSync(fd);
  let released = false;
  return {
    dir,
    release() {
      if (released) return;
      released = true;
      rmSync(path, { force: true });
    },
  };
}
