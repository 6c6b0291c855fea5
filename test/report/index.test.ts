import { mkdir, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  REPORTER_NAMES, REPORTERS, renderReport, ReportWriteError, writeReports, type ReporterName,
} from '../../src/report/index.ts';
import { fullSample, SECRET } from './sample-report.ts';

let base: string;
beforeEach(async () => { base = await mkdtemp(join(tmpdir(), 'lean-report-')); });
afterEach(async () => {
  vi.restoreAllMocks();
  await rm(base, { recursive: true, force: true });
});

describe('the reporter map', () => {
  it('names the four files of interface.md', () => {
    expect(Object.fromEntries(REPORTER_NAMES.map((n) => [n, REPORTERS[n].fileName]))).toEqual({
      json: 'conformance.json', junit: 'junit.xml', markdown: 'summary.md', html: 'index.html',
    });
  });
});

describe('writeReports', () => {
  const formatSets: [string, { formats: ReporterName[] | undefined; want: string[] }][] = [
    ['every format by default', { formats: undefined, want: ['conformance.json', 'junit.xml', 'summary.md', 'index.html'] }],
    ['only the formats asked for', { formats: ['markdown', 'json'], want: ['summary.md', 'conformance.json'] }],
  ];
  it.each(formatSets)('%s: creates the directory, writes, returns the paths', async (_name, { formats, want }) => {
    // Arrange
    const dir = join(base, 'nested', 'reports');
    const report = fullSample().build();
    // Act
    const paths = await writeReports(report, { dir, secrets: [SECRET], ...(formats ? { formats } : {}) });
    // Assert
    expect(paths).toEqual(want.map((f) => join(dir, f)));
    expect((await readdir(dir)).sort()).toEqual([...want].sort()); // no temporary file left behind
    for (const [i, name] of (formats ?? REPORTER_NAMES).entries()) {
      expect(await readFile(paths[i]!, 'utf8')).toBe(renderReport(name, report, [SECRET]));
    }
  });

  it('a reporter that throws does not stop the others; the errors come together at the end', async () => {
    // Arrange: junit's renderer crashes, and index.html cannot be renamed into place (a directory holds its name).
    vi.spyOn(REPORTERS.junit, 'render').mockImplementation(() => { throw new Error('renderer crashed'); });
    await mkdir(join(base, 'index.html'));
    // Act
    const error = await writeReports(fullSample().build(), { dir: base, secrets: [] }).catch((e: unknown) => e);
    // Assert
    expect(error).toBeInstanceOf(ReportWriteError);
    const failure = error as ReportWriteError;
    expect(failure.message).toMatch(/^Could not write 2 report\(s\): junit \(renderer crashed\); html \(/);
    expect(failure.errors).toHaveLength(2);
    expect(failure.written).toEqual([join(base, 'conformance.json'), join(base, 'summary.md')]);
    expect((await readdir(base)).sort()).toEqual(['conformance.json', 'index.html', 'summary.md']);
  });

  it('redacts what it writes', async () => {
    const report = fullSample().withTarget(`https://lean.example.test/${SECRET}`).build();
    const paths = await writeReports(report, { dir: base, secrets: [SECRET] });
    for (const path of paths) expect(await readFile(path, 'utf8')).not.toContain(SECRET);
  });
});
