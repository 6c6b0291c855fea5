// One racer of test/runner/report-dir.test.ts: at each of the given instants, claims one directory (each holding
// a stale lock) and keeps what it got until it exits; prints `took <dir>` or `busy <dir>` per round.
import { claimReportDir } from '../../src/runner/report-dir.ts';

const [startAt = '0', ...dirs] = process.argv.slice(2);
const start = Number(startAt);
for (const [round, dir] of dirs.entries()) {
  const at = start + round * 120;
  while (Date.now() < at) { /* spin: both racers leave the same millisecond */ }
  try {
    claimReportDir(dir);
    process.stdout.write(`took ${dir}\n`);
  } catch {
    process.stdout.write(`busy ${dir}\n`);
  }
}
