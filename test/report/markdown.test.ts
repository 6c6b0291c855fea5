import { describe, expect, it } from 'vitest';
import { catalogOf, OPERATION_IDS } from '../../src/catalog/index.ts';
import { renderMarkdown } from '../../src/report/markdown.ts';
import type { ConformanceReport } from '../../src/results/model.ts';
import { fullSample, normalise, passingSample, SampleReport } from './sample-report.ts';

/** The rows of the Markdown table that follows `## heading`, as arrays of raw cells. */
function tableAfter(markdown: string, heading: string): string[][] {
  const lines = markdown.split('\n');
  const start = lines.findIndex((l) => l.startsWith(`## ${heading}`));
  if (start < 0) throw new Error(`no section ${heading}`);
  const rows: string[][] = [];
  for (const line of lines.slice(start + 1)) {
    if (line.startsWith('## ')) break;
    if (!line.startsWith('|')) continue;
    rows.push(line.slice(2, -2).split(/(?<!\\)\|/).map((c) => c.trim()));
  }
  return rows.slice(2); // header and alignment rows
}

describe('summary.md', () => {
  const full = renderMarkdown(fullSample().build());

  const titles: [string, { report: ConformanceReport; want: string }][] = [
    ['failing run, exit code given', { report: fullSample().build(), want: '# Send OTP conformance: ❌ FAIL (exit 1)' }],
    ['passing run, exit code given', { report: passingSample().build(), want: '# Send OTP conformance: ✅ PASS (exit 0)' }],
    ['no exit code: derived from the failures', {
      report: fullSample().extend({ exitCode: undefined }).build(), want: '# Send OTP conformance: ❌ FAIL',
    }],
    ['no exit code: a required code missing fails', {
      report: passingSample().extend({ exitCode: undefined, requiredCodesMissing: { sendOtp: [103] } }).build(),
      want: '# Send OTP conformance: ❌ FAIL',
    }],
    ['no exit code, no result: an empty run never reads green', {
      report: new SampleReport().build(), want: '# Send OTP conformance: ❌ FAIL',
    }],
  ];
  it.each(titles)('title: %s', (_name, { report, want }) => {
    expect(renderMarkdown(report).split('\n')[0]).toBe(want);
  });

  it('states target, counts, sends and seed', () => {
    expect(full).toContain('**Target:** `https://lean.example.test/api`');
    expect(full).toContain('**Results:** 4 passed · 4 failed · 6 skipped · 2 known');
    expect(full).toContain('**Sends:** 3 · **Seed:** 424242');
  });

  it('has the matrix first: the success row, every catalog code × both operations, in words', () => {
    const rows = tableAfter(full, 'Coverage');
    const codes = [...new Set(OPERATION_IDS.flatMap((op) => catalogOf(op).map((e) => e.code)))];
    expect(rows.map((r) => r[0])).toEqual(['200', ...codes.map(String)]);
    expect(full.indexOf('## Coverage')).toBeLessThan(full.indexOf('## Failures'));
    const report = fullSample().build();
    const word = { asserted: '🟩 asserted', observed: '🟦 observed', unreached: '⬜ unreached' } as const;
    for (const row of rows.slice(1)) {
      const code = Number(row[0]);
      expect(row[1]).toBe(catalogOf('sendOtp').find((e) => e.code === code)?.meaning);
      if (code === 6 || code === 66) continue; // the failure view's own rows, below
      expect(row.slice(2)).toEqual(OPERATION_IDS.map((op) => word[report.coverage[op]![String(code)]!]));
    }
    expect(full).toMatch(/^\| Code \| Meaning \| sendOtp \| sendOtpDisposable \|$/m);
    for (const state of ['asserted', 'failed', 'observed', 'unreached']) expect(full).toContain(`- **${state}**: `);
  });

  const cells: [string, { code: string; want: string[] }][] = [
    ['a code whose scenario failed reads failed, with what came instead', {
      code: '66', want: ['🟥 failed (got 500, code 6)', '🟥 failed (got 500, code 6)'],
    }],
    ['code 6 seen is red, whatever the coverage says', { code: '6', want: ['🟥 observed (provider fault)', '🟥 observed (provider fault)'] }],
    ['the success row: asserted where a zero-byte 200 passed', { code: '200', want: ['🟩 asserted', '🟩 asserted'] }],
  ];
  it.each(cells)('%s', (_name, { code, want }) => {
    expect(tableAfter(full, 'Coverage').find((r) => r[0] === code)?.slice(2)).toEqual(want);
  });

  it('an uncatalogued code that came back gets a red row of its own', () => {
    const report = new SampleReport().fail('sendOtp', 'fixture:notSmsDevice', [{ check: 'uncatalogued-code', title: 'uncatalogued code', message: 'Received: code 999' }],
      { status: 500, code: 999, bodyBytes: 30, transportError: null }, { status: 500, code: 138 }).build();
    const rows = tableAfter(renderMarkdown(report), 'Coverage');
    expect(rows.at(-1)).toEqual(['999', '(not in the catalog)', '🟥 observed (not in the catalog)', '⬜ n/a']);
    expect(rows.find((r) => r[0] === '138')?.[2]).toBe('🟥 failed (got 500, code 999)');
  });

  it('a code missing from the coverage shows as a defect, not as unreached', () => {
    const report = passingSample().build();
    delete report.coverage.sendOtp!['62'];
    const row = tableAfter(renderMarkdown(report), 'Coverage').find((r) => r[0] === '62');
    expect(row?.[2]).toBe('🟥 missing');
    expect(renderMarkdown(report)).toContain("- **missing**: missing from the report's coverage");
  });

  const sections: [string, { heading: string; want: unknown[][] }][] = [
    ['failures: operation, scenario, expected, got, and the failure text as code', {
      heading: 'Failures (4)',
      want: [
        ['sendOtp', 'fixture:deviceNotActive', '500, code 66', '500, code 6',
          '`[expected-code] wrong code: Received: code 99`<br>`  Documented: code 66 (device OTP not active)`<br>' +
          '`[provider-fault] provider fault: Received: code 6`'],
        ['sendOtpDisposable', 'fixture:deviceNotActive', '500, code 66', '500, code 6', expect.any(String)],
        ['sendOtpDisposable', 'fixture:deviceDisabled', '500, code 66', '500, code 6', expect.stringContaining('`[parity] parity:')],
        ['sendOtp', 'noClientCertificate', 'no HTTP response', 'no HTTP response (tls)', '`[transport] transport failure: Received: no HTTP response (tls)`'],
      ],
    }],
    ['skipped: one line per reason, with its count', {
      heading: 'Skipped (6)',
      want: [['LEAN\\_MAX\\_SENDS budget exhausted', '4'], ['no fixture holder for this scenario', '2']],
    }],
    ['baseline notices: expired and stale, named', {
      heading: 'Baseline notices (2)',
      want: [
        ['⏰ expired: fails again', 'sendOtpDisposable', 'fixture:otpBlocked', '2024-12-31', 'ticket LEAN-42 fixed in 4.2'],
        ['🧹 stale: divergence no longer occurs', 'sendOtp', 'fixture:noEmailTemplate', '2026-06-30', 'template rollout pending'],
      ],
    }],
    ['required codes missing, with their meaning', {
      heading: 'Required codes missing (3)',
      want: [
        ['sendOtp', '103', 'OTP service exceeded its timeout'],
        ['sendOtpDisposable', '103', 'OTP service exceeded its timeout'],
        ['sendOtpDisposable', '240', 'no email template configured for this LRA'],
      ],
    }],
  ];
  it.each(sections)('%s', (_name, { heading, want }) => {
    expect(full).toContain(`## ${heading}\n`);
    expect(tableAfter(full, heading)).toEqual(want);
  });

  it('known divergences show what was observed and why it is accepted', () => {
    expect(tableAfter(full, 'Known divergences (2)')[0]).toEqual([
      'sendOtp', 'fixture:lraNotAuthorizedForOtpType', '500, code 11002', 'LEAN-17: answers 11002 until the LRA is migrated',
      '`[expected-code] wrong code: Received: code 11002`<br>`  Documented: code 241`',
    ]);
  });

  it('a clean run says so instead of leaving sections out', () => {
    const text = renderMarkdown(passingSample().build());
    expect(text).toContain('## Failures (0)\n\nNo failures.');
    expect(text).toContain('## Known divergences (0)\n\nNone.');
    expect(text).not.toContain('## Baseline notices');
    expect(text).not.toContain('## Required codes missing');
  });

  it('renders target text as code: table-breaking, markup and URLs stay inert (issue 9 §7)', () => {
    const text = renderMarkdown(new SampleReport()
      .fail('sendOtp', 'a|b', [{ check: 'status', title: 'wrong status', message: '<script>alert(1)</script> | **x** see https://evil.example/`x`' }])
      .build());
    const [row] = tableAfter(text, 'Failures');
    expect(row).toEqual(['sendOtp', 'a\\|b', '500, code 66', '500, code 6',
      '`` [status] wrong status: <script>alert(1)</script> \\| **x** see https://evil.example/`x` ``']);
    // Outside code spans, no URL and no markup: GitHub would autolink a bare URL.
    const outsideCode = text.replace(/```[\s\S]*?```|(`+)[\s\S]*?(?<!`)\1(?!`)/g, '');
    expect(outsideCode).not.toContain('https://');
    expect(outsideCode).not.toContain('<script>');
  });

  it('matches the snapshot, durations and timestamps normalised', () => {
    expect(normalise(full)).toMatchSnapshot();
  });
});
