// "Wait for the next entry after the one I saw": the long poll the outbox and the request journal share. Entries
// carry increasing sequence numbers, so a waiter names the last one it saw and cannot miss one recorded between
// its read and its wait.

export interface NextOptions<F> {
  /** Only an entry with a greater sequence number counts (default: the newest now). */
  after?: number;
  filter?: F;
  timeoutMs: number;
  /** Cancels the wait (resolves null). */
  signal?: AbortSignal;
}

export interface LongPoll<E extends { readonly seq: number }, F> {
  /** The first entry of `kept` after `after` matching the filter: at once, else when `offer`ed, else null on time-out. */
  next(kept: readonly E[], lastSeq: number, options: NextOptions<F>): Promise<E | null>;
  /** Hands a newly recorded entry to every waiter it satisfies. */
  offer(entry: E): void;
  /** Waits in progress. */
  readonly waiting: number;
  /** Ends every wait (resolving null). */
  close(): void;
}

interface Waiter<E, F> {
  after: number;
  filter: F | undefined;
  settle(entry: E | null): void;
}

export function createLongPoll<E extends { readonly seq: number }, F>(
  matches: (entry: E, filter: F | undefined) => boolean,
): LongPoll<E, F> {
  const waiters = new Set<Waiter<E, F>>();
  return {
    next(kept, lastSeq, { after = lastSeq, filter, timeoutMs, signal }) {
      const found = kept.find((e) => e.seq > after && matches(e, filter));
      if (found) return Promise.resolve(found);
      if (signal?.aborted) return Promise.resolve(null);
      return new Promise((resolve) => {
        const timer = setTimeout(() => waiter.settle(null), timeoutMs);
        const onAbort = (): void => waiter.settle(null);
        const waiter: Waiter<E, F> = {
          after,
          filter,
          settle(entry) {
            clearTimeout(timer);
            signal?.removeEventListener('abort', onAbort);
            waiters.delete(waiter);
            resolve(entry);
          },
        };
        waiters.add(waiter);
        signal?.addEventListener('abort', onAbort, { once: true });
      });
    },
    offer(entry) {
      for (const waiter of waiters) if (entry.seq > waiter.after && matches(entry, waiter.filter)) waiter.settle(entry);
    },
    get waiting() {
      return waiters.size;
    },
    close() {
      for (const waiter of [...waiters]) waiter.settle(null);
    },
  };
}
