// The configuration error of the suite: anything wrong with the environment, a file it names, or a fixture or
// baseline file. The CLI maps it to exit 2 before any request is sent (interface.md, "Exit codes"), so it is
// kept apart from conformance failures, which are results, not exceptions.
import { readFileSync } from 'node:fs';

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  /** The variable (or file, for `.env`) the sentence is about; the CLI may use it to point at the culprit. */
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

/** Reads a file named by a variable; an unreadable one is a ConfigError naming the variable and the errno. */
export function readConfiguredFile(variable: string, path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new ConfigError(variable, `cannot read ${path} (${errorCode(error)})`, { cause: error });
  }
}
