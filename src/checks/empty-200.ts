import { failed, NOT_APPLICABLE, PASS, type Check } from './check.ts';

/** A 200 has a zero-byte body: not a space, not `{}`, not `null`. */
export const empty200: Check = {
  name: 'empty-200',
  run(_ctx, outcome) {
    if (outcome.kind === 'sent') return PASS;
    if (outcome.kind !== 'protocol-violation' || outcome.status !== 200) return NOT_APPLICABLE;
    const size = outcome.violation === 'body-too-large' ? `more than ${outcome.bodyBytes} bytes` : `${outcome.bodyBytes} bytes`;
    return failed('empty-200', 'body on 200', `HTTP 200 with a body of ${size} (${outcome.detail})`,
      'HTTP 200 with an empty body (zero bytes)');
  },
};
