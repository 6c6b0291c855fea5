// The outbox: every OTP the provider "sent", newest last, bounded. A sandbox that runs for days must not grow
// without end, so only the newest `limit` entries are kept and the ones pushed out are counted. Each entry has a
// sequence number, so a consumer can wait for "the next entry after the one I saw" without racing the sender.
import type { Channel, OperationId } from '../catalog/index.ts';
import type { OutboxEntry } from '../provider/types.ts';
import { createLongPoll } from './long-poll.ts';

/** Entries kept when no limit is given: a long conformance or load run stays well below it. */
export const DEFAULT_OUTBOX_LIMIT = 1000;
/** Largest limit accepted: about 300 bytes an entry, so at most a few hundred MiB. */
export const MAX_OUTBOX_LIMIT = 1_000_000;

/** An outbox entry as recorded: with its sequence number (1 for the first send of the provider's life). */
export interface OutboxRecord extends OutboxEntry {
  readonly seq: number;
}

/** Which entries a read or a wait is about; every field given must match. */
export interface OutboxFilter {
  operation?: OperationId;
  channel?: Channel;
  certIdOtp?: string;
}

export interface OutboxSnapshot {
  entries: readonly OutboxRecord[];
  /** Entries pushed out by the limit since the last clear. */
  dropped: number;
  limit: number;
  /** Sequence number of the newest entry ever recorded (0 before the first): `after` for a wait. */
  lastSeq: number;
}

export interface Outbox {
  record(entry: OutboxEntry): OutboxRecord;
  /** Entries matching the filter, oldest first. */
  entries(filter?: OutboxFilter): readonly OutboxRecord[];
  snapshot(filter?: OutboxFilter): OutboxSnapshot;
  /** Empties the outbox and the dropped count; sequence numbers go on (a waiter's `after` stays meaningful). */
  clear(): number;
  /**
   * The first entry after `after` (default: the newest now) matching the filter: at once when one is there,
   * else when it is recorded, else null after `timeoutMs`. `signal` cancels the wait (resolves null).
   */
  next(options: { after?: number; filter?: OutboxFilter; timeoutMs: number; signal?: AbortSignal }): Promise<OutboxRecord | null>;
  /** Waits in progress. */
  readonly waiting: number;
  /** Ends every wait (resolving null): the provider is closing. */
  close(): void;
}

function matches(entry: OutboxRecord, filter: OutboxFilter | undefined): boolean {
  if (!filter) return true;
  return (
    (filter.operation === undefined || entry.operation === filter.operation) &&
    (filter.channel === undefined || entry.channel === filter.channel) &&
    (filter.certIdOtp === undefined || entry.certIdOtp === filter.certIdOtp)
  );
}

export function createOutbox(limit: number = DEFAULT_OUTBOX_LIMIT): Outbox {
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_OUTBOX_LIMIT) {
    throw new Error(`outboxLimit must be an integer from 1 to ${MAX_OUTBOX_LIMIT} (got ${limit}).`);
  }
  // A ring would save the shift, but entries are few and a shift of an array of <= limit pointers is cheap
  // next to a request; an array keeps reads in order for free.
  let kept: OutboxRecord[] = [];
  let dropped = 0;
  let lastSeq = 0;
  const poll = createLongPoll<OutboxRecord, OutboxFilter>(matches);

  const outbox: Outbox = {
    record(entry) {
      const record: OutboxRecord = Object.freeze({ ...entry, at: new Date(entry.at), seq: ++lastSeq });
      kept.push(record);
      if (kept.length > limit) {
        kept.shift();
        dropped++;
      }
      poll.offer(record);
      return record;
    },
    entries: (filter) => kept.filter((e) => matches(e, filter)),
    snapshot: (filter) => ({ entries: outbox.entries(filter), dropped, limit, lastSeq }),
    clear() {
      const cleared = kept.length;
      kept = [];
      dropped = 0;
      return cleared;
    },
    next: (options) => poll.next(kept, lastSeq, options),
    get waiting() {
      return poll.waiting;
    },
    close: () => poll.close(),
  };
  return outbox;
}
