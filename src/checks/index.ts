export type { Check, CheckContext, CheckResult } from './check.ts';
export { CHECKS, CHECK_NAMES } from './registry.ts';
export { runChecks } from './run-checks.ts';
export { parityFailure } from './parity.ts';
