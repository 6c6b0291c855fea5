// `npm run pact:consumer`: clears contracts/pacts/ (Pact merges into an existing file, so a stale interaction
// would survive a run otherwise), then runs the consumer contract tests with the pact output pointed there.
// The pact file is written only when its tests pass; the exit code is vitest's. The arguments are parsed
// first: `--help`, `--version` and a wrong argument touch nothing.
import './no-track.ts';
import { spawn } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import type { CommandSpec } from '../../src/cli/args.ts';
import { defineCommand } from '../../src/cli/command.ts';
import { isEntryPoint, runAsProcess, type CliMain, type Env } from '../../src/cli/io.ts';
import { PACTS_DIR } from '../shared/names.ts';

const NAME = 'pact:consumer';
const TEST_FILE = join(dirname(PACTS_DIR), 'consumer', 'send-otp.pact.test.ts');

const SPEC: CommandSpec = {
  usage: 'npm run pact:consumer --',
  summary: 'Runs the consumer contract tests and rewrites contracts/pacts/ (cleared first; a failed run keeps no pact).',
  options: {},
  epilogue: "PACT_LOG_LEVEL  Pact's log level (default warn)",
};

function pactFiles(): string[] {
  return readdirSync(PACTS_DIR).filter((n) => n.endsWith('.json'));
}

function runConsumerTests(env: Env, io: Parameters<CliMain>[2]): Promise<number> {
  mkdirSync(PACTS_DIR, { recursive: true });
  for (const name of pactFiles()) rmSync(join(PACTS_DIR, name));
  const vitestBin = join(dirname(createRequire(import.meta.url).resolve('vitest/package.json')), 'vitest.mjs');
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [vitestBin, 'run', TEST_FILE], {
      cwd: dirname(dirname(PACTS_DIR)),
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...env, LEAN_PACT_OUTPUT_DIR: PACTS_DIR, PACT_DO_NOT_TRACK: 'true' },
    });
    child.stdout.on('data', (c: Buffer) => io.out(c.toString('utf8')));
    child.stderr.on('data', (c: Buffer) => io.err(c.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code, signal) => {
      const written = pactFiles();
      if (code !== 0 || signal !== null) {
        // Pact writes each interaction as its test passes, so a failed run leaves a partial pact: remove it, so
        // that it is neither committed nor published as if it were the contract.
        for (const name of written) rmSync(join(PACTS_DIR, name));
        io.err(`${NAME}: the consumer tests failed; no pact file is kept.\n`);
        resolve(code === null || code === 0 ? 1 : code);
        return;
      }
      if (written.length === 0) {
        io.err(`${NAME}: the tests passed but no pact file was written.\n`);
        resolve(1);
        return;
      }
      io.out(`${NAME}: wrote ${written.map((n) => relative(io.cwd, join(PACTS_DIR, n))).join(', ')}\n`);
      resolve(0);
    });
  });
}

export const main: CliMain = defineCommand(NAME, SPEC, (_args, env, io) => runConsumerTests(env, io));

if (isEntryPoint(import.meta.url)) await runAsProcess(NAME, main);
