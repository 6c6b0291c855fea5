// One racer of test/runner/report-dir.test.ts: from the given instant on, claims one directory after the other
// (each holding a stale lock), as fast as it can, and keeps what it got until it exits; prints `took <dir>` or
// `busy <dir>` per directory, then `done`, and holds its locks until its stdin ends (a racer that ended would
// leave stale locks, which the other may rightly take over). Two racers started together contend for the same
// directories.
import { claimReportDir } from '../../src/runner/report-dir.ts';

const [startAt = '0', ...dirs] = process.argv.slice(2);
const start = Number(startAt);
while (Date.now() < start) { /* spin: both racers leave the same millisecond */ }
for (const dir of dirs) {
  try {
    claimReportDir(dir);
    process.stdout.write(`took ${dir}\n`);
  } catch (error) {
    process.stdout.write(`busy ${dir} ${error instanceof Error ? error.message : String(error)}\n`);
  }
}
process.stdout.write('done\n');
process.stdin.resume();
process.stdin.once('end', () => process.exit(0));
