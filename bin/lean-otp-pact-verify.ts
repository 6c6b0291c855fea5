#!/usr/bin/env node
// The package's second command, `lean-otp-pact-verify` (package.json `bin`): `npm run pact:verify` for a project
// that installed the package, with the same arguments and variables (no argument and no broker: the reference
// pact the package ships). It lives outside src/ and contracts/ because it depends on both, and src/cli may not
// depend on contracts/cli, which depends on src/cli. The Node version is checked before anything else is imported.
import { exitOnUnsupportedNode } from '../src/cli/node-support.ts';

export const COMMAND = 'lean-otp-pact-verify';
const MODULE = '../contracts/cli/verify.ts';

exitOnUnsupportedNode(COMMAND);
const [{ mainOf }, { runAsProcess }] = await Promise.all([import('../src/cli/bin.ts'), import('../src/cli/io.ts')]);
// Imported inside main, so that a missing optional peer (@pact-foundation/pact) or a packaging fault is the
// command's one-line error (exit 2 or 4), not a stack trace.
await runAsProcess(COMMAND, async (argv, env, io) => mainOf(await import('../contracts/cli/verify.ts'), MODULE)(argv, env, io));
