// A diagnosis names a wrong assumption only when at least 2 failures and at least 80 % of them share its
// pattern, and quotes the spec's own x-assumption text for it.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SPEC_PATH } from '../../src/spec/document.ts';
import { diagnose } from '../../src/runner/diagnosis.ts';
import type { Observed, ScenarioResult } from '../../src/results/model.ts';

const answer = (status: number | null, code: number | null = null): Observed =>
  ({ status, code, bodyBytes: 0, transportError: status === null ? 'refused' : null });
const result = (observed: Observed | null, verdict: ScenarioResult['verdict'] = 'fail'): ScenarioResult => ({
  operation: 'sendOtp', scenario: 'x', expected: { status: 500, code: 66 }, observed, verdict, reason: null, durationMs: 1,
});
const many = (n: number, observed: Observed): ScenarioResult[] => Array.from({ length: n }, () => result(observed));

const CASES: [string, ScenarioResult[], string | null][] = [
  ['every answer 404', many(80, answer(404)), 'method-and-paths'],
  ['405 and 404 mixed', [...many(40, answer(405)), ...many(40, answer(404))], 'method-and-paths'],
  ['500 bodies without a numeric code', many(10, answer(500, null)), 'error-body'],
  ['401 and 403', [...many(5, answer(401)), ...many(5, answer(403))], 'authentication'],
  ['exactly 80 %', [...many(8, answer(404)), ...many(2, answer(500, 71))], 'method-and-paths'],
  ['below 80 %', [...many(7, answer(404)), ...many(3, answer(500, 71))], null],
  ['a single failure is no pattern', many(1, answer(404)), null],
  ['wrong codes are no assumption', many(10, answer(500, 71)), null],
  ['passes are not counted', [...many(2, answer(404)), ...Array.from({ length: 50 }, () => result(answer(500, 66), 'pass'))], 'method-and-paths'],
  ['no answer at all is no assumption', many(10, answer(null)), null],
];

describe('diagnose', () => {
  it.each(CASES)('%s', (_name, results, pattern) => {
    expect(diagnose(results)?.pattern ?? null).toBe(pattern);
  });

  it('quotes the x-assumption of the spec as it is written there', () => {
    const spec = readFileSync(SPEC_PATH, 'utf8').replace(/\s+/g, ' ');
    for (const observed of [answer(404), answer(500, null), answer(401)]) {
      const diagnosis = diagnose(many(3, observed));
      expect(diagnosis).not.toBeNull();
      expect(spec).toContain(diagnosis!.assumption);
      expect(diagnosis!.advice).toMatch(/^Check|^Look/);
    }
  });
});
