// Runs one of the project's CLIs as a user would, and collects everything it printed: in-process through its
// `main(argv, env, io)` (fast; most tests), or as a child process where the process itself is the subject
// (exit codes as the shell sees them, signals, `.env` in the working directory). Either way the working
// directory is a fresh temporary one unless a test gives its own, so no `.env` of the checkout is ever read,
// and the environment is exactly what the test passes (plus, for a child, what node needs to start).
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { isAbsolute, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { memoryIo, type CliMain } from '../../src/cli/io.ts';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
/** tsx's loader by absolute URL: children run in a temporary folder, where a bare `tsx` would not resolve. */
const TSX = import.meta.resolve('tsx');

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function freshDir(prefix = 'lean-cli-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** Environment without any LEAN_* or PACT_* variable of the developer's shell, plus `env`. */
export function cleanEnv(env: Record<string, string>): Record<string, string> {
  const base = Object.fromEntries(
    Object.entries(process.env).filter((e): e is [string, string] => e[1] !== undefined && !/^(LEAN|PACT)_/i.test(e[0]) && e[0] !== 'NODE_TLS_REJECT_UNAUTHORIZED'),
  );
  return { ...base, PACT_DO_NOT_TRACK: 'true', ...env };
}

/** Calls an entry point in this process with exactly `env` and a temporary working directory. */
export async function runMain(
  main: CliMain,
  env: Record<string, string>,
  args: string[] = [],
  options: { cwd?: string; signal?: AbortSignal } = {},
): Promise<CliRun> {
  const io = memoryIo({ cwd: options.cwd ?? freshDir(), ...(options.signal ? { signal: options.signal } : {}) });
  const code = await main(args, env, io);
  return { code, stdout: io.stdout(), stderr: io.stderr() };
}

export interface ChildOptions {
  cwd?: string;
  timeoutMs?: number;
  /** Called with the child once it is spawned (to send it a signal, say). */
  onSpawn?: (child: import('node:child_process').ChildProcess) => void;
}

/** Runs a CLI script (path relative to the repository) as a child process, in a temporary working directory. */
export function runCli(script: string, env: Record<string, string>, args: string[] = [], timeoutOrOptions: number | ChildOptions = 60_000): Promise<CliRun> {
  const options = typeof timeoutOrOptions === 'number' ? { timeoutMs: timeoutOrOptions } : timeoutOrOptions;
  return new Promise((resolve, reject) => {
    const path = isAbsolute(script) ? script : join(ROOT, script);
    const child = spawn(process.execPath, ['--import', TSX, path, ...args], { cwd: options.cwd ?? freshDir(), env: cleanEnv(env) });
    options.onSpawn?.(child);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => { stdout += chunk.toString(); });
    child.stderr.on('data', (chunk: Buffer) => { stderr += chunk.toString(); });
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 60_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}
