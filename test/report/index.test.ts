import { mkdir, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  REPORTER_NAMES, REPORTERS, renderReport, ReportWriteError, writeReports, type ReporterName,
} from '../../src/report/index.ts';
import { fullSample, SampleReport } from './sample-report.ts';
import { parseXml } from './tiny-xml.ts';

let base: string;
beforeEach(async () => { base = await mkdtemp(join(tmpdir(), 'lean-report-')); });
afterEach(async () => {
  vi.restoreAllMocks();
  await rm(base, { recursive: true, force: true });
});

describe('the reporter map', () => {
  it('names the four files of interface.md and ctrf.json, conformance.json first', () => {
    expect(Object.fromEntries(REPORTER_NAMES.map((n) => [n, REPORTERS[n].fileName]))).toEqual({
      json: 'conformance.json', junit: 'junit.xml', markdown: 'summary.md', html: 'index.html', ctrf: 'ctrf.json',
    });
    expect(REPORTER_NAMES[0]).toBe('json');
  });
});

describe('writeReports', () => {
  const formatSets: [string, { formats: ReporterName[] | undefined; want: string[] }][] = [
    ['every format by default', { formats: undefined, want: ['conformance.json', 'junit.xml', 'summary.md', 'index.html', 'ctrf.json'] }],
    ['only the formats asked for, conformance.json first', { formats: ['markdown', 'json'], want: ['conformance.json', 'summary.md'] }],
  ];
  it.each(formatSets)('%s: creates the directory, writes, returns the paths', async (_name, { formats, want }) => {
    // Arrange
    const dir = join(base, 'nested', 'reports');
    const report = fullSample().build();
    // Act
    const paths = await writeReports(report, { dir, ...(formats ? { formats } : {}) });
    // Assert
    expect(paths).toEqual(want.map((f) => join(dir, f)));
    expect((await readdir(dir)).sort()).toEqual([...want].sort()); // no temporary file left behind
    for (const path of paths) {
      const name = REPORTER_NAMES.find((n) => path.endsWith(REPORTERS[n].fileName))!;
      expect(await readFile(path, 'utf8')).toBe(renderReport(name, report));
    }
  });

  it('a reporter that throws does not stop the others; conformance.json still holds every result and the sends', async () => {
    // Arrange: junit's renderer crashes, and index.html cannot be renamed into place (a directory holds its name).
    vi.spyOn(REPORTERS.junit, 'render').mockImplementation(() => { throw new Error('renderer crashed'); });
    await mkdir(join(base, 'index.html'));
    const report = fullSample().build();
    // Act
    const error = await writeReports(report, { dir: base }).catch((e: unknown) => e);
    // Assert
    expect(error).toBeInstanceOf(ReportWriteError);
    const failure = error as ReportWriteError;
    expect(failure.message).toMatch(/^Could not write 2 report\(s\): junit \(renderer crashed\); html \(/);
    expect(failure.errors).toHaveLength(2);
    expect(failure.written).toEqual([join(base, 'conformance.json'), join(base, 'summary.md'), join(base, 'ctrf.json')]);
    expect((await readdir(base)).sort()).toEqual(['conformance.json', 'ctrf.json', 'index.html', 'summary.md']);
    const json = JSON.parse(await readFile(join(base, 'conformance.json'), 'utf8')) as { results: unknown[]; sends: number };
    expect(json.results).toHaveLength(report.results.length);
    expect(json.sends).toBe(report.sends);
  });

  it('an earlier conformance.json is replaced whole or not at all, never left half-written', async () => {
    // Arrange: a good report from before, then a render that dies half-way through building the text.
    await writeReports(fullSample().build(), { dir: base, formats: ['json'] });
    const before = await readFile(join(base, 'conformance.json'), 'utf8');
    vi.spyOn(REPORTERS.json, 'render').mockImplementation(() => { throw new Error('out of memory'); });
    // Act
    await writeReports(fullSample().build(), { dir: base, formats: ['json'] }).catch(() => undefined);
    // Assert
    expect(await readFile(join(base, 'conformance.json'), 'utf8')).toBe(before);
    expect(await readdir(base)).toEqual(['conformance.json']);
  });

  // Issue 9 §5: reports render the model as it is; redaction happens where foreign text enters, by value.
  it("renders the model's words as they are: nothing rewrites `test`, `code` or `<testsuites>`", async () => {
    const words = 'Received: test code pass scenario message Otp';
    const report = new SampleReport().fail('sendOtp', 'fixture:deviceNotActive', [{ check: 'status', title: 'wrong status', message: words }]).build();
    const paths = await writeReports(report, { dir: base });
    const texts = Object.fromEntries(await Promise.all(paths.map(async (p) => [p.split('/').at(-1)!, await readFile(p, 'utf8')] as const)));
    expect(parseXml(texts['junit.xml']!).name).toBe('testsuites');
    expect(JSON.parse(texts['conformance.json']!)).toEqual(JSON.parse(JSON.stringify(report)));
    for (const name of ['junit.xml', 'summary.md', 'index.html', 'ctrf.json']) expect(texts[name]).toContain(words);
  });
});
