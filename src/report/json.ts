// `conformance.json` (interface.md, "Reports"): the model itself, keys in the order interface.md lists
// them so diffs between runs stay readable, then the documented extensions, then anything the model gains
// later (never dropped silently).
import type { ConformanceReport } from '../results/model.ts';

/** The shape of `conformance.json`, for tools that read it (vitest exports `JsonTestResults` likewise). */
export type ConformanceJson = ConformanceReport;

export const REPORT_KEYS = [
  'verdict', 'target', 'startedAt', 'durationMs', 'summary', 'results', 'coverage', 'sends',
  'seed', 'baseline', 'requiredCodesMissing', 'checksOff', 'exitCode', 'interrupted', 'targetUnreachable',
  'unexpectedDeliveries', 'successAsserted', 'catalog', 'comparison', 'diagnosis',
] as const satisfies readonly (keyof ConformanceReport)[];
export const SUMMARY_KEYS = ['passed', 'failed', 'skipped', 'known', 'retried', 'recovered', 'intermittent'] as const;
export const RESULT_KEYS = [
  'operation', 'scenario', 'expected', 'observed', 'verdict', 'reason', 'durationMs', 'attempts', 'confirmation', 'failures', 'request',
] as const;
export const EXPECTED_KEYS = ['status', 'code'] as const;
export const OBSERVED_KEYS = ['status', 'code', 'bodyBytes', 'transportError'] as const;
export const FAILURE_KEYS = ['check', 'title', 'message'] as const;

type Json = Record<string, unknown>;

/** A copy of `value` with `keys` first, in that order, then its other keys; absent keys stay absent. */
function ordered(value: object, keys: readonly string[]): Json {
  // Whatever is not an object is written as it is: a renderer never throws on what a report holds.
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return value as unknown as Json;
  const source = value as Json;
  const out: Json = {};
  for (const key of keys) if (key in source) out[key] = source[key];
  for (const [key, inner] of Object.entries(source)) if (!(key in out)) out[key] = inner;
  return out;
}

function orderedOrNull(value: object | null, keys: readonly string[]): Json | null {
  return value === null ? null : ordered(value, keys);
}

export function toConformanceJson(report: ConformanceReport): Json {
  return ordered(
    {
      ...report,
      summary: ordered(report.summary, SUMMARY_KEYS),
      results: report.results.map((r) => ordered(
        {
          ...r,
          expected: ordered(r.expected, EXPECTED_KEYS),
          observed: orderedOrNull(r.observed, OBSERVED_KEYS),
          ...(r.failures ? { failures: r.failures.map((f) => ordered(f, FAILURE_KEYS)) } : {}),
        },
        RESULT_KEYS,
      )),
    },
    REPORT_KEYS,
  );
}

export function renderJson(report: ConformanceReport): string {
  return `${JSON.stringify(toConformanceJson(report), null, 2)}\n`;
}
