// The sandbox's admin operations as one typed interface, and its in-process implementation over the store and
// the fault book. The HTTP admin API (admin-api.ts) calls this same implementation, and the HTTP admin client
// (admin-client.ts) implements the same interface, so a consumer's test reads alike whichever it holds.
import {
  parseCertIdOtp,
  parseHolderChange,
  parseHolderInput,
  parseJournalFilter,
  parseJournalWait,
  parseOutboxFilter,
  parseWait,
} from './admin-input.ts';
import { parseFault, type ActiveFault, type FaultBook, type FaultSpec } from './faults.ts';
import { createJournal, type Journal, type JournalEntry, type JournalFilter, type JournalSnapshot } from './journal.ts';
import type { OutboxFilter, OutboxRecord, OutboxSnapshot } from './outbox.ts';
import { notFound, SandboxRequestError } from './sandbox-error.ts';
import type { HolderRecord, ProviderStore } from './store.ts';
import type { FixtureFile } from '../provider/types.ts';

/** Waits for the next outbox entry in progress at once; one more is refused (429) rather than queued. */
export const MAX_WAITERS = 256;

export interface HolderInput {
  /** A fixture state of the spec. */
  state: string;
  /** Generated when absent. */
  certIdOtp?: string;
  deviceCode?: string;
  /** E.164, where SMS and WHATSAPP messages go; made up when absent. */
  mobile?: string;
  /** Where EMAIL messages go; made up when absent. */
  email?: string;
}

export interface HolderChange {
  state?: string;
  deviceCode?: string;
}

export interface WaitOptions extends OutboxFilter {
  /** Sequence number after which to look; default the newest entry at the time of the call. */
  after?: number;
  /** Default 5000, at most 60000. */
  timeoutMs?: number;
}

export interface JournalWaitOptions extends Omit<JournalFilter, 'after'> {
  /** Sequence number after which to look; default the newest entry at the time of the call. */
  after?: number;
  /** Default 5000, at most 60000. */
  timeoutMs?: number;
}

/** What POST /__admin/reset cleared, and the holders it restored. */
export interface ResetResult {
  holders: number;
  cleared: { outbox: number; requests: number; faults: number };
}

export interface SandboxAdmin {
  /** The request journal: entries kept (the newest), with how many a bound pushed out. */
  requests(filter?: JournalFilter): Promise<JournalSnapshot>;
  /** How many entries kept match, for assertions such as "retried exactly twice". */
  countRequests(filter?: JournalFilter): Promise<{ count: number }>;
  /** The next matching journal entry after `after`, or null when none came within the timeout (or `signal` fired). */
  nextRequest(options?: JournalWaitOptions, signal?: AbortSignal): Promise<JournalEntry | null>;
  clearRequests(): Promise<{ cleared: number }>;
  /** Holders, faults, outbox and journal back to their state at start. */
  reset(): Promise<ResetResult>;
  /** Entries kept (the newest), with how many the bound pushed out. */
  outbox(filter?: OutboxFilter): Promise<OutboxSnapshot>;
  clearOutbox(): Promise<{ cleared: number }>;
  /** The next matching entry after `after`, or null when none came within the timeout (or `signal` fired). */
  nextOutboxEntry(options?: WaitOptions, signal?: AbortSignal): Promise<OutboxRecord | null>;
  holders(): Promise<HolderRecord[]>;
  /** The holders as a fixture file (LEAN_FIXTURES), one per state. */
  fixtures(): Promise<FixtureFile>;
  addHolder(input: HolderInput): Promise<HolderRecord>;
  changeHolder(certIdOtp: string, change: HolderChange): Promise<HolderRecord>;
  removeHolder(certIdOtp: string): Promise<HolderRecord>;
  injectFault(fault: FaultSpec): Promise<ActiveFault>;
  faults(): Promise<ActiveFault[]>;
  removeFault(id: string): Promise<void>;
  clearFaults(): Promise<{ cleared: number }>;
}

/**
 * The in-process admin handle. Every input is validated exactly as the HTTP API validates it (the same
 * parsers), and a refused call throws SandboxRequestError and changes nothing.
 */
export interface AdminExtras {
  /** The request journal (default: an empty one nobody writes to). */
  journal?: Journal;
  /** The holders a reset restores (default: the store's at the time of this call). */
  startHolders?: readonly HolderRecord[];
}

export function createSandboxAdmin(store: ProviderStore, faults: FaultBook, extras: AdminExtras = {}): SandboxAdmin {
  const journal = extras.journal ?? createJournal(1);
  const startHolders = extras.startHolders ?? store.holders();
  // Async on purpose: a caller written against this handle works unchanged against the HTTP client.
  // A throw inside the executor becomes the rejection, so a refused input never escapes synchronously.
  const sync = <T>(run: () => T | PromiseLike<T>): Promise<T> => new Promise<T>((resolve) => resolve(run()));
  const waits = (): number => store.sent.waiting + journal.waiting;
  return {
    requests: (filter) => sync(() => journal.snapshot(parseJournalFilter(filter ?? {}))),
    countRequests: (filter) => sync(() => ({ count: journal.count(parseJournalFilter(filter ?? {})) })),
    nextRequest: (wait, signal) =>
      sync(() => {
        const { filter, after, timeoutMs } = parseJournalWait(wait ?? {});
        if (waits() >= MAX_WAITERS) throw new SandboxRequestError(429, `${MAX_WAITERS} waits are in progress already`);
        return journal.next({ filter, timeoutMs, ...(after === undefined ? {} : { after }), ...(signal ? { signal } : {}) });
      }),
    clearRequests: () => sync(() => ({ cleared: journal.clear() })),
    reset: () =>
      sync(() => {
        const cleared = { outbox: store.sent.snapshot().entries.length, requests: journal.clear(), faults: faults.clear() };
        store.restore(startHolders);
        return { holders: startHolders.length, cleared };
      }),
    outbox: (filter) => sync(() => store.sent.snapshot(parseOutboxFilter(filter ?? {}))),
    clearOutbox: () => sync(() => ({ cleared: store.sent.clear() })),
    nextOutboxEntry: (wait, signal) =>
      sync(() => {
        const { filter, after, timeoutMs } = parseWait(wait ?? {});
        if (waits() >= MAX_WAITERS) throw new SandboxRequestError(429, `${MAX_WAITERS} waits are in progress already`);
        return store.sent.next({ filter, timeoutMs, ...(after === undefined ? {} : { after }), ...(signal ? { signal } : {}) });
      }),
    holders: () => sync(() => store.holders()),
    fixtures: () => sync(() => store.fixtures()),
    addHolder: (input) =>
      sync(() => {
        const { state, holder, contact } = parseHolderInput(input);
        return store.addHolder(state, holder, contact);
      }),
    changeHolder: (certIdOtp, change) => sync(() => store.changeHolder(parseCertIdOtp(certIdOtp), parseHolderChange(change))),
    removeHolder: (certIdOtp) => sync(() => store.removeHolder(parseCertIdOtp(certIdOtp))),
    injectFault: (fault) => sync(() => faults.inject(parseFault(fault))),
    faults: () => sync(() => faults.list()),
    removeFault: (id) =>
      sync(() => {
        if (typeof id !== 'string' || !faults.remove(id)) throw notFound('No fault in force has this id');
      }),
    clearFaults: () => sync(() => ({ cleared: faults.clear() })),
  };
}
