// The live conformance suite as a vitest suite, on its own: `npx vitest run -c vitest.suites.config.ts` with the
// LEAN_* variables (`-t fixture:smsActive` runs one scenario). `npm run conformance` runs the same session
// in-process, without vitest.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['suites/**/*.suite.ts'],
    pool: 'threads',
    // One session holds the send budget and the parity judgement: one file, one worker, in order.
    fileParallelism: false,
    // Each test sets its own timeout from LEAN_TIMEOUT_MS and LEAN_RATE_LIMIT; this is only a backstop for hooks.
    hookTimeout: 60_000,
  },
});
