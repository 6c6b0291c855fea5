import { describe, expect, it } from 'vitest';
import { renderJson } from '../../src/report/json.ts';
import type { ConformanceReport } from '../../src/results/model.ts';
import { fullSample, passingSample } from './sample-report.ts';

type Json = Record<string, unknown>;

const samples: [string, ConformanceReport][] = [
  ['a failing run with every verdict and extension', fullSample().build()],
  ['a passing run', passingSample().build()],
  ['a run with no extension', passingSample().extend({ seed: undefined, exitCode: undefined }).build()],
];

describe('conformance.json', () => {
  it.each(samples)('%s: round-trips to the model', (_name, report) => {
    expect(JSON.parse(renderJson(report))).toEqual(JSON.parse(JSON.stringify(report)));
  });

  it.each(samples)('%s: keys in interface.md order, extensions after', (_name, report) => {
    const parsed = JSON.parse(renderJson(report)) as Json;
    const documented = ['target', 'startedAt', 'durationMs', 'summary', 'results', 'coverage', 'sends'];
    expect(Object.keys(parsed).slice(0, documented.length)).toEqual(documented);
    expect(Object.keys(parsed.summary as Json)).toEqual(['passed', 'failed', 'skipped', 'known']);
    for (const result of parsed.results as Json[]) {
      expect(Object.keys(result).slice(0, 7)).toEqual(
        ['operation', 'scenario', 'expected', 'observed', 'verdict', 'reason', 'durationMs'],
      );
      expect(Object.keys(result.expected as Json)).toEqual(['status', 'code']);
      if (result.observed !== null) {
        expect(Object.keys(result.observed as Json)).toEqual(['status', 'code', 'bodyBytes', 'transportError']);
      }
    }
  });

  it('carries every field of interface.md, with the documented types', () => {
    const parsed = JSON.parse(renderJson(fullSample().build())) as Json;
    expect(parsed).toMatchObject({
      target: expect.any(String), startedAt: expect.any(String), durationMs: expect.any(Number),
      summary: { passed: 4, failed: 4, skipped: 6, known: 2 }, sends: 3,
      coverage: { sendOtp: expect.any(Object), sendOtpDisposable: expect.any(Object) },
    });
    const verdicts = new Set((parsed.results as Json[]).map((r) => r.verdict));
    expect([...verdicts].sort()).toEqual(['fail', 'known', 'pass', 'skip']);
    const skipped = (parsed.results as Json[]).find((r) => r.verdict === 'skip');
    expect(skipped).toMatchObject({ observed: null, reason: expect.any(String) });
    const tls = (parsed.results as Json[]).find((r) => (r.observed as Json | null)?.transportError === 'tls');
    expect(tls).toMatchObject({ observed: { status: null, code: null, bodyBytes: null } });
  });

  it('keeps the extensions, in their documented order, and never drops a key the model gains later', () => {
    const report = { ...fullSample().build(), futureField: 'kept' } as ConformanceReport;
    const keys = Object.keys(JSON.parse(renderJson(report)) as Json);
    expect(keys.slice(7)).toEqual(['seed', 'baseline', 'requiredCodesMissing', 'exitCode', 'catalog', 'futureField']);
  });

  it('ends with a newline and is indented', () => {
    const text = renderJson(passingSample().build());
    expect(text.endsWith('}\n')).toBe(true);
    expect(text).toContain('\n  "target": ');
  });
});
