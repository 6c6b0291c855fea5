// The code × operation matrix: for every catalog code, was it asserted (a scenario expecting it passed),
// only observed (seen in some answer), or unreached.
import { catalogOf, OPERATION_IDS, type OperationId } from '../catalog/index.ts';
import type { CoverageState, ScenarioResult } from '../results/model.ts';

export function coverageOf(results: readonly ScenarioResult[]): Record<OperationId, Record<string, CoverageState>> {
  const matrix = {} as Record<OperationId, Record<string, CoverageState>>;
  for (const op of OPERATION_IDS) {
    const mine = results.filter((r) => r.operation === op);
    matrix[op] = Object.fromEntries(catalogOf(op).map((entry): [string, CoverageState] => {
      if (mine.some((r) => r.verdict === 'pass' && r.expected.code === entry.code)) return [String(entry.code), 'asserted'];
      if (mine.some((r) => r.observed?.code === entry.code)) return [String(entry.code), 'observed'];
      return [String(entry.code), 'unreached'];
    }));
  }
  return matrix;
}

/** Codes of `required` left unasserted, per operation (only operations with a gap are listed). */
export function missingRequiredCodes(
  coverage: Record<string, Record<string, CoverageState>>,
  required: readonly number[],
): Record<string, number[]> {
  const missing: Record<string, number[]> = {};
  for (const [op, codes] of Object.entries(coverage)) {
    const gaps = required.filter((code) => code in codes && codes[String(code)] !== 'asserted');
    if (gaps.length) missing[op] = gaps;
  }
  return missing;
}
