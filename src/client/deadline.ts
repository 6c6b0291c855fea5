// One timer per request that covers connect, headers and the whole body. undici's own timeouts are set too,
// but they are per phase (headers) or per idle gap (body): only an overall deadline stops a body that trickles
// forever, or a connect still pending when a per-call deadline is shorter than the agent's connect timeout.
export class DeadlineExceededError extends Error {
  override readonly name = 'DeadlineExceededError';
  readonly code = 'LEAN_DEADLINE_EXCEEDED';

  constructor(readonly timeoutMs: number) {
    super(`no complete response within the ${timeoutMs} ms deadline`);
  }
}

export interface Deadline {
  readonly signal: AbortSignal;
  /** Rejects with DeadlineExceededError when the deadline passes; never settles otherwise. */
  readonly expired: Promise<never>;
  clear(): void;
}

/** @param interrupt ends the wait early too (the run was interrupted), rejecting with its reason. */
export function startDeadline(timeoutMs: number, interrupt?: AbortSignal): Deadline {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  let onInterrupt: (() => void) | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const error = new DeadlineExceededError(timeoutMs);
      controller.abort(error);
      reject(error);
    }, timeoutMs);
    if (interrupt) {
      onInterrupt = () => {
        clearTimeout(timer);
        controller.abort(interrupt.reason);
        reject(interrupt.reason);
      };
      if (interrupt.aborted) onInterrupt();
      else interrupt.addEventListener('abort', onInterrupt, { once: true });
    }
  });
  // A race that was already won elsewhere must not leave an unhandled rejection behind.
  expired.catch(() => undefined);
  return {
    signal: controller.signal,
    expired,
    clear: () => {
      clearTimeout(timer);
      if (onInterrupt) interrupt?.removeEventListener('abort', onInterrupt);
    },
  };
}
