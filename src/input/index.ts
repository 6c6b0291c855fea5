// The input kernel, under every other folder: the one error type of bad input, safe file reads, JSON helpers,
// did-you-mean hints and `.env`. It imports nothing of the project.
export { ConfigError, errorCode, readConfiguredFile, MAX_INPUT_FILE_BYTES } from './errors.ts';
export { describeType, isPlainObject, jsonErrorPosition, parseJsonText } from './json.ts';
export { closestName, didYouMean, editDistance, quoteName } from './did-you-mean.ts';
export { loadDotEnv, parseDotEnv, readDotEnv, type DotEnvRead, type Env } from './dotenv.ts';
export { makeDirectories } from './make-directories.ts';
export { writeAtomically } from './write-atomically.ts';
