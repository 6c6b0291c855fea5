// `npm run pact:consumer`: clears contracts/pacts/ (Pact merges into an existing file, so a stale interaction
// would survive a run otherwise), then runs the consumer contract tests with the pact output pointed there.
// The pact file is written only when its tests pass; the exit code is vitest's.
import './no-track.ts';
import { spawn } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { PACTS_DIR } from '../shared/names.ts';

const TEST_FILE = join(dirname(PACTS_DIR), 'consumer', 'send-otp.pact.test.ts');

mkdirSync(PACTS_DIR, { recursive: true });
for (const name of readdirSync(PACTS_DIR)) {
  if (name.endsWith('.json')) rmSync(join(PACTS_DIR, name));
}

const vitestBin = join(dirname(createRequire(import.meta.url).resolve('vitest/package.json')), 'vitest.mjs');
const child = spawn(process.execPath, [vitestBin, 'run', relative(process.cwd(), TEST_FILE)], {
  stdio: 'inherit',
  env: { ...process.env, LEAN_PACT_OUTPUT_DIR: PACTS_DIR, PACT_DO_NOT_TRACK: 'true' },
});
child.on('close', (code, signal) => {
  const written = readdirSync(PACTS_DIR).filter((n) => n.endsWith('.json'));
  if (code !== 0 || signal !== null) {
    // Pact writes each interaction as its test passes, so a failed run leaves a partial pact: remove it, so
    // that it is neither committed nor published as if it were the contract.
    for (const name of written) rmSync(join(PACTS_DIR, name));
    process.stderr.write('pact:consumer: the consumer tests failed; no pact file is kept.\n');
    process.exit(code === null || code === 0 ? 1 : code);
  }
  if (written.length === 0) {
    process.stderr.write('pact:consumer: the tests passed but no pact file was written.\n');
    process.exit(1);
  }
  process.stdout.write(`pact:consumer: wrote ${written.map((n) => relative(process.cwd(), join(PACTS_DIR, n))).join(', ')}\n`);
  process.exit(0);
});
