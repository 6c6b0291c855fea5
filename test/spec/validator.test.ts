import { describe, expect, it } from 'vitest';
import { validator } from '../../src/spec/validator.ts';

const cases: [string, { schema: string; body: unknown; valid: boolean }][] = [
  ['a catalog error', { schema: 'SendOtpError', body: { code: 62, message: 'x' }, valid: true }],
  ['the code as a string', { schema: 'SendOtpError', body: { code: '62', message: 'x' }, valid: false }],
  ['a code outside the catalog', { schema: 'SendOtpDisposableError', body: { code: 7, message: 'x' }, valid: false }],
  ['no message', { schema: 'SendOtpError', body: { code: 2 }, valid: false }],
  ['a complete request', { schema: 'SendOtpRequest', body: { certIdOtp: 'a', deviceCode: 'b' }, valid: true }],
  ['a request without deviceCode', { schema: 'SendOtpRequest', body: { certIdOtp: 'a' }, valid: false }],
];

describe('ajv validation against the spec', () => {
  it.each(cases)('%s', (_name, { schema, body, valid }) => {
    expect(validator().check(schema, body) === null).toBe(valid);
  });
});
