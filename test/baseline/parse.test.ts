import { describe, expect, it } from 'vitest';
import { parseBaseline, type BaselineEntry } from '../../src/baseline/index.ts';
import { configErrorOf, expectOneSentence } from '../config/helpers.ts';

const SRC = '/cfg/baseline.json';
const ENTRY: BaselineEntry = {
  operation: 'sendOtpDisposable',
  scenario: 'fixture:otpBlocked',
  observed: { status: 500, code: 6 },
  reason: 'VENDOR-123: the deprecated method answers 6 for blocked OTPs',
  until: '2030-06-30',
};
const json = (value: unknown): string => JSON.stringify(value);
/** ENTRY with some keys replaced (undefined removes the key). */
function entry(changes: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...ENTRY, ...changes };
  for (const [key, value] of Object.entries(changes)) if (value === undefined) delete out[key];
  return out;
}

describe('parseBaseline: accepted files', () => {
  const cases: [string, { given: string; want: BaselineEntry[] }][] = [
    ['an empty list', { given: '[]', want: [] }],
    ['one entry', { given: json([ENTRY]), want: [ENTRY] }],
    ['no HTTP answer at all (a TLS refusal)', {
      given: json([entry({ observed: { status: null, code: null } })]),
      want: [{ ...ENTRY, observed: { status: null, code: null } }],
    }],
    ['a status without a code', {
      given: json([entry({ observed: { status: 404, code: null } })]),
      want: [{ ...ENTRY, observed: { status: 404, code: null } }],
    }],
    ['a leap day', { given: json([entry({ until: '2028-02-29' })]), want: [{ ...ENTRY, until: '2028-02-29' }] }],
    ['the same scenario with two different observations', {
      given: json([ENTRY, entry({ observed: { status: 500, code: 62 } })]),
      want: [ENTRY, { ...ENTRY, observed: { status: 500, code: 62 } }],
    }],
    ['a byte-order mark', { given: `\uFEFF${json([ENTRY])}`, want: [ENTRY] }],
  ];
  it.each(cases)('%s', (_name, { given, want }) => {
    expect(parseBaseline(given, SRC)).toEqual(want);
  });
});

describe('parseBaseline: rejections', () => {
  const at0 = `LEAN_BASELINE: ${SRC}: entry [0]`;
  const cases: [string, { given: string; want: string }][] = [
    ['empty text', { given: '', want: `LEAN_BASELINE: ${SRC} is empty.` }],
    ['not JSON', { given: '[{"operation": sendOtp}]', want: `LEAN_BASELINE: ${SRC} is not valid JSON (unexpected character "s").` }],
    ['an object instead of a list', { given: json({ entries: [ENTRY] }), want: `LEAN_BASELINE: ${SRC} must hold a JSON list of entries, not an object.` }],
    ['an entry that is a string', { given: json(['sendOtp']), want: `${at0} must be an object, not a string.` }],
    ['an entry that is null', { given: json([null]), want: `${at0} must be an object, not null.` }],
    ['an unknown key', { given: json([entry({ expires: '2030-01-01' })]), want: `${at0} has an unknown key "expires" (known: operation, scenario, observed, reason, until).` }],
    ['a misspelt key', { given: json([entry({ reasons: 'x', reason: undefined })]), want: `${at0} has an unknown key "reasons" (did you mean reason?).` }],
    ...(['operation', 'scenario', 'observed', 'reason', 'until'] as const).map((key): [string, { given: string; want: string }] => [
      `${key} missing`, { given: json([entry({ [key]: undefined })]), want: `${at0} is missing ${key}.` },
    ]),
    ['an unknown operation', { given: json([entry({ operation: 'sendOTP' })]), want: `${at0}.operation "sendOTP" is not an operation of the spec (did you mean sendOtp?).` }],
    ['another method of the API', { given: json([entry({ operation: 'enroll' })]), want: `${at0}.operation "enroll" is not an operation of the spec (known: sendOtp, sendOtpDisposable).` }],
    ['an operation that is not a string', { given: json([entry({ operation: 1 })]), want: `${at0}.operation must be a string, not a number.` }],
    ['an empty scenario', { given: json([entry({ scenario: '' })]), want: `${at0}.scenario is empty.` }],
    ['an empty reason', { given: json([entry({ reason: ' ' })]), want: `${at0}.reason is empty.` }],
    ['observed a list', { given: json([entry({ observed: [500, 6] })]), want: `${at0}.observed must be an object {status, code}, not an array.` }],
    ['observed without code', { given: json([entry({ observed: { status: 500 } })]), want: `${at0}.observed is missing code.` }],
    ['observed with an extra key', { given: json([entry({ observed: { status: 500, code: 6, message: 'x' } })]), want: `${at0}.observed has an unknown key "message" (known: status, code).` }],
    ['a status as a string', { given: json([entry({ observed: { status: '500', code: 6 } })]), want: `${at0}.observed.status must be an HTTP status (100 to 599) or null.` }],
    ['a status out of range', { given: json([entry({ observed: { status: 700, code: 6 } })]), want: `${at0}.observed.status must be an HTTP status (100 to 599) or null.` }],
    ['a code as a string', { given: json([entry({ observed: { status: 500, code: '6' } })]), want: `${at0}.observed.code must be an integer or null.` }],
    ['a fractional code', { given: json([entry({ observed: { status: 500, code: 6.5 } })]), want: `${at0}.observed.code must be an integer or null.` }],
    ...(['2030-6-30', '30/06/2030', '2030-02-30', '2029-02-29', '2030-13-01', '2030-06-30T00:00:00Z', 'tomorrow'] as const)
      .map((until): [string, { given: string; want: string }] => [
        `until ${until}`, { given: json([entry({ until })]), want: `${at0}.until must be a date written YYYY-MM-DD.` },
      ]),
    ['until a number', { given: json([entry({ until: 20300630 })]), want: `${at0}.until must be a string, not a number.` }],
    ['a bad second entry is named by its index', { given: json([ENTRY, entry({ until: 'x' })]), want: `LEAN_BASELINE: ${SRC}: entry [1].until must be a date written YYYY-MM-DD.` }],
    ['the same divergence twice', {
      given: json([ENTRY, entry({ observed: { status: 500, code: 62 } }), entry({ reason: 'again', until: '2031-01-01' })]),
      want: `LEAN_BASELINE: ${SRC}: entries [0] and [2] describe the same divergence.`,
    }],
  ];
  it.each(cases)('%s', (_name, { given, want }) => {
    const error = configErrorOf(() => parseBaseline(given, SRC));
    expect(error.variable).toBe('LEAN_BASELINE');
    expect(error.message).toBe(want);
    expectOneSentence(error);
  });
});
