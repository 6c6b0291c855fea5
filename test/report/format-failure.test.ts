import { describe, expect, it } from 'vitest';
import { formatFailure, formatFailureText } from '../../src/report/format-failure.ts';
import type { Failure, ScenarioResult } from '../../src/results/model.ts';

type Given = Pick<ScenarioResult, 'verdict' | 'reason' | 'failures'>;

const wrongCode: Failure = { check: 'expected-code', title: 'wrong code', message: 'Received: code 99\nDocumented: code 66' };
const fault: Failure = { check: 'provider-fault', title: 'provider fault', message: 'Received: code 6' };

describe('formatFailure', () => {
  const cases: [string, { given: Failure; want: string }][] = [
    ['one line', { given: fault, want: '[provider-fault] provider fault: Received: code 6' }],
    ['two lines, the second indented', {
      given: wrongCode, want: '[expected-code] wrong code: Received: code 99\n  Documented: code 66',
    }],
    ['CRLF lines', {
      given: { ...fault, message: 'a\r\nb' }, want: '[provider-fault] provider fault: a\n  b',
    }],
  ];
  it.each(cases)('%s', (_name, { given, want }) => {
    expect(formatFailure(given)).toBe(want);
  });
});

describe('formatFailureText', () => {
  const cases: [string, { given: Given; want: string }][] = [
    ['every failure, in order', {
      given: { verdict: 'fail', reason: 'wrong code', failures: [wrongCode, fault] },
      want: '[expected-code] wrong code: Received: code 99\n  Documented: code 66\n[provider-fault] provider fault: Received: code 6',
    }],
    ['a fail without failures falls back to its reason', {
      given: { verdict: 'fail', reason: 'check crashed: TypeError', failures: [] }, want: 'check crashed: TypeError',
    }],
    ['a fail with neither is never blank', {
      given: { verdict: 'fail', reason: null }, want: 'failed, with no failure recorded',
    }],
    ['a known divergence shows its failures', {
      given: { verdict: 'known', reason: 'LEAN-17', failures: [fault] },
      want: '[provider-fault] provider fault: Received: code 6',
    }],
    ['a pass has no failure text', { given: { verdict: 'pass', reason: null }, want: '' }],
    ['a skip has no failure text (its reason is shown apart)', { given: { verdict: 'skip', reason: 'budget' }, want: '' }],
  ];
  it.each(cases)('%s', (_name, { given, want }) => {
    expect(formatFailureText(given)).toBe(want);
  });
});
