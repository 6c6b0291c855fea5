export type { RunConfig, Target } from './types.ts';
export { loadConfig, CONFIG_VARIABLES, DEFAULTS, type ConfigVariable } from './load.ts';
export { describeTarget, parseBaseUrl } from './target.ts';
export { parseRequireCodes, SUCCESS_STATUS } from './require-codes.ts';
export { VARIABLES, VARIABLE_NAMES, variablesUsage, unknownVariableWarnings, type Variable, type VariableName } from './variables.ts';
export { budgetFromDotEnv, budgetLine, loadRunConfig, type BudgetSources, type FigureSource } from './budget-source.ts';
