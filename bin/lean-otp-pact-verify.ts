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
// Imported inside main, so that a packaging fault is the command's one-line error (exit 4), not a stack trace. The
// optional peer is resolved first: the Verifier runs in a child process, whose failure to import it would
// otherwise read as "the Verifier's process ended without a result"; resolving throws ERR_MODULE_NOT_FOUND,
// which runAsProcess says as exit 2 with the install command.
await runAsProcess(COMMAND, async (argv, env, io) => {
  import.meta.resolve('@pact-foundation/pact');
  return mainOf(await import('../contracts/cli/verify.ts'), MODULE)(argv, env, io);
});
