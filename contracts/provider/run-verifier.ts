// Runs a verification job in a child process and passes every line it prints through the secrets module. The
// Verifier's native core writes to the process's own stdout (pact-core), at debug level with request headers
// and bodies, so filtering in-process is impossible; in a child, its stdout and stderr are pipes this process
// reads line by line, redacts (credentials, the key's passphrase, broker token or password, fixture ids,
// personal data) and only then writes out.
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Readable } from 'node:stream';
import { stripVTControlCharacters } from 'node:util';
import type { Redactor } from '../../src/secrets/index.ts';
import { redactedLines } from '../shared/redacted-lines.ts';
import type { ChildMessage, JobResult, VerifierJob } from './verifier-job.ts';

/** Built (the package's dist/) the child is JavaScript; in a clone, TypeScript run through tsx. */
const BUILT = !import.meta.url.endsWith('.ts');
const CHILD = fileURLToPath(new URL(`./verifier-child.${BUILT ? 'js' : 'ts'}`, import.meta.url));
/**
 * DEP0060: http-proxy, which pact-js's Verifier proxy uses, calls `util._extend`, and Node 22 and later warn about
 * it on every verification; no user of this suite can act on that, so the child does not print it (every other
 * warning still shows). tsx's loader by absolute URL (development only: tsx is no dependency of the package).
 */
const EXEC_ARGV = ['--disable-warning=DEP0060', ...(BUILT ? [] : ['--import', import.meta.resolve('tsx')])];

/** Variables the child does not get: pact-js would send the relay's loopback traffic through a proxy. */
const NOT_INHERITED = /^(https?_proxy|all_proxy|no_proxy|lean_.*|pact_broker_.*|node_options|node_tls_reject_unauthorized)$/i;

function childEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) if (!NOT_INHERITED.test(name)) env[name] = value;
  return { ...env, PACT_DO_NOT_TRACK: 'true' };
}

/**
 * The Verifier's native core colours its report with ANSI codes whatever its stdout is (pact-core binds no call to
 * switch that off), so off a terminal they are taken out here, before redaction, so the text redacted is the text shown.
 */
function pipeLines(stream: Readable, redact: Redactor, write: (text: string) => void, colour: boolean): () => void {
  const lines = redactedLines(colour ? redact : (line) => redact(stripVTControlCharacters(line)), write);
  stream.setEncoding('utf8');
  stream.on('data', (chunk: string) => lines.push(chunk));
  return () => lines.flush();
}

export interface RunVerifierOptions {
  redact: Redactor;
  /** Where the (redacted) output goes. */
  log: (text: string) => void;
  /** Keep the Verifier's ANSI colours (its output goes to a terminal); default false: plain text. */
  colour?: boolean;
  /** The child is stopped after this long, and the job fails. */
  deadlineMs: number;
  signal?: AbortSignal;
}

export function runVerifierJob(job: VerifierJob, options: RunVerifierOptions): Promise<JobResult> {
  return new Promise((resolve, reject) => {
    const child = fork(CHILD, [], { execArgv: EXEC_ARGV, stdio: ['ignore', 'pipe', 'pipe', 'ipc'], env: childEnv() });
    const colour = options.colour ?? false;
    const flushOut = pipeLines(child.stdout as Readable, options.redact, options.log, colour);
    const flushErr = pipeLines(child.stderr as Readable, options.redact, options.log, colour);
    let answer: ChildMessage | undefined;
    let stopped: string | undefined;
    const stop = (why: string): void => {
      stopped ??= why;
      child.kill('SIGKILL');
    };
    const timer = setTimeout(() => stop(`the Verifier did not finish within ${options.deadlineMs} ms`), options.deadlineMs);
    const onAbort = (): void => stop('the verification was interrupted');
    options.signal?.addEventListener('abort', onAbort, { once: true });
    child.on('message', (message: ChildMessage) => (answer = message));
    child.on('error', (error) => stop(error.message));
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      flushOut();
      flushErr();
      if (answer?.kind === 'result') resolve(answer.result);
      else if (answer?.kind === 'crash') reject(new Error(`The Verifier failed: ${options.redact(answer.message)}`));
      else reject(new Error(stopped ?? `The Verifier's process ended without a result (${signal ?? `exit ${code}`}).`));
    });
    child.send(job);
  });
}
