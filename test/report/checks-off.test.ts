import { describe, expect, it } from 'vitest';
import { renderReport, REPORTER_NAMES } from '../../src/report/index.ts';
import type { ConformanceReport } from '../../src/results/model.ts';

const report: ConformanceReport = {
  target: 'http://127.0.0.1:1', startedAt: '2026-11-25T00:00:00.000Z', durationMs: 1,
  summary: { passed: 0, failed: 0, skipped: 0, known: 0 }, results: [], coverage: {}, sends: 0,
  checksOff: ['empty-200', 'parity'], exitCode: 0,
};

describe('a run with checks switched off says so in every format', () => {
  it.each(REPORTER_NAMES)('%s', (name) => {
    expect(renderReport(name, report)).toMatch(/empty-200, parity|"empty-200",\s*"parity"/);
  });
});
