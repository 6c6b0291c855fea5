// The secrets module: the forms of each secret and the one redactor, used by the client, the terminal, the
// reports' inputs, the pact verifier's output and the tools (see redactor.ts for where it applies and why).
export { createRedactor, chainRedactors, maskId, REDACTED, PHONE_MASK, EMAIL_MASK, type Redactor, type SecretSet } from './redactor.ts';
export { secretPattern, escapeRegExp } from './forms.ts';
