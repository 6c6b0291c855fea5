import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readPageFacts } from '../../src/drift/check-page.ts';
import { compareCatalog, type DriftReport, type PageFacts } from '../../src/drift/compare-catalog.ts';
import { formatDrift } from '../../src/drift/format-drift.ts';
import type { PageErrorEntry } from '../../src/drift/parse-error-table.ts';
import { specExpectations, type OperationExpectation } from '../../src/drift/spec-expectations.ts';
import { spec, type SpecDocument } from '../../src/spec/document.ts';

const PAGES = new URL('./pages/', import.meta.url);
const EXPECTED = specExpectations();
const sendOtp = EXPECTED.find((e) => e.operation === 'sendOtp');
if (!sendOtp) throw new Error('the spec lost sendOtp');

/** The page that agrees with the spec: every operation code with its spec meaning, 500, empty body. */
const agreeingEntries: PageErrorEntry[] = sendOtp.catalog
  .filter((e) => e.source === 'operation')
  .map((e) => ({ code: e.code, description: e.meaning }));
const facts = (changes: Partial<PageFacts> = {}): PageFacts => ({
  source: 'table', entries: agreeingEntries, errorStatuses: [500], successBody: 'empty', warnings: [], ...changes,
});
const only = (report: DriftReport, op = 'sendOtp') => {
  const found = report.operations.find((o) => o.operation === op);
  if (!found) throw new Error(`no ${op} in the report`);
  return found;
};

describe('specExpectations', () => {
  it('reads both operations with their 500, empty success body and 17-code catalog', () => {
    expect(EXPECTED.map((e) => [e.operation, e.deprecated, e.errorStatuses, e.successBodyEmpty, e.catalog.length]))
      .toEqual([['sendOtp', false, [500], true, 17], ['sendOtpDisposable', true, [500], true, 17]]);
  });
});

describe('compareCatalog', () => {
  const replace = (code: number, description: string): PageErrorEntry[] =>
    agreeingEntries.map((e) => (e.code === code ? { code, description } : e));

  // [name, page, differences in sendOtp, the part of sendOtp's drift that must match]
  const cases: [string, PageFacts, number, Record<string, unknown>][] = [
    ['the spec itself', facts(), 0, { missingFromSpec: [], missingFromPage: [], changedMeanings: [], documentedElsewhere: [11002, 15000] }],
    ['a new code', facts({ entries: [...agreeingEntries, { code: 250, description: 'Daily quota reached' }] }), 1,
      { missingFromSpec: [{ code: 250, pageDescription: 'Daily quota reached' }] }],
    ['a code gone', facts({ entries: agreeingEntries.filter((e) => e.code !== 138) }), 1,
      { missingFromPage: [{ code: 138, specMeaning: 'device OTP is not an SMS OTP device' }] }],
    ['a changed meaning', facts({ entries: replace(231, 'OTP is unlocked again') }), 1,
      { changedMeanings: [{ code: 231, pageDescription: 'OTP is unlocked again', specMeaning: 'OTP is blocked', similarity: 0.25, negationDiffers: false }] }],
    ['a flipped negation', facts({ entries: replace(66, 'Device OTP is active') }), 1,
      { changedMeanings: [expect.objectContaining({ code: 66, negationDiffers: true })] }],
    ['a reworded meaning', facts({ entries: replace(100, 'Invalid mobile phone number') }), 0, { changedMeanings: [] }],
    ['an authentication code listed on the page too', facts({ entries: [...agreeingEntries, { code: 11002, description: 'Wrong username or password' }] }), 0,
      { missingFromSpec: [], documentedElsewhere: [15000] }],
    ['errors now a 400', facts({ errorStatuses: [400] }), 1, { errorStatus: { page: [400], spec: [500], drift: true } }],
    ['no status stated', facts({ errorStatuses: [] }), 0, { errorStatus: { page: [], spec: [500], drift: false } }],
    ['success body no longer said empty', facts({ successBody: 'not-stated' }), 1, { successBody: { page: 'not-stated', specEmpty: true, drift: true } }],
    ['no response section', facts({ successBody: 'no-response-section' }), 0, { successBody: expect.objectContaining({ drift: false }) }],
    ['an empty table', facts({ entries: [] }), 15, { agreeing: [] }],
  ];
  it.each(cases)('%s', (_name, page, differences, drift) => {
    const report = compareCatalog(page, EXPECTED);
    expect(only(report)).toMatchObject({ ...drift, differences });
    // Both operations share the catalog, so they drift together.
    expect(only(report, 'sendOtpDisposable').differences).toBe(differences);
    expect(report.drift).toBe(differences > 0);
    expect(report.differences).toBe(2 * differences);
  });

  it('applies the threshold it is given', () => {
    const page = facts({ entries: replace(101, 'SMS sent to the watchlist') });
    expect(compareCatalog(page, EXPECTED).drift).toBe(true);
    expect(compareCatalog(page, EXPECTED, { threshold: 0.5 }).drift).toBe(false);
  });

  it('sees drift that comes from the spec side', () => {
    const doc: SpecDocument = structuredClone(spec());
    const codes = doc.components.schemas['SendOtpErrorCode']?.['x-error-codes'] as { code: number; meaning: string }[];
    const entry = codes.find((c) => c.code === 99);
    if (!entry) throw new Error('code 99 left the spec');
    entry.meaning = 'OTP delivered twice';
    const altered: OperationExpectation[] = specExpectations(doc);
    expect(only(compareCatalog(facts(), altered)).changedMeanings.map((c) => c.code)).toEqual([99]);
  });
});

