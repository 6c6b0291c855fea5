// The provider's only state: the seeded holders (one per fixture state of the spec) and the outbox of OTPs
// "sent". One in-memory store per provider, with seed and clear helpers, so `reset()` puts everything back.
import { randomUUID } from 'node:crypto';
import { FIXTURE_STATES, type FixtureState } from '../catalog/index.ts';
import type { FixtureFile, Holder, OutboxEntry } from './types.ts';

export interface StoredHolder {
  holder: Holder;
  state: FixtureState;
}

export interface ProviderStore {
  /** Adds one fresh holder per fixture state (ids are new each time). */
  seed(): void;
  /** Forgets every holder and empties the outbox. */
  clear(): void;
  /** clear() then seed(). */
  reset(): void;
  find(certIdOtp: string): StoredHolder | undefined;
  /** The holders in the fixture file format of interface.md. */
  fixtures(): FixtureFile;
  recordSend(entry: OutboxEntry): void;
  /** A copy: callers cannot rewrite what was recorded. */
  outbox(): readonly OutboxEntry[];
}

/**
 * Ids look like real opaque identifiers and carry no hint of the holder's state, so a suite that passes
 * against this provider cannot be relying on the id's text.
 */
function newHolder(): Holder {
  return { certIdOtp: `ref-cert-${randomUUID()}`, deviceCode: `ref-device-${randomUUID()}` };
}

export function createStore(states: readonly FixtureState[] = FIXTURE_STATES): ProviderStore {
  const holders = new Map<string, StoredHolder>();
  let sent: OutboxEntry[] = [];

  const store: ProviderStore = {
    seed() {
      for (const state of states) {
        const holder = newHolder();
        holders.set(holder.certIdOtp, { holder, state });
      }
    },
    clear() {
      holders.clear();
      sent = [];
    },
    reset() {
      store.clear();
      store.seed();
    },
    find: (certIdOtp) => holders.get(certIdOtp),
    fixtures() {
      const file: FixtureFile = { holders: {} };
      for (const { holder, state } of holders.values()) file.holders[state.name] = { ...holder };
      return file;
    },
    recordSend(entry) {
      sent.push(Object.freeze({ ...entry, at: new Date(entry.at) }));
    },
    outbox: () => [...sent],
  };
  return store;
}
