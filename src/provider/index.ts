// The bundled reference provider and the sandbox built on it: re-exports only. Importing this never starts a server.
export * from './types.ts';
export { startReferenceProvider, SERVER_TIMEOUTS, type StartOptions } from './server.ts';
export { startSandbox, type Sandbox, type SandboxOptions } from './sandbox.ts';
export { sandboxEnvironment, SANDBOX_MAX_SENDS, SANDBOX_RATE_LIMIT, type SandboxEnvironment, type SandboxEnvironmentOptions, type SandboxVariable } from './environment.ts';
export {
  createSandboxAdmin,
  MAX_WAITERS,
  type SandboxAdmin,
  type HolderInput,
  type HolderChange,
  type WaitOptions,
} from './sandbox-admin.ts';
export { connectSandboxAdmin, type AdminClient, type AdminClientOptions } from './admin-client.ts';
export { ADMIN_PREFIX } from './admin-api.ts';
export { SandboxRequestError, type SandboxErrorStatus } from './sandbox-error.ts';
export {
  FAULT_KINDS,
  MAX_DELAY_MS,
  MAX_FAULT_COUNT,
  MAX_FAULT_FOR_MS,
  MAX_FAULTS,
  SILENCE_LIMIT_MS,
  type ActiveFault,
  type FaultKind,
  type FaultScope,
  type FaultSpec,
} from './faults.ts';
export {
  DEFAULT_OUTBOX_LIMIT,
  MAX_OUTBOX_LIMIT,
  type OutboxFilter,
  type OutboxRecord,
  type OutboxSnapshot,
} from './outbox.ts';
export { openStateDir, STATE_FILES, type OpenedState, type StateDirOptions } from './state-dir.ts';
export { createProviderHandler, DEFAULT_LIMITS, type HandlerOptions, type ProviderHandler } from './handler.ts';
export { createStore, MAX_HOLDERS, type ProviderStore, type StoredHolder, type HolderRecord, type StoreOptions } from './store.ts';
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
