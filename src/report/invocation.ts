// How the person reading a printed command runs this suite, so that every command the tool prints (re-run lines,
// `--help` usages, hints) works where it is printed: `npm run conformance -- …` in a clone of this repository,
// `npx lean-otp-conformance …` in a project that installed the package, the Action's inputs in a workflow.
// A clone runs the TypeScript sources (tsx), an installed package its built JavaScript (dist/), so the module's
// own file name tells the two apart; the Action says so itself (INVOKED_AS_VARIABLE, set in action.yml).

export type Invocation = 'clone' | 'package' | 'action';

/** Set by action.yml on the command's step; not a LEAN_* variable, since it configures no run. */
export const INVOKED_AS_VARIABLE = 'OTP_CONFORMANCE_INVOKED_AS';

export const DEFAULT_INVOCATION: Invocation = import.meta.url.endsWith('.ts') ? 'clone' : 'package';

/** The invocation an environment asks for (the Action's variable), else this copy's own. */
export function invocationOf(env: Readonly<Record<string, string | undefined>>): Invocation {
  return env[INVOKED_AS_VARIABLE] === 'action' ? 'action' : DEFAULT_INVOCATION;
}

/** Each command of a clone (its npm script, with the `--` that passes options on) and of the package. */
export const COMMANDS = {
  conformance: { clone: 'npm run conformance --', package: 'npx lean-otp-conformance' },
  compare: { clone: 'npm run conformance:compare --', package: 'npx lean-otp-conformance compare' },
  sandbox: { clone: 'npm run provider --', package: 'npx lean-otp-conformance sandbox' },
  pactVerify: { clone: 'npm run pact:verify --', package: 'npx lean-otp-pact-verify' },
} as const;

export type CommandName = keyof typeof COMMANDS;

/** The command as this reader types it; the Action's reader runs the package's command locally. */
export function commandFor(name: CommandName, invocation: Invocation): string {
  return COMMANDS[name][invocation === 'clone' ? 'clone' : 'package'];
}

/** The command a usage line shows for `usage` (a clone's form); other commands' usages are left as they are. */
export function usageFor(usage: string, invocation: Invocation): string {
  const entry = Object.values(COMMANDS).find((command) => command.clone === usage);
  return entry && invocation !== 'clone' ? entry.package : usage;
}
