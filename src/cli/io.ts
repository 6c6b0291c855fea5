// What an entry point may touch of the process, passed in so tests call `main(argv, env, io)` in-process and
// spawn a process only where the process itself is the subject (exit codes, signals, streams, `.env` in cwd).
import { readFileSync, realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ConfigError, type Env } from '../input/index.ts';
import { PACKAGE_NAME, PACKAGE_PEERS, PACKAGE_VERSION } from '../package-info.ts';
import { ciSafeOutput, terminalText } from '../report/escape.ts';

export interface CliIo {
  /** The working directory: `.env` is read from it and relative paths (reports/) resolve against it. */
  readonly cwd: string;
  /** Writes text to standard output as it is (the caller adds the newline). */
  out(text: string): void;
  /** Writes text to standard error as it is. */
  err(text: string): void;
  /** Standard output is a terminal: a live progress line may be redrawn in place. */
  readonly isTTY: boolean;
  /** Standard error is a terminal (colours in what goes there, such as the Pact Verifier's report); absent: it is not. */
  readonly errIsTTY?: boolean;
  /** Aborted when the run must stop (SIGINT, SIGTERM, SIGHUP, or npm gone): no new request is sent, what was observed is reported. */
  readonly signal: AbortSignal;
}

/** An entry point: resolves to its exit code (0, 1, 2, 3 or 4); never calls process.exit itself. */
export type CliMain = (argv: readonly string[], env: Env, io: CliIo) => Promise<number>;

/** The signals that stop a run: Ctrl-C, a supervisor's stop, and a closed terminal or dropped SSH session. */
export const STOP_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

/** How often a process started by an npm script checks that its parent is still there. */
const PARENT_POLL_MS = 200;

/** The parent pid of `pid` (Linux /proc); undefined where the system does not say. */
function parentOf(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return undefined;
  }
}

/**
 * Under `npm run`, the script runs as `sh -c <command>`; stopping npm's own process (`kill <npm pid>`, how
 * supervisors stop a job) ends npm and that shell, and the shell passes nothing on, so the command would run on
 * under PID 1. A process started by an npm script therefore stops, as on SIGTERM, when its parent is gone, or
 * when npm above its shell is (`kill -9 <npm pid>` leaves the shell). Only under npm: the package's own command,
 * started in the background by a shell that then exits, runs on.
 */
function watchParent(env: NodeJS.ProcessEnv, stop: (reason: string) => void): void {
  if (env['npm_lifecycle_event'] === undefined) return;
  const parent = process.ppid;
  // The shell npm ran the script with sits between; npm is its parent. A parent that is npm itself is watched alone.
  const shell = /^(?:sh|dash|bash|zsh|ash|ksh)$/.test(commandOf(parent) ?? '');
  const npm = shell ? parentOf(parent) : undefined;
  const timer = setInterval(() => {
    if (process.ppid === parent && (npm === undefined || parentOf(parent) === npm)) return;
    clearInterval(timer);
    stop('SIGTERM');
  }, PARENT_POLL_MS);
  timer.unref();
}

function commandOf(pid: number): string | undefined {
  try {
    return readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
  } catch {
    return undefined;
  }
}

/** The real process: its streams, cwd, and an AbortSignal fired by the first stop signal (or npm gone). */
export function processIo(): CliIo {
  const controller = new AbortController();
  const stop = (reason: string): void => {
    if (!controller.signal.aborted) controller.abort(reason);
  };
  for (const name of STOP_SIGNALS) process.once(name, stop);
  watchParent(process.env, stop);
  return {
    cwd: process.cwd(),
    out: (text) => void process.stdout.write(text),
    err: (text) => void process.stderr.write(text),
    isTTY: process.stdout.isTTY === true,
    errIsTTY: process.stderr.isTTY === true,
    signal: controller.signal,
  };
}

/** The optional peer (package.json `peerDependencies`) that a failed import names, if any. */
export function missingPeer(error: unknown): string | undefined {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code !== 'ERR_MODULE_NOT_FOUND' && code !== 'MODULE_NOT_FOUND') return undefined;
  const message = error instanceof Error ? error.message : '';
  return Object.keys(PACKAGE_PEERS).find((peer) => message.includes(`'${peer}'`) || message.includes(`'${peer}/`));
}

/**
 * The one line and exit code of an error that escaped an entry point: an input error is exit 2 as it is; a
 * missing optional peer is an environment error (exit 2) naming the install command; anything else is a bug of
 * the tool (exit 4), never the target's failure (exit 1).
 */
export function escapedError(name: string, error: unknown): { line: string; code: 2 | 4 } {
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof ConfigError) return { line: `${name}: ${message}`, code: 2 };
  const peer = missingPeer(error);
  if (peer !== undefined) {
    return { line: `${name}: needs ${peer}, an optional peer dependency that is not installed: npm install --save-dev '${peer}@${PACKAGE_PEERS[peer]}'`, code: 2 };
  }
  const said = message.split('\n')[0]!.replace(/\.?$/, '.');
  return {
    line: `${name}: internal error of the tool, not a failure of the target: ${said} Please report it to the maintainers of ` +
      `${PACKAGE_NAME} with this line and its version (${PACKAGE_VERSION}); the reports written so far are kept.`,
    code: 4,
  };
}

/**
 * Runs an entry point as the process: argv after the script, the real environment, the real streams. An error
 * that escaped the entry point is one line, never a stack trace (escapedError). Streams are flushed before exit.
 */
export async function runAsProcess(name: string, main: CliMain): Promise<void> {
  const io = processIo();
  let code: number;
  try {
    code = await main(process.argv.slice(2), process.env, io);
  } catch (error) {
    const escaped = escapedError(name, error);
    // An error's message may quote what a target or a file said: shown escaped, and never as a CI command.
    io.err(`${ciSafeOutput(terminalText(escaped.line))}\n`);
    code = escaped.code;
  }
  process.exitCode = code;
  // Nothing of the run may stay behind (a socket, a timer): exit once the streams have drained.
  await new Promise<void>((resolve) => process.stdout.write('', () => resolve()));
  await new Promise<void>((resolve) => process.stderr.write('', () => resolve()));
  process.exit(code);
}

/** An `io` for tests: collects what was written. */
export function memoryIo(options: { cwd: string; isTTY?: boolean; signal?: AbortSignal }): CliIo & { stdout(): string; stderr(): string } {
  let stdout = '';
  let stderr = '';
  return {
    cwd: options.cwd,
    out: (text) => void (stdout += text),
    err: (text) => void (stderr += text),
    isTTY: options.isTTY ?? false,
    signal: options.signal ?? new AbortController().signal,
    stdout: () => stdout,
    stderr: () => stderr,
  };
}

export type { Env };

/** True when the module at `moduleUrl` is the script node was started with (not imported by a test or the bin). */
export function isEntryPoint(moduleUrl: string): boolean {
  const script = process.argv[1];
  if (script === undefined) return false;
  try {
    return realpathSync(script) === realpathSync(fileURLToPath(moduleUrl));
  } catch {
    return false;
  }
}
