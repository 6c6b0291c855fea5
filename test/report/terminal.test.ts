import { describe, expect, it } from 'vitest';
import { CELL_WIDTH, formatPendingLine, formatProgress, formatResultLine, terminalSummary, wrapText } from '../../src/report/terminal.ts';
import { cellText, coverageMatrix } from '../../src/report/view.ts';
import type { Attempt, Failure, ScenarioResult } from '../../src/results/model.ts';
import { fullSample, passingSample, SampleReport } from './sample-report.ts';

const wrong: Failure = { check: 'expected-code', title: 'wrong code', message: 'Received: code 6\nDocumented: code 66' };

describe('formatProgress', () => {
  const cases: [string, { done: number; total: number; elapsedMs: number; want: string }][] = [
    ['nothing done yet: no guess', { done: 0, total: 82, elapsedMs: 0, want: '[0/82] 0% · 0 ms elapsed · time left unknown' }],
    ['at 5 requests/s', { done: 10, total: 82, elapsedMs: 2000, want: '[10/82] 12% · 2.0 s elapsed · about 15 s left' }],
    ['a slow target: minutes', { done: 2, total: 82, elapsedMs: 6000, want: '[2/82] 2% · 6.0 s elapsed · about 4 min 00 s left' }],
    ['finished', { done: 82, total: 82, elapsedMs: 16400, want: '[82/82] 100% · 16.4 s elapsed · done' }],
    ['an empty plan', { done: 0, total: 0, elapsedMs: 0, want: '[0/0] 100% · 0 ms elapsed · done' }],
  ];
  it.each(cases)('%s', (_name, { want, ...progress }) => {
    expect(formatProgress(progress)).toBe(want);
  });
});

describe('formatResultLine', () => {
  it('one plain line per result, fit for a CI log', () => {
    const report = fullSample().build();
    const lines = report.results.map(formatResultLine);
    expect(lines.every((l) => !l.includes('\n') && !l.includes('\u001b'))).toBe(true);
    expect(lines[0]).toBe('  ✓ sendOtp            fixture:smsActive → 200');
    expect(lines[2]).toBe('  ✗ sendOtp            fixture:deviceNotActive → 500/6  wrong code');
    expect(lines[3]).toBe('  ↷ sendOtp            fixture:emailActive  LEAN_MAX_SENDS budget exhausted');
  });
});

describe('formatPendingLine', () => {
  it('a step without an answer yet is neither passed nor failed: its verdict is given at the end', () => {
    const [, , failed] = fullSample().build().results;
    const refused: Attempt = { status: null, code: null, transportError: 'refused', durationMs: 1, waitedMs: 0 };
    const noAnswer: ScenarioResult = {
      ...failed!,
      observed: { status: null, code: null, bodyBytes: null, transportError: 'refused' },
      attempts: [refused, refused, refused],
    };
    expect(formatPendingLine(noAnswer)).toBe(
      '  … sendOtp            fixture:deviceNotActive → refused  no definitive answer after 3 attempt(s); judged at the end of the run');
    expect(formatPendingLine({ ...noAnswer, attempts: undefined })).toMatch(/after 1 attempt\(s\)/);
  });
});

