// The outbox is bounded: the newest `limit` entries are kept and the ones pushed out are counted, so a sandbox
// that runs for days does not grow without end. Waits see only what comes after their `after`.
import { describe, expect, it } from 'vitest';
import { createOutbox, DEFAULT_OUTBOX_LIMIT, MAX_OUTBOX_LIMIT } from '../../src/sandbox/outbox.ts';
import { startSandbox } from '../../src/sandbox/index.ts';
import { holder, request, SEND_OTP } from '../provider/helpers.ts';

const entry = (certIdOtp: string) => ({
  operation: 'sendOtp' as const, channel: 'SMS' as const, certIdOtp, state: 'smsActive', at: new Date(),
  destination: '+393000000000', text: 'Your one-time password is 000000.', otp: '000000',
});

describe('the outbox bound', () => {
  it('keeps the newest entries and counts the dropped ones; clear resets both', () => {
    const outbox = createOutbox(3);
    for (const id of ['a', 'b', 'c', 'd', 'e']) outbox.record(entry(id));
    const snapshot = outbox.snapshot();
    expect(snapshot.entries.map((e) => [e.certIdOtp, e.seq])).toEqual([['c', 3], ['d', 4], ['e', 5]]);
    expect([snapshot.dropped, snapshot.limit, snapshot.lastSeq]).toEqual([2, 3, 5]);
    expect(outbox.clear()).toBe(3);
    expect(outbox.snapshot()).toMatchObject({ entries: [], dropped: 0, lastSeq: 5 });
    expect(outbox.record(entry('f')).seq).toBe(6);
  });

  it('is 1000 by default, through the provider too', async () => {
    expect(DEFAULT_OUTBOX_LIMIT).toBe(1000);
    const sandbox = await startSandbox({ outboxLimit: 2 });
    try {
      for (let i = 0; i < 3; i++) {
        await request(`${sandbox.url}${SEND_OTP.path}`, { body: holder(sandbox, 'smsActive'), credentialsDefault: sandbox.credentials });
      }
      expect(await sandbox.admin.outbox()).toMatchObject({ dropped: 1, limit: 2 });
      expect(sandbox.outbox().map((e) => e.seq)).toEqual([2, 3]);
    } finally {
      await sandbox.close();
    }
  });

  it.each([0, -1, 1.5, MAX_OUTBOX_LIMIT + 1])('refuses a limit of %s', (limit) => {
    expect(() => createOutbox(limit)).toThrow(/outboxLimit must be an integer from 1 to 1000000/);
  });
});

describe('waits', () => {
  it('resolve with the first matching entry after `after`, in order, and null when stopped', async () => {
    const outbox = createOutbox(10);
    outbox.record(entry('old'));
    const forX = outbox.next({ filter: { certIdOtp: 'x' }, timeoutMs: 1_000 });
    const anyNew = outbox.next({ timeoutMs: 1_000 });
    const stopped = new AbortController();
    const cancelled = outbox.next({ timeoutMs: 1_000, signal: stopped.signal });
    expect(outbox.waiting).toBe(3);
    stopped.abort();
    outbox.record(entry('y'));
    outbox.record(entry('x'));
    expect((await anyNew)?.certIdOtp).toBe('y');
    expect((await forX)?.certIdOtp).toBe('x');
    expect(await cancelled).toBeNull();
    const closing = outbox.next({ timeoutMs: 1_000 });
    outbox.close();
    expect(await closing).toBeNull();
    expect(outbox.waiting).toBe(0);
  });
});
