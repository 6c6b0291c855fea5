// Shared wording of answers and expectations, so every failure message reads the same way.
import type { SendOutcome } from '../client/types.ts';
import type { Expected } from '../results/model.ts';

export function describeOutcome(outcome: SendOutcome): string {
  switch (outcome.kind) {
    case 'sent':
      return 'HTTP 200 with an empty body';
    case 'catalog-error':
      return `HTTP 500 with code ${outcome.code}`;
    case 'protocol-violation': {
      const code = outcome.code === null ? '' : ` with code ${outcome.code}`;
      return `HTTP ${outcome.status}${code} (${outcome.violation}: ${outcome.detail})`;
    }
    case 'transport-failure':
      return `no HTTP answer (${outcome.errorClass}: ${outcome.detail})`;
  }
}

export function describeExpected(expected: Expected, malformed = false): string {
  if (expected.status === null) return 'the TLS handshake is refused: no HTTP answer';
  if (expected.status === 200) return 'HTTP 200 with an empty body (zero bytes)';
  if (malformed) return `HTTP ${expected.status} with a catalog code other than 6`;
  return `HTTP ${expected.status} with code ${expected.code}`;
}

/** The status of an HTTP answer, or null when there was none. */
export function statusOf(outcome: SendOutcome): number | null {
  return outcome.kind === 'transport-failure' ? null : outcome.status;
}

/** The integer code of an HTTP answer's body, or null. */
export function codeOf(outcome: SendOutcome): number | null {
  if (outcome.kind === 'catalog-error') return outcome.code;
  if (outcome.kind === 'protocol-violation') return outcome.code;
  return null;
}
