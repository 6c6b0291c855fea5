// `lean-send-otp-conformance/vitest`: the live conformance suite inside a team's own vitest config, as one
// project of it. The target is configured as for the command (LEAN_* variables, `.env` in the working
// directory); with none, the bundled reference provider is started for the run and stopped after it.
//
//   // vitest.config.ts
//   import { defineConfig } from 'vitest/config';
//   import { conformanceProject } from 'lean-send-otp-conformance/vitest';
//   export default defineConfig({ test: { projects: [conformanceProject()] } });
//
// The reports are written into LEAN_REPORT_DIR (reports/) as the command writes them; vitest's own reporters
// show one test per (scenario, operation). vitest is an optional peer dependency of the package.
import { basename, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestProjectInlineConfiguration } from 'vitest/config';

/** Built (dist/src/vitest.js) the suite is JavaScript; in a clone (src/vitest.ts, tsx) it is TypeScript. */
const EXTENSION = import.meta.url.endsWith('.ts') ? 'ts' : 'js';
export const SUITE_FILE = fileURLToPath(new URL(`../suites/conformance.suite.${EXTENSION}`, import.meta.url));

export interface ConformanceProjectOptions {
  /** The project's name in vitest's output; default `lean-conformance`. */
  name?: string;
  /** Backstop per test; each request has its own deadline (LEAN_TIMEOUT_MS). Default 120 s. */
  testTimeout?: number;
}

export function conformanceProject(options: ConformanceProjectOptions = {}): TestProjectInlineConfiguration {
  return {
    test: {
      name: options.name ?? 'lean-conformance',
      // The suite lives in the installed package: its folder is the project's, and node_modules is not excluded.
      dir: dirname(SUITE_FILE),
      include: [basename(SUITE_FILE)],
      exclude: [],
      // One session holds the send budget and the parity judgement: one file, one worker, in order.
      pool: 'threads',
      fileParallelism: false,
      testTimeout: options.testTimeout ?? 120_000,
      hookTimeout: 60_000,
    },
  };
}
