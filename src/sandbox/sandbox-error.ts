// The one error of the sandbox's admin operations: a request it refuses, with the HTTP status the admin API
// answers it with and one sentence. The in-process admin handle throws it, and the HTTP admin client rethrows
// the API's refusals as it, so a test sees the same error whichever way it talks to the sandbox.

export type SandboxErrorStatus = 400 | 401 | 404 | 405 | 408 | 409 | 413 | 415 | 429 | 500 | 503;

export class SandboxRequestError extends Error {
  override readonly name = 'SandboxRequestError';
  readonly status: SandboxErrorStatus;

  constructor(status: SandboxErrorStatus, sentence: string) {
    super(sentence.endsWith('.') ? sentence : `${sentence}.`);
    this.status = status;
  }
}

export const badRequest = (sentence: string): SandboxRequestError => new SandboxRequestError(400, sentence);
export const notFound = (sentence: string): SandboxRequestError => new SandboxRequestError(404, sentence);
export const conflict = (sentence: string): SandboxRequestError => new SandboxRequestError(409, sentence);
