// The reference behaviour: what a conforming provider answers (decide), how it words it (answers), whom it
// lets in (auth), how it reads a body. Re-exports only; the sandbox (src/sandbox) serves it.
export * from './types.ts';
export { scenarioCode } from '../catalog/index.ts';
export { decide, REQUIRED_FIELDS, SCENARIOS, type Decision, type DecideRequest, type DecideContext, type Scenario } from './decide.ts';
export { readBody, type BodyLimits, type BodyResult } from './read-body.ts';
export { authenticate, parseBasic, defaultUsers, DEFAULT_USERNAME, LIMITED_USERNAME, DEFAULT_ON_BEHALF_OF, type AuthResult } from './auth.ts';
