#!/usr/bin/env node
// The package's command, `lean-otp-conformance` (package.json `bin`; src/cli/bin.ts routes its first word). This
// file checks the Node version before anything else is imported: every other module is loaded only after that
// check, since on an unsupported Node a dependency may crash on import and read as a failure of the target.
import { exitOnUnsupportedNode } from '../src/cli/node-support.ts';

exitOnUnsupportedNode('lean-otp-conformance');
const [{ COMMAND, main }, { runAsProcess }] = await Promise.all([import('../src/cli/bin.ts'), import('../src/cli/io.ts')]);
if (process.argv[2] === 'sandbox') {
  // A terminal signals the whole group, and npx passes the signal on as well: a second one must not cut the
  // sandbox's cleanup (closing sockets, removing its private files) short. The first one stops it (processIo).
  for (const name of ['SIGINT', 'SIGTERM'] as const) process.on(name, () => undefined);
}
await runAsProcess(COMMAND, main);
