#!/usr/bin/env node
// The package's second command, `lean-otp-pact-verify` (package.json `bin`): `npm run pact:verify` for a project
// that installed the package, with the same arguments and variables (no argument and no broker: the reference
// pact the package ships). It lives outside src/ and contracts/ because it depends on both, and src/cli may not
// depend on contracts/cli, which depends on src/cli.
import { mainOf } from '../src/cli/bin.ts';
import { runAsProcess } from '../src/cli/io.ts';

export const COMMAND = 'lean-otp-pact-verify';
const MODULE = '../contracts/cli/verify.ts';

await runAsProcess(COMMAND, mainOf(await import('../contracts/cli/verify.ts'), MODULE));
