export { createClient, ClientClosedError, InterruptedError, operationUrl } from './create-client.ts';
export { ClientOptionsError } from './client-options-error.ts';
export { DEFAULT_MAX_BODY_BYTES, DEFAULT_TIMEOUT_MS } from './resolve-options.ts';
export { classifyResponse, type ReceivedResponse } from './classify-response.ts';
export {
  classifyTransportError,
  SERVER_CERTIFICATE_REJECTED,
  TRANSPORT_CODES,
  TRANSPORT_CODE_PREFIXES,
  type ClassifiedTransportError,
  type KnownTransportCode,
} from './classify-transport-error.ts';
export { DeadlineExceededError } from './deadline.ts';
export type * from './types.ts';
