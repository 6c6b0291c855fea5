// The live conformance suites (`npm run conformance` starts them with a target; see src/cli/conformance.ts).
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['suites/**/*.suite.ts'],
    pool: 'threads',
    fileParallelism: false,
    // Per-request deadlines are enforced by the client (LEAN_TIMEOUT_MS); this is only a backstop.
    testTimeout: 120_000,
    hookTimeout: 60_000,
  },
});
