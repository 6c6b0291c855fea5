#!/usr/bin/env node
// The package's second command, `lean-otp-pact-verify` (package.json `bin`): `npm run pact:verify` for a project
// that installed the package, with the same arguments and variables (no argument and no broker: the reference
// pact the package ships). It lives outside src/ and contracts/ because it depends on both, and src/cli may not
// depend on contracts/cli, which depends on src/cli.
import { mainOf } from '../src/cli/bin.ts';
import { runAsProcess } from '../src/cli/io.ts';

export const COMMAND = 'lean-otp-pact-verify';
const MODULE = '../contracts/cli/verify.ts';

// Imported inside main, so that a packaging fault is reported as the command's one-line error, not a stack trace.
await runAsProcess(COMMAND, async (argv, env, io) => mainOf(await import('../contracts/cli/verify.ts'), MODULE)(argv, env, io));
