// Every scenario name a run can have, known without building a run: baseline entries, `--scenario` filters and
// reports read back are checked here, and only here. Malformed-input steps are named by their kind and their index
// within the kind (`malformed:not-json` for the kind's fixed body, `malformed:not-json:2` for the second body drawn
// for it), never by anything the seed decides, so two runs with any seeds line up step by step.
import { FIXTURE_FREE_SCENARIOS, FIXTURE_STATE_NAMES } from '../catalog/index.ts';
import { PROVOCATION_REQUESTS } from './provocations.ts';

export const MALFORMED_KINDS = ['not-json', 'not-object', 'wrong-types', 'oversized', 'unknown-fields', 'wrong-content-type', 'empty-body'] as const;
export type MalformedKind = (typeof MALFORMED_KINDS)[number];

/** The kinds that get drawn bodies on top of their fixed one: `empty-body` has a single possible body. */
export const DRAWN_MALFORMED_KINDS: readonly MalformedKind[] = MALFORMED_KINDS.filter((kind) => kind !== 'empty-body');

/** Most bodies LEAN_MALFORMED_RUNS may ask for. */
export const MAX_MALFORMED_RUNS = 1000;
/** Highest index a drawn body can have. */
const MAX_DRAWN_INDEX = Math.ceil(MAX_MALFORMED_RUNS / DRAWN_MALFORMED_KINDS.length);

/** `malformed:not-json` (index 0: the kind's fixed body) or `malformed:not-json:3` (the third drawn for the kind). */
export function malformedScenarioName(kind: MalformedKind, index: number): string {
  return index === 0 ? `malformed:${kind}` : `malformed:${kind}:${index}`;
}

const MALFORMED_NAME = new RegExp(`^malformed:(${MALFORMED_KINDS.join('|')})(?::([1-9]\\d*))?$`);
/** The names the first two releases gave malformed steps (`malformed:03:not-json`, numbered in the run's drawing order). */
const EARLIER_MALFORMED_NAME = new RegExp(`^malformed:\\d{2,}:(?:${MALFORMED_KINDS.join('|')})$`);

/** Every name but the malformed ones, in report order. */
export const STATIC_SCENARIO_NAMES: readonly string[] = [
  ...FIXTURE_STATE_NAMES.map((state) => `fixture:${state}`),
  ...FIXTURE_FREE_SCENARIOS.flatMap((name) => PROVOCATION_REQUESTS[name].map((r) => (r.variant ? `${name}:${r.variant}` : name))),
  'noClientCertificate',
];

export interface NameOptions {
  /**
   * Also accept the names earlier releases of the suite wrote, for reports read back (`conformance:compare`,
   * LEAN_COMPARE_WITH): such a step simply lines up with nothing of this release. Never for baseline entries or
   * filters, which must name a step this release runs.
   */
  readonly earlierReleases?: boolean;
}

export function isScenarioName(name: string, options: NameOptions = {}): boolean {
  if (STATIC_SCENARIO_NAMES.includes(name)) return true;
  const malformed = MALFORMED_NAME.exec(name);
  if (malformed) {
    const index = malformed[2] === undefined ? 0 : Number(malformed[2]);
    return index <= MAX_DRAWN_INDEX && (index === 0 || malformed[1] !== 'empty-body');
  }
  return options.earlierReleases === true && EARLIER_MALFORMED_NAME.test(name);
}
