// The project's own tests (`npm test`). The live conformance suite has its own config (vitest.suites.config.ts):
// it needs a target, and runs on its own with the LEAN_* variables.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'contracts/**/*.test.ts'],
    pool: 'forks',
    // Most test files wait on sockets and timers, not on the CPU: four workers on two cores halve the wall time
    // (measured: 97 s with the default, 62 s with four).
    maxWorkers: 4,
    testTimeout: 30_000,
    hookTimeout: 60_000,
    env: { PACT_DO_NOT_TRACK: 'true' },
  },
});
