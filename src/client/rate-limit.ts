// Spaces request starts at least 1/rate seconds apart. Slots are claimed synchronously, so concurrent callers
// queue in call order without a shared lock. Nothing is ever retried: a retry could deliver a second OTP.
export interface RateLimiter {
  /** Resolves when the caller may start its request. */
  acquire(): Promise<void>;
}

const UNLIMITED: RateLimiter = { acquire: () => Promise.resolve() };

export function createRateLimiter(requestsPerSecond: number | null, now: () => number = performance.now.bind(performance)): RateLimiter {
  if (requestsPerSecond === null) return UNLIMITED;
  const intervalMs = 1000 / requestsPerSecond;
  let nextSlot = -Infinity;
  return {
    acquire() {
      const current = now();
      const slot = Math.max(current, nextSlot);
      nextSlot = slot + intervalMs;
      const waitMs = slot - current;
      return waitMs <= 0 ? Promise.resolve() : new Promise((resolve) => setTimeout(resolve, Math.ceil(waitMs)));
    },
  };
}
