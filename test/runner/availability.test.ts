// When the target is unavailable (3 consecutive steps with nothing but transient outcomes), and when it is not.
import { describe, expect, it } from 'vitest';
import { Availability } from '../../src/runner/availability.ts';

const CASES: [string, boolean[], number, number | null][] = [
  ['the first 3 steps got no answer', [true, true, true], 3, 2],
  ['3 in a row later in the run', [false, true, false, true, true, true], 3, 5],
  ['an answer in between starts the count again', [true, true, false, true, true, false, true], 3, null],
  ['no step without an answer', [false, false, false, false], 3, null],
  ['a run with 2 steps to send, both without answer', [true, true], 2, 1],
  ['a limit of 1', [false, true], 1, 1],
];

describe('Availability', () => {
  it.each(CASES)('%s', (_name, steps, limit, trippedAt) => {
    const availability = new Availability(limit);
    const tripped = steps.map((onlyTransient, i) => availability.record(`step ${i}`, onlyTransient));
    expect(tripped.indexOf(true)).toBe(trippedAt ?? -1);
    expect(availability.unavailable).toBe(trippedAt !== null);
    if (trippedAt !== null) expect(availability.streak).toHaveLength(limit);
  });
});

describe('a run with fewer than 3 steps to send', () => {
  it('is inconclusive once all of them got no answer (sends beyond the budget are no steps to send)', async () => {
    const { runSession } = await import('../support/run-session.ts');
    const { report } = await runSession({ mutate: () => 'destroy' }, {
      maxSends: 0, sleep: async () => undefined,
      filter: (step) => ['fixture:smsActive', 'missingFields:empty-object'].includes(step.scenario.name),
    });
    expect(report.results.filter((r) => r.observed !== null).map((r) => r.attempts?.length)).toEqual([3, 3]);
    expect([report.verdict, report.exitCode]).toEqual(['inconclusive', 3]);
  });
});
