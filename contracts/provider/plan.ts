// Which interactions of a pact a run can verify against its target. No Verifier option leaves interactions out
// by state (toolchain.md), so the run verifies a filtered copy and reports what it left out, by reason:
//  - not verifiable: a state needs a fixture holder the fixture file does not provide;
//  - skipped (budget): verifying it would deliver a real OTP (a success state) beyond LEAN_MAX_SENDS.
// Neither is ever counted as passed. A state nobody knows is left out too, but as a failure: a contract that
// asks for a state no environment can set up is a contract problem, not a skip (and pact-js would verify it
// anyway, with the pact's example values, after only logging the state handler's error).
import { fixtureState } from '../../src/catalog/index.ts';
import type { FixtureFile } from '../../src/fixtures/types.ts';
import type { SendBudget } from '../../src/runner/send-budget.ts';
import { NO_HOLDER_STATE } from '../shared/names.ts';
import { stateNames, type PactDocument, type PactInteraction } from '../shared/pact-file.ts';

export interface InteractionRef {
  consumer: string;
  description: string;
  states: string[];
}

export interface LeftOut extends InteractionRef {
  reason: string;
}

export interface PactPlan {
  /** The pact with only the interactions to verify. */
  filtered: PactDocument;
  verify: InteractionRef[];
  notVerifiable: LeftOut[];
  skippedBudget: LeftOut[];
  /** Interactions naming a provider state that is neither a fixture state nor `no holder`: failures. */
  unknownState: LeftOut[];
}

/** A fixture state the fixture file has no holder for. */
function missingFixture(state: string, fixtures: FixtureFile | null): boolean {
  if (state === NO_HOLDER_STATE) return false;
  return fixtures?.holders[state] === undefined;
}

/** Verifying the interaction makes the provider deliver an OTP: its holder is in a success state. */
export function isSend(interaction: PactInteraction): boolean {
  return stateNames(interaction).some((s) => fixtureState(s)?.outcome === 'sent');
}

/** Plans one pact; `budget` is shared by every pact of the run, so the limit holds across them. */
export function planPact(pact: PactDocument, fixtures: FixtureFile | null, budget: SendBudget): PactPlan {
  const verify: InteractionRef[] = [];
  const notVerifiable: LeftOut[] = [];
  const skippedBudget: LeftOut[] = [];
  const unknownState: LeftOut[] = [];
  const kept: PactInteraction[] = [];
  for (const interaction of pact.interactions) {
    const ref: InteractionRef = { consumer: pact.consumer.name, description: interaction.description, states: stateNames(interaction) };
    const unknown = ref.states.filter((s) => s !== NO_HOLDER_STATE && !fixtureState(s));
    if (unknown.length > 0) {
      unknownState.push({ ...ref, reason: `unknown provider state ${unknown.map((s) => `"${s}"`).join(', ')}` });
      continue;
    }
    const missing = ref.states.filter((s) => missingFixture(s, fixtures));
    if (missing.length > 0) {
      notVerifiable.push({ ...ref, reason: `no fixture holder for state ${missing.join(', ')} (LEAN_FIXTURES)` });
      continue;
    }
    if (isSend(interaction)) {
      if (!budget.take()) {
        skippedBudget.push({ ...ref, reason: `it would deliver a real OTP and LEAN_MAX_SENDS=${budget.limit} is used up` });
        continue;
      }
    }
    verify.push(ref);
    kept.push(interaction);
  }
  return { filtered: { ...pact, interactions: kept }, verify, notVerifiable, skippedBudget, unknownState };
}
