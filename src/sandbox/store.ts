// The provider's only state: the holders (by default one per fixture state of the spec) and the outbox of OTPs
// "sent". One in-memory store per provider, with seed and clear helpers, so `reset()` puts everything back; the
// sandbox's admin operations add, change and remove holders through it at run time.
import { randomInt, randomUUID } from 'node:crypto';
import { FIXTURE_STATES, type FixtureState } from '../catalog/index.ts';
import { createOutbox, DEFAULT_OUTBOX_LIMIT, type Outbox, type OutboxRecord } from './outbox.ts';
import { conflict, notFound, SandboxRequestError } from './sandbox-error.ts';
import type { FixtureFile, Holder, OutboxEntry, StoredHolder } from '../provider/types.ts';

export type { StoredHolder } from '../provider/types.ts';

/** A holder with the name of its state and where its messages go: what the admin API lists and the state directory keeps. */
export interface HolderRecord {
  certIdOtp: string;
  deviceCode: string;
  state: string;
  /** E.164, where SMS and WHATSAPP messages go. */
  mobile: string;
  /** Where EMAIL messages go. */
  email: string;
}

/** A holder's addresses; the sandbox's own are made up (see newContact). */
export interface Contact {
  mobile: string;
  email: string;
}

/** A kept holder: what decide() finds, plus where its messages go. */
interface KeptHolder extends StoredHolder {
  contact: Contact;
}

/** Holders one store may hold: admin traffic cannot grow it without end. */
export const MAX_HOLDERS = 10_000;

export interface StoreOptions {
  /** The holders `seed()` adds; default one fresh holder per fixture state (ids new each time). Absent addresses are made up. */
  initial?: ReadonlyArray<Omit<HolderRecord, 'mobile' | 'email'> & Partial<Contact>>;
  /** Outbox entries kept (the newest); default DEFAULT_OUTBOX_LIMIT. */
  outboxLimit?: number;
}

export interface ProviderStore {
  /** Adds the initial holders: by default one fresh holder per fixture state (ids are new each time). */
  seed(): void;
  /** Forgets every holder and empties the outbox. */
  clear(): void;
  /** clear() then seed(). */
  reset(): void;
  /** Forgets every holder and empties the outbox, then keeps exactly these holders (the admin API's reset). */
  restore(holders: readonly HolderRecord[]): void;
  find(certIdOtp: string): StoredHolder | undefined;
  /** The holders in the fixture file format of interface.md (one per state: the latest added wins). */
  fixtures(): FixtureFile;
  /** Every holder, in the order they were added. */
  holders(): HolderRecord[];
  /** @throws SandboxRequestError 409 when the certIdOtp is taken or the store is full. */
  addHolder(state: FixtureState, holder?: Partial<Holder>, contact?: Partial<Contact>): HolderRecord;
  /** @throws SandboxRequestError 404 for an unknown holder. */
  changeHolder(certIdOtp: string, change: { state?: FixtureState; deviceCode?: string }): HolderRecord;
  /** @throws SandboxRequestError 404 for an unknown holder. */
  removeHolder(certIdOtp: string): HolderRecord;
  /** Records a send to a known holder: the message, its destination by channel and a fresh OTP are added here. */
  recordSend(entry: Omit<OutboxEntry, 'destination' | 'text' | 'otp'>): OutboxRecord;
  /** A copy: callers cannot rewrite what was recorded. */
  outbox(): readonly OutboxRecord[];
  /** The bounded outbox itself: reads with filters, clear, waits. */
  readonly sent: Outbox;
}

/**
 * Ids look like real opaque identifiers and carry no hint of the holder's state, so a suite that passes
 * against this provider cannot be relying on the id's text.
 */
function newHolder(): Holder {
  return { certIdOtp: `ref-cert-${randomUUID()}`, deviceCode: `ref-device-${randomUUID()}` };
}

/** Made-up addresses: an Italian mobile number's shape (+39 300 and seven digits), and `.example` is reserved (RFC 2606). */
export function newContact(): Contact {
  const digits = String(randomInt(0, 10_000_000)).padStart(7, '0');
  return { mobile: `+39300${digits}`, email: `holder-${digits}@sandbox.example` };
}

