import { describe, expect, it } from 'vitest';
import { catalogOf, OPERATION_IDS } from '../../src/catalog/index.ts';
import { provokableCodes } from '../../src/catalog/index.ts';
import { parseRequireCodes } from '../../src/config/index.ts';

describe('provokableCodes', () => {
  it.each(OPERATION_IDS.map((op) => [op]))('%s: every catalog code but the internal fault 6', (op) => {
    expect(provokableCodes(op)).toEqual(catalogOf(op).map((e) => e.code).filter((code) => code !== 6));
    expect(provokableCodes(op)).toContain(11002);
    expect(provokableCodes(op)).toContain(15000);
  });
});

describe('parseRequireCodes', () => {
  const cases: [string, { given: string | undefined; want: 'all' | number[] }][] = [
    ['unset: none required', { given: undefined, want: [] }],
    ['all', { given: 'all', want: 'all' }],
    ['all with spaces and capitals', { given: ' All ', want: 'all' }],
    ['one code', { given: '2', want: [2] }],
    ['codes in the given order, spaces allowed', { given: '241 , 2,85', want: [241, 2, 85] }],
    ['duplicates dropped', { given: '62,62', want: [62] }],
  ];
  it.each(cases)('%s', (_name, { given, want }) => {
    expect(parseRequireCodes(given)).toEqual(want);
  });
});
