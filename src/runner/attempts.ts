// The attempts of one step. A step that may deliver makes exactly one, whatever it gets: a second could deliver a
// second message. A step that cannot deliver retries a transient, failing outcome up to `retries` times (with the
// waits of retry-policy.ts), and asks a definitive failing answer once more to tell a confirmed failure from an
// intermittent one. A 200 is never asked again: it may have delivered, and asking again could deliver again.
import { InterruptedError } from '../client/create-client.ts';
import type { SendOutcome } from '../client/types.ts';
import type { Confirmation } from '../results/model.ts';
import { isTransient, retryWait } from './retry-policy.ts';

export interface AttemptPlan {
  /** The request carries a success holder's ids: one attempt only. */
  mayDeliver: boolean;
  /** LEAN_RETRIES: extra attempts for transient outcomes; 0 also turns confirmation off. */
  retries: number;
  send(): Promise<SendOutcome>;
  /** Whether the checks fail this outcome (a transient outcome that passes, an expected TLS refusal say, is kept). */
  fails(outcome: SendOutcome): boolean;
  /** Whether two failing outcomes fail the same way. */
  sameFailure(first: SendOutcome, second: SendOutcome): boolean;
  /** Waits `ms`; false when the run was interrupted meanwhile (the wait ends at once then). */
  wait(ms: number): Promise<boolean>;
  random(): number;
  /** Wall-clock ms, for a Retry-After given as an HTTP date. */
  now(): number;
}

export interface MadeAttempt {
  outcome: SendOutcome;
  /** The backoff or Retry-After wait before it; 0 for the first. */
  waitedMs: number;
  /** The checks failed it and it was transient. */
  transient: boolean;
}

export interface AttemptsResult {
  attempts: MadeAttempt[];
  /** Index of the attempt the step is judged on: its last definitive answer, else its last attempt. */
  judged: number;
  confirmation?: Confirmation;
  /** Why the retries stopped before `retries` were spent (a Retry-After beyond the cap). */
  stoppedBecause?: string;
  /** The run was interrupted: before the next attempt went out (`sent: false`) or while it was in flight. */
  interrupted?: { sent: boolean };
}

function judgedIndex(attempts: readonly MadeAttempt[], confirming: number | null, fails: (o: SendOutcome) => boolean): number {
  if (confirming !== null) {
    const second = attempts[confirming + 1];
    // The answer that was asked again stays the judged one unless the second is a definitive failure too.
    return second && !second.transient && fails(second.outcome) ? confirming + 1 : confirming;
  }
  for (let i = attempts.length - 1; i >= 0; i -= 1) if (!attempts[i]!.transient) return i;
  return attempts.length - 1;
}

/** Makes the attempts of one step. Rejects only with what `send` throws other than an InterruptedError. */
export async function makeAttempts(plan: AttemptPlan): Promise<AttemptsResult> {
  const attempts: MadeAttempt[] = [];
  let retriesLeft = plan.mayDeliver ? 0 : plan.retries;
  let confirming: number | null = null;
  let waitMs = 0;
  let stoppedBecause: string | undefined;
  let interrupted: { sent: boolean } | undefined;
  for (;;) {
    if (waitMs > 0 && !(await plan.wait(waitMs))) {
      interrupted = { sent: false };
      break;
    }
    let outcome: SendOutcome;
    try {
      outcome = await plan.send();
    } catch (error) {
      if (!(error instanceof InterruptedError)) throw error;
      interrupted = { sent: error.sent };
      break;
    }
    const failing = plan.fails(outcome);
    const transient = failing && isTransient(outcome);
    attempts.push({ outcome, waitedMs: waitMs, transient });
    if (confirming !== null) break; // the confirmation is asked once, whatever it gets
    if (transient) {
      if (retriesLeft === 0) break;
      const next = retryWait(outcome, plan.retries - retriesLeft + 1, plan.random, plan.now());
      if (!next.retry) {
        stoppedBecause = next.reason;
        break;
      }
      retriesLeft -= 1;
      waitMs = next.waitMs;
      continue;
    }
    const status = outcome.kind === 'transport-failure' ? null : outcome.status;
    if (!failing || plan.mayDeliver || plan.retries === 0 || status === 200) break;
    confirming = attempts.length - 1;
    waitMs = 0;
  }
  const result: AttemptsResult = { attempts, judged: judgedIndex(attempts, confirming, plan.fails) };
  const asked = confirming === null ? undefined : attempts[confirming + 1];
  if (confirming !== null && asked) {
    const first = attempts[confirming]!.outcome;
    result.confirmation = !asked.transient && plan.fails(asked.outcome) && plan.sameFailure(first, asked.outcome)
      ? 'confirmed' : 'intermittent';
  }
  if (stoppedBecause !== undefined) result.stoppedBecause = stoppedBecause;
  if (interrupted) result.interrupted = interrupted;
  return result;
}
