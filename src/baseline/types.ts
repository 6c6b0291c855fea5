// A known divergence (interface.md, "Known-divergences file", `LEAN_BASELINE`).
import type { OperationId } from '../catalog/index.ts';

export interface BaselineEntry {
  operation: OperationId;
  /** Scenario name as in the results, e.g. `fixture:deviceNotActive`. */
  scenario: string;
  /** What the target answers instead of the expected outcome; null status/code as in conformance.json. */
  observed: { status: number | null; code: number | null };
  reason: string;
  /** Last day (inclusive, UTC) the entry applies, `YYYY-MM-DD`. */
  until: string;
}
