// The bundled reference provider: re-exports only. Importing this never starts a server.
export * from './types.ts';
export { startReferenceProvider, SERVER_TIMEOUTS, type StartOptions } from './server.ts';
export { createProviderHandler, DEFAULT_LIMITS, type HandlerOptions, type ProviderHandler } from './handler.ts';
export { createStore, type ProviderStore, type StoredHolder } from './store.ts';
export { scenarioCode } from '../catalog/index.ts';
export { decide, REQUIRED_FIELDS, SCENARIOS, type Decision, type DecideRequest, type DecideContext, type Scenario } from './decide.ts';
export { readBody, type BodyLimits, type BodyResult } from './read-body.ts';
export { authenticate, parseBasic, defaultUsers, DEFAULT_USERNAME, LIMITED_USERNAME, DEFAULT_ON_BEHALF_OF, type AuthResult } from './auth.ts';
export {
  createPki,
  createCertificateAuthority,
  LOOPBACK_HOSTS,
  type Pki,
  type CertificateAuthority,
  type IssuedCertificate,
  type IssueOptions,
  type ServerIssueOptions,
} from './pki.ts';
