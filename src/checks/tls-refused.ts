import { failed, NOT_APPLICABLE, PASS, type Check } from './check.ts';
import { describeOutcome } from './describe.ts';

// Under TLS 1.3 the server rejects a missing certificate after the handshake, which the client sees as the
// connection closed (toolchain.md): both `tls` and `reset` are the documented refusal, because this request
// differs from the passing ones only by the missing certificate.
const REFUSALS = new Set(['tls', 'reset']);

/** Without the client certificate there is no HTTP answer at all. */
export const tlsRefused: Check = {
  name: 'tls-refused',
  run({ scenario }, outcome) {
    if (scenario.kind !== 'tls-refusal') return NOT_APPLICABLE;
    if (outcome.kind === 'transport-failure' && REFUSALS.has(outcome.errorClass)) return PASS;
    const title = outcome.kind === 'transport-failure' ? `not a TLS refusal: ${outcome.errorClass}` : 'answered without a client certificate';
    return failed('tls-refused', title, describeOutcome(outcome), 'the TLS handshake is refused: no HTTP answer');
  },
};