describe('the pages in test/drift/pages', () => {
  const read = (name: string) => {
    const source = new URL(name, PAGES);
    const format = name.endsWith('.html') ? 'html' : 'markdown';
    return readPageFacts({ source: name, text: readFileSync(source, 'utf8'), formatHint: format });
  };

  // [page, codes missing from the spec, codes missing from the page, codes with a changed meaning]
  const cases: [string, number[], number[], number[]][] = [
    ['matching.md', [], [], []],
    ['matching.html', [], [], []],
    ['new-code.md', [250], [], []],
    ['missing-code.html', [], [101], []],
    ['changed-meaning.md', [], [], [66]],
  ];
  it.each(cases)('%s', (name, newCodes, goneCodes, changed) => {
    const page = read(name);
    expect(page).toMatchObject({ errorStatuses: [500], successBody: 'empty', warnings: [] });
    const report = compareCatalog(page, EXPECTED);
    for (const op of report.operations) {
      expect(op.missingFromSpec.map((c) => c.code)).toEqual(newCodes);
      expect(op.missingFromPage.map((c) => c.code)).toEqual(goneCodes);
      expect(op.changedMeanings.map((c) => c.code)).toEqual(changed);
      expect(op.documentedElsewhere).toEqual([11002, 15000]);
    }
    expect(report.drift).toBe(newCodes.length + goneCodes.length + changed.length > 0);
  });

  it('the matching page reads every code, link-wrapped or not', () => {
    expect(read('matching.md').entries.map((e) => e.code)).toEqual(agreeingEntries.map((e) => e.code));
    expect(read('matching.html').entries.map((e) => e.code)).toEqual(agreeingEntries.map((e) => e.code));
  });

  it('the page without an error table is refused with one sentence', () => {
    expect(() => read('no-error-table.md')).toThrow(/^No error table found in no-error-table\.md: .*\.$/);
  });

  it('the human report shows both texts of a changed meaning', () => {
    const text = formatDrift(compareCatalog(read('changed-meaning.md'), EXPECTED));
    expect(text).toContain('~ code 66 has a changed meaning (similarity 0.40):');
    expect(text).toContain('page: "The device OTP has expired"');
    expect(text).toContain('spec: "device OTP not active"');
    expect(text).toMatch(/Result: DRIFT, 2 differences over 2 operations\.\n$/);
  });
});
