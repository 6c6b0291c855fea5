import { describe, expect, it } from 'vitest';
import { catalogOf, OPERATION_IDS } from '../../src/catalog/index.ts';
import { renderHtml } from '../../src/report/html.ts';
import { renderMarkdown } from '../../src/report/markdown.ts';
import { fullSample, passingSample, SampleReport } from './sample-report.ts';

const hostile = new SampleReport()
  .withTarget('https://lean.example.test/api')
  .fail('sendOtp', '<img src=x onerror=alert(1)>', [{
    check: 'error-body', title: 'error body', message: 'Received: <script>alert("x")</script> from http://evil.example/x.js',
  }])
  .skip('sendOtpDisposable', 'wrongDeviceCode', '<script src="https://cdn.example/x.js"></script>')
  .build();

describe('index.html', () => {
  const pages: [string, string][] = [
    ['failing run', renderHtml(fullSample().build())],
    ['passing run', renderHtml(passingSample().build())],
    ['hostile content', renderHtml(hostile)],
  ];

  it.each(pages)('%s: self-contained, nothing fetched, no URL at all', (_name, html) => {
    expect(html).not.toMatch(/https?:\/\//i);
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<(?:link|img|iframe|object|embed)\b/i);
    expect(html).not.toMatch(/@import|url\(/i);
    expect(html).toContain(`content="default-src 'none'; style-src 'unsafe-inline'"`);
    expect(html).toMatch(/^<!DOCTYPE html>\n<html lang="en">/);
    expect(html.trimEnd().endsWith('</html>')).toBe(true);
  });

  it('escapes markup found in failure messages, scenarios and reasons', () => {
    const html = renderHtml(hostile);
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).toContain('&lt;script src=&quot;https&#58;//cdn.example/x.js&quot;&gt;&lt;/script&gt;');
    expect(html).not.toContain('<img');
  });

  const verdicts: [string, { html: string; want: RegExp }][] = [
    ['failing run', { html: renderHtml(fullSample().build()), want: /<div class="banner fail"><h1>✗ Send OTP conformance: FAIL \(exit 1\)<\/h1>/ }],
    ['passing run', { html: renderHtml(passingSample().build()), want: /<div class="banner pass"><h1>✓ Send OTP conformance: PASS \(exit 0\)<\/h1>/ }],
  ];
  it.each(verdicts)('verdict banner: %s', (_name, { html, want }) => {
    expect(html).toMatch(want);
  });

  it('has the same sections as summary.md, plus every result', () => {
    const html = renderHtml(fullSample().build());
    const headings = [...html.matchAll(/<h2>([^<]*)<\/h2>/g)].map((m) => m[1]);
    expect(headings).toEqual([
      'Coverage: code × operation', 'Failures (4)', 'Known divergences (2)', 'Skipped (6)', 'Baseline notices (2)',
      'Required codes missing (3)', 'All results (16)',
    ]);
    expect(html).toContain('<td>LEAN_MAX_SENDS budget exhausted</td><td class="num">4</td>');
    expect(html).toContain('<pre>[expected-code] wrong code: Received: code 99&#10;  Documented: code 66 (device OTP not active)&#10;');
  });

  it('the matrix has a row for every catalog code and a column per operation', () => {
    const html = renderHtml(fullSample().build());
    const matrix = html.slice(html.indexOf('<h2>Coverage'), html.indexOf('<h2>Failures'));
    expect(matrix).toContain(`<th>Code</th><th>Meaning</th>${OPERATION_IDS.map((op) => `<th>${op}</th>`).join('')}`);
    for (const entry of catalogOf('sendOtp')) {
      expect(matrix).toMatch(new RegExp(`<tr><td class="num">${entry.code}</td><td>[^<]+</td>(<td class="cell-[\\w-]+">[^<]+</td>){2}</tr>`));
    }
    expect(matrix).toContain('<tr><td class="num">200</td><td>success: HTTP 200 with a zero-byte body</td>');
  });

  it('a failed cell reads failed, in words and red, with what came instead', () => {
    const html = renderHtml(fullSample().build());
    expect(html).toContain('<td class="cell-alarm">✗ failed (got 500, code 6)</td>');
    expect(html).toContain('<td class="cell-alarm">• observed (provider fault)</td>');
  });

  it('the banner says why the run is red, and a green run what it did not check', () => {
    expect(renderHtml(fullSample().build())).toMatch(
      /<p class="why" id="why">FAIL: 4 failed results \(failed checks: expected-code 2, provider-fault 2, parity 1, transport 1\) · 3 required codes not asserted/);
    const unchecked = renderHtml(passingSample().extend({ successAsserted: { sendOtp: false, sendOtpDisposable: true } }).build());
    expect(unchecked).toContain('<p class="why" id="why">PASS: the success path was not checked (no zero-byte 200 asserted on sendOtp)</p>');
  });

  it('every failure has its reproducer: curl with $LEAN_* variables and the holder ids read with jq, and the re-run command', () => {
    const html = renderHtml(fullSample().build());
    const failures = html.slice(html.indexOf('<h2>Failures'), html.indexOf('<h2>Known'));
    expect(failures.match(/<summary>reproduce<\/summary>/g)).toHaveLength(4);
    expect(failures).toContain('--user &quot;$LEAN_USERNAME:$LEAN_PASSWORD&quot;');
    expect(failures).toContain('jq -j &#39;.holders.deviceNotActive.certIdOtp');
    expect(failures).toContain('npm run conformance -- --operation sendOtp --scenario &#39;fixture:deviceNotActive&#39;');
  });

  it('the results table lists every result with its verdict', () => {
    const report = fullSample().build();
    const html = renderHtml(report);
    const table = html.slice(html.indexOf('<h2>All results'));
    expect([...table.matchAll(/<td class="v-(\w+)">/g)].map((m) => m[1])).toEqual(report.results.map((r) => r.verdict));
  });
});

describe('index.html with LEAN_COMPARE_WITH', () => {
  it('ends with the comparison: regressions first, the code × run matrix', async () => {
    const { compareRuns } = await import('../../src/compare/index.ts');
    const before = passingSample().build();
    const now = passingSample().build();
    now.results[0] = { ...now.results[0]!, verdict: 'fail', observed: { status: 500, code: 6, bodyBytes: 30, transportError: null } };
    const report = { ...now, exitCode: 1 as const, comparison: compareRuns([{ label: 'production.json', report: before }, { label: 'this run', report: now }]) };
    const html = renderHtml(report);
    expect(html).toContain('<h2 id="comparison">Comparison with earlier runs (1 regression · 1 change · 5 unchanged)</h2>');
    expect(html).toMatch(/<tr><td class="cell-alarm">regression: now fails<\/td><td>sendOtp<\/td><td>fixture:smsActive<\/td><td>pass: 200, 0 bytes<\/td><td>fail: 500, code 6<\/td><\/tr>/);
    expect(html).toContain('<p class="why" id="why">FAIL: 1 failed result (failed checks: unrecorded 1) · 1 regression against production.json</p>');
    expect(renderMarkdown(report)).toContain('## Comparison with earlier runs: ❌ REGRESSION');
  });
});
