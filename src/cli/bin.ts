#!/usr/bin/env node
// The package's command, `lean-otp-conformance` (package.json `bin`): the first word picks the entry point and
// everything after it is passed on untouched, so the command takes exactly the options of the npm script it
// stands for. An entry point is imported only once chosen: `compare` never loads the HTTP client. Pact
// verification is the package's second command (bin/lean-otp-pact-verify.ts), so nothing here loads contracts/.
// Run from any directory: the entry points read `.env` from, and write `reports/` into, io.cwd.
import { variablesUsage } from '../config/variables.ts';
import { PACKAGE_NAME, PACKAGE_VERSION } from '../package-info.ts';
import { isEntryPoint, runAsProcess, type CliMain } from './io.ts';

export const COMMAND = 'lean-otp-conformance';

export interface Subcommand {
  /** The module, relative to this one, that exports `main: CliMain`. */
  readonly module: string;
  readonly summary: string;
}

/** The default when the first word names no subcommand (an option, or nothing at all). */
export const RUN: Subcommand = { module: './conformance.ts', summary: 'run the conformance suite against the target (npm run conformance); the default' };

export const SUBCOMMANDS: Readonly<Record<string, Subcommand>> = {
  run: RUN,
  compare: { module: './compare.ts', summary: 'compare the conformance.json files of two or more runs (npm run conformance:compare)' },
  sandbox: { module: './provider.ts', summary: 'start the sandbox, the bundled reference provider, for a team\'s own tests (npm run provider)' },
};

export function helpText(): string {
  const width = Math.max(...Object.keys(SUBCOMMANDS).map((name) => name.length));
  return [
    `usage: npx ${COMMAND} [options]             run the conformance suite (the options of npm run conformance)`,
    `       npx ${COMMAND} <subcommand> [options]`,
    `       npx lean-otp-pact-verify [pact files]      verify the target against pacts (npm run pact:verify); the package's second command`,
    '',
    'subcommands (each answers --help with its own options):',
    ...Object.entries(SUBCOMMANDS).map(([name, sub]) => `  ${name.padEnd(width)}  ${sub.summary}`),
    '',
    'options:',
    '  -h, --help  print this help and exit',
    '  --version   print the package version and exit',
    '',
    'environment (a .env file in the working directory may set them too):',
    variablesUsage(),
    '',
    'exit codes: 0 every executed check passed · 1 a conformance failure of the target · 2 a configuration, usage or',
    '            environment error (an unsupported Node, a missing optional peer), nothing sent · 3 inconclusive (the',
    '            target was unavailable) · 4 an internal error of the tool',
    '',
  ].join('\n');
}

/** The `main` of an imported entry point; a module without one is a packaging fault, said as such. */
export function mainOf(loaded: unknown, module: string): CliMain {
  const main = (loaded as { main?: unknown }).main;
  if (typeof main !== 'function') throw new Error(`${module} does not export main(argv, env, io)`);
  return main as CliMain;
}

export async function loadEntryPoint(sub: Subcommand): Promise<CliMain> {
  return mainOf(await import(sub.module), sub.module);
}

/** `lean-otp-conformance [subcommand] [options]`: resolves to the chosen entry point's exit code. */
export const main: CliMain = async (argv, env, io) => {
  const [first, ...rest] = argv;
  if (argv.length === 1 && (first === '--help' || first === '-h')) {
    io.out(helpText());
    return 0;
  }
  if (argv.length === 1 && first === '--version') {
    io.out(`${PACKAGE_NAME} ${PACKAGE_VERSION}\n`);
    return 0;
  }
  // Own keys only: `toString` or `__proto__` as the first word is a run's unknown argument, not a subcommand.
  const sub = first !== undefined && Object.hasOwn(SUBCOMMANDS, first) ? SUBCOMMANDS[first] : undefined;
  const chosen = sub ?? RUN;
  return (await loadEntryPoint(chosen))(sub ? rest : argv, env, io);
};

if (isEntryPoint(import.meta.url)) await runAsProcess(COMMAND, main);
