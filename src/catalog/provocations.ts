// How a conformance run provokes each code on purpose: the one walk over the catalogs' `provokedBy`. A code is
// provoked either by a holder in a fixture state or by a fixture-free scenario; the scenario names are the
// spec's `ConformanceScenario` enum, so they are a generated union type and every table keyed by it (request
// definitions, provider rules, pact interactions) fails the type check when the spec gains a name.
import type { components } from '../../spec/lean-send-otp.d.ts';
import { spec } from '../spec/document.ts';
import { catalogOf, type ErrorCode } from './error-codes.ts';
import { OPERATION_IDS, type OperationId } from './operations.ts';

export type FixtureFreeScenario = components['schemas']['ConformanceScenario'];

function readScenarioNames(): FixtureFreeScenario[] {
  const pointer = '#/components/schemas/ConformanceScenario/enum';
  const names = spec().components.schemas['ConformanceScenario']?.enum;
  if (!Array.isArray(names) || names.length === 0 || !names.every((n) => typeof n === 'string')) {
    throw new Error(`${pointer}: must list the fixture-free scenario names.`);
  }
  return names as FixtureFreeScenario[];
}

/** Every fixture-free scenario of the spec, in its order. */
export const FIXTURE_FREE_SCENARIOS: readonly FixtureFreeScenario[] = readScenarioNames();

export function isFixtureFreeScenario(name: string): name is FixtureFreeScenario {
  return (FIXTURE_FREE_SCENARIOS as readonly string[]).includes(name);
}

export interface Provocations {
  /** Fixture state → the code a holder in it is answered with (error states only). */
  readonly fixtureStates: ReadonlyMap<string, ErrorCode>;
  /** Fixture-free scenario → the code it provokes. */
  readonly scenarios: ReadonlyMap<FixtureFreeScenario, ErrorCode>;
}

/**
 * Walks both catalogs once. A state or scenario must provoke the same code in every catalog, every name the
 * catalogs cite must be known, and every fixture-free scenario must provoke some code: each is an error at start.
 */
function readProvocations(): Provocations {
  const fixtureStates = new Map<string, ErrorCode>();
  const scenarios = new Map<FixtureFreeScenario, ErrorCode>();
  for (const op of OPERATION_IDS) {
    for (const entry of catalogOf(op)) {
      const by = entry.provokedBy;
      if (!by) continue;
      const [map, name, kind] = 'fixtureState' in by
        ? [fixtureStates as Map<string, ErrorCode>, by.fixtureState, 'Fixture state']
        : [scenarios as Map<string, ErrorCode>, by.scenario, 'Scenario'];
      const seen = map.get(name);
      if (seen !== undefined && seen !== entry.code) {
        throw new Error(`${kind} ${name} provokes code ${seen} in one catalog and ${entry.code} in ${op}'s.`);
      }
      map.set(name, entry.code);
    }
  }
  const unprovoking = FIXTURE_FREE_SCENARIOS.filter((name) => !scenarios.has(name));
  if (unprovoking.length > 0) throw new Error(`ConformanceScenario names ${unprovoking.join(', ')}, which no catalog entry cites.`);
  return { fixtureStates, scenarios };
}

export const PROVOCATIONS: Provocations = readProvocations();

/** The code an operation's catalog documents for a fixture-free scenario. */
export function scenarioCode(op: OperationId, scenario: FixtureFreeScenario): ErrorCode {
  const entry = catalogOf(op).find((e) => e.provokedBy && 'scenario' in e.provokedBy && e.provokedBy.scenario === scenario);
  if (!entry) throw new Error(`The catalog of ${op} names no code for the scenario ${scenario} (provokedBy.scenario).`);
  return entry.code;
}

/** The codes of one operation's catalog that some scenario provokes (every code but 6), in catalog order. */
export function provokableCodes(op: OperationId): number[] {
  return catalogOf(op).filter((entry) => entry.provokedBy !== undefined).map((entry) => entry.code);
}

/** Every code that some scenario provokes on some operation. */
export function everyProvokableCode(): number[] {
  return [...new Set(OPERATION_IDS.flatMap(provokableCodes))];
}
