import { describe, expect, it } from 'vitest';
import { parseJsonText } from '../../src/input/json.ts';
import { configErrorOf, expectOneSentence } from '../config/helpers.ts';

// V8's own JSON messages quote the text, which may hold holder ids: only a position or one character is kept.
describe('parseJsonText', () => {
  const cases: [string, { given: string; want: string }][] = [
    ['empty', { given: '', want: 'X: f.json is empty.' }],
    ['blank', { given: ' \n ', want: 'X: f.json is empty.' }],
    ['a missing comma, at a position', { given: '{"a": 1\n "b": 2}', want: 'X: f.json is not valid JSON (line 2, column 2).' }],
    ['a trailing comma', { given: '{\n"a": 1,\n}', want: 'X: f.json is not valid JSON (line 3, column 1).' }],
    ['an unquoted id', { given: '{"a": PERSONAL-ID}', want: 'X: f.json is not valid JSON (unexpected character "P").' }],
    ['an unterminated string', { given: '{"a": "PERSONAL-ID', want: 'X: f.json is not valid JSON (line 1, column 19).' }],
    ['cut short', { given: '[', want: 'X: f.json is not valid JSON (unexpected end of input).' }],
  ];
  it.each(cases)('%s', (_name, { given, want }) => {
    const error = configErrorOf(() => parseJsonText(given, 'X', 'f.json'));
    expect(error.message).toBe(want);
    expect(error.message).not.toContain('PERSONAL-ID');
    expectOneSentence(error);
  });

  it('accepts a byte-order mark', () => {
    expect(parseJsonText('\uFEFF{"a":1}', 'X', 'f.json')).toEqual({ a: 1 });
  });
});
