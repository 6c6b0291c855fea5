// `mkdir -p` without node's recursive mode, which loops forever under /proc (measured: Node 24,
// mkdirSync('/proc/x', { recursive: true }) never returns): each missing level is made on its own, and the
// first failure is the answer.
import { mkdirSync, statSync } from 'node:fs';
import { dirname } from 'node:path';

/** @throws the first error of node:fs (ENOENT, EACCES, ENOTDIR, EEXIST for a file in the way). */
export function makeDirectories(dir: string): void {
  const missing: string[] = [];
  for (let at = dir; ; at = dirname(at)) {
    const stat = statSync(at, { throwIfNoEntry: false });
    if (stat !== undefined) {
      if (!stat.isDirectory()) throw Object.assign(new Error(`${at} is not a directory`), { code: 'ENOTDIR' });
      break;
    }
    missing.unshift(at);
    if (dirname(at) === at) break;
  }
  for (const level of missing) mkdirSync(level);
}
