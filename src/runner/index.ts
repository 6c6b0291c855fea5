export { runConformance } from './run-conformance.ts';
export { prepareRun, type PreparedRun, type PrepareOptions } from './prepare.ts';
export { runSession, type RunHooks } from './run.ts';
export { ConformanceSession, FILTERED_OUT, type SessionOptions, type Step } from './session.ts';
export { planRun, formatPlan, type RunPlan, type PlannedStep, type PlanHeading } from './plan.ts';
export { stepFilter, globToRegExp, type StepFilter } from './filters.ts';
export { claimReportDir, type ReportDirClaim } from './report-dir.ts';
export { resolveTarget, type ResolvedTarget } from './target.ts';
