// Command-line arguments of every entry point, parsed with node's parseArgs: `--help` (the usage, with every
// option and the LEAN_* variables the command reads) and `--version` exit 0; an unknown option or a stray
// positional is one sentence and exit 2. None of these sends a request: entry points parse before anything else.
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { variablesUsage, type VariableName } from '../config/variables.ts';
import { ConfigError } from '../input/index.ts';
import { PACKAGE_NAME, PACKAGE_VERSION } from '../package-info.ts';

export interface OptionSpec {
  readonly type: 'string' | 'boolean';
  readonly multiple?: boolean;
  readonly short?: string;
  /** Shown in the usage: `--scenario <glob>`. */
  readonly value?: string;
  readonly doc: string;
}

export interface CommandSpec {
  /** As the user types it: `npm run conformance --`, `lean-otp-conformance compare`. */
  readonly usage: string;
  readonly summary: string;
  readonly options: Readonly<Record<string, OptionSpec>>;
  /** Positional arguments, as shown in the usage line (`<before.json> <after.json>`); none allowed when absent. */
  readonly positionals?: { readonly text: string; readonly min: number; readonly max?: number };
  /** The LEAN_* variables the command reads, listed by `--help`. */
  readonly variables?: readonly VariableName[];
  /** Further lines of help (exit codes, examples). */
  readonly epilogue?: string;
}

export type ParsedArgs =
  | { readonly kind: 'help'; readonly text: string }
  | { readonly kind: 'version'; readonly text: string }
  | {
      readonly kind: 'run';
      readonly values: Readonly<Record<string, string | boolean | string[] | undefined>>;
      readonly positionals: readonly string[];
    };

const BUILT_IN: Readonly<Record<string, OptionSpec>> = {
  help: { type: 'boolean', short: 'h', doc: 'print this help and exit' },
  version: { type: 'boolean', doc: 'print the package version and exit' },
};

/** The usage text of a command. */
export function usageText(spec: CommandSpec): string {
  const options = { ...spec.options, ...BUILT_IN };
  const rows = Object.entries(options).map(([name, option]) => {
    const flag = `${option.short ? `-${option.short}, ` : ''}--${name}${option.value ? ` <${option.value}>` : ''}`;
    return [flag, `${option.doc}${option.multiple ? ' (repeatable)' : ''}`] as const;
  });
  const width = Math.max(...rows.map(([flag]) => flag.length));
  const lines = [
    `usage: ${spec.usage} [options]${spec.positionals ? ` ${spec.positionals.text}` : ''}`,
    '',
    spec.summary,
    '',
    'options:',
    ...rows.map(([flag, doc]) => `  ${flag.padEnd(width)}  ${doc}`),
  ];
  if (spec.variables?.length) lines.push('', 'environment (a .env file in the working directory may set them too):', variablesUsage(spec.variables));
  if (spec.epilogue) lines.push('', spec.epilogue);
  return `${lines.join('\n')}\n`;
}

/** node's parseArgs messages run to two sentences; the first one says what is wrong. */
function firstSentence(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return (message.split(/\.\s/)[0] ?? message).replace(/\.$/, '');
}

/**
 * @throws ConfigError (variable `arguments`) for an unknown option, a missing value or a wrong positional count.
 */
export function parseCommandLine(spec: CommandSpec, argv: readonly string[]): ParsedArgs {
  const options: ParseArgsConfig['options'] = {};
  for (const [name, option] of Object.entries({ ...spec.options, ...BUILT_IN })) {
    options[name] = { type: option.type, ...(option.multiple ? { multiple: true } : {}), ...(option.short ? { short: option.short } : {}) };
  }
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({ args: [...argv], options, strict: true, allowPositionals: spec.positionals !== undefined });
  } catch (error) {
    throw new ConfigError('arguments', `${firstSentence(error)} (see --help)`);
  }
  if (parsed.values['help'] === true) return { kind: 'help', text: usageText(spec) };
  if (parsed.values['version'] === true) return { kind: 'version', text: `${PACKAGE_NAME} ${PACKAGE_VERSION}\n` };
  const { positionals } = parsed;
  if (spec.positionals) {
    const { min, max } = spec.positionals;
    if (positionals.length < min || (max !== undefined && positionals.length > max)) {
      throw new ConfigError('arguments', `expected ${spec.positionals.text}, got ${positionals.length} argument(s) (see --help)`);
    }
  }
  return { kind: 'run', values: parsed.values as Record<string, string | boolean | string[] | undefined>, positionals };
}
