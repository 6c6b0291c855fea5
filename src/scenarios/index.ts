// Every scenario of a run, in report order. Each runs against every operation of the spec.
import type { ScenarioContext } from './context.ts';
import { fixtureFreeScenarios } from './fixture-free-scenarios.ts';
import { fixtureStateScenarios } from './fixture-state-scenarios.ts';
import { malformedScenarios } from './malformed-scenarios.ts';
import type { Scenario } from './scenario.ts';
import { tlsScenarios } from './tls-scenarios.ts';

export type { Scenario, ScenarioKind } from './scenario.ts';
export type { ScenarioContext } from './context.ts';

export function buildScenarios(ctx: ScenarioContext): Scenario[] {
  const all = [...fixtureStateScenarios(ctx), ...fixtureFreeScenarios(ctx), ...tlsScenarios(ctx), ...malformedScenarios(ctx)];
  const names = all.map((s) => s.name);
  const repeated = names.filter((n, i) => names.indexOf(n) !== i);
  if (repeated.length) throw new Error(`Scenario names must be unique; repeated: ${repeated.join(', ')}.`);
  return all;
}
