// Runs the real `pact` CLI (from @pact-foundation/pact-cli) as a direct child. `npx pact` would make the binary
// a grandchild (toolchain.md), so a timeout would kill the wrapper and leave the binary running; spawning the
// binary itself means the process we stop is the one doing the work.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';

/** The part of @pact-foundation/pact-cli's `src/pact-standalone.js` we use (the package ships no types for it). */
interface PactStandalone {
  standalone(): { pactFullPath: string };
}

let cachedPath: string | undefined;

/** Absolute path of the platform's `pact` binary inside node_modules, found the way the package's own bin does. */
export function pactBinaryPath(): string {
  if (cachedPath === undefined) {
    const require = createRequire(import.meta.url);
    const standalone = require('@pact-foundation/pact-cli/src/pact-standalone.js') as PactStandalone;
    cachedPath = standalone.standalone().pactFullPath;
  }
  return cachedPath;
}

export interface PactCliResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

export interface PactCliOptions {
  env?: NodeJS.ProcessEnv;
  /** Kill the child after this many ms (default 60 s); the result then has exit code 124, as timeout(1) uses. */
  timeoutMs?: number;
  /** Aborted (SIGINT, SIGTERM): the child is stopped, so no `pact` process outlives the command. */
  signal?: AbortSignal;
  /** Receives the child's output as it comes (the CLI entry points echo it, redacted). */
  echo?: { out(text: string): void; err(text: string): void };
}

export function runPactCli(args: readonly string[], options: PactCliOptions = {}): Promise<PactCliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(pactBinaryPath(), [...args], {
      env: { ...(options.env ?? process.env), PACT_DO_NOT_TRACK: 'true' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString('utf8');
      options.echo?.out(chunk.toString('utf8'));
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
      options.echo?.err(chunk.toString('utf8'));
    });
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, options.timeoutMs ?? 60_000);
    const onAbort = (): void => void child.kill('SIGTERM');
    options.signal?.addEventListener('abort', onAbort, { once: true });
    child.on('error', (err) => {
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      reject(err);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      resolve({ exitCode: timedOut ? 124 : (code ?? (signal ? 128 : 1)), stdout, stderr });
    });
  });
}
