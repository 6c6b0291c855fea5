// Runs a prepared session to its end in this process: one step after another (the rate limiter spaces them),
// stopping before the next step once the signal is aborted. No per-test timeout exists here to cut a slow run
// short: each request has its own deadline, and the report always holds every step.
import type { ConformanceReport, ScenarioResult } from '../results/model.ts';
import type { PreparedRun } from './prepare.ts';
import type { Step } from './session.ts';

export interface RunHooks {
  signal?: AbortSignal;
  /**
   * Called after each step that was selected (not filtered out), in order. `pending`: the step got no answer
   * while the target may be down, so its verdict is given at the end (session.isPending).
   */
  onResult?: (result: ScenarioResult, done: number, total: number, pending: boolean) => void;
}

export async function runSession(run: PreparedRun, hooks: RunHooks = {}): Promise<ConformanceReport> {
  const { session } = run;
  const selected = new Set<Step>(session.selected);
  let done = 0;
  for (const step of session.steps) {
    if (hooks.signal?.aborted) {
      session.interrupt();
      break;
    }
    const result = await session.run(step);
    if (!selected.has(step)) continue;
    done += 1;
    hooks.onResult?.(result, done, selected.size, session.isPending(step));
  }
  if (hooks.signal?.aborted) session.interrupt();
  return session.finish();
}
