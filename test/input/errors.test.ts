import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/input/index.ts';

describe('ConfigError', () => {
  const cases: [string, { given: [string, string]; want: string }][] = [
    ['adds the full stop', { given: ['LEAN_TIMEOUT_MS', 'must be positive'], want: 'LEAN_TIMEOUT_MS: must be positive.' }],
    ['keeps a given full stop', { given: ['LEAN_FIXTURES', 'is empty.'], want: 'LEAN_FIXTURES: is empty.' }],
  ];
  it.each(cases)('%s', (_name, { given, want }) => {
    const error = new ConfigError(...given);
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('ConfigError');
    expect(error.variable).toBe(given[0]);
    expect(error.message).toBe(want);
  });

  it('keeps the cause', () => {
    const cause = new Error('low level');
    expect(new ConfigError('LEAN_CA_CERT', 'x', { cause }).cause).toBe(cause);
  });
});
