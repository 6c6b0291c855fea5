import { failed, NOT_APPLICABLE, PASS, type Check } from './check.ts';

const BODY_VIOLATIONS = new Set(['non-json-error-body', 'schema-invalid-error-body', 'body-too-large']);

/** A 500 carries a JSON body valid against the operation's error schema `{code: integer, message: string}`. */
export const errorBody: Check = {
  name: 'error-body',
  run({ operation }, outcome) {
    if (outcome.kind === 'catalog-error') return PASS;
    if (outcome.kind !== 'protocol-violation' || outcome.status !== 500) return NOT_APPLICABLE;
    if (!BODY_VIOLATIONS.has(outcome.violation)) return PASS;
    const title = outcome.violation === 'non-json-error-body' ? 'error body is not JSON' : 'error body invalid';
    return failed('error-body', title, `HTTP 500 with ${outcome.bodyBytes} bytes (${outcome.violation}: ${outcome.detail})`,
      `a JSON body valid against the ${operation} error schema {code: integer, message: string}`);
  },
};