describe('terminalSummary', () => {
  const full = terminalSummary(fullSample().build(), { reportFiles: ['reports/conformance.json'] });

  it('starts with the verdict line and its reasons, then the matrix in words with a legend, and ends with the recap', () => {
    const lines = full.split('\n');
    expect(lines[1]).toBe('FAIL: 4 failed results (failed checks: expected-code 2, provider-fault 2, parity 1, transport 1)' +
      ' · 3 required codes not asserted (sendOtp: 103; sendOtpDisposable: 103, 240)');
    expect(full).toMatch(/^ {2}66 {4}✗ failed \(got 500, code 6\) +✗ failed \(got 500, code 6\) +device OTP not active$/m);
    expect(full).toMatch(/^ {2}200 {3}✓ asserted/m);
    expect(full).toMatch(/^ {2}legend: ✓ asserted · ✗ failed · • observed · · unreached/m);
    expect(full.indexOf('legend:')).toBeLessThan(full.indexOf('failures (4):'));
    expect(full.indexOf('reports: reports/conformance.json')).toBeLessThan(full.indexOf('failures (4):'));
    expect(full).toContain("      re-run: npm run conformance -- --operation sendOtp --scenario 'fixture:deviceNotActive'");
    expect(full).not.toContain('\u001b'); // no colour unless asked
  });

  it('recaps the first ten failures, then counts the rest', () => {
    const many = new SampleReport();
    for (let i = 0; i < 14; i += 1) many.fail('sendOtp', `fixture:s${String(i).padStart(2, '0')}`, [wrong]);
    const text = terminalSummary(many.build(), { recapLimit: 10 });
    expect(text).toContain('failures (the first 10 of 14):');
    expect(text).toContain('✗ sendOtp fixture:s09');
    expect(text).not.toContain('✗ sendOtp fixture:s10');
    expect(text.trimEnd().split('\n').at(-1)).toBe('  … and 4 more failure(s): see summary.md or index.html');
  });

  it('a green run that asserted no 200 says so on its verdict line', () => {
    const text = terminalSummary(passingSample().extend({ successAsserted: { sendOtp: false, sendOtpDisposable: true } }).build());
    expect(text.split('\n')[1]).toBe('PASS: the success path was not checked (no zero-byte 200 asserted on sendOtp)');
    expect(text).not.toContain('failures (');
  });

  it('colours only when asked, always beside the word', () => {
    const text = terminalSummary(fullSample().build(), { color: true });
    expect(text).toContain('\u001b[31m✗ failed (got 500, code 6)');
    expect(text).toContain('\u001b[1m\u001b[31mFAIL: ');
  });
});

describe('the terminal matrix wraps a long cell instead of cutting it (issue 17 item 5)', () => {
  const long = new SampleReport();
  for (const op of ['sendOtp', 'sendOtpDisposable'] as const) {
    long.fail(op, 'fixture:smsActive', [{ check: 'empty-200', title: 'body on 200', message: 'Received: 15 bytes' }],
      { status: 200, code: null, bodyBytes: 15, transportError: null }, { status: 200, code: null });
    long.fail(op, 'fixture:emailActive', [{ check: 'status', title: 'wrong status', message: 'Received: 503' }],
      { status: 503, code: null, bodyBytes: 0, transportError: null }, { status: 200, code: null });
  }
  const report = long.build();
  const cell = `✗ ${cellText(coverageMatrix(report).rows[0]!.cells[0]!)}`;
  const text = terminalSummary(report);
  const rowLines = text.split('\n').slice(text.split('\n').findIndex((l) => /^ {2}200 /.test(l)));
  const block = rowLines.slice(0, rowLines.findIndex((l, i) => i > 0 && !/^ {8}/.test(l)));

  it('the failed cell is longer than a column, and nothing of it is cut', () => {
    expect(cell.length).toBeGreaterThan(CELL_WIDTH);
    expect(text).not.toContain('…');
    const header = text.split('\n').find((l) => l.startsWith('  code'))!;
    const column = block.map((l) => l.slice(8, header.indexOf('sendOtpDisposable')).trim()).filter((l) => l !== '');
    expect(column.join(' ')).toBe(cell);
  });

  it('each line of the wrapped cell fits the column, and the meaning stays on the row\'s first line', () => {
    expect(block.length).toBeGreaterThan(1);
    expect(block[0]).toMatch(/success: HTTP 200 with a zero-byte body$/);
    for (const line of block.slice(1)) expect(line).not.toContain('success');
    expect(wrapText(cell, CELL_WIDTH).every((l) => l.length <= CELL_WIDTH)).toBe(true);
  });

  it.each([
    ['words', 'aa bb cc', 5, ['aa bb', 'cc']],
    ['a word longer than the width', 'abcdefgh ij', 3, ['abc', 'def', 'gh', 'ij']],
    ['short text', 'ok', 10, ['ok']],
  ] as const)('wrapText: %s', (_name, given, width, want) => {
    expect(wrapText(given, width)).toEqual(want);
  });
});