/** Six digits, as an OTP service sends them. */
function newOtp(): string {
  return String(randomInt(0, 1_000_000)).padStart(6, '0');
}

function record(stored: KeptHolder): HolderRecord {
  return {
    certIdOtp: stored.holder.certIdOtp,
    deviceCode: stored.holder.deviceCode,
    state: stored.state.name,
    mobile: stored.contact.mobile,
    email: stored.contact.email,
  };
}

export function createStore(states: readonly FixtureState[] = FIXTURE_STATES, options: StoreOptions = {}): ProviderStore {
  const holders = new Map<string, KeptHolder>();
  const sent = createOutbox(options.outboxLimit ?? DEFAULT_OUTBOX_LIMIT);
  const stateNamed = (name: string): FixtureState => {
    const state = states.find((s) => s.name === name);
    if (!state) throw new Error(`The initial holder state ${name} is not a fixture state of the spec.`);
    return state;
  };
  // Resolved now, so a bad initial list fails at construction rather than at the first reset.
  const initial = options.initial?.map((h) => ({
    holder: { certIdOtp: h.certIdOtp, deviceCode: h.deviceCode },
    state: stateNamed(h.state),
    contact: { ...newContact(), ...(h.mobile === undefined ? {} : { mobile: h.mobile }), ...(h.email === undefined ? {} : { email: h.email }) },
  }));

  const store: ProviderStore = {
    seed() {
      if (initial) {
        for (const { holder, state, contact } of initial) holders.set(holder.certIdOtp, { holder: { ...holder }, state, contact: { ...contact } });
        return;
      }
      for (const state of states) {
        const holder = newHolder();
        holders.set(holder.certIdOtp, { holder, state, contact: newContact() });
      }
    },
    clear() {
      holders.clear();
      sent.clear();
    },
    reset() {
      store.clear();
      store.seed();
    },
    restore(records) {
      store.clear();
      for (const h of records) {
        holders.set(h.certIdOtp, {
          holder: { certIdOtp: h.certIdOtp, deviceCode: h.deviceCode },
          state: stateNamed(h.state),
          contact: { mobile: h.mobile, email: h.email },
        });
      }
    },
    find: (certIdOtp) => holders.get(certIdOtp),
    fixtures() {
      const file: FixtureFile = { holders: {} };
      for (const { holder, state } of holders.values()) file.holders[state.name] = { ...holder };
      return file;
    },
    holders: () => [...holders.values()].map(record),
    addHolder(state, given = {}, contact = {}) {
      if (holders.size >= MAX_HOLDERS) {
        throw new SandboxRequestError(409, `The sandbox holds ${MAX_HOLDERS} holders already; remove some first`);
      }
      const fresh = newHolder();
      const holder: Holder = { certIdOtp: given.certIdOtp ?? fresh.certIdOtp, deviceCode: given.deviceCode ?? fresh.deviceCode };
      if (holders.has(holder.certIdOtp)) throw conflict('A holder with this certIdOtp exists already');
      const stored: KeptHolder = { holder, state, contact: { ...newContact(), ...contact } };
      holders.set(holder.certIdOtp, stored);
      return record(stored);
    },
    changeHolder(certIdOtp, change) {
      const stored = holders.get(certIdOtp);
      if (!stored) throw notFound('No holder has this certIdOtp');
      // A fresh object: a request already deciding on the old one keeps seeing it whole.
      const next: KeptHolder = {
        holder: { certIdOtp, deviceCode: change.deviceCode ?? stored.holder.deviceCode },
        state: change.state ?? stored.state,
        contact: stored.contact,
      };
      holders.set(certIdOtp, next);
      return record(next);
    },
    removeHolder(certIdOtp) {
      const stored = holders.get(certIdOtp);
      if (!stored) throw notFound('No holder has this certIdOtp');
      holders.delete(certIdOtp);
      return record(stored);
    },
    recordSend(entry) {
      const contact = holders.get(entry.certIdOtp)?.contact ?? { mobile: '', email: '' };
      const otp = newOtp();
      return sent.record({
        ...entry,
        destination: entry.channel === 'EMAIL' ? contact.email : contact.mobile,
        text: `Your one-time password is ${otp}. It is valid for 5 minutes; do not share it.`,
        otp,
      });
    },
    outbox: () => sent.entries(),
    sent,
  };
  return store;
}
