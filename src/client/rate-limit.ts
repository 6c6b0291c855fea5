// Spaces request starts at least 1/rate seconds apart. Slots are claimed synchronously, so concurrent callers
// queue in call order without a shared lock. Every attempt takes a slot, a runner's retries included.
export interface RateLimiter {
  /** Resolves when the caller may start its request; rejects with the signal's reason if it is aborted first. */
  acquire(signal?: AbortSignal): Promise<void>;
}

/** Time as the limiter sees it; injected so that tests need not sleep. */
export interface Clock {
  now(): number;
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export const REAL_CLOCK: Clock = {
  now: () => performance.now(),
  // Rounded up: a timer may fire up to a millisecond early against performance.now().
  sleep: (ms, signal) => new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, Math.ceil(ms));
    function onAbort(): void {
      clearTimeout(timer);
      reject(signal?.reason);
    }
    signal?.addEventListener('abort', onAbort, { once: true });
  }),
};

const UNLIMITED: RateLimiter = { acquire: () => Promise.resolve() };

export function createRateLimiter(requestsPerSecond: number | null, clock: Clock = REAL_CLOCK): RateLimiter {
  if (requestsPerSecond === null) return UNLIMITED;
  const intervalMs = 1000 / requestsPerSecond;
  let nextSlot = -Infinity;
  return {
    acquire(signal) {
      if (signal?.aborted) return Promise.reject(signal.reason);
      const current = clock.now();
      const slot = Math.max(current, nextSlot);
      nextSlot = slot + intervalMs;
      const waitMs = slot - current;
      return waitMs <= 0 ? Promise.resolve() : clock.sleep(waitMs, signal);
    },
  };
}
