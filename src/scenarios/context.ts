import type { FixtureFile, Holder } from '../fixtures/types.ts';
import { FIXTURE_STATES } from '../catalog/index.ts';

/** What scenario builders may know about the target. */
export interface ScenarioContext {
  fixtures: FixtureFile | null;
  /** A client certificate is configured (the no-certificate scenario needs one to leave out). */
  clientCertificate: boolean;
  /** Seed of the malformed-input generator. */
  seed: number;
  /** How many random malformed bodies to draw, on top of one fixed body per kind. */
  malformedRuns: number;
}

/** A fixture holder with the state it is in. */
export interface StatedHolder {
  state: string;
  holder: Holder;
}

/**
 * A holder whose ids may be sent in a request that is wrong on purpose: only one in an error state, so that a
 * faulty target that ignores the fault still delivers no message. Undefined when the fixture file has none.
 */
export function errorStateHolder(ctx: Pick<ScenarioContext, 'fixtures'>): StatedHolder | undefined {
  const holders = ctx.fixtures?.holders ?? {};
  for (const state of FIXTURE_STATES) {
    if (state.outcome !== 'error') continue;
    const holder = holders[state.name];
    if (holder) return { state: state.name, holder };
  }
  return undefined;
}

/** The placeholder a reproducer shows instead of a fixture id: it names the state and the field. */
export function idPlaceholder(state: string, field: keyof Holder): string {
  return `\${fixture.${state}.${field}}`;
}
