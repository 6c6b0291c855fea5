import { SERVER_CERTIFICATE_REJECTED } from '../client/classify-transport-error.ts';
import { failed, NOT_APPLICABLE, PASS, type Check } from './check.ts';
import { describeOutcome } from './describe.ts';

// Under TLS 1.3 the server rejects a missing certificate after the handshake, which the client sees as the
// connection closed (toolchain.md): both `tls` and `reset` can be the documented refusal. They prove it only
// when the refusal can be laid on the missing certificate: not when this client refused the server's
// certificate (untrusted, expired, wrong host), and not when no request with the certificate got an HTTP
// answer either (then every handshake fails, certificate or not).
const REFUSALS = new Set(['tls', 'reset']);

const DOCUMENTED = 'the TLS handshake is refused for want of a client certificate: no HTTP answer';

/** Without the client certificate there is no HTTP answer at all. */
export const tlsRefused: Check = {
  name: 'tls-refused',
  run({ scenario, run }, outcome) {
    if (scenario.kind !== 'tls-refusal') return NOT_APPLICABLE;
    if (outcome.kind !== 'transport-failure') {
      return failed('tls-refused', 'answered without a client certificate', describeOutcome(outcome), DOCUMENTED);
    }
    if (!REFUSALS.has(outcome.errorClass)) {
      return failed('tls-refused', `not a TLS refusal: ${outcome.errorClass}`, describeOutcome(outcome), DOCUMENTED);
    }
    if (outcome.code !== null && SERVER_CERTIFICATE_REJECTED.has(outcome.code)) {
      return failed('tls-refused', "the server's certificate was not trusted", `${describeOutcome(outcome)}; this client refused the server, so nothing shows the server refused it (set LEAN_CA_CERT?)`, DOCUMENTED);
    }
    if ((run?.httpAnswers ?? 0) === 0) {
      return failed('tls-refused', 'no handshake succeeded with the certificate either', `${describeOutcome(outcome)}; no request of this run got an HTTP answer, so the refusal cannot be laid on the missing certificate`, DOCUMENTED);
    }
    return PASS;
  },
};
