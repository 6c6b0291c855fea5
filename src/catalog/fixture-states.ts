// The fixture states: the holder states a target must provide for the fixture scenarios. They are read from
// the spec: the success states from the 200 response's `x-fixture-states`, the error states from the
// catalogs' `provokedBy.fixtureState`. Names match interface.md and are the Pact provider state names.
import { spec, type SpecDocument } from '../spec/document.ts';
import type { ErrorCode } from './error-codes.ts';
import { PROVOCATIONS } from './provocations.ts';

export type Channel = 'SMS' | 'EMAIL' | 'WHATSAPP';

export type FixtureState =
  | { readonly name: string; readonly outcome: 'sent'; readonly channel: Channel }
  | { readonly name: string; readonly outcome: 'error'; readonly code: ErrorCode };

export function readSuccessStates(doc: SpecDocument): FixtureState[] {
  const pointer = '#/components/responses/OtpSent/x-fixture-states';
  const raw = doc.components.responses['OtpSent']?.['x-fixture-states'];
  if (!Array.isArray(raw) || raw.length === 0) throw new Error(`${pointer}: must list the success states.`);
  return raw.map((item: unknown, i) => {
    const { state, channel } = (item ?? {}) as { state?: unknown; channel?: unknown };
    if (typeof state !== 'string' || !['SMS', 'EMAIL', 'WHATSAPP'].includes(channel as string)) {
      throw new Error(`${pointer}/${i}: must be {state: <name>, channel: SMS | EMAIL | WHATSAPP}.`);
    }
    return { name: state, outcome: 'sent', channel: channel as Channel };
  });
}

function readErrorStates(): FixtureState[] {
  return [...PROVOCATIONS.fixtureStates].map(([name, code]) => ({ name, outcome: 'error', code }));
}

/** Every fixture state, success states first. */
export const FIXTURE_STATES: readonly FixtureState[] = [...readSuccessStates(spec()), ...readErrorStates()];
export const FIXTURE_STATE_NAMES: readonly string[] = FIXTURE_STATES.map((s) => s.name);

export function fixtureState(name: string): FixtureState | undefined {
  return FIXTURE_STATES.find((s) => s.name === name);
}
