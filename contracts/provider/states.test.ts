// The provider states' values. The wrong-credentials interaction must never use the configured user: wrong
// passwords for a real account can lock it (interface.md, "Additions"); it sends a user that cannot exist.
import { describe, expect, it } from 'vitest';
import { parseBasic } from '../../src/provider/auth.ts';
import { NO_HOLDER_STATE } from '../shared/names.ts';
import { stateHandlers, wrongAuthorization } from './states.ts';

describe('the wrong-credentials value of the `no holder` state', () => {
  it('is a user that cannot exist with a random password, new on every call', () => {
    const [first, second] = [parseBasic(wrongAuthorization()), parseBasic(wrongAuthorization())];
    expect(first?.username).toMatch(/^lean-conformance-no-such-user-[0-9a-f-]{36}$/);
    expect(first?.password).toMatch(/^wrong-password-[0-9a-f-]{36}$/);
    expect(second?.username).not.toBe(first?.username);
    expect(second?.password).not.toBe(first?.password);
  });

  it('is what the state handler hands to the Verifier', async () => {
    const handler = stateHandlers({ fixtures: null, fixtureStates: [] })[NO_HOLDER_STATE];
    const values = await handler?.();
    expect(parseBasic(values?.['wrongAuthorization'])?.username).toMatch(/^lean-conformance-no-such-user-/);
  });
});
