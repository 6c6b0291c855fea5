// The shape every entry point shares: its arguments parsed first (`--help` and `--version` answered with exit 0,
// nothing else done), then its run; an input error, wherever it is found, is one sentence and exit 2. Commands
// that have other failures of their own (a broker that cannot be read) name them with their exit code.
import { ConfigError, type Env } from '../input/index.ts';
import { ciSafeOutput } from '../report/escape.ts';
import { invocationOf, usageFor } from '../report/invocation.ts';
import { parseCommandLine, type CommandSpec, type ParsedArgs } from './args.ts';
import type { CliIo, CliMain } from './io.ts';

export type RunArgs = Extract<ParsedArgs, { kind: 'run' }>;
export type CommandRun = (args: RunArgs, env: Env, io: CliIo) => Promise<number>;

export interface CommandOptions {
  /** The line an input error is said in; default `<name>: <sentence>`. */
  readonly errorLine?: (error: ConfigError) => string;
  /** Other errors that end the command in one sentence, each with its exit code. */
  readonly failures?: ReadonlyArray<readonly [abstract new (...args: never[]) => Error, number]>;
}

/**
 * The io every command writes through: no line of its output becomes a CI command (`::error…` at a line's
 * start, `##[…` or `##vso[…` anywhere), whatever foreign text a renderer let through (interface.md, "Reports read
 * back are input").
 */
export function ciSafeIo(io: CliIo): CliIo {
  return { ...io, out: (text) => io.out(ciSafeOutput(text)), err: (text) => io.err(ciSafeOutput(text)) };
}

export function defineCommand(name: string, spec: CommandSpec, run: CommandRun, options: CommandOptions = {}): CliMain {
  return async (argv, env, rawIo) => {
    const io = ciSafeIo(rawIo);
    try {
      // The usage names the command as this user runs it: the npm script in a clone, npx from the package.
      const args = parseCommandLine({ ...spec, usage: usageFor(spec.usage, invocationOf(env)) }, argv);
      if (args.kind !== 'run') {
        io.out(args.text);
        return 0;
      }
      return await run(args, env, io);
    } catch (error) {
      if (error instanceof ConfigError) {
        io.err(`${options.errorLine?.(error) ?? `${name}: ${error.message}`}\n`);
        return 2;
      }
      const failure = options.failures?.find(([type]) => error instanceof type);
      if (!failure) throw error;
      io.err(`${name}: ${(error as Error).message}\n`);
      return failure[1];
    }
  };
}
