// The request journal: every request the API side of the sandbox received (operations and unknown paths; the
// admin API's own requests are not journaled, or a page polling it would flood it), with what was answered and
// which fault was applied. A consumer team asserts on it what the outbox cannot show: "my client retried exactly
// twice", "it sent on-behalf-of X", "it never put the password in the body", when the answers were errors.
// Bounded like the outbox (the newest `limit` entries), and by the size of the bodies it keeps, so a sandbox
// that runs for days does not grow without end. The Authorization value is masked when recorded: it never
// reaches memory that an admin answer could show.
import type { IncomingHttpHeaders } from 'node:http';
import type { OperationId } from '../catalog/index.ts';
import { createLongPoll } from './long-poll.ts';

/** Largest body kept per entry, as received (cut there). */
export const MAX_JOURNAL_BODY_BYTES = 64 * 1024;
/** Characters of bodies the whole journal keeps; older entries are dropped beyond it, as beyond the count. */
export const MAX_JOURNAL_BYTES = 64 * 1024 * 1024;
/** What stands for an Authorization value's credentials: the scheme is kept (`Basic ***`), never the rest. */
export const MASKED = '***';

export interface JournalAnswer {
  /** The status written; null when none was (the connection was dropped or left silent). */
  status: number | null;
  /** The `code` of a JSON error body; null when the answer carried none. */
  code: number | null;
}

export interface JournalEntry {
  /** In the order answered. */
  readonly seq: number;
  /** When the request arrived. */
  readonly at: Date;
  readonly method: string;
  readonly path: string;
  /** The operation the path is; null for a path that is none. */
  readonly operation: OperationId | null;
  /** Lower-case names; a repeated header joined with ", "; `authorization` masked. */
  readonly headers: Readonly<Record<string, string>>;
  /** The body as received (UTF-8), at most MAX_JOURNAL_BODY_BYTES; '' when it was too large or too slow to read. */
  readonly body: string;
  readonly answer: Readonly<JournalAnswer>;
  /** The id of the fault applied; null when none. */
  readonly fault: string | null;
}

export interface JournalFilter {
  operation?: OperationId;
  /** The answer's status. */
  status?: number;
  /** Requests whose JSON body names this holder. */
  certIdOtp?: string;
  /** Only entries after this sequence number. */
  after?: number;
}

export interface JournalSnapshot {
  entries: readonly JournalEntry[];
  /** Entries pushed out by a bound since the last clear. */
  dropped: number;
  limit: number;
  /** Sequence number of the newest entry ever recorded (0 before the first). */
  lastSeq: number;
}

export interface JournalInput {
  /** When the request arrived (an entry is recorded when it is answered, which a delay fault may hold back). */
  at: Date;
  method: string;
  path: string;
  operation: OperationId | null;
  headers: IncomingHttpHeaders;
  /** The bytes read; null when the body was not read whole. */
  body: Buffer | null;
  answer: JournalAnswer;
  fault: string | null;
}

export interface Journal {
  record(input: JournalInput): JournalEntry;
  entries(filter?: JournalFilter): readonly JournalEntry[];
  snapshot(filter?: JournalFilter): JournalSnapshot;
  count(filter?: JournalFilter): number;
  /** Empties the journal and its dropped count; sequence numbers go on. */
  clear(): number;
  /** Like the outbox's: the first matching entry after `after` (default the newest now), or null after `timeoutMs`. */
  next(options: { after?: number; filter?: JournalFilter; timeoutMs: number; signal?: AbortSignal }): Promise<JournalEntry | null>;
  readonly waiting: number;
  /** Ends every wait: the sandbox is closing. */
  close(): void;
}

/** `Basic dXNlcjpwYXNz` → `Basic ***`; a value without a scheme is masked whole. */
export function maskAuthorization(value: string): string {
  const scheme = /^\s*([A-Za-z][A-Za-z0-9!#$%&'*+.^_`|~-]*)\s+\S/.exec(value);
  return scheme ? `${scheme[1]} ${MASKED}` : MASKED;
}

function headerRecord(headers: IncomingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    const text = Array.isArray(value) ? value.join(', ') : value;
    out[name] = name === 'authorization' || name === 'proxy-authorization' ? maskAuthorization(text) : text;
  }
  return out;
}

/** The certIdOtp a JSON body names, read only when a filter asks for it (and then once per entry). */
const namedHolders = new WeakMap<JournalEntry, string | null>();
function certIdOtpOf(entry: JournalEntry): string | null {
  let named = namedHolders.get(entry);
  if (named === undefined) {
    named = null;
    try {
      const parsed: unknown = JSON.parse(entry.body);
      const value = typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>)['certIdOtp'] : undefined;
      if (typeof value === 'string') named = value;
    } catch {
      // Not JSON: it names no holder.
    }
    namedHolders.set(entry, named);
  }
  return named;
}

function matches(entry: JournalEntry, filter: JournalFilter | undefined): boolean {
  if (!filter) return true;
  return (
    (filter.after === undefined || entry.seq > filter.after) &&
    (filter.operation === undefined || entry.operation === filter.operation) &&
    (filter.status === undefined || entry.answer.status === filter.status) &&
    (filter.certIdOtp === undefined || certIdOtpOf(entry) === filter.certIdOtp)
  );
}

export function createJournal(limit: number, maxBytes: number = MAX_JOURNAL_BYTES): Journal {
  let kept: JournalEntry[] = [];
  let bytes = 0;
  let dropped = 0;
  let lastSeq = 0;
  const poll = createLongPoll<JournalEntry, JournalFilter>(matches);
  const size = (entry: JournalEntry): number => entry.body.length;

  const journal: Journal = {
    record(input) {
      const body = input.body === null ? '' : input.body.subarray(0, MAX_JOURNAL_BODY_BYTES).toString('utf8');
      const entry: JournalEntry = Object.freeze({
        seq: ++lastSeq,
        at: input.at,
        method: input.method,
        path: input.path,
        operation: input.operation,
        headers: Object.freeze(headerRecord(input.headers)),
        body,
        answer: Object.freeze({ ...input.answer }),
        fault: input.fault,
      });
      kept.push(entry);
      bytes += size(entry);
      while (kept.length > limit || (bytes > maxBytes && kept.length > 1)) {
        const gone = kept.shift();
        if (gone) bytes -= size(gone);
        dropped++;
      }
      poll.offer(entry);
      return entry;
    },
    entries: (filter) => kept.filter((e) => matches(e, filter)),
    snapshot: (filter) => ({ entries: journal.entries(filter), dropped, limit, lastSeq }),
    count: (filter) => (filter ? kept.reduce((n, e) => (matches(e, filter) ? n + 1 : n), 0) : kept.length),
    clear() {
      const cleared = kept.length;
      kept = [];
      bytes = 0;
      dropped = 0;
      return cleared;
    },
    next: (options) => poll.next(kept, lastSeq, options),
    get waiting() {
      return poll.waiting;
    },
    close: () => poll.close(),
  };
  return journal;
}
