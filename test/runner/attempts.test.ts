// The attempts of one step, with scripted answers: a step that may deliver makes one attempt whatever it gets;
// a step that cannot retries transient failing outcomes up to LEAN_RETRIES, asks a definitive failing answer
// once more (confirmed or intermittent), never asks a 200 again, and stops at once when a wait is interrupted.
import { describe, expect, it } from 'vitest';
import { InterruptedError } from '../../src/client/create-client.ts';
import type { SendOutcome } from '../../src/client/types.ts';
import { makeAttempts, type AttemptPlan } from '../../src/runner/attempts.ts';

const t = { durationMs: 5 };
const ok66: SendOutcome = { ...t, kind: 'catalog-error', status: 500, code: 66, message: 'm', bodyBytes: 20 };
const wrong71: SendOutcome = { ...t, kind: 'catalog-error', status: 500, code: 71, message: 'm', bodyBytes: 20 };
const wrong2: SendOutcome = { ...t, kind: 'catalog-error', status: 500, code: 2, message: 'm', bodyBytes: 20 };
const sent: SendOutcome = { ...t, kind: 'sent', status: 200, bodyBytes: 0 };
const s503 = (retryAfter?: string): SendOutcome => ({
  ...t, kind: 'protocol-violation', violation: 'unexpected-status', status: 503, code: null, bodyBytes: 0, detail: 'd',
  ...(retryAfter === undefined ? {} : { retryAfter }),
});
const refused: SendOutcome = { ...t, kind: 'transport-failure', errorClass: 'refused', code: 'ECONNREFUSED', detail: 'd' };
const tlsRefused: SendOutcome = { ...t, kind: 'transport-failure', errorClass: 'reset', code: 'UND_ERR_SOCKET', detail: 'd' };

/** A plan whose answers come from `script` in order; the expected answer is 500/66 unless `passes` says otherwise. */
function plan(script: (SendOutcome | 'interrupt')[], over: Partial<AttemptPlan> = {}) {
  const waits: number[] = [];
  let sends = 0;
  const p: AttemptPlan = {
    mayDeliver: false,
    retries: 2,
    send: async () => {
      const next = script[sends++];
      if (next === undefined) throw new Error('more attempts than scripted');
      if (next === 'interrupt') throw new InterruptedError(false);
      return next;
    },
    fails: (o) => !(o.kind === 'catalog-error' && o.code === 66),
    sameFailure: (a, b) => JSON.stringify({ ...a, durationMs: 0 }) === JSON.stringify({ ...b, durationMs: 0 }),
    wait: async (ms) => {
      waits.push(ms);
      return true;
    },
    random: () => 0,
    now: () => Date.parse('2026-12-03T10:00:00Z'),
    ...over,
  };
  return { p, waits, sent: () => sends };
}

describe('makeAttempts', () => {
  it('retries a transient outcome and is judged on the answer that came', async () => {
    const { p, waits } = plan([s503(), refused, ok66]);
    const made = await makeAttempts(p);
    expect(made.attempts.map((a) => a.transient)).toEqual([true, true, false]);
    expect(made.judged).toBe(2);
    expect(waits).toEqual([250, 500]);
    expect(made.attempts.map((a) => a.waitedMs)).toEqual([0, 250, 500]);
    expect(made.confirmation).toBeUndefined();
  });

  it('makes one attempt for a step that may deliver, whatever it gets', async () => {
    for (const outcome of [s503(), refused, wrong71, sent]) {
      const { p, sent: count } = plan([outcome, ok66, ok66], { mayDeliver: true, fails: (o) => o.kind !== 'sent' });
      const made = await makeAttempts(p);
      expect(made.attempts).toHaveLength(1);
      expect(count()).toBe(1);
      expect(made.confirmation).toBeUndefined();
    }
  });

  it('stops after LEAN_RETRIES extra attempts and is judged on the last (no definitive answer came)', async () => {
    const { p } = plan([refused, refused, refused, ok66]);
    const made = await makeAttempts(p);
    expect(made.attempts).toHaveLength(3);
    expect(made.judged).toBe(2);
  });

  it('LEAN_RETRIES=0: one attempt, no retry and no confirmation', async () => {
    for (const outcome of [refused, wrong71]) {
      const { p } = plan([outcome, ok66], { retries: 0 });
      expect((await makeAttempts(p)).attempts).toHaveLength(1);
    }
  });

  it('honours a Retry-After, and ends the retries when it asks for more than the cap', async () => {
    const honoured = plan([s503('3'), ok66]);
    await makeAttempts(honoured.p);
    expect(honoured.waits).toEqual([3_000]);
    const beyond = plan([s503('120'), ok66]);
    const made = await makeAttempts(beyond.p);
    expect(made.attempts).toHaveLength(1);
    expect(beyond.waits).toEqual([]);
    expect(made.stoppedBecause).toMatch(/120 s, beyond the 60 s cap/);
  });

  it('confirms a definitive failing answer: the same failure again', async () => {
    const { p, waits } = plan([wrong71, wrong71]);
    const made = await makeAttempts(p);
    expect(made.confirmation).toBe('confirmed');
    expect(made.attempts).toHaveLength(2);
    expect(waits).toEqual([]);
  });

  it('calls it intermittent when the second answer passes (judged on the failing one) or fails differently (judged on it)', async () => {
    const passes = await makeAttempts(plan([wrong71, ok66]).p);
    expect([passes.confirmation, passes.judged]).toEqual(['intermittent', 0]);
    const differs = await makeAttempts(plan([wrong71, wrong2]).p);
    expect([differs.confirmation, differs.judged]).toEqual(['intermittent', 1]);
    const transient = await makeAttempts(plan([wrong71, s503()]).p);
    expect([transient.confirmation, transient.judged, transient.attempts.length]).toEqual(['intermittent', 0, 2]);
  });

  it('asks once more after retries too, outside the LEAN_RETRIES count', async () => {
    const made = await makeAttempts(plan([refused, refused, wrong71, wrong71]).p);
    expect(made.attempts).toHaveLength(4);
    expect(made.confirmation).toBe('confirmed');
  });

  it('never asks a 200 again: it may have delivered', async () => {
    const { p, sent: count } = plan([sent, sent]);
    const made = await makeAttempts(p);
    expect(count()).toBe(1);
    expect(made.confirmation).toBeUndefined();
  });

  it('keeps a transient outcome that passes (the refused handshake noClientCertificate expects)', async () => {
    const made = await makeAttempts(plan([tlsRefused, tlsRefused], { fails: () => false }).p);
    expect(made.attempts).toHaveLength(1);
  });

  it('ends at once when a wait is interrupted, and when the next attempt could not go out', async () => {
    const waited = await makeAttempts(plan([refused, ok66], { wait: async () => false }).p);
    expect(waited.attempts).toHaveLength(1);
    expect(waited.interrupted).toEqual({ sent: false });
    const unsent = await makeAttempts(plan([refused, 'interrupt']).p);
    expect(unsent.attempts).toHaveLength(1);
    expect(unsent.interrupted).toEqual({ sent: false });
  });
});
