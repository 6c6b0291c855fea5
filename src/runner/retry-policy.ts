// When a step that cannot deliver may ask again, and how long it waits first (interface.md, "Retries, only where
// a retry cannot send"). An outcome is transient when the target as such did not answer: no HTTP answer that
// could be a network or a restart (refused, reset, timeout, a name that did not resolve), 429, or a 502/503/504
// that is not the API's own catalog answer. A TLS failure is not transient: an untrusted certificate stays
// untrusted, and a refused handshake is what one scenario expects. Everything else is a definitive answer.
import { parseRetryAfter } from '../client/retry-after.ts';
import type { SendOutcome, TransportErrorClass } from '../client/types.ts';

export const TRANSIENT_TRANSPORT: ReadonlySet<TransportErrorClass> = new Set(['timeout', 'refused', 'reset', 'dns']);
export const TRANSIENT_STATUSES: ReadonlySet<number> = new Set([429, 502, 503, 504]);

/** The first wait between attempts; each later one doubles it. */
export const BACKOFF_START_MS = 250;
/** The longest wait honoured; a Retry-After beyond it ends the step's retries. */
export const RETRY_WAIT_CAP_MS = 60_000;

export function isTransient(outcome: SendOutcome): boolean {
  if (outcome.kind === 'transport-failure') return TRANSIENT_TRANSPORT.has(outcome.errorClass);
  if (outcome.kind !== 'protocol-violation' || outcome.violation !== 'unexpected-status') return false;
  if (outcome.status === 429) return true;
  return TRANSIENT_STATUSES.has(outcome.status) && outcome.catalogBody !== true;
}

/**
 * The backoff before retry `n` (1 for the first): 250 ms × 2^(n−1), plus up to half of that again at random
 * (jitter), so that many clients told to wait do not all come back at the same moment.
 */
export function backoffMs(retry: number, random: () => number): number {
  const base = BACKOFF_START_MS * 2 ** (retry - 1);
  return Math.round(base + base * 0.5 * Math.min(Math.max(random(), 0), 1));
}

export type RetryWait = { retry: true; waitMs: number } | { retry: false; reason: string };

/** How long to wait before retry `n` after `outcome`: the answer's Retry-After when it has one, else the backoff. */
export function retryWait(outcome: SendOutcome, retry: number, random: () => number, nowMs: number): RetryWait {
  const retryAfter = outcome.kind === 'protocol-violation' ? parseRetryAfter(outcome.retryAfter, nowMs) : null;
  if (retryAfter === null) return { retry: true, waitMs: backoffMs(retry, random) };
  if (retryAfter > RETRY_WAIT_CAP_MS) {
    return { retry: false, reason: `Retry-After asked for ${Math.ceil(retryAfter / 1000)} s, beyond the ${RETRY_WAIT_CAP_MS / 1000} s cap` };
  }
  return { retry: true, waitMs: retryAfter };
}
