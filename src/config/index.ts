export { ConfigError } from '../input/errors.ts';
export type { RunConfig, Target } from './types.ts';
export { loadConfig, CONFIG_VARIABLES, DEFAULTS, type ConfigVariable } from './load.ts';
export { loadDotEnv, type Env } from '../input/dotenv.ts';
export { describeTarget, parseBaseUrl } from './target.ts';
export { provokableCodes, parseRequireCodes } from './require-codes.ts';
export { didYouMean, closestName, editDistance } from '../input/did-you-mean.ts';
