// Every scenario name a run can have, known without building a run: baseline entries and `--scenario` filters
// are checked against it. Malformed-input scenarios are numbered per run (`malformed:03:not-json`), so they
// are matched by their pattern.
import { FIXTURE_FREE_SCENARIOS, FIXTURE_STATE_NAMES } from '../catalog/index.ts';
import { PROVOCATION_REQUESTS } from './provocations.ts';

export const MALFORMED_KINDS = ['not-json', 'not-object', 'wrong-types', 'oversized', 'unknown-fields', 'wrong-content-type', 'empty-body'] as const;
export type MalformedKind = (typeof MALFORMED_KINDS)[number];

const MALFORMED_NAME = new RegExp(`^malformed:\\d{2,}:(?:${MALFORMED_KINDS.join('|')})$`);

/** Every name but the numbered malformed ones, in report order. */
export const STATIC_SCENARIO_NAMES: readonly string[] = [
  ...FIXTURE_STATE_NAMES.map((state) => `fixture:${state}`),
  ...FIXTURE_FREE_SCENARIOS.flatMap((name) => PROVOCATION_REQUESTS[name].map((r) => (r.variant ? `${name}:${r.variant}` : name))),
  'noClientCertificate',
];

export function isScenarioName(name: string): boolean {
  return STATIC_SCENARIO_NAMES.includes(name) || MALFORMED_NAME.test(name);
}
