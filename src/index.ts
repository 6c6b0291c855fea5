// The package's programmatic API (`import … from 'lean-send-otp-conformance'`): re-exports only, one line per
// part, so each part's own index decides what is public. The vitest suite is the separate entry
// `lean-send-otp-conformance/vitest` (src/vitest.ts), so importing this never loads vitest.

// A conformance run and its report: runConformance(loadConfig(env)), or the session step by step.
export * from './runner/index.ts';
export type * from './results/model.ts';
export { writeReports, renderReport, REPORTER_NAMES, type ReporterName } from './report/index.ts';
// A conformance.json read back (to compare or re-render) is input: loadReport validates it first (ConfigError: exit 2).
export { loadReport, loadReports } from './compare/index.ts';

// The configuration: LEAN_* variables (and .env) into one validated RunConfig; ConfigError is exit 2.
export { loadConfig, type RunConfig } from './config/index.ts';
export { ConfigError, loadDotEnv, type Env } from './input/index.ts';
export { VARIABLES, VARIABLE_NAMES, type Variable, type VariableName } from './config/variables.ts';
export { parseFixtureFile, loadFixtureFile } from './fixtures/index.ts';
export type { FixtureFile, Holder } from './fixtures/types.ts';
export { parseBaseline, loadBaseline, type BaselineEntry } from './baseline/index.ts';

// The bundled reference provider and the sandbox that serves it, the typed client, the catalog read from the spec.
export * from './provider/index.ts';
export * from './sandbox/index.ts';
export * from './client/index.ts';
export * from './catalog/index.ts';
export { SPEC_PATH } from './spec/document.ts';
export { PACKAGE_NAME, PACKAGE_VERSION, PACKAGE_ROOT } from './package-info.ts';
