// The input error of the suite: anything wrong with the environment, a file it names, a command-line argument,
// or a fixture or baseline file. Entry points map it to exit 2 before any request is sent (interface.md, "Exit
// codes"), so it is kept apart from conformance failures, which are results, not exceptions.
import { closeSync, fstatSync, openSync, readSync, constants } from 'node:fs';

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  /** The variable (or file, for `.env`; or option, for the command line) the sentence is about. */
  readonly variable: string;

  /**
   * @param variable the variable's name; the message starts with it.
   * @param rule the rest of the one sentence, without the variable; never a secret value.
   */
  constructor(variable: string, rule: string, options?: { cause?: unknown }) {
    // One sentence, ending with a full stop, so the CLI can print it as it is.
    super(`${variable}: ${rule.endsWith('.') ? rule : `${rule}.`}`, options);
    this.variable = variable;
  }
}

/** `ENOENT`, `EACCES`… of a failed file read, or the error's name when it has no code. */
export function errorCode(error: unknown): string {
  if (typeof error === 'object' && error !== null) {
    const code = (error as { code?: unknown }).code;
    if (typeof code === 'string' && code !== '') return code;
    const name = (error as { name?: unknown }).name;
    if (typeof name === 'string' && name !== '') return name;
  }
  return 'unknown error';
}

/** No input file of the suite (fixtures, baseline, certificates, .env, a report to compare) comes near this. */
export const MAX_INPUT_FILE_BYTES = 16 * 1024 * 1024;

/**
 * Reads a file named by a variable. Only a regular file of at most MAX_INPUT_FILE_BYTES is read: a FIFO would
 * block the run forever and /dev/zero would grow without end, so both are refused before a byte is read
 * (opened non-blocking, then judged by fstat). Any failure is a ConfigError naming the variable and the errno.
 */
export function readConfiguredFile(variable: string, path: string): string {
  let fd: number | undefined;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
    const stat = fstatSync(fd);
    if (stat.isDirectory()) throw new ConfigError(variable, `cannot read ${path} (EISDIR)`);
    if (!stat.isFile()) throw new ConfigError(variable, `${path} is not a regular file (a device, a FIFO or a socket)`);
    if (stat.size > MAX_INPUT_FILE_BYTES) {
      throw new ConfigError(variable, `${path} is larger than ${MAX_INPUT_FILE_BYTES / 1024 / 1024} MiB`);
    }
    const bytes = Buffer.alloc(stat.size);
    let read = 0;
    while (read < stat.size) {
      const n = readSync(fd, bytes, read, stat.size - read, read);
      if (n === 0) break;
      read += n;
    }
    return bytes.subarray(0, read).toString('utf8');
  } catch (error) {
    if (error instanceof ConfigError) throw error;
    throw new ConfigError(variable, `cannot read ${path} (${errorCode(error)})`, { cause: error });
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
