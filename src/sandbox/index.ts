// The sandbox built on the reference behaviour (src/provider): the server, faults, outbox, holders, the admin
// API and its client, the state directory and the PKI. Re-exports only. Importing this never starts a server.
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
  type JournalWaitOptions,
  type ResetResult,
} from './sandbox-admin.ts';
export {
  MAX_JOURNAL_BODY_BYTES,
  MAX_JOURNAL_BYTES,
  type JournalAnswer,
  type JournalEntry,
  type JournalFilter,
  type JournalSnapshot,
} from './journal.ts';
export { connectSandboxAdmin, type AdminClient, type AdminClientOptions } from './admin-client.ts';
export { ADMIN_MAX_BODY_BYTES, ADMIN_PREFIX } from './admin-api.ts';
export { SandboxRequestError, type SandboxErrorStatus } from './sandbox-error.ts';
export {
  FAULT_KINDS,
  MAX_FAULT_SEED,
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
export { createStore, MAX_HOLDERS, type Contact, type ProviderStore, type HolderRecord, type StoreOptions } from './store.ts';
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
