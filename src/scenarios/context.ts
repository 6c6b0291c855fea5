import type { FixtureFile, Holder } from '../fixtures/types.ts';
import { FIXTURE_STATES } from '../catalog/index.ts';

/** What scenario builders may know about the target. */
export interface ScenarioContext {
  fixtures: FixtureFile | null;
  credentials?: { username: string; password: string };
  /** A client certificate is configured (the no-certificate scenario needs one to leave out). */
  clientCertificate: boolean;
  /** Seed of the malformed-input generator. */
  seed: number;
  /** How many random malformed bodies to draw, on top of one fixed body per kind. */
  malformedRuns: number;
}

/**
 * A fixture holder whose ids may be sent in a request that is wrong on purpose. Holders in an error state come
 * first: should a faulty target ignore the fault, a holder in an error state still receives no message.
 */
export function anyHolder(ctx: ScenarioContext): Holder | undefined {
  const holders = ctx.fixtures?.holders ?? {};
  const ordered = [...FIXTURE_STATES].sort((a, b) => Number(a.outcome === 'sent') - Number(b.outcome === 'sent'));
  for (const state of ordered) {
    const holder = holders[state.name];
    if (holder) return holder;
  }
  return undefined;
}
