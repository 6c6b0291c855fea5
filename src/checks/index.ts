export type { Check, CheckContext, CheckResult } from './check.ts';
export { CHECKS, CHECK_NAMES } from './registry.ts';
export { runChecks } from './run-checks.ts';
export { judgeParity, type ParityJudgement, type ParitySide } from './parity.ts';
